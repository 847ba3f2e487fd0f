import type { StepDefinition } from '../sdk/step-definition';

/** Inputs every step of the pack reads: where to connect. `credential.dsn` (a secret) wins over `target`. */
const CONNECTION_INPUTS = ['target', 'credential'];

/**
 * `create_database`: CREATE DATABASE on the target (`owner` optional). Marked with a comment naming the workflow and
 * node, so a re-run after a crash finds its own database and succeeds. Deprovision: DROP DATABASE … WITH (FORCE),
 * refused while the database still holds a schema created by Stepwise (schemas are protected).
 */
export const CREATE_DATABASE_STEP: StepDefinition = {
  name: 'create_database',
  inputs: ['database_name'],
  optionalInputs: [...CONNECTION_INPUTS, 'owner'],
  outputs: ['database_name'],
  requiredPlugins: [],
  resourceTypes: [{ name: 'database_name' }],
  timeout: '2m',
  showTimeout: true,
  idempotent: true,
  updatable: false,
};

/** `create_role`: CREATE ROLE (LOGIN unless `login` is false) with `credential.password`, sent as a SCRAM verifier. */
export const CREATE_ROLE_STEP: StepDefinition = {
  name: 'create_role',
  inputs: ['role_name'],
  optionalInputs: [...CONNECTION_INPUTS, 'login'],
  outputs: ['role_name'],
  requiredPlugins: [],
  resourceTypes: [{ name: 'role_name' }],
  timeout: '30s',
  showTimeout: true,
  idempotent: true,
  updatable: false,
};

/**
 * `create_schema`: CREATE SCHEMA in `database_name` (default: the target's database), AUTHORIZATION `owner` when
 * given. Holds data: deprovision (DROP SCHEMA … CASCADE) only when its name is in `allow_delete`.
 */
export const CREATE_SCHEMA_STEP: StepDefinition = {
  name: 'create_schema',
  inputs: ['schema_name'],
  optionalInputs: [...CONNECTION_INPUTS, 'database_name', 'owner'],
  outputs: ['schema_name', 'database_name'],
  requiredPlugins: [],
  resourceTypes: [{ name: 'schema_name', protected: true }],
  timeout: '30s',
  showTimeout: true,
  idempotent: true,
  updatable: false,
};

/**
 * `run_sql`: runs `sql` (one implicit transaction) in `database_name` (default: the target's database); deprovision
 * runs `undo_sql`. Not idempotent: a re-run after a crash runs `sql` again (write it re-runnable, e.g. IF NOT EXISTS).
 * `protected: true` makes deprovision need `allow_delete` (when the undo destroys data).
 */
export const RUN_SQL_STEP: StepDefinition = {
  name: 'run_sql',
  inputs: ['sql', 'undo_sql'],
  optionalInputs: [...CONNECTION_INPUTS, 'database_name', 'protected'],
  outputs: ['sql_change'],
  requiredPlugins: [],
  resourceTypes: [{ name: 'sql_change' }],
  timeout: '1m',
  showTimeout: true,
  idempotent: false,
  updatable: false,
};

export const POSTGRES_STEP_DEFINITIONS: StepDefinition[] = [CREATE_DATABASE_STEP, CREATE_ROLE_STEP, CREATE_SCHEMA_STEP, RUN_SQL_STEP];
