import { AccessKeysService } from '../../src/auth/access-keys.service';
import { SecretBox } from '../../src/common/crypto/secret-box';
import { generateSecretKey } from '../../src/config/app-config';
import { rotateSecretKey } from '../../src/cli/keys';
import { startProcess } from '../support/processes';
import { call, startTestApp, TestApp } from '../support/test-app';

const WF = '/_plugins/_flow_framework/workflow';

describe('npm run keys (a real process against real PostgreSQL)', () => {
  let app: TestApp;
  const secret = generateSecretKey();
  beforeAll(async () => {
    app = await startTestApp({ env: { AUTH_MODE: 'api_key' }, config: { secretKey: secret } });
  });
  afterAll(async () => {
    await app?.close();
  });
  const keys = async (...args: string[]) => {
    const p = startProcess('src/cli/keys.ts', { DATABASE_URL: app.config.databaseUrl!, SECRET_KEY: secret.toString('base64') }, args);
    const code = await p.exited;
    return { code, out: p.output() };
  };

  it('creates a key that authenticates, lists it, and revokes it', async () => {
    const created = await keys('create', '--tenant', 'cli-tenant', '--user', 'cli-user', '--roles', 'read_only');
    expect(created.code).toBe(0);
    const token = /token:\s+(\S+)/.exec(created.out)![1];
    const id = /key id:\s+(\S+)/.exec(created.out)![1];
    expect((await call(app.url, 'GET', `${WF}/_steps`, undefined, { authorization: `Bearer ${token}` })).status).toBe(200);
    expect((await call(app.url, 'POST', WF, { name: 'x' }, { authorization: `Bearer ${token}` })).status).toBe(403); // read_only
    expect((await keys('list')).out).toContain(`${id}  api_key  tenant=cli-tenant  user=cli-user  roles=read_only`);
    expect((await keys('revoke', id)).out).toContain(`revoked ${id}`);
    expect((await call(app.url, 'GET', `${WF}/_steps`, undefined, { authorization: `Bearer ${token}` })).status).toBe(401);
    expect((await keys('create', '--tenant', 't')).code).not.toBe(0);
  }, 60_000);

  it('rotate-secret-key re-encrypts every stored secret under the new key', async () => {
    const keysService = app.api.get(AccessKeysService);
    const signing = await keysService.createSigningKey({ tenant: 'default', user: 'signer' });
    const admin = (await keysService.createApiKey({ tenant: 'default', user: 'admin' })).token;
    await call(app.url, 'POST', WF, { name: 'c', workflows: { provision: { nodes: [{ id: 'n', type: 'noop', user_inputs: { credential: { k: 'plain-secret-value' } } }] } } }, {
      authorization: `Bearer ${admin}`,
    });
    const next = new SecretBox(generateSecretKey());
    const count = await rotateSecretKey(app.db, new SecretBox(secret), next);
    expect(count).toBeGreaterThanOrEqual(2);
    const [{ t }] = await app.db.query(`SELECT template::text AS t FROM workflows WHERE name = 'c'`);
    const sealed = /"(enc:v1:[^"]+)"/.exec(t)![1];
    expect(next.decrypt(sealed)).toBe('plain-secret-value');
    const [{ s }] = await app.db.query('SELECT secret_sealed AS s FROM access_keys WHERE id = $1', [signing.accessKeyId]);
    expect(next.decrypt(s)).toBe(signing.secret);
  });
});
