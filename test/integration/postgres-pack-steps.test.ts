/**
 * Issue 6, PostgreSQL pack: the step types called directly (as the engine calls them) against the real test
 * PostgreSQL server: re-runs after a crash are idempotent, objects the node did not create are refused, deprovision
 * of what is gone is `not_found`, run-time validation stops bad names before any statement, an abort cancels the
 * statement on the server, and a database holding a Stepwise schema is not dropped.
 */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { AppConfig, loadConfig } from '../../src/config/app-config';
import type { RecordedResource, StepContext, StepResult, StepType } from '../../src/steps/sdk/step-type';
import { StepError } from '../../src/steps/sdk/step-type';
import { CreateDatabaseStep } from '../../src/steps/postgres/create-database.step';
import { CreateRoleStep } from '../../src/steps/postgres/create-role.step';
import { CreateSchemaStep } from '../../src/steps/postgres/create-schema.step';
import { RunSqlStep } from '../../src/steps/postgres/run-sql.step';
import { validatePostgresNodeInputs } from '../../src/steps/postgres/validate';
import { createTestDatabase, testServerUrl } from '../support/database';
import { eventually } from '../support/test-app';

const PREFIX = `swps_${randomBytes(4).toString('hex')}`;

const urlFor = (database: string) => {
  const u = new URL(testServerUrl());
  u.pathname = `/${database}`;
  return u.toString();
};

async function query<T = Record<string, unknown>>(database: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: urlFor(database) });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

