import { AccessKeysService } from '../../src/auth/access-keys.service';
import { signedHeaders } from '../../src/auth/request-signing';
import { FakeRestTarget } from '../support/fake-rest-target';
import { call, startTestApp, TestApp, settledStatus } from '../support/test-app';

const WF = '/_plugins/_flow_framework/workflow';

describe('security: keys, tenants, roles, signing, limits, SSRF (real PostgreSQL, local REST target)', () => {
  let app: TestApp;
  let target: FakeRestTarget;
  let keys: AccessKeysService;
  const tokens: Record<string, string> = {};
  const as = (who: string) => ({ authorization: `Bearer ${tokens[who]}` });

  beforeAll(async () => {
    target = await new FakeRestTarget().start();
    app = await startTestApp({ worker: true, env: { AUTH_MODE: 'api_key,signed', MAX_ACTIVE_PROVISIONS_PER_TENANT: '1' } });
    keys = app.api.get(AccessKeysService);
    tokens.a = (await keys.createApiKey({ tenant: 'tenant-a', user: 'alice', backendRoles: ['team-a'] })).token;
    tokens.b = (await keys.createApiKey({ tenant: 'tenant-b', user: 'bob' })).token;
    tokens.reader = (await keys.createApiKey({ tenant: 'tenant-a', user: 'rita', roles: ['read_only'] })).token;
  });
  afterAll(async () => {
    await app?.close();
    await target?.stop();
  });

  const settled = (id: string, who: string) => settledStatus(app.url, id, as(who));

  it('no credentials → 401; a wrong API key → 401', async () => {
    expect(await call(app.url, 'GET', `${WF}/_steps`)).toMatchObject({ status: 401, body: { error: expect.stringContaining('Authentication is required') } });
    expect((await call(app.url, 'GET', `${WF}/_steps`, undefined, { authorization: 'Bearer sw_AAAAAAAAAAAAAAAA_nope-nope-nope-nope-nope-nope-nope' })).status).toBe(401);
    expect((await call(app.url, 'GET', '/health/ready')).status).toBe(200); // public
  });

  it('tenant B can neither read, change, provision, deprovision, delete, resume, stop nor list tenant A\'s workflows and runs', async () => {
    const created = await call(app.url, 'POST', WF, { name: 'a-only', workflows: { provision: { nodes: [{ id: 'n', type: 'noop' }] } } }, as('a'));
    const id = created.body.workflow_id;
    await call(app.url, 'POST', `${WF}/${id}/_provision`, undefined, as('a'));
    await settled(id, 'a');
    const attempts: [string, string, unknown?][] = [
      ['GET', `${WF}/${id}`],
      ['PUT', `${WF}/${id}`, { name: 'x', workflows: { provision: { nodes: [{ id: 'n', type: 'noop' }] } } }],
      ['PUT', `${WF}/${id}?update_fields=true`, { name: 'x' }],
      ['POST', `${WF}/${id}/_provision`],
      ['POST', `${WF}/${id}/_deprovision`],
      ['GET', `${WF}/${id}/_status`],
      ['DELETE', `${WF}/${id}`],
      ['POST', `${WF}/${id}/_resume`],
      ['POST', `${WF}/${id}/_stop`],
      ['GET', `${WF}/${id}/executions`],
      ['GET', `${WF}/${id}/executions/1`],
      ['DELETE', `${WF}/${id}/executions/1`],
      ['GET', `${WF}/${id}/_status/stream`],
    ];
    for (const [method, path, body] of attempts) {
      const res = await call(app.url, method, path, body, as('b'));
      expect({ method, path, status: res.status, code: res.headers.get('x-error-code') }).toEqual({ method, path, status: 403, code: 'AccessDenied' });
      expect(res.body.error).toBe(path.includes('/executions') || path.includes('_resume') || path.includes('_stop') || path.endsWith('/stream') ? "The resources doesn't belong to you." : 'No permission to access this resource');
    }
    expect((await call(app.url, 'GET', `${WF}/${id}`, undefined, as('a'))).status).toBe(200); // untouched
    expect((await settled(id, 'a')).state).toBe('COMPLETED');

    const searchB = await call(app.url, 'POST', `${WF}/_search`, { query: { match_all: {} } }, as('b'));
    expect(searchB.body.hits.hits.map((h: { _id: string }) => h._id)).not.toContain(id);
    const stateB = await call(app.url, 'POST', `${WF}/state/_search`, { query: { match_all: {} } }, as('b'));
    expect(stateB.body.hits.hits.map((h: { _id: string }) => h._id)).not.toContain(id);
    const searchA = await call(app.url, 'POST', `${WF}/_search`, { query: { ids: { values: [id] } } }, as('a'));
    expect(searchA.body.hits.total.value).toBe(1);
  });

  it('records the user as Flow Framework does and shows it in _status?all=true', async () => {
    const { body } = await call(app.url, 'POST', WF, { name: 'who', workflows: { provision: { nodes: [{ id: 'n', type: 'noop' }] } } }, as('a'));
    const status = await call(app.url, 'GET', `${WF}/${body.workflow_id}/_status?all=true`, undefined, as('a'));
    expect(status.body.user).toEqual({ name: 'alice', backend_roles: ['team-a'], roles: [] });
  });

  it('a read-only role can read and search but gets 403 on every write', async () => {
    const { body } = await call(app.url, 'POST', WF, { name: 'ro', workflows: { provision: { nodes: [{ id: 'n', type: 'noop' }] } } }, as('a'));
    expect((await call(app.url, 'GET', `${WF}/${body.workflow_id}`, undefined, as('reader'))).status).toBe(200);
    expect((await call(app.url, 'POST', `${WF}/_search`, {}, as('reader'))).status).toBe(200);
    for (const [method, path] of [
      ['POST', WF],
      ['POST', `${WF}/${body.workflow_id}/_provision`],
      ['DELETE', `${WF}/${body.workflow_id}`],
    ]) {
      const res = await call(app.url, method, path, method === 'POST' && path === WF ? { name: 'x' } : undefined, as('reader'));
      expect(res.status).toBe(403);
      expect(res.headers.get('x-error-code')).toBe('AccessDenied');
    }
  });

  it('signed requests: valid passes; tampered body, 16-minute-old date, unknown key → 403 with the right code', async () => {
    const { accessKeyId, secret } = await keys.createSigningKey({ tenant: 'tenant-a', user: 'signer' });
    const body = JSON.stringify({ name: 'signed', workflows: { provision: { nodes: [{ id: 'n', type: 'noop' }] } } });
    const sign = (b: string, date?: string, key = accessKeyId) => ({
      'content-type': 'application/json',
      ...signedHeaders(key, secret, { method: 'POST', path: WF, query: { validation: 'all' }, body: b, date }),
    });
    const ok = await call(app.url, 'POST', `${WF}?validation=all`, body, sign(body));
    expect(ok.status).toBe(201);
    const tampered = await call(app.url, 'POST', `${WF}?validation=all`, body.replace('signed', 'signeD'), sign(body));
    expect(tampered).toMatchObject({ status: 403, body: { error: expect.stringContaining('does not match the signature') } });
    expect(tampered.headers.get('x-error-code')).toBe('SignatureNotMatch');
    const old = new Date(Date.now() - 16 * 60_000).toISOString();
    const skewed = await call(app.url, 'POST', `${WF}?validation=all`, body, sign(body, old));
    expect(skewed.status).toBe(403);
    expect(skewed.headers.get('x-error-code')).toBe('RequestTimeTooSkewed');
    const unknown = await call(app.url, 'POST', `${WF}?validation=all`, body, sign(body, undefined, 'SWNOPE000000000000'));
    expect(unknown.status).toBe(403);
    expect(unknown.headers.get('x-error-code')).toBe('InvalidAccessKeyID');
    expect(unknown.body.error).toBe('The AccessKey ID SWNOPE000000000000 is invalid.');
  });

  it('an http_request aimed at 169.254.169.254 fails with a clear error and sends nothing', async () => {
    const { body } = await call(
      app.url,
      'POST',
      `${WF}?provision=true`,
      { name: 'ssrf', workflows: { provision: { nodes: [{ id: 'meta', type: 'http_request', user_inputs: { url: 'http://169.254.169.254/latest/meta-data/iam', method: 'GET' } }] } } },
      as('a'),
    );
    const s = await settled(body.workflow_id, 'a');
    expect(s.state).toBe('FAILED');
    expect(s.error).toMatch(/^WorkflowStepException during step meta, Outbound call to 169\.254\.169\.254 \(169\.254\.169\.254\) refused: .* Nothing was sent; .*restStatus: FORBIDDEN$/);
  });

  it('a tenant over its concurrent-provision limit gets 429; another tenant is unaffected', async () => {
    const slow = (name: string) => ({ name, workflows: { provision: { nodes: [{ id: 'n', type: 'noop', user_inputs: { delay: '1500ms' } }] } } });
    const first = await call(app.url, 'POST', `${WF}?provision=true`, slow('busy-1'), as('a'));
    expect(first.status).toBe(202);
    const second = await call(app.url, 'POST', WF, slow('busy-2'), as('a'));
    const refused = await call(app.url, 'POST', `${WF}/${second.body.workflow_id}/_provision`, undefined, as('a'));
    expect(refused).toMatchObject({ status: 429, body: { error: 'Exceeded max simultaneous provisioning requests: 1' } });
    const other = await call(app.url, 'POST', `${WF}?provision=true`, slow('b-1'), as('b'));
    expect(other.status).toBe(202);
    await settled(first.body.workflow_id, 'a');
    expect((await call(app.url, 'POST', `${WF}/${second.body.workflow_id}/_provision`, undefined, as('a'))).status).toBe(202);
  });
});

