/**
 * Issue 3, acceptance 4: get and search never contain `credential` values, and the database row holds ciphertext.
 * API.md §2.4 ("Secrets never come back"), §2.9 ("Credentials are never in _source").
 */
import { request } from 'node:http';
import { call, startTestApp, TestApp } from '../support/test-app';

const WF = '/_plugins/_flow_framework/workflow';
const SECRETS = ['s3cr3t-alpha-value', 's3cr3t-beta-value', 's3cr3t-gamma-value', 's3cr3t-delta-value'];

const template = (name: string, secrets = SECRETS) => ({
  name,
  description: 'credential holder',
  workflows: {
    provision: {
      nodes: [
        { id: 'a', type: 'noop', user_inputs: { credential: { key: secrets[0], other: secrets[1] }, delay: '0s' } },
        { id: 'b', type: 'noop', previous_node_inputs: { a: 'x' }, user_inputs: { credential: { token: secrets[2] } } },
      ],
    },
    // credentials of workflows other than provision are secrets too
    teardown: { nodes: [{ id: 't', type: 'noop', user_inputs: { credential: { password: secrets[3] } } }] },
  },
});

/** GET/POST with a JSON body through node:http (fetch cannot send a GET body). */
function search(baseUrl: string, method: string, path: string, body: unknown): Promise<{ status: number; text: string; body: any }> {
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
          let parsed: unknown;
          try {
            parsed = JSON.parse(raw);
          } catch {
            parsed = raw;
          }
          resolve({ status: res.statusCode ?? 0, text: raw, body: parsed });
        });
      },
    );
    req.on('error', reject);
    req.end(text);
  });
}

const expectNoSecrets = (text: string, secrets = SECRETS) => {
  for (const secret of secrets) expect(text).not.toContain(secret);
  expect(text).not.toContain('"credential"');
};

