/**
 * Issue 3, acceptance 1: every template route's success status and WHOLE body, as API.md §2.1–2.4, §2.8–2.10 say.
 * Real api, fresh database, nothing mocked.
 */
import { request } from 'node:http';
import { call, startTestApp, TestApp } from '../support/test-app';

const WF = '/_plugins/_flow_framework/workflow';
const TEMPLATES_INDEX = '.plugins-flow-framework-templates';
const STATE_INDEX = '.plugins-flow-framework-state';
const ID = /^[A-Za-z0-9_-]{20}$/;

const template = (name = 'routes demo') => ({
  name,
  description: 'three noop nodes',
  use_case: 'ROUTES_TEST',
  version: { template: '1.2.3', compatibility: ['2.19.0', '3.0.0'] },
  workflows: {
    provision: {
      user_params: { region: 'eu-west-1' },
      nodes: [
        { id: 'a', type: 'noop', user_inputs: { delay: '0s', count: 3, enabled: true } },
        { id: 'b', type: 'noop', previous_node_inputs: { a: 'x' } },
        { id: 'c', type: 'noop', previous_node_inputs: { b: 'y' }, user_inputs: { params: { k: 'v' } } },
      ],
      edges: [{ source: 'a', dest: 'c' }],
    },
  },
  ui_metadata: { layout: { x: 1, y: [2, 3] }, label: 'ui' },
});

/** The GET body `template()` must come back as (times excluded). */
const rendered = (name = 'routes demo') => ({
  name,
  description: 'three noop nodes',
  use_case: 'ROUTES_TEST',
  version: { template: '1.2.3', compatibility: ['2.19.0', '3.0.0'] },
  workflows: {
    provision: {
      user_params: { region: 'eu-west-1' },
      nodes: [
        { id: 'a', type: 'noop', previous_node_inputs: {}, user_inputs: { delay: '0s', count: 3, enabled: true } },
        { id: 'b', type: 'noop', previous_node_inputs: { a: 'x' }, user_inputs: {} },
        { id: 'c', type: 'noop', previous_node_inputs: { b: 'y' }, user_inputs: { params: { k: 'v' } } },
      ],
      // explicit edges first, then the inferred ones
      edges: [
        { source: 'a', dest: 'c' },
        { source: 'a', dest: 'b' },
        { source: 'b', dest: 'c' },
      ],
    },
  },
  ui_metadata: { layout: { x: 1, y: [2, 3] }, label: 'ui' },
});

/** A JSON request through node:http, which (unlike fetch) can send a body with GET, as OpenSearch clients do. */
function send(baseUrl: string, method: string, path: string, body: unknown): Promise<{ status: number; body: any }> {
  const text = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      baseUrl + path,
      { method, headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = raw;
          try {
            parsed = JSON.parse(raw);
          } catch {
            // keep the text
          }
          resolve({ status: res.statusCode ?? 0, body: parsed });
        });
      },
    );
    req.on('error', reject);
    req.end(text);
  });
}

const deleted = (id: string, version: number) => ({
  _index: TEMPLATES_INDEX,
  _id: id,
  _version: version + 1,
  result: 'deleted',
  _shards: { total: 1, successful: 1, failed: 0 },
  _seq_no: version,
  _primary_term: 1,
});

