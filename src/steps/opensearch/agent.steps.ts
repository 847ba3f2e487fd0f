import { Injectable } from '@nestjs/common';
import type { DeprovisionOutcome, RecordedResource, StepContext, StepResult } from '../sdk/step-type';
import { StepError, StepTypeProvider } from '../sdk/step-type';
import { CREATE_TOOL_STEP, DELETE_AGENT_STEP, REGISTER_AGENT_STEP } from './agent.definition';
import { badInput, defined, hasWiring, jsonObject, lenientBool, predecessorOutput, predecessorsMappedTo, required, revive, stringList, stringMap, text } from './inputs';
import { enc } from './opensearch-client';
import { OpenSearchStep } from './opensearch-step';

const AGENTS = '/_plugins/_ml/agents';

/** The parameters a tool takes from the predecessor that previous_node_inputs maps to them (FF's ToolStep). */
const TOOL_PARAMETER_KEYS = ['connector_id', 'model_id', 'agent_id'];

/**
 * `create_tool`: an ML Commons tool spec for a later register_agent, output as `tools`. No call to the cluster,
 * nothing recorded.
 */
@StepTypeProvider()
@Injectable()
export class CreateToolStep extends OpenSearchStep {
  readonly definition = CREATE_TOOL_STEP;

  async provision(ctx: StepContext): Promise<StepResult> {
    const i = ctx.inputs;
    const parameters = stringMap(i.parameters, 'parameters');
    for (const key of TOOL_PARAMETER_KEYS) {
      const [from] = predecessorsMappedTo(ctx, key);
      const value = from === undefined ? undefined : predecessorOutput(ctx, from)?.[key];
      if (value !== undefined && !(key in parameters)) parameters[key] = String(value);
    }
    const tool = defined({
      type: required(i, 'type'),
      name: text(i, 'name'),
      description: text(i, 'description'),
      parameters,
      include_output_in_agent_response: lenientBool(i, 'include_output_in_agent_response'),
      config: i.config === undefined ? undefined : stringMap(i.config, 'config'),
      attributes: i.attributes === undefined ? undefined : revive(stringMap(i.attributes, 'attributes')),
      runtime_resources: i.runtime_resources === undefined ? undefined : revive(stringMap(i.runtime_resources, 'runtime_resources')),
    });
    return { outputs: { tools: tool }, resources: [] };
  }
}

/**
 * `register_agent`: POST /_plugins/_ml/agents/_register; records agent_id. Tools: the outputs of every predecessor
 * mapped to `tools`, those named in `tools_order` first. `llm.model_id`: the `llm` input (JSON text), else the
 * predecessor mapped to `model_id`.
 */
@StepTypeProvider()
@Injectable()
export class RegisterAgentStep extends OpenSearchStep {
  readonly definition = REGISTER_AGENT_STEP;

  async provision(ctx: StepContext): Promise<StepResult> {
    const i = ctx.inputs;
    const body = defined({
      name: required(i, 'name'),
      type: required(i, 'type'),
      description: text(i, 'description'),
      llm: llmSpec(ctx),
      tools: tools(ctx),
      parameters: stringMap(i.parameters, 'parameters'),
      memory: memorySpec(i.memory),
      app_type: text(i, 'app_type'),
      context_management_name: text(i, 'context_management_name'),
      context_management: parsed(i.context_management, 'context_management'),
      model: parsed(i.model, 'model'),
    });
    const res = await this.os.call('POST', `${AGENTS}/_register`, { body, signal: ctx.signal, failure: 'Failed to register the agent' });
    const id = String(res.json?.agent_id ?? '');
    if (!id) throw new StepError('Failed to register the agent', 'WorkflowStepException', 'INTERNAL_SERVER_ERROR');
    return { outputs: { agent_id: id }, resources: [{ type: 'agent_id', id }] };
  }

  async deprovision(resource: RecordedResource, signal: AbortSignal): Promise<DeprovisionOutcome> {
    return this.remove('DELETE', `${AGENTS}/${enc(resource.resourceId)}`, signal, `Failed to delete agent ${resource.resourceId}`);
  }
}

function tools(ctx: StepContext): unknown[] {
  // Without the engine's wiring data only the resolved `tools` input is known (a single predecessor's tool).
  if (!hasWiring(ctx)) return ctx.inputs.tools === undefined ? [] : [ctx.inputs.tools];
  const order = stringList(ctx.inputs.tools_order) ?? [];
  const nodes = [...order, ...predecessorsMappedTo(ctx, 'tools').filter((id) => !order.includes(id))];
  return nodes.map((id) => predecessorOutput(ctx, id)?.tools).filter((t) => t !== undefined);
}

function llmSpec(ctx: StepContext): Record<string, unknown> | undefined {
  let modelId: string | undefined;
  let parameters: Record<string, string> = {};
  if (ctx.inputs.llm !== undefined) {
    const llm = jsonObject(ctx.inputs.llm, 'llm');
    modelId = typeof llm.model_id === 'string' ? llm.model_id : undefined;
    if (llm.parameters !== undefined) {
      const p = llm.parameters;
      if (!p || typeof p !== 'object' || Array.isArray(p) || Object.values(p).some((v) => typeof v !== 'string')) {
        throw badInput('llm parameters must be a map of strings');
      }
      parameters = p as Record<string, string>;
    }
  }
  if (modelId === undefined) {
    const [from] = predecessorsMappedTo(ctx, 'model_id');
    const value = from === undefined ? undefined : predecessorOutput(ctx, from)?.model_id;
    if (value !== undefined) modelId = String(value);
  }
  return modelId === undefined ? undefined : { model_id: modelId, parameters };
}

/** `memory`: `{type, session_id?, window_size?}`; FF refuses a memory without type (with this very message). */
function memorySpec(value: unknown): Record<string, unknown> | undefined {
  if (value === undefined) return undefined;
  const m = stringMap(value, 'memory');
  if (m.type === undefined) throw badInput('agent name is null');
  return defined({ type: m.type, session_id: m.session_id, window_size: m.window_size === undefined ? undefined : Number(m.window_size) });
}

const parsed = (value: unknown, name: string) => (value === undefined ? undefined : jsonObject(value, name));

/** `delete_agent` (templates, reprovision): DELETE the agent; outputs agent_id. */
@StepTypeProvider()
@Injectable()
export class DeleteAgentStep extends OpenSearchStep {
  readonly definition = DELETE_AGENT_STEP;

  async provision(ctx: StepContext): Promise<StepResult> {
    const id = required(ctx.inputs, 'agent_id');
    await this.os.call('DELETE', `${AGENTS}/${enc(id)}`, { signal: ctx.signal, failure: `Failed to delete agent ${id}` });
    return { outputs: { agent_id: id }, resources: [] };
  }
}
