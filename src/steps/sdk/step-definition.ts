/**
 * What a step type declares about itself: pure data, importable by the api process (validation, `_steps`) without
 * loading the code that talks to targets.
 */
export interface ResourceTypeDeclaration {
  /** e.g. `connector_id`, `index_name`, `http_resource`. */
  name: string;
  /** Holds data: deprovision deletes it only when its id is listed in `allow_delete`. */
  protected?: boolean;
}

export interface StepDefinition {
  name: string;
  /** Required inputs. */
  inputs: string[];
  /** What `_steps` lists as inputs when Flow Framework's list differs from the required inputs (default: `inputs`). */
  stepsInputs?: string[];
  /** Inputs the step reads when present. */
  optionalInputs?: string[];
  outputs: string[];
  requiredPlugins: string[];
  resourceTypes: ResourceTypeDeclaration[];
  /** Default per-node timeout, as a duration string (`10s`, `1m`); `node_timeout` in user_inputs overrides it. */
  timeout: string;
  /** Whether `_steps` shows the timeout (Flow Framework shows it only for some step types). */
  showTimeout?: boolean;
  /** A second provision of the same node after a crash creates no duplicate on the target. */
  idempotent: boolean;
  /** Reprovision can change a node of this type in place (the step implements `update`). */
  updatable: boolean;
}

/** The `_steps` entry of a step type, as Flow Framework renders it. */
export function renderStepDefinition(def: StepDefinition): Record<string, unknown> {
  return {
    inputs: def.stepsInputs ?? def.inputs,
    outputs: def.outputs,
    required_plugins: def.requiredPlugins,
    ...(def.showTimeout ? { timeout: def.timeout } : {}),
  };
}
