import type { Type } from '@nestjs/common';
import type { StepDefinition } from '../sdk/step-definition';
import type { StepType } from '../sdk/step-type';

/** The OpenSearch pack: Flow Framework's step types, run against OPENSEARCH_URL. */
export const OPENSEARCH_STEP_DEFINITIONS: StepDefinition[] = [];
/** Their implementations (worker only). */
export const OPENSEARCH_STEPS: Type<StepType>[] = [];
