import type { Type } from '@nestjs/common';
import type { StepDefinition } from '../sdk/step-definition';
import type { StepType } from '../sdk/step-type';

/** The PostgreSQL pack: databases, roles, schemas and SQL with an undo, on SQL_TARGETS or a DSN credential. */
export const POSTGRES_STEP_DEFINITIONS: StepDefinition[] = [];
/** Their implementations (worker only). */
export const POSTGRES_STEPS: Type<StepType>[] = [];
