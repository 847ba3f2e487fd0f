import { DEFAULT_TIMEOUT, ML, OpenSearchStepDefinition } from './definition-kit';

/**
 * Builds a tool spec for an agent (no call to the cluster). `parameters.connector_id|model_id|agent_id` are filled
 * from the predecessors that previous_node_inputs maps to those keys.
 */
export const CREATE_TOOL_STEP: OpenSearchStepDefinition = {
  name: 'create_tool',
  inputs: ['type'],
  optionalInputs: ['name', 'description', 'parameters', 'attributes', 'config', 'include_output_in_agent_response', 'runtime_resources'],
  outputs: ['tools'],
  requiredPlugins: ML,
  resourceTypes: [],
  timeout: DEFAULT_TIMEOUT,
  idempotent: true,
  updatable: false,
};

/**
 * `POST /_plugins/_ml/agents/_register`. Tools come from every predecessor mapped to `tools` (those named in
 * `tools_order` first); `llm.model_id` from the `llm` input or else the predecessor mapped to `model_id`.
 */
export const REGISTER_AGENT_STEP: OpenSearchStepDefinition = {
  name: 'register_agent',
  inputs: ['name', 'type'],
  optionalInputs: [
    'description',
    'llm',
    'model',
    'tools',
    'tools_order',
    'parameters',
    'memory',
    'created_time',
    'last_updated_time',
    'app_type',
    'context_management_name',
    'context_management',
  ],
  outputs: ['agent_id'],
  requiredPlugins: ML,
  resourceTypes: [{ name: 'agent_id' }],
  timeout: DEFAULT_TIMEOUT,
  idempotent: false,
  updatable: false,
};

/** `DELETE /_plugins/_ml/agents/<agent_id>`. */
export const DELETE_AGENT_STEP: OpenSearchStepDefinition = {
  name: 'delete_agent',
  inputs: ['agent_id'],
  optionalInputs: [],
  outputs: ['agent_id'],
  requiredPlugins: ML,
  resourceTypes: [],
  timeout: DEFAULT_TIMEOUT,
  idempotent: false,
  updatable: false,
};
