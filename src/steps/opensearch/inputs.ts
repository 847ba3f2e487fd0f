import { javaHashMapOrder } from '../../workflows/use-cases/java-compat';
import type { StepContext } from '../sdk/step-type';
import { StepError } from '../sdk/step-type';

/** A 400 from the step itself (FF: IllegalArgumentException → WorkflowStepException, BAD_REQUEST). */
export const badInput = (message: string) => new StepError(message, 'WorkflowStepException', 'BAD_REQUEST');

export function text(inputs: Record<string, unknown>, key: string): string | undefined {
  const v = inputs[key];
  if (v === undefined || v === null) return undefined;
  return typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** A required input as text (resolveInputs already refused missing required keys). */
export const required = (inputs: Record<string, unknown>, key: string): string => text(inputs, key) ?? '';

/** FF's Booleans.parseBoolean: only true/false (any case of the string is not accepted by FF either). */
export function bool(inputs: Record<string, unknown>, key: string): boolean | undefined {
  const v = inputs[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'boolean') return v;
  if (v === 'true') return true;
  if (v === 'false') return false;
  throw badInput(`Failed to parse value [${String(v)}] as only [true] or [false] are allowed.`);
}

/** Java's Boolean.parseBoolean (FF's ParseUtils.parseIfExists): "true" in any case is true, anything else false. */
export function lenientBool(inputs: Record<string, unknown>, key: string): boolean | undefined {
  const v = inputs[key];
  if (v === undefined || v === null) return undefined;
  return String(v).toLowerCase() === 'true';
}

export function int(inputs: Record<string, unknown>, key: string): number | undefined {
  const v = inputs[key];
  if (v === undefined || v === null) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n)) throw badInput(`For input string: "${String(v)}"`);
  return n;
}

/** A JSON object input: `configurations`, `interface`, `llm` arrive as JSON text (FF quirk), others as objects. */
export function jsonObject(value: unknown, name: string): Record<string, unknown> {
  let v = value;
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v);
    } catch (e) {
      throw badInput(`Failed to parse ${name}: ${(e as Error).message}`);
    }
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw badInput(`[${name}] must be a JSON object`);
  return v as Record<string, unknown>;
}

/** A string → string map (FF's getStringToStringMap); nested values become JSON text. */
export function stringMap(value: unknown, name: string): Record<string, string> {
  if (value === undefined || value === null) return {};
  const map = jsonObject(value, name);
  return Object.fromEntries(Object.entries(map).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
}

/**
 * A string map whose values the template parser may have flattened to JSON text (`{"a":"b"}`, `[1,2]`, `true`, `5`):
 * they are read back, so that the cluster gets the structure the template author wrote.
 */
export function revive(map: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(map).map(([k, v]) => {
      if (typeof v !== 'string' || !/^\s*[[{]/.test(v)) return [k, v];
      try {
        return [k, JSON.parse(v)];
      } catch {
        return [k, v];
      }
    }),
  );
}

/** A list input: an array, a JSON array as text, or comma-separated text. */
export function stringList(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string' && value.trim().startsWith('[')) {
    try {
      return stringList(JSON.parse(value));
    } catch {
      // not JSON: comma-separated below
    }
  }
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
  return String(value)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Copies the defined entries of `from` into a request body. */
export function defined(from: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(from).filter(([, v]) => v !== undefined));
}

// ---------------------------------------------------------------------------------------------------------------
// Wiring between nodes (create_tool, register_agent): Flow Framework reads the node's previous_node_inputs and the
// outputs of its predecessors directly, not only the resolved inputs.

/** What the engine hands a step about its predecessors (see the SDK's StepContext). */
interface WiringContext {
  /** `{ <predecessor node id>: <output key> }`, the node's previous_node_inputs. */
  previousNodeInputs?: Record<string, string>;
  /** The outputs of the node's direct predecessors, by node id. */
  predecessorOutputs?: Record<string, Record<string, unknown>> | Map<string, Record<string, unknown>>;
}

/**
 * The predecessors whose previous_node_inputs value is `key`, in the order Flow Framework iterates them (the node's
 * previous_node_inputs is a java.util.HashMap).
 */
export function predecessorsMappedTo(ctx: StepContext, key: string): string[] {
  const pni = (ctx as StepContext & WiringContext).previousNodeInputs ?? {};
  return javaHashMapOrder(Object.keys(pni)).filter((id) => pni[id] === key);
}

export function predecessorOutput(ctx: StepContext, nodeId: string): Record<string, unknown> | undefined {
  const outputs = (ctx as StepContext & WiringContext).predecessorOutputs;
  if (!outputs) return undefined;
  return outputs instanceof Map ? outputs.get(nodeId) : outputs[nodeId];
}

/** Whether the engine passed the wiring data (previous_node_inputs and predecessor outputs by node). */
export const hasWiring = (ctx: StepContext) => (ctx as StepContext & WiringContext).predecessorOutputs !== undefined;
