import { call, startTestApp, TestApp } from '../support/test-app';

const WF = '/_plugins/_flow_framework/workflow';

describe('client mistakes are answered, not logged as errors (real PostgreSQL, every log line read)', () => {
  let app: TestApp;
  const lines: { level: number; msg?: string; req?: { id: string } }[] = [];
  beforeAll(async () => {
    app = await startTestApp({ env: { LOG_LEVEL: 'debug' }, config: { logStream: { write: (l: string) => void lines.push(JSON.parse(l)) } } });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('10 MB body → 413, text/plain → 415, malformed JSON → 400: answered with {"error"} and no error-level log line', async () => {
    const big = await call(app.url, 'POST', WF, JSON.stringify({ name: 'x'.repeat(10 * 1024 * 1024) }));
    const text = await call(app.url, 'POST', WF, 'hello', { 'content-type': 'text/plain' });
    const bad = await call(app.url, 'POST', WF, '{"name":', { 'content-type': 'application/json' });
    expect([big.status, text.status, bad.status]).toEqual([413, 415, 400]);
    for (const res of [big, text, bad]) expect(Object.keys(res.body)).toEqual(['error']);
    const ids = [big, text, bad].map((r) => r.headers.get('x-request-id'));
    const about = lines.filter((l) => l.req && ids.includes(l.req.id));
    expect(about.length).toBeGreaterThanOrEqual(3); // each request is logged, with its request id
    expect(about.filter((l) => l.level >= 50)).toEqual([]);
    expect(lines.filter((l) => l.msg === 'unhandled error')).toEqual([]);
  });
});