describe('Flow Framework multi-tenancy header and filter_by_backend_roles (real PostgreSQL)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { MULTI_TENANCY: 'true' } });
  });
  afterAll(async () => {
    await app?.close();
  });
  const template = { name: 't', workflows: { provision: { nodes: [{ id: 'n', type: 'noop' }] } } };

  it('requires x-tenant-id when multi-tenancy is on, and scopes everything by it', async () => {
    expect(await call(app.url, 'POST', WF, template)).toMatchObject({ status: 403, body: { error: 'Tenant ID header is missing or has no value' } });
    const created = await call(app.url, 'POST', WF, template, { 'x-tenant-id': 'red' });
    expect(created.status).toBe(201);
    expect((await call(app.url, 'GET', `${WF}/${created.body.workflow_id}`, undefined, { 'x-tenant-id': 'red' })).status).toBe(200);
    expect((await call(app.url, 'GET', `${WF}/${created.body.workflow_id}`, undefined, { 'x-tenant-id': 'blue' })).status).toBe(403);
  });

  it('filter_by_backend_roles: only users sharing a backend role with the creator see a workflow', async () => {
    const filtered = await startTestApp({ env: { AUTH_MODE: 'api_key', FILTER_BY_BACKEND_ROLES: 'true' } });
    try {
      const keys = filtered.api.get(AccessKeysService);
      const alice = (await keys.createApiKey({ tenant: 't', user: 'alice', backendRoles: ['red'] })).token;
      const carol = (await keys.createApiKey({ tenant: 't', user: 'carol', backendRoles: ['red', 'green'] })).token;
      const bob = (await keys.createApiKey({ tenant: 't', user: 'bob', backendRoles: ['blue'] })).token;
      const nobody = (await keys.createApiKey({ tenant: 't', user: 'nobody' })).token;
      const admin = (await keys.createApiKey({ tenant: 't', user: 'root', roles: ['all_access'] })).token;
      const bearer = (t: string) => ({ authorization: `Bearer ${t}` });
      const { body } = await call(filtered.url, 'POST', WF, template, bearer(alice));
      const id = body.workflow_id;
      expect((await call(filtered.url, 'GET', `${WF}/${id}`, undefined, bearer(carol))).status).toBe(200);
      expect((await call(filtered.url, 'GET', `${WF}/${id}`, undefined, bearer(admin))).status).toBe(200);
      expect((await call(filtered.url, 'GET', `${WF}/${id}`, undefined, bearer(bob))).body).toEqual({ error: `User does not have permissions to access workflow: ${id}` });
      expect((await call(filtered.url, 'GET', `${WF}/${id}`, undefined, bearer(nobody))).body).toEqual({
        error: 'Filter by backend roles is enabled, but User nobody does not have any backend roles configured',
      });
      const seen = async (t: string) =>
        (await call(filtered.url, 'POST', `${WF}/_search`, { query: { match_all: {} } }, bearer(t))).body.hits.hits.map((h: { _id: string }) => h._id);
      expect(await seen(carol)).toEqual([id]);
      expect(await seen(bob)).toEqual([]);
    } finally {
      await filtered.close();
    }
  });
});
