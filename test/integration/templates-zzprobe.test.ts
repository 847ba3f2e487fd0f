import { request } from 'node:http';
import { startTestApp, TestApp } from '../support/test-app';
const WF = '/_plugins/_flow_framework/workflow';
function raw(url: string, method: string, path: string, body?: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string; headers: any }> {
  return new Promise((resolve, reject) => {
    const req = request(url + path, { method, headers: { ...headers, ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, text: Buffer.concat(chunks).toString(), headers: res.headers }));
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}
it('probe', async () => {
  const app = await startTestApp();
  try {
    for (const [m, p, b, h] of [
      ['POST', `${WF}/_search`, '{"query":{"match_all":{}}}', { 'content-type': 'application/json' }],
      ['GET', `${WF}/_search`, '{"query":{"match_all":{}}}', { 'content-type': 'application/json' }],
      ['GET', `${WF}/_search`],
      ['POST', `${WF}/state/_search`, '{}', { 'content-type': 'application/json' }],
      ['GET', `${WF}/state/_search`, '{}', { 'content-type': 'application/json' }],
      ['GET', `${WF}/_steps`, '', { 'content-type': 'application/json' }],
      ['POST', `${WF}/_search`, ''],
      ['POST', `${WF}`, 'x'.repeat(10*1024*1024), { 'content-type': 'application/json' }],
      ['POST', `${WF}`, '{"name":"x"}', { 'content-type': 'text/plain' }],
      ['POST', `${WF}`, '{"name":', { 'content-type': 'application/json' }],
      ['GET', `/`],
      ['GET', `/docs`],
      ['GET', `/docs-json`],
    ] as any[]) {
      const r = await raw(app.url, m, p, b, h);
      console.log(m, p, r.status, r.headers['x-error-code'], r.headers['x-request-id'], r.headers['content-type'], r.text.slice(0, 200));
    }
  } finally { await app.close(); }
});
