/**
 * Issue 6, PostgreSQL pack, through the HTTP API with api + worker in process, against the real test PostgreSQL
 * server: a tenant onboarding template provisions and deprovisions; SQL injection attempts in names are refused at
 * create time (400) and, when they arrive later through a provision parameter, at run time; node timeouts cancel
 * the statement on the server; a DSN credential is kept encrypted for deprovision.
 */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { createTestDatabase, testServerUrl } from '../support/database';
import { call, eventually, startTestApp, TestApp, settledStatus } from '../support/test-app';

const WF = '/_plugins/_flow_framework/workflow';
/** Every object this file creates on the shared server starts with this (cleaned up in afterAll, even on failure). */
const PREFIX = `swpk_${randomBytes(4).toString('hex')}`;

const urlFor = (database: string, user?: { name: string; password: string }) => {
  const u = new URL(testServerUrl());
  u.pathname = `/${database}`;
  if (user) {
    u.username = user.name;
    u.password = user.password;
  }
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

const databaseExists = async (name: string) => (await query('postgres', 'SELECT 1 FROM pg_database WHERE datname = $1', [name])).length === 1;
const roleExists = async (name: string) => (await query('postgres', 'SELECT 1 FROM pg_roles WHERE rolname = $1', [name])).length === 1;

/** Drops every database, then every role, whose name starts with PREFIX. */
async function dropLeftovers(): Promise<void> {
  const like = `${PREFIX.replace(/_/g, '\\_')}%`;
  for (const { datname } of await query<{ datname: string }>('postgres', 'SELECT datname FROM pg_database WHERE datname LIKE $1', [like])) {
    await query('postgres', `DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  }
  for (const { rolname } of await query<{ rolname: string }>('postgres', 'SELECT rolname FROM pg_roles WHERE rolname LIKE $1', [like])) {
    await query('postgres', `DROP ROLE IF EXISTS "${rolname}"`);
  }
}

describe('PostgreSQL step pack (api + worker, real PostgreSQL)', () => {
  let app: TestApp;
  let target: { url: string; drop(): Promise<void> };
  let targetDb: string;

  beforeAll(async () => {
    target = await createTestDatabase();
    targetDb = new URL(target.url).pathname.slice(1);
    app = await startTestApp({ worker: true, config: { sqlTargets: { main: target.url }, deprovisionWaitMs: 30_000 } });
  });
  afterAll(async () => {
    await app?.close();
    await target?.drop(); // schemas owned by our roles live in it: drop it before the roles
    await dropLeftovers();
  });

  const status = async (id: string) => (await call(app.url, 'GET', `${WF}/${id}/_status?all=true`)).body;
  const settled = (id: string) => settledStatus(app.url, id);
  const provision = async (name: string, nodes: object[], extra: object = {}) => {
    const res = await call(app.url, 'POST', `${WF}?provision=true`, { name, workflows: { provision: { nodes, ...extra } } });
    expect(res.status).toBe(202);
    return { id: res.body.workflow_id as string, state: await settled(res.body.workflow_id) };
  };

  it('tenant onboarding: database, role, schema in it, table through run_sql → COMPLETED; deprovision drops them all', async () => {
    const db = `${PREFIX}_tenant`;
    const role = `${PREFIX}_app`;
    const password = `pw-${randomBytes(8).toString('hex')}`;
    const { id, state } = await provision('tenant onboarding', [
      { id: 'db', type: 'create_database', user_inputs: { target: 'main', database_name: db } },
      { id: 'role', type: 'create_role', user_inputs: { target: 'main', role_name: role, credential: { password } } },
      {
        id: 'schema',
        type: 'create_schema',
        previous_node_inputs: { db: 'database_name', role: 'role_name' },
        user_inputs: { target: 'main', schema_name: 'tenant', owner: '${{ role.role_name }}' },
      },
      {
        id: 'accounts',
        type: 'run_sql',
        previous_node_inputs: { schema: 'database_name' },
        user_inputs: {
          target: 'main',
          sql: 'CREATE TABLE tenant.accounts (id bigint PRIMARY KEY, name text NOT NULL); INSERT INTO tenant.accounts VALUES (1, $$first$$)',
          undo_sql: 'DROP TABLE tenant.accounts',
        },
      },
    ]);
    expect(state.error).toBeUndefined();
    expect(state.state).toBe('COMPLETED');
    expect(state.provisioning_progress).toBe('DONE');
    const created = state.resources_created.map((r: { workflow_step_id: string; resource_type: string; resource_id: string }) => `${r.workflow_step_id} ${r.resource_type} ${r.resource_id}`);
    expect(created.sort()).toEqual([`accounts sql_change accounts@${db}`, `db database_name ${db}`, `role role_name ${role}`, 'schema schema_name tenant']);

    // The objects really exist, marked with the workflow and node that created them.
    expect(await query('postgres', `SELECT shobj_description(oid, 'pg_database') AS c FROM pg_database WHERE datname = $1`, [db])).toEqual([{ c: `stepwise:${id}/db` }]);
    expect(await query('postgres', 'SELECT rolcanlogin FROM pg_roles WHERE rolname = $1', [role])).toEqual([{ rolcanlogin: true }]);
    expect(await query(db, 'SELECT schema_owner FROM information_schema.schemata WHERE schema_name = $1', ['tenant'])).toEqual([{ schema_owner: role }]);
    expect(await query(db, 'SELECT table_name FROM information_schema.tables WHERE table_schema = $1', ['tenant'])).toEqual([{ table_name: 'accounts' }]);
    // The role logs in with its password (the test server authenticates with scram-sha-256).
    const asRole = new Client({ connectionString: urlFor(db, { name: role, password }) });
    await asRole.connect();
    expect((await asRole.query('SELECT current_user AS u')).rows).toEqual([{ u: role }]);
    await asRole.end();
    // The password went to the server as a SCRAM verifier only: no trace of it in the stored rows either.
    const [stored] = await app.db.query(`SELECT string_agg(deprovision::text, ' ') AS t FROM resources WHERE workflow_id = $1`, [id]);
    expect(stored.t).not.toContain(password);

    // Without allow_delete: the schema is protected, and the database is not dropped while it holds it.
    const first = await call(app.url, 'POST', `${WF}/${id}/_deprovision`);
    expect(first.status).toBe(202);
    expect(first.body.error).toMatch(/^Failed to deprovision some resources: \[.*\]\. These resources require the allow_delete parameter to deprovision: \[schema_name tenant\]\.$/);
    expect(first.body.error).toContain(`database_name ${db}`);
    expect(await databaseExists(db)).toBe(true);
    expect(await query(db, 'SELECT 1 AS one FROM information_schema.schemata WHERE schema_name = $1', ['tenant'])).toEqual([{ one: 1 }]);
    // run_sql's undo ran (its resource was not protected).
    expect(await query(db, 'SELECT table_name FROM information_schema.tables WHERE table_schema = $1', ['tenant'])).toEqual([]);

    const second = await call(app.url, 'POST', `${WF}/${id}/_deprovision?allow_delete=tenant`);
    expect(second).toMatchObject({ status: 200, body: { workflow_id: id } });
    expect(await databaseExists(db)).toBe(false);
    expect(await roleExists(role)).toBe(false);
    expect(await status(id)).toEqual({ workflow_id: id, state: 'NOT_STARTED', provisioning_progress: 'NOT_STARTED' });
  });

  describe('names carrying SQL injection attempts are refused at create time (400), nothing stored or run', () => {
    const bad = (type: string, user_inputs: Record<string, unknown>) => ({ id: 'bad', type, user_inputs: { target: 'main', ...user_inputs } });
    const cases: [string, object, RegExp][] = [
      ['a quote and a statement in database_name', bad('create_database', { database_name: `x"; DROP TABLE y; --` }), /^Invalid input \[database_name\] of node \[bad\] \(create_database\): "x\\"; DROP TABLE y; --" is not a valid PostgreSQL identifier: it must be 1 to 63 characters long, start with a letter or _, and contain only letters, digits, _ and \$\.$/],
      ['a space in role_name', bad('create_role', { role_name: 'a b' }), /^Invalid input \[role_name\] of node \[bad\] \(create_role\): "a b" is not a valid PostgreSQL identifier/],
      ['an empty schema_name', bad('create_schema', { schema_name: '' }), /^Invalid input \[schema_name\] of node \[bad\] \(create_schema\): it must not be empty\.$/],
      ['a 64-character database_name', bad('create_database', { database_name: 'a'.repeat(64) }), /^Invalid input \[database_name\] of node \[bad\] \(create_database\): "a{64}" is not a valid PostgreSQL identifier/],
      ['an injection in a schema owner', bad('create_schema', { schema_name: 's', owner: `o" CASCADE; DROP ROLE postgres; --` }), /^Invalid input \[owner\] of node \[bad\] \(create_schema\): ".*" is not a valid PostgreSQL identifier/],
      ['an injection around a placeholder', bad('create_role', { role_name: `x"; DROP ROLE \${{ who }}` }), /^Invalid input \[role_name\] of node \[bad\] \(create_role\): ".*" is not a valid PostgreSQL identifier/],
      ['an injection in run_sql database_name', bad('run_sql', { database_name: 'postgres"--', sql: 'SELECT 1', undo_sql: 'SELECT 1' }), /^Invalid input \[database_name\] of node \[bad\] \(run_sql\): "postgres\\"--" is not a valid PostgreSQL identifier/],
      ['an empty undo_sql', bad('run_sql', { sql: 'CREATE TABLE t (a int)', undo_sql: '  ' }), /^Invalid input \[undo_sql\] of node \[bad\] \(run_sql\): it must be non-empty SQL text\.$/],
      ['no target and no dsn', { id: 'bad', type: 'create_role', user_inputs: { role_name: 'fine' } }, /^Invalid workflow, node \[bad\] \(create_role\) needs a \[target\] \(the name of a configured SQL target\) or a \[credential\] with a \[dsn\]\.$/],
    ];

    it.each(cases)('%s', async (_title, node, message) => {
      const name = `${PREFIX}_injection`;
      const before = (await app.db.query('SELECT count(*)::int AS n FROM workflows'))[0].n;
      const res = await call(app.url, 'POST', `${WF}?provision=true`, { name, workflows: { provision: { nodes: [node] } } });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatch(message);
      expect(res.body.error).toContain('node [bad]');
      expect((await app.db.query('SELECT count(*)::int AS n FROM workflows'))[0].n).toBe(before);
    });

    it('a template without undo_sql is refused (required input)', async () => {
      const res = await call(app.url, 'POST', WF, { name: 'no undo', workflows: { provision: { nodes: [bad('run_sql', { sql: 'SELECT 1' })] } } });
      expect(res.status).toBe(400);
      expect(res.body.error).toBe('Invalid workflow, node [bad] missing the following required inputs : [undo_sql]');
    });
  });

  it('an injection arriving through a provision parameter fails the node at run time, before any statement', async () => {
    const res = await call(app.url, 'POST', WF, {
      name: 'late injection',
      workflows: { provision: { nodes: [{ id: 'role', type: 'create_role', user_inputs: { target: 'main', role_name: '${{ tenant }}' } }] } },
    });
    expect(res.status).toBe(201);
    const id = res.body.workflow_id;
    const evil = `${PREFIX}"; DROP ROLE x; --`;
    const started = await call(app.url, 'POST', `${WF}/${id}/_provision`, { tenant: evil });
    expect(started.status).toBe(202);
    const s = await settled(id);
    expect(s.state).toBe('FAILED');
    expect(s.error).toMatch(/^WorkflowStepException during step role, Invalid input \[role_name\] of node \[role\] \(create_role\): ".*" is not a valid PostgreSQL identifier: .* _ and \$, restStatus: BAD_REQUEST$/);
    expect(s.resources_created ?? []).toEqual([]);
    expect(await query('postgres', 'SELECT rolname FROM pg_roles WHERE starts_with(rolname, $1)', [PREFIX])).toEqual([]);
  });

  it('an unknown target fails the node and names the configured targets', async () => {
    const { state } = await provision('unknown target', [{ id: 'r', type: 'create_role', user_inputs: { target: 'nope', role_name: `${PREFIX}_never` } }]);
    expect(state.state).toBe('FAILED');
    expect(state.error).toBe('WorkflowStepException during step r, Unknown SQL target [nope]; configured targets (SQL_TARGETS): [main], restStatus: BAD_REQUEST');
  });

  it('a node timeout cancels the running statement on the server', async () => {
    const tag = `${PREFIX}_sleep`;
    const { state } = await provision('slow sql', [
      { id: 'slow', type: 'run_sql', user_inputs: { target: 'main', node_timeout: '1s', sql: `SELECT pg_sleep(60) AS ${tag}`, undo_sql: 'SELECT 1' } },
    ]);
    expect(state.state).toBe('FAILED');
    expect(state.error).toMatch(/^TimeoutException during step slow, /);
    await eventually(async () => (await query('postgres', `SELECT 1 FROM pg_stat_activity WHERE query LIKE $1 AND pid <> pg_backend_pid()`, [`%AS ${tag}%`])).length === 0, 10_000);
  });

  it('credential.dsn: the schema is created through the DSN, which is stored encrypted and used again by deprovision', async () => {
    const dsn = target.url;
    const schema = `${PREFIX}_by_dsn`;
    const { id, state } = await provision('dsn', [
      { id: 's', type: 'create_schema', user_inputs: { schema_name: schema, credential: { dsn } } },
      {
        id: 't',
        type: 'run_sql',
        previous_node_inputs: { s: 'schema_name' },
        user_inputs: { credential: { dsn }, sql: `CREATE TABLE ${schema}.items (id int)`, undo_sql: `DROP TABLE ${schema}.items` },
      },
    ]);
    expect(state.error).toBeUndefined();
    expect(state.state).toBe('COMPLETED');
    expect(await query(targetDb, 'SELECT table_name FROM information_schema.tables WHERE table_schema = $1', [schema])).toEqual([{ table_name: 'items' }]);
    const rows: { d: string }[] = await app.db.query('SELECT deprovision::text AS d FROM resources WHERE workflow_id = $1', [id]);
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.d).not.toContain(dsn);
      expect(JSON.parse(row.d).credential.dsn).toMatch(/^enc:v1:/);
    }
    const res = await call(app.url, 'POST', `${WF}/${id}/_deprovision?allow_delete=${schema}`);
    expect(res).toMatchObject({ status: 200, body: { workflow_id: id } });
    expect(await query(targetDb, 'SELECT 1 FROM information_schema.schemata WHERE schema_name = $1', [schema])).toEqual([]);
  });

  it('deprovision treats objects that are already gone as deleted', async () => {
    const role = `${PREFIX}_gone`;
    const { id, state } = await provision('gone', [
      { id: 'r', type: 'create_role', user_inputs: { target: 'main', role_name: role, login: false } },
      { id: 'q', type: 'run_sql', user_inputs: { target: 'main', sql: `CREATE TABLE ${PREFIX}_t (a int)`, undo_sql: `DROP TABLE ${PREFIX}_t` } },
    ]);
    expect(state.state).toBe('COMPLETED');
    expect(await query('postgres', 'SELECT rolcanlogin FROM pg_roles WHERE rolname = $1', [role])).toEqual([{ rolcanlogin: false }]);
    await query('postgres', `DROP ROLE "${role}"`);
    await query(targetDb, `DROP TABLE ${PREFIX}_t`);
    const res = await call(app.url, 'POST', `${WF}/${id}/_deprovision`);
    expect(res).toMatchObject({ status: 200, body: { workflow_id: id } });
    const runs = (await call(app.url, 'GET', `${WF}/${id}/executions`)).body.executions;
    const deprovision = runs.find((e: { kind: string }) => e.kind === 'deprovision');
    const run = (await call(app.url, 'GET', `${WF}/${id}/executions/${deprovision.generation}`)).body;
    expect(run.steps.map((s: { status: string; outputs?: { outcome?: string } }) => `${s.status} ${s.outputs?.outcome}`)).toEqual(['SUCCEEDED not_found', 'SUCCEEDED not_found']);
  });
});
