import type { StepDefinition } from '../steps/sdk/step-definition';
import { StepError } from '../steps/sdk/step-type';
import type { WorkflowNode } from '../workflows/template/template.types';

/** `${{ node_id.key }}`: an output of a direct predecessor (node ids of word characters only, as Flow Framework). */
const OUTPUT_REF = /\$\{\{\s*([\w_]+)\.([\w_]+)\s*\}\}/g;

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Replacements are JSON-escaped, so a value dropped into a JSON string input stays valid JSON. */
const jsonEscape = (s: string) => s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

/**
 * Flow Framework's `conditionallySubstitute` (API.md §2.12): predecessor outputs first (string values only; an
 * unresolved reference stays as written), then provision parameters, whose keys may contain dots.
 */
export function substitute(text: string, predecessorOutputs: Map<string, Record<string, unknown>>, params: Record<string, string>): string {
  let out = text.replace(OUTPUT_REF, (whole, nodeId: string, key: string) => {
    const value = predecessorOutputs.get(nodeId)?.[key];
    return typeof value === 'string' ? value : whole;
  });
  if (!out.includes('${{')) return out;
  for (const [key, value] of Object.entries(params)) {
    out = out.replace(new RegExp(`\\$\\{\\{\\s*${escapeRegex(key)}\\s*\\}\\}`, 'g'), () => jsonEscape(value));
  }
  return out;
}

/** Substitution applies to strings, to the values of a map input and to the items of a list input. */
function substituteValue(value: unknown, outputs: Map<string, Record<string, unknown>>, params: Record<string, string>): unknown {
  if (typeof value === 'string') return substitute(value, outputs, params);
  if (Array.isArray(value)) return value.map((item) => (typeof item === 'string' ? substitute(item, outputs, params) : item));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, typeof v === 'string' ? substitute(v, outputs, params) : v]),
    );
  }
  return value;
}

export interface InputSources {
  workflowId: string;
  node: WorkflowNode;
  userParams: Record<string, unknown>;
  /** Outputs of the node's direct predecessors, in the order they are listed in the graph. */
  predecessorOutputs: Map<string, Record<string, unknown>>;
  params: Record<string, string>;
}

/**
 * The inputs a step receives (Flow Framework's `getInputsFromPreviousSteps`): for each declared key, the first of
 * 1. the predecessor whose `previous_node_inputs` value names the key, 2. `user_params`, 3. `user_inputs`,
 * 4. any predecessor output with that key; then `${{ }}` substitution. Undeclared user inputs are ignored.
 */
export function resolveInputs(def: StepDefinition, src: InputSources): Record<string, unknown> {
  const inputs: Record<string, unknown> = {};
  const missing: string[] = [];
  const keys = [...def.inputs, ...(def.optionalInputs ?? [])];
  for (const key of keys) {
    const value = findInput(key, src);
    if (value === undefined) {
      if (def.inputs.includes(key)) missing.push(key);
      continue;
    }
    inputs[key] = substituteValue(value, src.predecessorOutputs, src.params);
  }
  if (missing.length) {
    throw new StepError(`Missing required inputs [${missing.join(', ')}] in workflow [${src.workflowId}] node [${src.node.id}]`);
  }
  return inputs;
}

function findInput(key: string, src: InputSources): unknown {
  for (const [predecessor, outputKey] of Object.entries(src.node.previous_node_inputs)) {
    if (outputKey === key) {
      const value = src.predecessorOutputs.get(predecessor)?.[key];
      if (value !== undefined) return value;
    }
  }
  if (src.userParams[key] !== undefined) return src.userParams[key];
  if (src.node.user_inputs[key] !== undefined) return src.node.user_inputs[key];
  for (const outputs of src.predecessorOutputs.values()) if (outputs[key] !== undefined) return outputs[key];
  return undefined;
}
