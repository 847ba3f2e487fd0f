import type { StepDefinition } from '../sdk/step-definition';

/**
 * A step definition of the OpenSearch pack. `stepsInputs` is what `_steps` lists when Flow Framework's validator
 * list differs from the inputs the step really requires (only register_local_custom_model); see definitions.ts.
 */
export type OpenSearchStepDefinition = StepDefinition & { stepsInputs?: string[] };

/** ML Commons, required by every ML step type. */
export const ML = ['opensearch-ml'];

/** Flow Framework's default node timeout (plugins.flow_framework.request_timeout). */
export const DEFAULT_TIMEOUT = '10s';
