/**
 * A workflow template as Flow Framework stores it: already normalised by `parseTemplate` (defaults filled in,
 * edges inferred from `previous_node_inputs`, `user_inputs` values typed the way the plugin's parser types them).
 */
export interface WorkflowTemplate {
  name: string;
  description: string;
  use_case: string;
  /** Present only when the template names a version or a non-empty compatibility list (as FF's toXContent). */
  version?: TemplateVersion;
  /** Keyed by workflow name; only `provision` is ever executed, the others are stored (and validated). */
  workflows: Record<string, WorkflowGraph>;
  /** Opaque UI state; present only when non-empty (FF neither stores nor returns an empty one). */
  ui_metadata?: Record<string, unknown>;
}

export interface TemplateVersion {
  /** An OpenSearch-style version, `X.Y.Z`. */
  template?: string;
  /** Present only when non-empty. */
  compatibility?: string[];
}

export interface WorkflowGraph {
  /** String to string (FF parses every value as text). */
  user_params: Record<string, unknown>;
  nodes: WorkflowNode[];
  /** Explicit edges first, then the ones inferred from `previous_node_inputs`. */
  edges: WorkflowEdge[];
}

export interface WorkflowNode {
  id: string;
  type: string;
  /** `{ <predecessor node id>: <output key of that predecessor> }` */
  previous_node_inputs: Record<string, string>;
  /**
   * Strings, numbers and booleans keep their type; `configurations`, `interface` and `llm` objects are JSON strings;
   * `guardrails` is kept as given; other objects are string maps; `processors` is `{type, params}[]`;
   * `tools_order` is `string[]`; other arrays are arrays of flat maps (see template-parser.ts).
   */
  user_inputs: Record<string, unknown>;
}

export interface WorkflowEdge {
  source: string;
  dest: string;
}

/** The fields a PUT `?update_fields=true` body may carry; absent keys are `undefined`. */
export interface TemplateFieldUpdate {
  name?: string;
  description?: string;
  use_case?: string;
  version?: TemplateVersion;
  /** `{}` clears the stored metadata (FF replaces, never merges). */
  ui_metadata?: Record<string, unknown>;
}

/** What a step type declares, as served by `GET …/workflow/_steps` (only inputs and outputs matter here). */
export interface StepSignature {
  inputs: string[];
  outputs: string[];
}

/** Looks a step type up in the catalogue; `undefined` means the type is not implemented. */
export type StepCatalogue = (type: string) => StepSignature | undefined;

export interface SortOptions {
  /** Printed in the node-limit message; FF prints `null` at create time, when there is no id yet. */
  workflowId?: string;
  maxNodes: number;
  /** The setting that raises `maxNodes`, named in the message. */
  maxNodesSetting: string;
  /** Step types refused in templates (FF: delete_index, delete_ingest_pipeline, delete_search_pipeline). */
  denylist?: readonly string[];
}

/** Where a credential value lives, for the caller's encrypt/decrypt. */
export interface CredentialPath {
  workflow: string;
  nodeId: string;
  key: string;
}

/** The times a stored template carries, epoch milliseconds. */
export interface TemplateTimes {
  created_time: number;
  last_updated_time: number;
  last_provisioned_time?: number | null;
}

/** The user_inputs key whose values are secrets: encrypted at rest, never returned. */
export const CREDENTIAL_FIELD = 'credential';
