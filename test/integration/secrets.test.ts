import { randomBytes } from 'node:crypto';
import { FakeRestTarget, thingNode } from '../support/fake-rest-target';
import { call, eventually, startTestApp, TestApp } from '../support/test-app';

const WF = '/_plugins/_flow_framework/workflow';

describe('secrets never leave the service (every log line and response body scanned; real PostgreSQL)', () => {
  let app: TestApp;
  let target: FakeRestTarget;
  const logLines: string[] = [];
  const responses: string[] = [];
  const credentialSecret = `cred-${randomBytes(8).toString('hex')}`;
  const paramSecret = `param-${randomBytes(8).toString('hex')}`;

  beforeAll(async () => {
    target = await new FakeRestTarget().start();
    target.echoOnFailure = true;
    target.failCreate.set('leaky', 400);
    app = await startTestApp({ worker: true, env: { LOG_LEVEL: 'trace' }, config: { logStream: { write: (line: string) => void logLines.push(line) } } });
  });
  afterAll(async () => {
    await app?.close();
    await target?.stop();
  });

  const record = async (method: string, path: string, body?: unknown) => {
    const res = await call(app.url, method, path, body);
    responses.push(typeof res.body === 'string' ? res.body : JSON.stringify(res.body));
    return res;
  };

  it('a run whose target echoes the secrets back: responses, logs, history and rows hold no plaintext', async () => {
    const template = {
      name: 'with-secrets',
      workflows: {
        provision: {
          nodes: [
            thingNode(target, 'fine', { credential: { 'x-api-key': credentialSecret } }),
            {
              ...thingNode(target, 'leaky', { credential: { 'x-api-key': credentialSecret }, body: '{"token":"${{ service.credential.token }}"}' }),
              previous_node_inputs: { fine: 'thing_id' },
            },
          ],
        },
      },
    };
    const created = await record('POST', WF, template);
    const id = created.body.workflow_id;
    await record('GET', `${WF}/${id}`);
    await record('POST', `${WF}/_search`, { query: { match_all: {} } });
    await record('POST', `${WF}/${id}/_provision?service.credential.token=${paramSecret}`);
    const failed = await eventually(async () => {
      const s = await record('GET', `${WF}/${id}/_status?all=true`);
      return s.body.state === 'FAILED' && s;
    });
    expect(failed.body.error).toContain('[REDACTED]');
    // The target really received the secrets (so the test can fail), and echoed them back.
    expect(JSON.stringify(target.requests)).toContain(credentialSecret);
    expect(JSON.stringify(target.requests)).toContain(paramSecret);

    await record('GET', `${WF}/${id}/executions`);
    await record('GET', `${WF}/${id}/executions/1`);
    const stream = await fetch(`${app.url}${WF}/${id}/_status/stream`);
    responses.push(await stream.text());
    await record('POST', `${WF}/state/_search`, { query: { match_all: {} } });
    await record('POST', `${WF}/${id}/_deprovision`);

    expect(logLines.length).toBeGreaterThan(10);
    for (const text of [...responses, ...logLines]) {
      expect(text.includes(credentialSecret) || text.includes(paramSecret) ? text : 'clean').toBe('clean');
    }
    const rows = JSON.stringify(
      await app.db.query(`SELECT w.template, e.params, e.error, s.outputs, s.error AS step_error, r.deprovision, st.user_outputs, st.error AS state_error
                            FROM workflows w JOIN executions e ON e.workflow_id = w.id JOIN step_runs s ON s.execution_id = e.id
                            LEFT JOIN resources r ON r.workflow_id = w.id JOIN workflow_states st ON st.workflow_id = w.id WHERE w.id = $1`, [id]),
    );
    expect(rows).toContain('enc:v1:');
    expect(rows.includes(credentialSecret) || rows.includes(paramSecret)).toBe(false);
  });
});
