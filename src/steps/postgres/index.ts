import type { Type } from '@nestjs/common';
import type { StepDefinition } from '../sdk/step-definition';
import type { StepType } from '../sdk/step-type';
import { CreateDatabaseStep } from './create-database.step';
import { CreateRoleStep } from './create-role.step';
import { CreateSchemaStep } from './create-schema.step';
import { CREATE_DATABASE_STEP, CREATE_ROLE_STEP, CREATE_SCHEMA_STEP, RUN_SQL_STEP } from './postgres.definition';
import { RunSqlStep } from './run-sql.step';

export { validatePostgresNodeInputs } from './validate';

/** The PostgreSQL pack: databases, roles, schemas and SQL with an undo, on SQL_TARGETS or a DSN credential. */
export const POSTGRES_STEP_DEFINITIONS: StepDefinition[] = [CREATE_DATABASE_STEP, CREATE_ROLE_STEP, CREATE_SCHEMA_STEP, RUN_SQL_STEP];
/** Their implementations (worker only). */
export const POSTGRES_STEPS: Type<StepType>[] = [CreateDatabaseStep, CreateRoleStep, CreateSchemaStep, RunSqlStep];
