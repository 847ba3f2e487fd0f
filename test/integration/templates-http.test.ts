/**
 * Request basics of the Flow Framework dialect (API.md §2.1, §3 request ids, §4 error codes): request ids, body
 * limits, media types, malformed bodies, unknown parameters, the bodies real clients send, `GET /`, and the API docs.
 * Uses node:http directly so that requests can be shaped exactly (GET bodies, no content-type, content-length 0).
 */
import { request } from 'node:http';
import { startTestApp, TestApp } from '../support/test-app';

const WF = '/_plugins/_flow_framework/workflow';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  body: any;
}

function send(baseUrl: string, method: string, path: string, body?: string | Buffer, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const h: Record<string, string> = { ...headers };
    if (body !== undefined && h['content-length'] === undefined) h['content-length'] = String(Buffer.byteLength(body));
    const req = request(baseUrl + path, { method, headers: h }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: unknown;
        try {
          parsed = text ? JSON.parse(text) : undefined;
        } catch {
          parsed = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, body: parsed });
      });
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

const JSON_TYPE = { 'content-type': 'application/json' };
const template = (name = 'http basics') => JSON.stringify({ name, workflows: { provision: { nodes: [{ id: 'a', type: 'noop' }] } } });

describe('request basics', () => {
  let app: TestApp;
  let id: string;
  const rowCount = async () => (await app.db.query('SELECT count(*)::int AS n FROM workflows'))[0].n as number;

  beforeAll(async () => {
    app = await startTestApp();
    const res = await send(app.url, 'POST', WF, template(), JSON_TYPE);
    expect(res.status).toBe(201);
    id = res.body.workflow_id;
  });
  afterAll(async () => {
    await app?.close();
  });

  describe('x-request-id', () => {
    it.each([
      ['GET', `${WF}/_steps`],
      ['GET', '/'],
      ['GET', `${WF}/does-not-exist`],
    ])('is echoed when given (%s %s)', async (method, path) => {
      const res = await send(app.url, method, path, undefined, { 'x-request-id': 'my-trace-id.42' });
      expect(res.headers['x-request-id']).toBe('my-trace-id.42');
    });

    it('is echoed on a create and on an error answered by the body reader', async () => {
      const created = await send(app.url, 'POST', WF, template(), { ...JSON_TYPE, 'x-request-id': 'create-1' });
      expect(created.status).toBe(201);
      expect(created.headers['x-request-id']).toBe('create-1');
      const bad = await send(app.url, 'POST', WF, '{"name":', { ...JSON_TYPE, 'x-request-id': 'bad-json-1' });
      expect(bad.status).toBe(400);
      expect(bad.headers['x-request-id']).toBe('bad-json-1');
    });

    it('is generated when not given, and differs per request', async () => {
      const a = await send(app.url, 'GET', `${WF}/${id}`);
      const b = await send(app.url, 'GET', `${WF}/${id}`);
      const c = await send(app.url, 'GET', `${WF}/nope`);
      for (const res of [a, b, c]) expect(res.headers['x-request-id']).toEqual(expect.stringMatching(/^\S{8,128}$/));
      expect(new Set([a, b, c].map((r) => r.headers['x-request-id'])).size).toBe(3);
    });
  });

  describe('bodies', () => {
    it('a 10 MB body → 413 EntityTooLarge, with the limit in the message, and nothing stored', async () => {
      const before = await rowCount();
      const huge = JSON.stringify({ name: 'huge', description: 'x'.repeat(10 * 1024 * 1024) });
      const res = await send(app.url, 'POST', WF, huge, JSON_TYPE);
      expect(res.status).toBe(413);
      expect(res.headers['x-error-code']).toBe('EntityTooLarge');
      // API.md §4's message (a hint may follow it: clients match on the message, not on the whole text)
      expect(res.body).toEqual({ error: expect.stringMatching(new RegExp(`^The payload size exceeds maximum allowed size \\(${app.config.bodyLimitBytes} bytes\\)\\.`)) });
      expect(await rowCount()).toBe(before);
    });

    it('a body just under the limit is read (and judged on its content)', async () => {
      const desc = 'y'.repeat(app.config.bodyLimitBytes - 200);
      const res = await send(app.url, 'POST', WF, JSON.stringify({ name: 'big but fine', description: desc }), JSON_TYPE);
      expect(res.status).toBe(201);
      expect((await send(app.url, 'DELETE', `${WF}/${res.body.workflow_id}`)).status).toBe(200);
    });

    it.each(['text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'])(
      'Content-Type %s → 415 UnsupportedMediaType, nothing stored',
      async (type) => {
        const before = await rowCount();
        const res = await send(app.url, 'POST', WF, template(), { 'content-type': type });
        expect(res.status).toBe(415);
        expect(res.headers['x-error-code']).toBe('UnsupportedMediaType');
        expect(res.body).toEqual({ error: expect.stringMatching(/\S/) });
        expect(await rowCount()).toBe(before);
      },
    );

    it.each([
      ['truncated', '{"name": "x", "workflows": {'],
      ['trailing comma', '{"name": "x",}'],
      ['single quotes', "{'name': 'x'}"],
      ['not JSON at all', 'name=x'],
    ])('malformed JSON (%s) → 400 with a Flow Framework {"error"} body', async (_title, text) => {
      const res = await send(app.url, 'POST', WF, text, JSON_TYPE);
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ error: expect.stringMatching(/\S/) });
      expect(res.headers['x-error-code']).toBe('InvalidArgument');
    });

    it('malformed JSON on PUT and on search → 400 {"error"}', async () => {
      for (const [method, path] of [
        ['PUT', `${WF}/${id}`],
        ['POST', `${WF}/_search`],
        ['GET', `${WF}/_search`],
        ['GET', `${WF}/state/_search`],
      ]) {
        const res = await send(app.url, method, path, '{"query": ', JSON_TYPE);
        expect({ method, path, status: res.status, body: res.body }).toEqual({ method, path, status: 400, body: { error: expect.any(String) } });
      }
    });

    it('JSON content-type with an empty body works on the GET routes', async () => {
      for (const path of [`${WF}/${id}`, `${WF}/_steps`, `${WF}/_search`, `${WF}/state/_search`]) {
        const res = await send(app.url, 'GET', path, '', { ...JSON_TYPE, 'content-length': '0' });
        expect({ path, status: res.status }).toEqual({ path, status: 200 });
      }
    });

    it('GET …/workflow/{id} ignores a JSON body (as Flow Framework does)', async () => {
      const res = await send(app.url, 'GET', `${WF}/${id}`, '{"whatever": true}', JSON_TYPE);
      expect(res.status).toBe(200);
      expect(res.body.name).toBe('http basics');
    });

    it.each([`${WF}/_search`, `${WF}/state/_search`])('GET %s with a JSON body applies the body', async (path) => {
      const res = await send(app.url, 'GET', path, JSON.stringify({ query: { ids: { values: [id] } }, size: 1 }), JSON_TYPE);
      expect(res.status).toBe(200);
      expect(res.body.hits.total).toEqual({ value: 1, relation: 'eq' });
      expect(res.body.hits.hits.map((h: { _id: string }) => h._id)).toEqual([id]);
    });

    it.each([`${WF}/_search`, `${WF}/state/_search`])('POST %s with no content-type and content-length 0 works (match_all)', async (path) => {
      const res = await send(app.url, 'POST', path, '', { 'content-length': '0' });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        took: expect.any(Number),
        timed_out: false,
        _shards: { total: 1, successful: 1, skipped: 0, failed: 0 },
        hits: { total: { value: expect.any(Number), relation: 'eq' }, max_score: expect.anything(), hits: expect.any(Array) },
      });
      expect(res.body.hits.total.value).toBeGreaterThanOrEqual(1);
    });

    it('a JSON body sent without a content-type is read as JSON', async () => {
      const res = await send(app.url, 'POST', WF, template('no content-type'));
      expect(res.status).toBe(201);
      expect(res.body).toEqual({ workflow_id: expect.any(String) });
    });

    it('a create with an empty body → 400 {"error"}', async () => {
      const res = await send(app.url, 'POST', WF, '', { ...JSON_TYPE, 'content-length': '0' });
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ error: 'IOException: template content invalid for specified Content-Type.' });
    });
  });

  describe('query parameters', () => {
    it.each([
      ['GET', () => `${WF}/${id}`, 'bogus'],
      ['GET', () => `${WF}/_steps`, 'bogus'],
      ['DELETE', () => `${WF}/${id}`, 'bogus'],
      ['GET', () => `${WF}/_search`, 'bogus'],
    ])('an unknown parameter on %s → 400 naming it', async (method, path, param) => {
      const before = await rowCount();
      const res = await send(app.url, method, `${path()}?${param}=1`);
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ error: `request [${path()}] contains unrecognized parameter: [${param}]` });
      expect(await rowCount()).toBe(before);
    });

    it('two unknown parameters are both named', async () => {
      const res = await send(app.url, 'GET', `${WF}/${id}?one=1&two=2`);
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ error: `request [${WF}/${id}] contains unrecognized parameters: [one], [two]` });
    });

    it.each(['pretty', 'human=true', 'error_trace=false', 'filter_path=name'])('the global parameter %s is accepted on GET', async (param) => {
      const res = await send(app.url, 'GET', `${WF}/${id}?${param}`);
      expect(res.status).toBe(200);
    });

    it('a bad boolean → 400 naming the value', async () => {
      const res = await send(app.url, 'DELETE', `${WF}/${id}?clear_status=maybe`);
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ error: 'Failed to parse value [maybe] as only [true] or [false] are allowed.' });
      expect(await app.db.query('SELECT 1 FROM workflows WHERE id = $1', [id])).toHaveLength(1);
    });
  });

  describe('errors are Flow Framework shaped on Flow Framework routes', () => {
    it('404 for an unknown route under the prefix, never a 5xx', async () => {
      const res = await send(app.url, 'GET', `${WF}/${id}/_nonsense`);
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ error: expect.any(String) });
    });
  });

  describe('GET / and the API docs', () => {
    it('GET / answers an OpenSearch-style info document with a 3.x version', async () => {
      const res = await send(app.url, 'GET', '/');
      expect(res.status).toBe(200);
      expect(res.body).toEqual(
        expect.objectContaining({
          name: expect.any(String),
          cluster_name: expect.any(String),
          cluster_uuid: expect.any(String),
          version: expect.objectContaining({ distribution: expect.any(String), number: expect.stringMatching(/^3\.\d+\.\d+$/) }),
          tagline: expect.any(String),
        }),
      );
    });

    it('/docs-json is an OpenAPI 3 document that describes the workflow routes', async () => {
      const res = await send(app.url, 'GET', '/docs-json');
      expect(res.status).toBe(200);
      expect(res.body.openapi).toMatch(/^3\./);
      expect(res.body.info).toEqual(expect.objectContaining({ title: expect.any(String), version: expect.any(String) }));
      const paths = Object.keys(res.body.paths);
      expect(paths).toEqual(expect.arrayContaining([WF, `${WF}/{workflow_id}`, `${WF}/_search`, `${WF}/state/_search`, `${WF}/_steps`]));
      expect(Object.keys(res.body.paths[WF])).toContain('post');
      expect(Object.keys(res.body.paths[`${WF}/{workflow_id}`]).sort()).toEqual(expect.arrayContaining(['delete', 'get', 'put']));
      expect(Object.keys(res.body.paths[`${WF}/_search`]).sort()).toEqual(expect.arrayContaining(['get', 'post']));
    });

    it('/docs serves the Swagger UI as HTML', async () => {
      const res = await send(app.url, 'GET', '/docs');
      expect(res.status).toBe(200);
      expect(String(res.headers['content-type'])).toMatch(/^text\/html/);
      expect(res.text).toMatch(/<html/i);
      expect(res.text).toMatch(/swagger/i);
    });
  });
});
