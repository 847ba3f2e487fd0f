import { call, startTestApp, TestApp } from '../support/test-app';

const WF = '/_plugins/_flow_framework/workflow';
const template = (name = 'demo') => ({
  name,
  description: 'two noop nodes',
  use_case: 'TEST',
  version: { template: '1.0.0', compatibility: ['3.0.0'] },
  workflows: {
    provision: {
      nodes: [
        { id: 'a', type: 'noop' },
        { id: 'b', type: 'noop', previous_node_inputs: { a: 'x' }, user_inputs: { credential: { key: 'sekrit-value' } } },
      ],
    },
  },
  ui_metadata: { nested: { list: [1, 'two', { three: true }] } },
});

describe('templates (Flow Framework dialect, real PostgreSQL)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('creates, gets (whole body), and never returns credentials', async () => {
    const created = await call(app.url, 'POST', WF, template());
    expect(created.status).toBe(201);
    expect(Object.keys(created.body)).toEqual(['workflow_id']);
    const id = created.body.workflow_id;
    expect(id).toMatch(/^[A-Za-z0-9_-]{20}$/);

    const got = await call(app.url, 'GET', `${WF}/${id}`);
    expect(got.status).toBe(200);
    expect(got.body).toEqual({
      name: 'demo',
      description: 'two noop nodes',
      use_case: 'TEST',
      version: { template: '1.0.0', compatibility: ['3.0.0'] },
      workflows: {
        provision: {
          user_params: {},
          nodes: [
            { id: 'a', type: 'noop', previous_node_inputs: {}, user_inputs: {} },
            { id: 'b', type: 'noop', previous_node_inputs: { a: 'x' }, user_inputs: {} },
          ],
          edges: [{ source: 'a', dest: 'b' }],
        },
      },
      ui_metadata: { nested: { list: [1, 'two', { three: true }] } },
      created_time: expect.any(Number),
      last_updated_time: expect.any(Number),
    });
    expect(JSON.stringify(got.body)).not.toContain('sekrit');

    const [row] = await app.db.query('SELECT template::text AS t FROM workflows WHERE id = $1', [id]);
    expect(row.t).not.toContain('sekrit-value');
    expect(row.t).toContain('enc:v1:');

    const state = await app.db.query('SELECT state, provisioning_progress FROM workflow_states WHERE workflow_id = $1', [id]);
    expect(state).toEqual([{ state: 'NOT_STARTED', provisioning_progress: 'NOT_STARTED' }]);
  });

  it('answers 404 with the Flow Framework message for an unknown id', async () => {
    const res = await call(app.url, 'GET', `${WF}/nope`);
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: 'Failed to retrieve template (nope) from global context.' });
    expect(res.headers.get('x-error-code')).toBe('FlowNotExists');
  });

  it('deletes with the Flow Framework response shape, and not_found afterwards', async () => {
    const { body } = await call(app.url, 'POST', WF, template('to-delete'));
    const del = await call(app.url, 'DELETE', `${WF}/${body.workflow_id}`);
    expect(del.status).toBe(200);
    expect(del.body).toEqual({
      _index: '.plugins-flow-framework-templates',
      _id: body.workflow_id,
      _version: 2,
      result: 'deleted',
      _shards: { total: 1, successful: 1, failed: 0 },
      _seq_no: 1,
      _primary_term: 1,
    });
    const again = await call(app.url, 'DELETE', `${WF}/${body.workflow_id}`);
    expect(again.body.result).toBe('not_found');
    const state = await app.db.query('SELECT 1 FROM workflow_states WHERE workflow_id = $1', [body.workflow_id]);
    expect(state).toHaveLength(0);
  });
});

describe('denylisted step types (real PostgreSQL)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it.each(['delete_index', 'delete_ingest_pipeline', 'delete_search_pipeline'])('%s is refused in a template with 403, as Flow Framework', async (type) => {
    const res = await call(app.url, 'POST', WF, { name: 'deny', workflows: { provision: { nodes: [{ id: 'd', type, user_inputs: {} }] } } });
    expect({ status: res.status, body: res.body }).toEqual({ status: 403, body: { error: `The step type [${type}] for node [d] can not be used in a workflow.` } });
  });
});
