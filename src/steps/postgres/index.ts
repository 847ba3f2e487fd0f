import type { Type } from '@nestjs/common';
import type { StepType } from '../sdk/step-type';
import { CreateDatabaseStep } from './create-database.step';
import { CreateRoleStep } from './create-role.step';
import { CreateSchemaStep } from './create-schema.step';
import { RunSqlStep } from './run-sql.step';

export { validatePostgresNodeInputs } from './validate';

/** The PostgreSQL pack: databases, roles, schemas and SQL with an undo, on SQL_TARGETS or a DSN credential. */
export { POSTGRES_STEP_DEFINITIONS } from './postgres.definition';
/** Their implementations (worker only). */
export const POSTGRES_STEPS: Type<StepType>[] = [CreateDatabaseStep, CreateRoleStep, CreateSchemaStep, RunSqlStep];