describe('credentials are encrypted at rest and never returned', () => {
  let app: TestApp;
  let id: string;
  beforeAll(async () => {
    app = await startTestApp();
    const res = await call(app.url, 'POST', WF, template('secret holder'));
    expect(res.status).toBe(201);
    id = res.body.workflow_id;
  });
  afterAll(async () => {
    await app?.close();
  });

  const storedTemplate = async (workflowId: string): Promise<string> => {
    const [row] = await app.db.query('SELECT template::text AS t FROM workflows WHERE id = $1', [workflowId]);
    return row.t;
  };

  it('stores every credential value as ciphertext, in every workflow of the template', async () => {
    const text = await storedTemplate(id);
    for (const secret of SECRETS) expect(text).not.toContain(secret);
    const doc = JSON.parse(text);
    const values = [
      ...Object.values<string>(doc.workflows.provision.nodes[0].user_inputs.credential),
      ...Object.values<string>(doc.workflows.provision.nodes[1].user_inputs.credential),
      ...Object.values<string>(doc.workflows.teardown.nodes[0].user_inputs.credential),
    ];
    expect(values).toHaveLength(4);
    for (const value of values) expect(value).toMatch(/^enc:v1:\S+$/);
    expect(new Set(values).size).toBe(4);
    // keys stay readable; only values are sealed
    expect(Object.keys(doc.workflows.provision.nodes[0].user_inputs.credential)).toEqual(['key', 'other']);
    // nothing else of the row holds them either
    const [row] = await app.db.query('SELECT row_to_json(w)::text AS r FROM workflows w WHERE id = $1', [id]);
    for (const secret of SECRETS) expect(row.r).not.toContain(secret);
  });

  it('encrypts equal plaintexts to different ciphertexts (no deterministic encryption)', async () => {
    const res = await call(app.url, 'POST', WF, template('same secrets', ['same', 'same', 'same', 'same']));
    const doc = JSON.parse(await storedTemplate(res.body.workflow_id));
    const values = [
      doc.workflows.provision.nodes[0].user_inputs.credential.key,
      doc.workflows.provision.nodes[0].user_inputs.credential.other,
      doc.workflows.provision.nodes[1].user_inputs.credential.token,
    ];
    expect(new Set(values).size).toBe(3);
  });

  it('GET removes the whole credential map from every node, and nothing else', async () => {
    const res = await call(app.url, 'GET', `${WF}/${id}`);
    expect(res.status).toBe(200);
    expect(res.body.workflows).toEqual({
      provision: {
        user_params: {},
        nodes: [
          { id: 'a', type: 'noop', previous_node_inputs: {}, user_inputs: { delay: '0s' } },
          { id: 'b', type: 'noop', previous_node_inputs: { a: 'x' }, user_inputs: {} },
        ],
        edges: [{ source: 'a', dest: 'b' }],
      },
      teardown: { user_params: {}, nodes: [{ id: 't', type: 'noop', previous_node_inputs: {}, user_inputs: {} }], edges: [] },
    });
    expectNoSecrets(JSON.stringify(res.body));
    expect(JSON.stringify(res.body)).not.toContain('enc:v1:');
  });

  const SOURCE_CASES: Array<[string, Record<string, unknown>]> = [
    ['no _source', {}],
    ['_source: true', { _source: true }],
    ['_source including the credential path', { _source: { includes: ['workflows.provision.nodes.user_inputs.credential'] } }],
    ['_source including everything under workflows', { _source: ['workflows.*'] }],
    ['_source including a credential key by wildcard', { _source: { includes: ['*credential*', '*.key'] } }],
    ['_source excluding something else', { _source: { excludes: ['description'] } }],
  ];
  it.each(SOURCE_CASES.flatMap(([title, extra]) => ['GET', 'POST'].map((method) => [method, title, extra] as const)))(
    '%s template search never returns credentials (%s)',
    async (method, _title, extra) => {
      const res = await search(app.url, method, `${WF}/_search`, { query: { ids: { values: [id] } }, ...extra });
      expect(res.status).toBe(200);
      expect(res.body.hits.total.value).toBe(1);
      expect(res.body.hits.hits[0]._id).toBe(id);
      expectNoSecrets(res.text);
      expect(res.text).not.toContain('enc:v1:');
    },
  );

  it.each([
    ['term on the credential path', { term: { 'workflows.provision.nodes.user_inputs.credential.key': SECRETS[0] } }],
    ['term on the credential path with .keyword', { term: { 'workflows.provision.nodes.user_inputs.credential.key.keyword': SECRETS[0] } }],
    ['match on the credential path', { match: { 'workflows.provision.nodes.user_inputs.credential.key': SECRETS[0] } }],
    ['wildcard over the whole workflows document', { wildcard: { workflows: `*${SECRETS[0]}*` } }],
    ['wildcard over the provision nodes', { wildcard: { 'workflows.provision.nodes': `*${SECRETS[2]}*` } }],
    ['prefix on the credential path', { prefix: { 'workflows.provision.nodes.user_inputs.credential.key': SECRETS[0].slice(0, 4) } }],
    ['match on the description (secrets are not text of the template)', { match: { description: SECRETS[1] } }],
  ])('a credential value cannot be found by searching for it (%s)', async (_title, query) => {
    // A search that could match on a secret would leak it one guess at a time.
    const res = await search(app.url, 'GET', `${WF}/_search`, { query: { bool: { filter: [{ ids: { values: [id] } }, query] } } });
    expect(res.status).toBe(200);
    expect(res.body.hits.total.value).toBe(0);
    expectNoSecrets(res.text);
  });

  it('state search never contains credentials', async () => {
    const res = await search(app.url, 'GET', `${WF}/state/_search`, { query: { term: { workflow_id: id } } });
    expect(res.status).toBe(200);
    expect(res.body.hits.total.value).toBe(1);
    expectNoSecrets(res.text);
  });

  it('a full update re-encrypts the new values and drops the old ones', async () => {
    const created = await call(app.url, 'POST', WF, template('to update'));
    const newSecrets = ['n3w-alpha', 'n3w-beta', 'n3w-gamma', 'n3w-delta'];
    const put = await call(app.url, 'PUT', `${WF}/${created.body.workflow_id}`, template('updated', newSecrets));
    expect(put.status).toBe(201);
    const text = await storedTemplate(created.body.workflow_id);
    for (const secret of [...SECRETS, ...newSecrets]) expect(text).not.toContain(secret);
    expect(text.match(/enc:v1:/g)).toHaveLength(4);
    const got = await call(app.url, 'GET', `${WF}/${created.body.workflow_id}`);
    expectNoSecrets(JSON.stringify(got.body), newSecrets);
  });

  it('update_fields keeps the stored ciphertext unchanged', async () => {
    const created = await call(app.url, 'POST', WF, template('fields only'));
    const before = JSON.parse(await storedTemplate(created.body.workflow_id));
    const put = await call(app.url, 'PUT', `${WF}/${created.body.workflow_id}?update_fields=true`, { name: 'renamed' });
    expect(put.status).toBe(201);
    const after = JSON.parse(await storedTemplate(created.body.workflow_id));
    expect(after.name).toBe('renamed');
    expect(after.workflows).toEqual(before.workflows);
  });

  it('an error about a credential does not echo its value', async () => {
    const res = await call(app.url, 'POST', WF, {
      name: 'bad credential',
      workflows: { provision: { nodes: [{ id: 'a', type: 'noop', user_inputs: { credential: { key: { nested: 'n3st3d-s3cr3t' } } } }] } },
    });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: expect.any(String) });
    expect(res.body.error).not.toContain('n3st3d-s3cr3t');
  });

  it('a sorted listing of every workflow leaks no credential and no ciphertext', async () => {
    const res = await search(app.url, 'GET', `${WF}/_search`, { query: { match_all: {} }, size: 100, sort: [{ created_time: 'desc' }] });
    expect(res.status).toBe(200);
    expect(res.body.hits.hits.length).toBeGreaterThanOrEqual(1);
    expectNoSecrets(res.text);
    expect(res.text).not.toContain('n3w-alpha');
    expect(res.text).not.toContain('enc:v1:');
  });
});
