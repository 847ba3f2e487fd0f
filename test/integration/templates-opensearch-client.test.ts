/**
 * The real OpenSearch JavaScript client (`@opensearch-project/opensearch` 3.x, `client.flowFramework.*`) against
 * Stepwise: existing clients must work unchanged (API.md §2). Responses come back as `{ body, statusCode }`; errors
 * throw ResponseError with `meta.statusCode` and `meta.body`.
 */
import { Client, errors } from '@opensearch-project/opensearch';
import YAML from 'yaml';
import { startTestApp, TestApp } from '../support/test-app';

const TEMPLATES_INDEX = '.plugins-flow-framework-templates';
const STATE_INDEX = '.plugins-flow-framework-state';

const template = (name = 'client demo') => ({
  name,
  description: 'created by opensearch-js',
  use_case: 'CLIENT_TEST',
  version: { template: '1.0.0', compatibility: ['3.0.0'] },
  workflows: {
    provision: {
      nodes: [
        { id: 'a', type: 'noop', user_inputs: { credential: { key: 'client-secret-value' } } },
        { id: 'b', type: 'noop', previous_node_inputs: { a: 'x' } },
      ],
    },
  },
});
const rendered = (name = 'client demo') => ({
  name,
  description: 'created by opensearch-js',
  use_case: 'CLIENT_TEST',
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
  created_time: expect.any(Number),
  last_updated_time: expect.any(Number),
});

/** Runs a call that must fail; returns the ResponseError's status and body. */
async function failure(promise: Promise<unknown>): Promise<{ statusCode: number | null | undefined; body: unknown }> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(errors.ResponseError);
    const meta = (error as InstanceType<typeof errors.ResponseError>).meta;
    return { statusCode: meta.statusCode, body: meta.body };
  }
  throw new Error('the call was expected to fail');
}

