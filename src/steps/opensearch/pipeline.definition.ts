import { DEFAULT_TIMEOUT, OpenSearchStepDefinition } from './definition-kit';

const pipeline = (name: string, kind: 'create' | 'update'): OpenSearchStepDefinition => ({
  name,
  inputs: ['pipeline_id', 'configurations'],
  optionalInputs: ['model_id'],
  outputs: ['pipeline_id'],
  requiredPlugins: [],
  // A pipeline other indexes may use: deprovision deletes it only when allowed (allow_delete).
  resourceTypes: kind === 'create' ? [{ name: 'pipeline_id', protected: true }] : [],
  timeout: DEFAULT_TIMEOUT,
  idempotent: true,
  updatable: kind === 'create',
});

/** `PUT /_ingest/pipeline/<pipeline_id>` with `configurations`. */
export const CREATE_INGEST_PIPELINE_STEP = pipeline('create_ingest_pipeline', 'create');
/** `PUT /_search/pipeline/<pipeline_id>` with `configurations`. */
export const CREATE_SEARCH_PIPELINE_STEP = pipeline('create_search_pipeline', 'create');
/** Replaces an ingest pipeline's definition. */
export const UPDATE_INGEST_PIPELINE_STEP = pipeline('update_ingest_pipeline', 'update');
/** Replaces a search pipeline's definition. */
export const UPDATE_SEARCH_PIPELINE_STEP = pipeline('update_search_pipeline', 'update');
