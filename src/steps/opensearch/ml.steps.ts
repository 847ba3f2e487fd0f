import { Injectable } from '@nestjs/common';
import type { CreatedResource, DeprovisionOutcome, RecordedResource, StepContext, StepResult } from '../sdk/step-type';
import { StepError, StepTypeProvider } from '../sdk/step-type';
import { badInput, bool, defined, jsonObject, lenientBool, required, revive, stringList, stringMap, text } from './inputs';
import {
  CREATE_CONNECTOR_STEP,
  DELETE_CONNECTOR_STEP,
  DELETE_MODEL_STEP,
  DEPLOY_MODEL_STEP,
  REGISTER_LOCAL_CUSTOM_MODEL_STEP,
  REGISTER_LOCAL_PRETRAINED_MODEL_STEP,
  REGISTER_LOCAL_SPARSE_ENCODING_MODEL_STEP,
  REGISTER_MODEL_GROUP_STEP,
  REGISTER_REMOTE_MODEL_STEP,
  UNDEPLOY_MODEL_STEP,
} from './ml.definition';
import { enc, OpenSearchClient } from './opensearch-client';
import { OpenSearchStep, simulatedDeploy } from './opensearch-step';

const ML = '/_plugins/_ml';

/** Backend roles and access mode, common to connectors, models and model groups. */
function access(inputs: Record<string, unknown>) {
  return {
    backend_roles: stringList(inputs.backend_roles),
    add_all_backend_roles: bool(inputs, 'add_all_backend_roles'),
    access_mode: text(inputs, 'access_mode'),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Connectors

/** `create_connector`: POST /_plugins/_ml/connectors/_create (credential decrypted); records connector_id. */
@StepTypeProvider()
@Injectable()
export class CreateConnectorStep extends OpenSearchStep {
  readonly definition = CREATE_CONNECTOR_STEP;

  async provision(ctx: StepContext): Promise<StepResult> {
    const i = ctx.inputs;
    const body = defined({
      name: required(i, 'name'),
      description: required(i, 'description'),
      version: required(i, 'version'),
      protocol: required(i, 'protocol'),
      parameters: stringMap(i.parameters, 'parameters'),
      credential: stringMap(i.credential, 'credential'),
      actions: actions(i.actions),
      ...access(i),
      client_config: i.client_config === undefined ? undefined : revive(stringMap(i.client_config, 'client_config')),
      url: text(i, 'url'),
      headers: i.headers === undefined ? undefined : stringMap(i.headers, 'headers'),
    });
    const res = await this.os.call('POST', `${ML}/connectors/_create`, { body, signal: ctx.signal, failure: 'Failed to create connector' });
    const id = String(res.json?.connector_id ?? '');
    if (!id) throw new StepError('Failed to create connector', 'WorkflowStepException', 'INTERNAL_SERVER_ERROR');
    return { outputs: { connector_id: id }, resources: [{ type: 'connector_id', id }] };
  }

  async deprovision(resource: RecordedResource, signal: AbortSignal): Promise<DeprovisionOutcome> {
    const id = resource.resourceId;
    // ML Commons refuses (409) while a model still uses the connector: a later deprovision pass retries.
    return this.remove('DELETE', `${ML}/connectors/${enc(id)}`, signal, `Failed to delete connector ${id}`);
  }
}

/** `actions`: a list of maps (JSON text when it came through a substitution). */
function actions(value: unknown): unknown[] {
  let list = value;
  if (typeof list === 'string') {
    try {
      list = JSON.parse(list);
    } catch {
      throw badInput('[actions] must be an array of key-value maps.');
    }
  }
  // As the template parser left them: headers a map, request_body and the process functions text (kept as text:
  // a request body template must reach ML Commons as a string).
  if (!Array.isArray(list) || list.some((a) => !a || typeof a !== 'object')) throw badInput('[actions] must be an array of key-value maps.');
  return list;
}

/** `delete_connector` (templates, reprovision): DELETE the connector; outputs connector_id. */
@StepTypeProvider()
@Injectable()
export class DeleteConnectorStep extends OpenSearchStep {
  readonly definition = DELETE_CONNECTOR_STEP;

  async provision(ctx: StepContext): Promise<StepResult> {
    const id = required(ctx.inputs, 'connector_id');
    await this.os.call('DELETE', `${ML}/connectors/${enc(id)}`, { signal: ctx.signal, failure: `Failed to delete connector ${id}` });
    return { outputs: { connector_id: id }, resources: [] };
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Models

/** `interface` (JSON text) → the string map ML Commons takes (nested values as JSON text). */
function modelInterface(value: unknown): Record<string, string> {
  try {
    return stringMap(value, 'interface');
  } catch {
    throw badInput('Failed to create model interface');
  }
}

/** What every register request may carry. */
function registerCommon(i: Record<string, unknown>) {
  return {
    description: text(i, 'description'),
    model_group_id: text(i, 'model_group_id'),
    is_enabled: bool(i, 'is_enabled'),
    rate_limiter: i.rate_limiter === undefined ? undefined : revive(stringMap(i.rate_limiter, 'rate_limiter')),
    deploy_setting: i.deploy_setting === undefined ? undefined : revive(stringMap(i.deploy_setting, 'deploy_setting')),
    guardrails: i.guardrails === undefined ? undefined : typeof i.guardrails === 'string' ? jsonObject(i.guardrails, 'guardrails') : i.guardrails,
    ...access(i),
    model_node_ids: stringList(i.model_node_ids),
  };
}

/** Outputs and resources of a registered model; `deploy: true` adds FF's simulated deploy_model entry. */
function registered(modelId: string, status: string, deploy: boolean | undefined): StepResult {
  const resources: CreatedResource[] = [{ type: 'model_id', id: modelId }];
  if (deploy) resources.push(simulatedDeploy(modelId));
  return { outputs: { model_id: modelId, register_model_status: status }, resources };
}

/** Base of the register steps: their deprovision deletes the model (refused by ML Commons while it is deployed). */
abstract class ModelStep extends OpenSearchStep {
  async deprovision(resource: RecordedResource, signal: AbortSignal): Promise<DeprovisionOutcome> {
    return this.remove('DELETE', `${ML}/models/${enc(resource.resourceId)}`, signal, `Failed to delete model ${resource.resourceId}`);
  }
}

/** `register_remote_model`: registers a model on a connector (deploys it with `deploy: true`); records model_id. */
@StepTypeProvider()
@Injectable()
export class RegisterRemoteModelStep extends ModelStep {
  readonly definition = REGISTER_REMOTE_MODEL_STEP;

  async provision(ctx: StepContext): Promise<StepResult> {
    const i = ctx.inputs;
    const deploy = bool(i, 'deploy');
    const body = defined({
      name: required(i, 'name'),
      function_name: 'remote',
      connector_id: required(i, 'connector_id'),
      ...registerCommon(i),
      interface: i.interface === undefined ? undefined : modelInterface(i.interface),
    });
    const res = await this.os.call('POST', `${ML}/models/_register`, {
      query: { deploy: deploy || undefined },
      body,
      signal: ctx.signal,
      failure: 'Failed to register remote model',
    });
    let modelId = res.json?.model_id as string | undefined;
    // Clusters before 2.12 answer with a task only.
    if (!modelId && res.json?.task_id) modelId = (await this.os.waitForTask(res.json.task_id, 'Remote model registration', ctx.signal)).model_id;
    if (!modelId) throw new StepError('Failed to register remote model', 'WorkflowStepException', 'INTERNAL_SERVER_ERROR');
    return registered(modelId, String(res.json?.status ?? 'CREATED'), deploy);
  }
}

/** The register_local_* steps: POST _register, then the task is polled until the model exists. */
abstract class RegisterLocalModelStep extends ModelStep {
  protected abstract body(i: Record<string, unknown>): Record<string, unknown>;

  async provision(ctx: StepContext): Promise<StepResult> {
    const i = ctx.inputs;
    const deploy = lenientBool(i, 'deploy'); // FF: ParseUtils.parseIfExists(Boolean.class)
    const body = defined({
      name: required(i, 'name'),
      version: required(i, 'version'),
      model_format: required(i, 'model_format'),
      ...this.body(i),
      ...registerCommon(i),
    });
    const res = await this.os.call('POST', `${ML}/models/_register`, {
      query: { deploy: deploy || undefined },
      body,
      signal: ctx.signal,
      failure: `Failed to register local model in step ${ctx.nodeId}`,
    });
    const taskId = res.json?.task_id;
    if (!taskId) throw new StepError(`Failed to register local model in step ${ctx.nodeId}`, 'WorkflowStepException', 'INTERNAL_SERVER_ERROR');
    const task = await this.os.waitForTask(String(taskId), 'Local model registration', ctx.signal);
    if (!task.model_id) throw new StepError('Failed to parse and update new created resource', 'FlowFrameworkException', 'INTERNAL_SERVER_ERROR');
    return registered(task.model_id, task.state ?? 'COMPLETED', deploy);
  }
}

/** `register_local_custom_model`: a model from `url` with `model_config` (or FF's top-level model_type & co). */
@StepTypeProvider()
@Injectable()
export class RegisterLocalCustomModelStep extends RegisterLocalModelStep {
  readonly definition = REGISTER_LOCAL_CUSTOM_MODEL_STEP;

  protected body(i: Record<string, unknown>) {
    let config: Record<string, unknown> | undefined;
    const [modelType, dimension, framework] = [text(i, 'model_type'), text(i, 'embedding_dimension'), text(i, 'framework_type')];
    if (i.model_config !== undefined) {
      // The parser flattened nested values to text: additional_config goes back to a map, all_config stays text.
      const { all_config: allConfig, ...rest } = stringMap(i.model_config, 'model_config');
      config = defined({ ...revive(rest), all_config: allConfig });
      if (typeof config.embedding_dimension === 'string' && /^\d+$/.test(config.embedding_dimension)) config.embedding_dimension = Number(config.embedding_dimension);
    }
    else if (modelType !== undefined && dimension !== undefined && framework !== undefined) {
      config = { model_type: modelType, embedding_dimension: Number(dimension), framework_type: framework };
    }
    if (config && i.all_config !== undefined) config.all_config = text(i, 'all_config');
    return {
      function_name: text(i, 'function_name'),
      model_content_hash_value: text(i, 'model_content_hash_value'),
      url: text(i, 'url'),
      model_config: config,
      interface: i.interface === undefined ? undefined : modelInterface(i.interface),
    };
  }
}

/** `register_local_pretrained_model`: a model of the OpenSearch pretrained repository. */
@StepTypeProvider()
@Injectable()
export class RegisterLocalPretrainedModelStep extends RegisterLocalModelStep {
  readonly definition = REGISTER_LOCAL_PRETRAINED_MODEL_STEP;

  protected body(i: Record<string, unknown>) {
    return { interface: i.interface === undefined ? undefined : modelInterface(i.interface) };
  }
}

/** `register_local_sparse_encoding_model`: a pretrained sparse encoding model. */
@StepTypeProvider()
@Injectable()
export class RegisterLocalSparseEncodingModelStep extends RegisterLocalModelStep {
  readonly definition = REGISTER_LOCAL_SPARSE_ENCODING_MODEL_STEP;

  protected body(i: Record<string, unknown>) {
    return {
      function_name: text(i, 'function_name'),
      model_content_hash_value: text(i, 'model_content_hash_value'),
      url: text(i, 'url'),
    };
  }
}

/** `register_model_group`: records model_group_id, which deprovision leaves on the cluster (FF: noop). */
@StepTypeProvider()
@Injectable()
export class RegisterModelGroupStep extends OpenSearchStep {
  readonly definition = REGISTER_MODEL_GROUP_STEP;

  async provision(ctx: StepContext): Promise<StepResult> {
    const i = ctx.inputs;
    const body = defined({ name: required(i, 'name'), description: text(i, 'description'), ...access(i) });
    const res = await this.os.call('POST', `${ML}/model_groups/_register`, { body, signal: ctx.signal, failure: 'Failed to register model group' });
    const id = String(res.json?.model_group_id ?? '');
    if (!id) throw new StepError('Failed to register model group', 'WorkflowStepException', 'INTERNAL_SERVER_ERROR');
    return { outputs: { model_group_id: id, model_group_status: String(res.json?.status ?? 'CREATED') }, resources: [{ type: 'model_group_id', id }] };
  }

  async deprovision(): Promise<DeprovisionOutcome> {
    return 'deleted'; // the group is kept (FF deprovisions it with noop)
  }
}

/** `deploy_model`: POST _deploy and polls the task; records model_id; deprovision undeploys it. */
@StepTypeProvider()
@Injectable()
export class DeployModelStep extends OpenSearchStep {
  readonly definition = DEPLOY_MODEL_STEP;

  async provision(ctx: StepContext): Promise<StepResult> {
    const id = required(ctx.inputs, 'model_id');
    const res = await this.os.call('POST', `${ML}/models/${enc(id)}/_deploy`, { signal: ctx.signal, failure: 'Failed to deploy model' });
    const taskId = res.json?.task_id;
    if (taskId) await this.os.waitForTask(String(taskId), 'Deploy model', ctx.signal);
    return { outputs: { model_id: id }, resources: [{ type: 'model_id', id }] };
  }

  async deprovision(resource: RecordedResource, signal: AbortSignal): Promise<DeprovisionOutcome> {
    return undeploy(this.os, resource.resourceId, signal, true);
  }
}

/**
 * POST _undeploy. 404 → not found (when `notFoundOk`). ML Commons answers per node; a node failure fails the
 * step as FF's UndeployModelStep does ("Failed to undeploy model").
 */
async function undeploy(os: OpenSearchClient, id: string, signal: AbortSignal, notFoundOk: boolean): Promise<DeprovisionOutcome> {
  const res = await os.call('POST', `${ML}/models/${enc(id)}/_undeploy`, { signal, failure: `Failed to undeploy model ${id}`, accept: notFoundOk ? [404] : [] });
  if (res.status === 404) return 'not_found';
  const failures = res.json?._nodes?.failures ?? res.json?.failures;
  if (Array.isArray(failures) && failures.length) throw new StepError(`Failed to undeploy model ${id}`, 'WorkflowStepException', 'INTERNAL_SERVER_ERROR');
  return 'deleted';
}

/** `undeploy_model` (templates, reprovision): outputs `success`. */
@StepTypeProvider()
@Injectable()
export class UndeployModelStep extends OpenSearchStep {
  readonly definition = UNDEPLOY_MODEL_STEP;

  async provision(ctx: StepContext): Promise<StepResult> {
    await undeploy(this.os, required(ctx.inputs, 'model_id'), ctx.signal, false);
    return { outputs: { success: true }, resources: [] };
  }
}

/** `delete_model` (templates, reprovision): DELETE the model; outputs model_id. */
@StepTypeProvider()
@Injectable()
export class DeleteModelStep extends OpenSearchStep {
  readonly definition = DELETE_MODEL_STEP;

  async provision(ctx: StepContext): Promise<StepResult> {
    const id = required(ctx.inputs, 'model_id');
    await this.os.call('DELETE', `${ML}/models/${enc(id)}`, { signal: ctx.signal, failure: `Failed to delete model ${id}` });
    return { outputs: { model_id: id }, resources: [] };
  }
}
