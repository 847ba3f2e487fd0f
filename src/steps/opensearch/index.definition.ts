import { DEFAULT_TIMEOUT, OpenSearchStepDefinition } from './definition-kit';

/** `PUT /<index_name>` with `configurations` (settings, mappings, aliases). The index holds data: allow_delete. */
export const CREATE_INDEX_STEP: OpenSearchStepDefinition = {
  name: 'create_index',
  inputs: ['index_name', 'configurations'],
  optionalInputs: [],
  outputs: ['index_name'],
  requiredPlugins: [],
  resourceTypes: [{ name: 'index_name', protected: true }],
  timeout: DEFAULT_TIMEOUT,
  idempotent: false,
  updatable: true,
};

/** Changes the settings of an existing index (only those whose value differs); mappings are not supported. */
export const UPDATE_INDEX_STEP: OpenSearchStepDefinition = {
  name: 'update_index',
  inputs: ['index_name', 'configurations'],
  optionalInputs: [],
  outputs: ['index_name'],
  requiredPlugins: [],
  resourceTypes: [],
  timeout: DEFAULT_TIMEOUT,
  idempotent: true,
  updatable: false,
};

/** `POST /_reindex` from `source_index` (comma-separated) into `destination_index`; records nothing. */
export const REINDEX_STEP: OpenSearchStepDefinition = {
  name: 'reindex',
  inputs: ['source_index', 'destination_index'],
  optionalInputs: ['refresh', 'requests_per_second', 'require_alias', 'slices', 'max_docs'],
  outputs: ['reindex'],
  requiredPlugins: [],
  resourceTypes: [],
  timeout: DEFAULT_TIMEOUT,
  idempotent: true,
  updatable: false,
};