describe('@opensearch-project/opensearch client.flowFramework against Stepwise', () => {
  let app: TestApp;
  let client: Client;
  beforeAll(async () => {
    app = await startTestApp();
    client = new Client({ node: app.url, maxRetries: 0 });
  });
  afterAll(async () => {
    await client?.close();
    await app?.close();
  });

  it('info() reads the OpenSearch-style info document', async () => {
    const res = await client.info();
    expect(res.statusCode).toBe(200);
    expect(res.body.version.number).toMatch(/^3\./);
  });

  it('create → 201 {workflow_id}; get → the template without credentials', async () => {
    const created = await client.flowFramework.create({ body: template() as never });
    expect(created.statusCode).toBe(201);
    expect(created.body).toEqual({ workflow_id: expect.stringMatching(/^[A-Za-z0-9_-]{20}$/) });

    const got = await client.flowFramework.get({ workflow_id: created.body.workflow_id });
    expect(got.statusCode).toBe(200);
    expect(got.body).toEqual(rendered());
    expect(JSON.stringify(got.body)).not.toContain('client-secret-value');
  });

  it('create with validation=off accepts a step type that does not exist yet', async () => {
    const body = { name: 'later', workflows: { provision: { nodes: [{ id: 'c', type: 'create_connector' }] } } };
    const created = await client.flowFramework.create({ body: body as never, validation: 'off' });
    expect(created.statusCode).toBe(201);
  });

  it('create with a YAML string body and a YAML content type', async () => {
    const created = await client.flowFramework.create({ body: YAML.stringify(template('from yaml')) as never }, { headers: { 'content-type': 'application/yaml' } });
    expect(created.statusCode).toBe(201);
    const got = await client.flowFramework.get({ workflow_id: created.body.workflow_id });
    expect(got.body).toEqual(rendered('from yaml'));
  });

  it('update (full) → 201 and the new template; update_fields → 201 and only the fields', async () => {
    const { body: created } = await client.flowFramework.create({ body: template() as never });
    const id = created.workflow_id;
    const before = (await client.flowFramework.get({ workflow_id: id })).body;

    const updated = await client.flowFramework.update({ workflow_id: id, body: template('replaced') as never });
    expect(updated.statusCode).toBe(201);
    expect(updated.body).toEqual({ workflow_id: id });
    const afterFull = (await client.flowFramework.get({ workflow_id: id })).body;
    expect(afterFull).toEqual(rendered('replaced'));
    expect(afterFull.created_time).toBe(before.created_time);

    const fields = await client.flowFramework.update({ workflow_id: id, update_fields: true, body: { description: 'only this' } as never });
    expect(fields.statusCode).toBe(201);
    expect(fields.body).toEqual({ workflow_id: id });
    expect((await client.flowFramework.get({ workflow_id: id })).body).toEqual({ ...rendered('replaced'), description: 'only this' });
  });

  it('delete → 200 with the delete response; again → not_found; clear_status is accepted', async () => {
    const { body: created } = await client.flowFramework.create({ body: template() as never });
    const res = await client.flowFramework.delete({ workflow_id: created.workflow_id });
    expect(res.statusCode).toBe(200);
    expect(res.body).toEqual({
      _index: TEMPLATES_INDEX,
      _id: created.workflow_id,
      _version: 2,
      result: 'deleted',
      _shards: { total: 1, successful: 1, failed: 0 },
      _seq_no: 1,
      _primary_term: 1,
    });
    const again = await client.flowFramework.delete({ workflow_id: created.workflow_id, clear_status: true });
    expect(again.statusCode).toBe(200);
    expect(again.body.result).toBe('not_found');
  });

  it('search finds templates by query, with the OpenSearch envelope', async () => {
    const { body: created } = await client.flowFramework.create({ body: template('client searchable') as never });
    const res = await client.flowFramework.search({ body: { query: { term: { 'name.keyword': 'client searchable' } } } as never });
    expect(res.statusCode).toBe(200);
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
            _id: created.workflow_id,
            _version: 1,
            _seq_no: 0,
            _primary_term: 1,
            _score: 1,
            _source: rendered('client searchable'),
          },
        ],
      },
    });
    expect(JSON.stringify(res.body)).not.toContain('client-secret-value');
  });

  it('search with match_all, size and from', async () => {
    const res = await client.flowFramework.search({ body: { query: { match_all: {} }, size: 2, from: 1 } as never });
    expect(res.statusCode).toBe(200);
    const body = res.body as any;
    expect(body.hits.hits).toHaveLength(2);
    expect(body.hits.total.value).toBeGreaterThanOrEqual(3);
  });

  it('searchState finds the state of a workflow', async () => {
    const { body: created } = await client.flowFramework.create({ body: template('client state') as never });
    const res = await client.flowFramework.searchState({ body: { query: { term: { workflow_id: created.workflow_id } } } as never });
    expect(res.statusCode).toBe(200);
    const body = res.body as any;
    expect(body.hits.total).toEqual({ value: 1, relation: 'eq' });
    expect(body.hits.hits[0]).toEqual({
      _index: STATE_INDEX,
      _id: created.workflow_id,
      _version: expect.any(Number),
      _seq_no: expect.any(Number),
      _primary_term: 1,
      _score: 1,
      _source: { workflow_id: created.workflow_id, state: 'NOT_STARTED', provisioning_progress: 'NOT_STARTED', resources_created: [] },
    });
  });

  it('getSteps lists the catalogue and filters by workflow_step', async () => {
    const all = await client.flowFramework.getSteps();
    expect(all.statusCode).toBe(200);
    expect(all.body.noop).toEqual({ inputs: [], outputs: [], required_plugins: [] });
    const one = await client.flowFramework.getSteps({ workflow_step: 'noop' });
    expect(one.statusCode).toBe(200);
    expect(one.body).toEqual({ noop: { inputs: [], outputs: [], required_plugins: [] } });
  });

  describe('errors reach the caller as ResponseError with the Flow Framework body', () => {
    it('get of an unknown id → 404', async () => {
      expect(await failure(client.flowFramework.get({ workflow_id: 'unknownClientId00000' }))).toEqual({
        statusCode: 404,
        body: { error: 'Failed to retrieve template (unknownClientId00000) from global context.' },
      });
    });

    it('update of an unknown id → 404', async () => {
      expect(await failure(client.flowFramework.update({ workflow_id: 'unknownClientId00000', body: template() as never }))).toEqual({
        statusCode: 404,
        body: { error: 'Failed to retrieve template (unknownClientId00000) from global context.' },
      });
    });

    it('create of an invalid template → 400', async () => {
      const body = { name: 'cyclic', workflows: { provision: { nodes: [{ id: 'a', type: 'noop' }, { id: 'a', type: 'noop' }] } } };
      expect(await failure(client.flowFramework.create({ body: body as never }))).toEqual({ statusCode: 400, body: { error: 'Duplicate node id a.' } });
    });

    it('create with an unknown step type → 501 (not retried)', async () => {
      const body = { name: 'unknown', workflows: { provision: { nodes: [{ id: 'a', type: 'frobnicate' }] } } };
      expect(await failure(client.flowFramework.create({ body: body as never }))).toEqual({
        statusCode: 501,
        body: { error: 'Workflow step type [frobnicate] is not implemented.' },
      });
    });

    it('create with reprovision → 400', async () => {
      expect(await failure(client.flowFramework.create({ body: template() as never, reprovision: true }))).toEqual({
        statusCode: 400,
        body: { error: 'You can not use the reprovision parameter to create a new template.' },
      });
    });

    it('update_fields with a field that needs a full update → 400', async () => {
      const { body: created } = await client.flowFramework.create({ body: template() as never });
      expect(
        await failure(client.flowFramework.update({ workflow_id: created.workflow_id, update_fields: true, body: { workflows: {} } as never })),
      ).toEqual({ statusCode: 400, body: { error: 'You can not update the field [workflows] without updating the whole template.' } });
    });

    it('getSteps with an unknown step name → 400', async () => {
      expect(await failure(client.flowFramework.getSteps({ workflow_step: 'no_such_step' }))).toEqual({
        statusCode: 400,
        body: { error: 'Failed to retrieve workflow step json.' },
      });
    });

    it('search with an unsupported clause → 400 naming it', async () => {
      const result = await failure(client.flowFramework.search({ body: { query: { fuzzy: { name: 'x' } } } as never }));
      expect(result).toEqual({ statusCode: 400, body: { error: expect.stringContaining('fuzzy') } });
    });
  });
});