async function dropLeftovers(): Promise<void> {
  const like = `${PREFIX.replace(/_/g, '\\_')}%`;
  for (const { datname } of await query<{ datname: string }>('postgres', 'SELECT datname FROM pg_database WHERE datname LIKE $1', [like])) {
    await query('postgres', `DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  }
  for (const { rolname } of await query<{ rolname: string }>('postgres', 'SELECT rolname FROM pg_roles WHERE rolname LIKE $1', [like])) {
    await query('postgres', `DROP ROLE IF EXISTS "${rolname}"`);
  }
}

const recorded = (step: StepType, nodeId: string, result: StepResult): RecordedResource => ({
  workflowStepName: step.definition.name,
  workflowStepId: nodeId,
  resourceType: result.resources[0].type,
  resourceId: result.resources[0].id,
  deprovision: result.resources[0].deprovision ?? null,
});

describe('PostgreSQL step types (direct calls, real PostgreSQL)', () => {
  let target: { url: string; drop(): Promise<void> };
  let targetDb: string;
  let config: AppConfig;
  let database: CreateDatabaseStep;
  let role: CreateRoleStep;
  let schema: CreateSchemaStep;
  let sql: RunSqlStep;
  const never = new AbortController().signal;
  const ctx = (nodeId: string, inputs: Record<string, unknown>, signal = never, workflowId = `wf_${PREFIX}`): StepContext => ({
    workflowId,
    executionId: '1',
    nodeId,
    inputs: { target: 'main', ...inputs },
    signal,
  });

  beforeAll(async () => {
    target = await createTestDatabase();
    targetDb = new URL(target.url).pathname.slice(1);
    config = { ...loadConfig({}), sqlTargets: { main: target.url } };
    database = new CreateDatabaseStep(config);
    role = new CreateRoleStep(config);
    schema = new CreateSchemaStep(config);
    sql = new RunSqlStep(config);
  });
  afterAll(async () => {
    await target?.drop();
    await dropLeftovers();
  });

  it('create_database: a re-run of the same node succeeds; another node, or an unmarked database, is refused', async () => {
    const name = `${PREFIX}_db`;
    const first = await database.provision(ctx('db', { database_name: name }));
    const again = await database.provision(ctx('db', { database_name: name }));
    expect(again).toEqual(first);
    expect(first).toEqual({ outputs: { database_name: name }, resources: [{ type: 'database_name', id: name, deprovision: { target: 'main' } }] });
    await expect(database.provision(ctx('other', { database_name: name }))).rejects.toThrow(
      `database [${name}] already exists (created by Stepwise wf_${PREFIX}/db) and was not created by this node`,
    );
    const foreign = `${PREFIX}_foreign`;
    await query('postgres', `CREATE DATABASE "${foreign}"`);
    const refused = await database.provision(ctx('db2', { database_name: foreign })).catch((e) => e);
    expect(refused).toBeInstanceOf(StepError);
    expect(refused).toMatchObject({ message: `database [${foreign}] already exists and was not created by this node`, restStatus: 'CONFLICT' });

    expect(await database.deprovision(recorded(database, 'db', first), never)).toBe('deleted');
    expect(await database.deprovision(recorded(database, 'db', first), never)).toBe('not_found');
  });

  it('create_database: not dropped while it holds a Stepwise schema; dropped once the schema is gone', async () => {
    const name = `${PREFIX}_holder`;
    const db = await database.provision(ctx('db', { database_name: name }));
    const s = await schema.provision(ctx('s', { database_name: name, schema_name: 'data' }));
    expect(s.outputs).toEqual({ schema_name: 'data', database_name: name });
    await expect(database.deprovision(recorded(database, 'db', db), never)).rejects.toThrow(
      `database [${name}] still holds schemas created by Stepwise [data]; schemas are protected: deprovision them first (allow_delete)`,
    );
    expect((await query('postgres', 'SELECT 1 AS one FROM pg_database WHERE datname = $1', [name])).length).toBe(1);
    expect(await schema.deprovision(recorded(schema, 's', s), never)).toBe('deleted');
    expect(await database.deprovision(recorded(database, 'db', db), never)).toBe('deleted');
    // the schema's database is gone: its deprovision is not_found, not an error
    expect(await schema.deprovision(recorded(schema, 's', s), never)).toBe('not_found');
  });

  it('create_role: idempotent re-run, marker comment, no-login roles, DROP ROLE, then not_found', async () => {
    const name = `${PREFIX}_role`;
    const first = await role.provision(ctx('r', { role_name: name, login: 'false', credential: { password: "it's \\ secret" } }));
    expect(await role.provision(ctx('r', { role_name: name, login: 'false', credential: { password: "it's \\ secret" } }))).toEqual(first);
    expect(await query('postgres', `SELECT rolcanlogin, shobj_description(oid, 'pg_authid') AS c FROM pg_roles WHERE rolname = $1`, [name])).toEqual([
      { rolcanlogin: false, c: `stepwise:wf_${PREFIX}/r` },
    ]);
    await expect(role.provision(ctx('r', { role_name: name }, never, 'another-workflow'))).rejects.toMatchObject({ restStatus: 'CONFLICT' });
    expect(await role.deprovision(recorded(role, 'r', first), never)).toBe('deleted');
    expect(await role.deprovision(recorded(role, 'r', first), never)).toBe('not_found');
  });

  it('create_schema: idempotent re-run in the target database; refuses a schema it did not create (public)', async () => {
    const first = await schema.provision(ctx('s', { schema_name: `${PREFIX}_s` }));
    expect(first.outputs).toEqual({ schema_name: `${PREFIX}_s`, database_name: targetDb });
    expect(await schema.provision(ctx('s', { schema_name: `${PREFIX}_s` }))).toEqual(first);
    await expect(schema.provision(ctx('s', { schema_name: 'public' }))).rejects.toThrow(`schema [${targetDb}.public] already exists and was not created by this node`);
    expect(await schema.deprovision(recorded(schema, 's', first), never)).toBe('deleted');
    expect(await schema.deprovision(recorded(schema, 's', first), never)).toBe('not_found');
  });

  it('run_sql: all statements or none; undo runs at deprovision; an undo whose object is gone is not_found', async () => {
    const table = `${PREFIX}_t`;
    await expect(sql.provision(ctx('q', { sql: `CREATE TABLE ${table} (a int); SELECT 1/0`, undo_sql: `DROP TABLE ${table}` }))).rejects.toMatchObject({
      message: expect.stringContaining('division by zero (SQLSTATE 22012)'),
    });
    expect(await query(targetDb, 'SELECT 1 FROM information_schema.tables WHERE table_name = $1', [table])).toEqual([]);
    const done = await sql.provision(ctx('q', { sql: `CREATE TABLE ${table} (a int)`, undo_sql: `DROP TABLE ${table}`, protected: 'true' }));
    expect(done.resources).toEqual([
      { type: 'sql_change', id: `q@${targetDb}`, deprovision: { target: 'main', database: undefined, undo_sql: `DROP TABLE ${table}`, protected: true } },
    ]);
    expect(await sql.deprovision(recorded(sql, 'q', done), never)).toBe('deleted');
    expect(await query(targetDb, 'SELECT 1 FROM information_schema.tables WHERE table_name = $1', [table])).toEqual([]);
    expect(await sql.deprovision(recorded(sql, 'q', done), never)).toBe('not_found');
  });

  it('run-time validation refuses bad names before any statement (defence in depth)', async () => {
    const evil = `${PREFIX}"; CREATE ROLE ${PREFIX}_pwned; --`;
    for (const [step, inputs] of [
      [database, { database_name: evil }],
      [role, { role_name: evil }],
      [schema, { schema_name: 'ok', owner: evil }],
      [schema, { schema_name: 'ok', database_name: evil }],
      [sql, { database_name: evil, sql: 'SELECT 1', undo_sql: 'SELECT 1' }],
      [role, { role_name: '${{ unresolved }}' }],
    ] as [StepType, Record<string, unknown>][]) {
      const err = await step.provision(ctx('n', inputs)).catch((e) => e);
      expect(err).toBeInstanceOf(StepError);
      expect(err.message).toMatch(/is not a valid PostgreSQL identifier/);
    }
    expect(await query('postgres', 'SELECT rolname FROM pg_roles WHERE rolname LIKE $1', [`${PREFIX}%pwned`])).toEqual([]);
    // and a recorded name is checked again before it goes into DROP
    await expect(role.deprovision({ workflowStepName: 'create_role', workflowStepId: 'r', resourceType: 'role_name', resourceId: 'a"b', deprovision: { target: 'main' } }, never)).rejects.toThrow(
      /is not a valid PostgreSQL identifier/,
    );
  });

  it('an abort (node timeout, worker stop) cancels the running statement on the server and rejects at once', async () => {
    const tag = `${PREFIX}_abort`;
    const controller = new AbortController();
    const running = sql.provision(ctx('slow', { sql: `SELECT pg_sleep(60) AS ${tag}`, undo_sql: 'SELECT 1' }, controller.signal));
    const seen = () => query('postgres', 'SELECT pid FROM pg_stat_activity WHERE query LIKE $1 AND pid <> pg_backend_pid()', [`%AS ${tag}%`]);
    await eventually(async () => (await seen()).length === 1);
    const t0 = Date.now();
    controller.abort(new Error('node timed out'));
    await expect(running).rejects.toThrow('node timed out');
    expect(Date.now() - t0).toBeLessThan(2000);
    await eventually(async () => (await seen()).length === 0, 10_000);
  });

  it('create-time validator: accepts good nodes and placeholders, ignores other step types, checks user_params', () => {
    const node = (type: string, user_inputs: Record<string, unknown>) => ({ id: 'n', type, previous_node_inputs: {}, user_inputs });
    expect(validatePostgresNodeInputs(node('create_database', { target: 'main', database_name: 'Tenant_1$' }))).toBeNull();
    expect(validatePostgresNodeInputs(node('create_schema', { target: 'main', schema_name: 'app_${{ tenant }}', owner: '${{ role.role_name }}' }))).toBeNull();
    expect(validatePostgresNodeInputs(node('create_role', { credential: { dsn: 'postgres://u:p@h/db', password: 'x' }, role_name: 'r' }))).toBeNull();
    expect(validatePostgresNodeInputs(node('create_role', { credential: { dsn: 'enc:v1:abc' }, role_name: 'r' }))).toBeNull();
    expect(validatePostgresNodeInputs(node('noop', { database_name: 'x"; --' }))).toBeNull();
    expect(validatePostgresNodeInputs(node('create_role', { role_name: 'r' }), { target: 'main' })).toBeNull();
    expect(validatePostgresNodeInputs(node('create_role', { target: 'main', role_name: 'r' }), { role_name: 'a b' })).toBe(
      'Invalid input [role_name] of node [n] (create_role): "a b" is not a valid PostgreSQL identifier: it must be 1 to 63 characters long, start with a letter or _, and contain only letters, digits, _ and $.',
    );
    expect(validatePostgresNodeInputs(node('create_role', { credential: { dsn: 'mysql://x' }, role_name: 'r' }))).toMatch(/Invalid credential \[dsn\]/);
    expect(validatePostgresNodeInputs(node('create_role', { target: 'main', role_name: 'r', login: 'maybe' }))).toMatch(/\[login\] of node \[n\] \(create_role\): it must be true or false, got "maybe"/);
    expect(validatePostgresNodeInputs(node('create_database', { target: 'main', database_name: 'a'.repeat(63) }))).toBeNull();
    expect(validatePostgresNodeInputs(node('create_database', { target: 'main', database_name: '1abc' }))).toMatch(/not a valid PostgreSQL identifier/);
  });
});
