import { DEFAULT_TIMEOUT, ML, OpenSearchStepDefinition } from './definition-kit';

/** `POST /_plugins/_ml/connectors/_create`. */
export const CREATE_CONNECTOR_STEP: OpenSearchStepDefinition = {
  name: 'create_connector',
  inputs: ['name', 'description', 'version', 'protocol', 'parameters', 'credential', 'actions'],
  optionalInputs: ['backend_roles', 'add_all_backend_roles', 'access_mode', 'client_config', 'url', 'headers'],
  outputs: ['connector_id'],
  requiredPlugins: ML,
  resourceTypes: [{ name: 'connector_id' }],
  timeout: '1m',
  showTimeout: true,
  idempotent: false,
  updatable: false,
};

const MODEL_ACCESS = ['backend_roles', 'add_all_backend_roles', 'access_mode'];

/** `POST /_plugins/_ml/models/_register` of a remote model (function_name remote), `?deploy=true` when `deploy`. */
export const REGISTER_REMOTE_MODEL_STEP: OpenSearchStepDefinition = {
  name: 'register_remote_model',
  inputs: ['name', 'connector_id'],
  optionalInputs: [
    'model_group_id',
    'description',
    'deploy',
    'guardrails',
    'interface',
    'is_enabled',
    'rate_limiter',
    'deploy_setting',
    ...MODEL_ACCESS,
    'model_node_ids',
  ],
  outputs: ['model_id', 'register_model_status'],
  requiredPlugins: ML,
  // model_id; with deploy: true a second model_id entry recorded as deploy_model (undeployed first on deprovision).
  resourceTypes: [{ name: 'model_id' }],
  timeout: DEFAULT_TIMEOUT,
  idempotent: false,
  updatable: false,
};

const LOCAL_OPTIONAL = [
  'description',
  'model_group_id',
  'deploy',
  'is_enabled',
  'rate_limiter',
  'deploy_setting',
  'guardrails',
  ...MODEL_ACCESS,
  'model_node_ids',
];

/**
 * A local model from a URL. Flow Framework's validator (and so `_steps`) lists `model_type`, `embedding_dimension`
 * and `framework_type`, while its step requires `model_config` instead; Stepwise requires what the step needs
 * (so that FF's own observability sample, which has only `model_config`, is accepted) and still reads the three
 * top-level keys when a template gives them.
 */
export const REGISTER_LOCAL_CUSTOM_MODEL_STEP: OpenSearchStepDefinition = {
  name: 'register_local_custom_model',
  inputs: ['name', 'version', 'model_format', 'function_name', 'model_content_hash_value', 'url', 'model_config'],
  stepsInputs: ['name', 'version', 'model_format', 'function_name', 'model_content_hash_value', 'url', 'model_type', 'embedding_dimension', 'framework_type'],
  optionalInputs: [...LOCAL_OPTIONAL, 'all_config', 'interface', 'model_type', 'embedding_dimension', 'framework_type'],
  outputs: ['model_id', 'register_model_status'],
  requiredPlugins: ML,
  resourceTypes: [{ name: 'model_id' }],
  timeout: '1m',
  showTimeout: true,
  idempotent: false,
  updatable: false,
};

/** A pretrained model of the OpenSearch model repository (by name and version). */
export const REGISTER_LOCAL_PRETRAINED_MODEL_STEP: OpenSearchStepDefinition = {
  name: 'register_local_pretrained_model',
  inputs: ['name', 'version', 'model_format'],
  optionalInputs: [...LOCAL_OPTIONAL, 'interface'],
  outputs: ['model_id', 'register_model_status'],
  requiredPlugins: ML,
  resourceTypes: [{ name: 'model_id' }],
  timeout: '1m',
  showTimeout: true,
  idempotent: false,
  updatable: false,
};

/** A pretrained sparse encoding model; FF's validator lists three of its optional inputs as outputs. */
export const REGISTER_LOCAL_SPARSE_ENCODING_MODEL_STEP: OpenSearchStepDefinition = {
  name: 'register_local_sparse_encoding_model',
  inputs: ['name', 'version', 'model_format'],
  optionalInputs: [...LOCAL_OPTIONAL, 'model_content_hash_value', 'url', 'function_name'],
  outputs: ['model_id', 'register_model_status', 'function_name', 'model_content_hash_value', 'url'],
  requiredPlugins: ML,
  resourceTypes: [{ name: 'model_id' }],
  timeout: '1m',
  showTimeout: true,
  idempotent: false,
  updatable: false,
};

/** `POST /_plugins/_ml/model_groups/_register`. Deprovision keeps the group (FF maps it to noop). */
export const REGISTER_MODEL_GROUP_STEP: OpenSearchStepDefinition = {
  name: 'register_model_group',
  inputs: ['name'],
  optionalInputs: ['description', 'backend_roles', 'access_mode', 'add_all_backend_roles'],
  outputs: ['model_group_id', 'model_group_status'],
  requiredPlugins: ML,
  resourceTypes: [{ name: 'model_group_id' }],
  timeout: DEFAULT_TIMEOUT,
  idempotent: false,
  updatable: false,
};

/** `POST /_plugins/_ml/models/<model_id>/_deploy`, then the task is polled until it ends. Deprovision undeploys. */
export const DEPLOY_MODEL_STEP: OpenSearchStepDefinition = {
  name: 'deploy_model',
  inputs: ['model_id'],
  optionalInputs: [],
  outputs: ['model_id'],
  requiredPlugins: ML,
  resourceTypes: [{ name: 'model_id' }],
  timeout: '15s',
  showTimeout: true,
  idempotent: true,
  updatable: false,
};

const mlAction = (name: string, input: string, output: string, idempotent: boolean): OpenSearchStepDefinition => ({
  name,
  inputs: [input],
  optionalInputs: [],
  outputs: [output],
  requiredPlugins: ML,
  resourceTypes: [],
  timeout: DEFAULT_TIMEOUT,
  idempotent,
  updatable: false,
});

/** `POST /_plugins/_ml/models/<model_id>/_undeploy`. */
export const UNDEPLOY_MODEL_STEP = mlAction('undeploy_model', 'model_id', 'success', true);
/** `DELETE /_plugins/_ml/models/<model_id>`. */
export const DELETE_MODEL_STEP = mlAction('delete_model', 'model_id', 'model_id', false);
/** `DELETE /_plugins/_ml/connectors/<connector_id>`. */
export const DELETE_CONNECTOR_STEP = mlAction('delete_connector', 'connector_id', 'connector_id', false);