describe('template routes: statuses and whole bodies (API.md §2.1–2.4, §2.8–2.10)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  const create = async (body: unknown = template()) => {
    const res = await call(app.url, 'POST', WF, body);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ workflow_id: expect.stringMatching(ID) });
    return res.body.workflow_id as string;
  };
  /** Moves a workflow's times into the past, so that "kept" and "moved" are observable without waiting. */
  const backdate = async (id: string) => {
    await app.db.query(
      `UPDATE workflows SET created_time = '2020-01-02T03:04:05.678Z', last_updated_time = '2020-01-02T03:04:05.678Z' WHERE id = $1`,
      [id],
    );
    return Date.parse('2020-01-02T03:04:05.678Z');
  };
  const setState = (id: string, state: string, progress: string) =>
    app.db.query('UPDATE workflow_states SET state = $2, provisioning_progress = $3 WHERE workflow_id = $1', [id, state, progress]);

  describe('POST …/workflow (create)', () => {
    it('answers 201 with exactly {workflow_id}, and GET returns the normalised template with times', async () => {
      const before = Date.now();
      const id = await create();
      const got = await call(app.url, 'GET', `${WF}/${id}`);
      expect(got.status).toBe(200);
      expect(got.body).toEqual({ ...rendered(), created_time: expect.any(Number), last_updated_time: expect.any(Number) });
      expect(Object.keys(got.body)).toEqual([
        'name', 'description', 'use_case', 'version', 'workflows', 'ui_metadata', 'created_time', 'last_updated_time',
      ]);
      expect(got.body.created_time).toBe(got.body.last_updated_time);
      expect(got.body.created_time).toBeGreaterThanOrEqual(before - 1000);
      expect(got.body.created_time).toBeLessThanOrEqual(Date.now() + 1000);
      expect(got.headers.get('content-type')).toMatch(/^application\/json/);
    });

    it('creates the NOT_STARTED state row with the template, in the same request', async () => {
      const id = await create(template('with state'));
      const rows = await app.db.query('SELECT state, provisioning_progress, error FROM workflow_states WHERE workflow_id = $1', [id]);
      expect(rows).toEqual([{ state: 'NOT_STARTED', provisioning_progress: 'NOT_STARTED', error: null }]);
    });

    it('fills the defaults of a minimal template (only a name): empty description/use_case, no version, no workflows', async () => {
      const id = await create({ name: 'minimal' });
      const got = await call(app.url, 'GET', `${WF}/${id}`);
      expect(got.status).toBe(200);
      expect(got.body).toEqual({
        name: 'minimal',
        description: '',
        use_case: '',
        workflows: {},
        created_time: expect.any(Number),
        last_updated_time: expect.any(Number),
      });
    });

    it('gives every create its own id', async () => {
      const ids = [await create(template('same')), await create(template('same'))];
      expect(new Set(ids).size).toBe(2);
    });

    it('accepts ?validation=off (and the global ?pretty) with the same 201 body', async () => {
      const res = await call(app.url, 'POST', `${WF}?validation=off&pretty`, template('validation off'));
      expect(res.status).toBe(201);
      expect(res.body).toEqual({ workflow_id: expect.stringMatching(ID) });
    });
  });

  describe('PUT …/workflow/{id} (full update)', () => {
    it('answers 201 {workflow_id}, replaces the template, keeps created_time and moves last_updated_time', async () => {
      const id = await create();
      const past = await backdate(id);
      const replacement = {
        name: 'replaced',
        description: 'one node now',
        use_case: 'OTHER',
        workflows: { provision: { nodes: [{ id: 'only', type: 'noop' }] } },
      };
      const started = Date.now();
      const res = await call(app.url, 'PUT', `${WF}/${id}`, replacement);
      expect(res.status).toBe(201);
      expect(res.body).toEqual({ workflow_id: id });

      const got = await call(app.url, 'GET', `${WF}/${id}`);
      expect(got.status).toBe(200);
      expect(got.body).toEqual({
        name: 'replaced',
        description: 'one node now',
        use_case: 'OTHER',
        workflows: {
          provision: { user_params: {}, nodes: [{ id: 'only', type: 'noop', previous_node_inputs: {}, user_inputs: {} }], edges: [] },
        },
        created_time: past,
        last_updated_time: expect.any(Number),
      });
      expect(got.body.last_updated_time).toBeGreaterThanOrEqual(started - 1000);
      const state = await app.db.query('SELECT state, provisioning_progress FROM workflow_states WHERE workflow_id = $1', [id]);
      expect(state).toEqual([{ state: 'NOT_STARTED', provisioning_progress: 'NOT_STARTED' }]);
    });

    it('keeps last_provisioned_time through a full update', async () => {
      const id = await create();
      await app.db.query(`UPDATE workflows SET last_provisioned_time = '2021-05-06T07:08:09.010Z' WHERE id = $1`, [id]);
      const before = await call(app.url, 'GET', `${WF}/${id}`);
      expect(before.body.last_provisioned_time).toBe(Date.parse('2021-05-06T07:08:09.010Z'));
      const res = await call(app.url, 'PUT', `${WF}/${id}`, template('after provision'));
      expect(res.status).toBe(201);
      const got = await call(app.url, 'GET', `${WF}/${id}`);
      expect(got.body).toEqual({
        ...rendered('after provision'),
        created_time: before.body.created_time,
        last_updated_time: expect.any(Number),
        last_provisioned_time: Date.parse('2021-05-06T07:08:09.010Z'),
      });
    });

    it.each([
      ['PROVISIONING', 'IN_PROGRESS'],
      ['COMPLETED', 'DONE'],
      ['FAILED', 'FAILED'],
    ])('is refused (400) when the workflow is %s/%s, and changes nothing', async (state, progress) => {
      const id = await create();
      await setState(id, state, progress);
      const before = await call(app.url, 'GET', `${WF}/${id}`);
      const res = await call(app.url, 'PUT', `${WF}/${id}`, template('must not land'));
      expect(res.status).toBe(400);
      expect(res.body).toEqual({
        error: `The template can not be updated unless its provisioning state is NOT_STARTED: ${id}. Deprovision the workflow to reset the state.`,
      });
      expect(res.headers.get('x-error-code')).toBe('InvalidState');
      const after = await call(app.url, 'GET', `${WF}/${id}`);
      expect(after.body).toEqual(before.body);
      const rows = await app.db.query('SELECT state, provisioning_progress FROM workflow_states WHERE workflow_id = $1', [id]);
      expect(rows).toEqual([{ state, provisioning_progress: progress }]);
    });

    it('answers 404 for an unknown id', async () => {
      const res = await call(app.url, 'PUT', `${WF}/doesNotExist12345678`, template());
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ error: 'Failed to retrieve template (doesNotExist12345678) from global context.' });
    });
  });

  describe('PUT …/workflow/{id}?update_fields=true', () => {
    it('answers 201 {workflow_id} and changes only the given descriptive fields', async () => {
      const id = await create();
      const past = await backdate(id);
      const res = await call(app.url, 'PUT', `${WF}/${id}?update_fields=true`, {
        name: 'renamed',
        description: 'new description',
        version: { template: '2.0.0' },
        ui_metadata: { replaced: true },
      });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({ workflow_id: id });
      const got = await call(app.url, 'GET', `${WF}/${id}`);
      expect(got.body).toEqual({
        ...rendered('renamed'),
        description: 'new description',
        version: { template: '2.0.0', compatibility: ['2.19.0', '3.0.0'] },
        ui_metadata: { replaced: true },
        created_time: past,
        last_updated_time: expect.any(Number),
      });
      expect(got.body.last_updated_time).toBeGreaterThan(past);
    });

    it('keeps description/use_case when the new value is blank and clears ui_metadata with {}', async () => {
      const id = await create();
      const res = await call(app.url, 'PUT', `${WF}/${id}?update_fields=true`, { description: '   ', use_case: '', ui_metadata: {} });
      expect(res.status).toBe(201);
      const got = await call(app.url, 'GET', `${WF}/${id}`);
      const { ui_metadata: _gone, ...expected } = rendered();
      expect(got.body).toEqual({ ...expected, created_time: expect.any(Number), last_updated_time: expect.any(Number) });
    });

    it('is allowed in any provisioning state and leaves the state alone', async () => {
      const id = await create();
      await setState(id, 'COMPLETED', 'DONE');
      const res = await call(app.url, 'PUT', `${WF}/${id}?update_fields=true`, { name: 'renamed while provisioned' });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({ workflow_id: id });
      const got = await call(app.url, 'GET', `${WF}/${id}`);
      expect(got.body.name).toBe('renamed while provisioned');
      const rows = await app.db.query('SELECT state, provisioning_progress FROM workflow_states WHERE workflow_id = $1', [id]);
      expect(rows).toEqual([{ state: 'COMPLETED', provisioning_progress: 'DONE' }]);
    });

    it('answers 404 for an unknown id', async () => {
      const res = await call(app.url, 'PUT', `${WF}/nope?update_fields=true`, { name: 'x' });
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ error: 'Failed to retrieve template (nope) from global context.' });
    });
  });

  describe('GET …/workflow/{id}', () => {
    it('answers 404 with the Flow Framework message and code FlowNotExists', async () => {
      const res = await call(app.url, 'GET', `${WF}/unknownWorkflowId000`);
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ error: 'Failed to retrieve template (unknownWorkflowId000) from global context.' });
      expect(res.headers.get('x-error-code')).toBe('FlowNotExists');
    });

    it('returns last_provisioned_time (epoch ms) only once it is set', async () => {
      const id = await create();
      const before = await call(app.url, 'GET', `${WF}/${id}`);
      expect(before.body).not.toHaveProperty('last_provisioned_time');
      await app.db.query(`UPDATE workflows SET last_provisioned_time = '2022-02-02T02:02:02.002Z' WHERE id = $1`, [id]);
      const after = await call(app.url, 'GET', `${WF}/${id}`);
      expect(after.body).toEqual({ ...before.body, last_provisioned_time: Date.parse('2022-02-02T02:02:02.002Z') });
    });

    it('returns ui_metadata unchanged, however deep and whatever its types', async () => {
      const ui = { a: { b: { c: [null, 1.5, -2, 'x', { d: [] }, true, false] } }, empty: {}, unicode: 'ünï—😀' };
      const id = await create({ ...template(), ui_metadata: ui });
      const got = await call(app.url, 'GET', `${WF}/${id}`);
      expect(got.body.ui_metadata).toEqual(ui);
    });
  });

  describe('DELETE …/workflow/{id}', () => {
    it('answers 200 with the delete response, then not_found, and removes template and state rows', async () => {
      const id = await create();
      const res = await call(app.url, 'DELETE', `${WF}/${id}`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual(deleted(id, 1));
      const get = await call(app.url, 'GET', `${WF}/${id}`);
      expect(get.status).toBe(404);
      expect(await app.db.query('SELECT 1 FROM workflows WHERE id = $1', [id])).toHaveLength(0);
      expect(await app.db.query('SELECT 1 FROM workflow_states WHERE workflow_id = $1', [id])).toHaveLength(0);

      const again = await call(app.url, 'DELETE', `${WF}/${id}`);
      expect(again.status).toBe(200);
      expect(again.body).toEqual({
        _index: TEMPLATES_INDEX,
        _id: id,
        _version: expect.any(Number),
        result: 'not_found',
        _shards: { total: 1, successful: 1, failed: 0 },
        _seq_no: expect.any(Number),
        _primary_term: 1,
      });
    });

    it('answers not_found (200) for an id that never existed', async () => {
      const res = await call(app.url, 'DELETE', `${WF}/neverExisted00000000`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ _index: TEMPLATES_INDEX, _id: 'neverExisted00000000', result: 'not_found' });
      expect(Object.keys(res.body).sort()).toEqual(['_id', '_index', '_primary_term', '_seq_no', '_shards', '_version', 'result']);
    });

    it('reports the document version: each write moves it', async () => {
      const id = await create();
      expect((await call(app.url, 'PUT', `${WF}/${id}`, template('v2'))).status).toBe(201);
      expect((await call(app.url, 'PUT', `${WF}/${id}?update_fields=true`, { name: 'v3' })).status).toBe(201);
      const res = await call(app.url, 'DELETE', `${WF}/${id}`);
      expect(res.body).toEqual(deleted(id, 3));
    });

    it('keeps the state row when resources remain, and removes it with clear_status=true', async () => {
      const kept = await create();
      const cleared = await create();
      for (const id of [kept, cleared]) {
        await setState(id, 'COMPLETED', 'DONE');
        await app.db.query(
          `INSERT INTO resources (workflow_id, workflow_step_name, workflow_step_id, resource_type, resource_id)
           VALUES ($1, 'noop', 'a', 'connector_id', 'res-1')`,
          [id],
        );
      }
      const res1 = await call(app.url, 'DELETE', `${WF}/${kept}`);
      expect(res1.body).toEqual(deleted(kept, 1));
      const res2 = await call(app.url, 'DELETE', `${WF}/${cleared}?clear_status=true`);
      expect(res2.body).toEqual(deleted(cleared, 1));
      expect(await app.db.query('SELECT state FROM workflow_states WHERE workflow_id = $1', [kept])).toEqual([{ state: 'COMPLETED' }]);
      expect(await app.db.query('SELECT 1 FROM workflow_states WHERE workflow_id = $1', [cleared])).toHaveLength(0);
      expect(await app.db.query('SELECT 1 FROM workflows WHERE id = ANY($1)', [[kept, cleared]])).toHaveLength(0);
    });
  });

  describe('search routes', () => {
    it.each(['POST', 'GET'])('%s …/workflow/_search answers the whole OpenSearch envelope with the template as _source', async (method) => {
      const id = await create(template('searched by id'));
      const res = await send(app.url, method, `${WF}/_search`, { query: { ids: { values: [id] } } });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        took: expect.any(Number),
        timed_out: false,
        _shards: { total: 1, successful: 1, skipped: 0, failed: 0 },
        hits: {
          total: { value: 1, relation: 'eq' },
          max_score: 1,
          hits: [
            {
              _index: TEMPLATES_INDEX,
              _id: id,
              _version: 1,
              _seq_no: 0,
              _primary_term: 1,
              _score: 1,
              _source: { ...rendered('searched by id'), created_time: expect.any(Number), last_updated_time: expect.any(Number) },
            },
          ],
        },
      });
      const got = await call(app.url, 'GET', `${WF}/${id}`);
      expect(res.body.hits.hits[0]._source).toEqual(got.body);
    });

    it.each(['POST', 'GET'])('%s: an empty result has total 0, max_score null and no hits', async (method) => {
      const res = await send(app.url, method, `${WF}/_search`, { query: { term: { 'name.keyword': 'no such name at all' } } });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        took: expect.any(Number),
        timed_out: false,
        _shards: { total: 1, successful: 1, skipped: 0, failed: 0 },
        hits: { total: { value: 0, relation: 'eq' }, max_score: null, hits: [] },
      });
    });

    it.each(['POST', 'GET'])('%s …/workflow/state/_search finds the state document of a workflow', async (method) => {
      const id = await create(template('state searched'));
      const res = await send(app.url, method, `${WF}/state/_search`, { query: { term: { workflow_id: id } } });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        took: expect.any(Number),
        timed_out: false,
        _shards: { total: 1, successful: 1, skipped: 0, failed: 0 },
        hits: {
          total: { value: 1, relation: 'eq' },
          max_score: 1,
          hits: [
            {
              _index: STATE_INDEX,
              _id: id,
              _version: 1,
              _seq_no: 0,
              _primary_term: 1,
              _score: 1,
              _source: { workflow_id: id, state: 'NOT_STARTED', provisioning_progress: 'NOT_STARTED', resources_created: [] },
            },
          ],
        },
      });
    });
  });

  describe('GET …/workflow/_steps', () => {
    it('lists the catalogue: noop exactly, every entry in the Flow Framework shape', async () => {
      const res = await call(app.url, 'GET', `${WF}/_steps`);
      expect(res.status).toBe(200);
      // Step packs are being added; whatever else is listed must have the documented shape.
      expect(res.body.noop).toEqual({ inputs: [], outputs: [], required_plugins: [] });
      for (const [name, entry] of Object.entries<Record<string, unknown>>(res.body)) {
        expect({ name, keys: Object.keys(entry).filter((k) => k !== 'timeout') }).toEqual({ name, keys: ['inputs', 'outputs', 'required_plugins'] });
        expect(entry).toEqual({
          inputs: expect.any(Array),
          outputs: expect.any(Array),
          required_plugins: expect.any(Array),
          ...('timeout' in entry ? { timeout: expect.stringMatching(/^\d+(ms|s|m|h)$/) } : {}),
        });
      }
      // and the filter returns exactly the listed entries
      const names = Object.keys(res.body);
      const filtered = await call(app.url, 'GET', `${WF}/_steps?workflow_step=${names.join(',')}`);
      expect(filtered.body).toEqual(res.body);
    });

    it('filters with ?workflow_step=noop', async () => {
      const res = await call(app.url, 'GET', `${WF}/_steps?workflow_step=noop`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ noop: { inputs: [], outputs: [], required_plugins: [] } });
    });

    it.each(['does_not_exist', 'noop,does_not_exist'])('answers 400 for an unknown step name (%s)', async (names) => {
      const res = await call(app.url, 'GET', `${WF}/_steps?workflow_step=${names}`);
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ error: 'Failed to retrieve workflow step json.' });
    });
  });
});
