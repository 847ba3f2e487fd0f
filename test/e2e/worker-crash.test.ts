import { generateSecretKey } from '../../src/config/app-config';
import { FakeRestTarget, thingNode } from '../support/fake-rest-target';
import { killProcess, Proc, startProcess } from '../support/processes';
import { call, eventually, startTestApp, TestApp } from '../support/test-app';

const WF = '/_plugins/_flow_framework/workflow';
jest.setTimeout(180_000);

describe('crash recovery with real worker processes (kill -9, SIGTERM) against a local REST target', () => {
  let app: TestApp;
  let target: FakeRestTarget;
  const secret = generateSecretKey();
  const workers: Proc[] = [];
  const worker = (env: Record<string, string> = {}) => {
    const p = startProcess('src/worker.ts', {
      DATABASE_URL: app.config.databaseUrl!,
      SECRET_KEY: secret.toString('base64'),
      JOB_HEARTBEAT_SECONDS: '10',
      ...env,
    });
    workers.push(p);
    return p;
  };

  beforeAll(async () => {
    target = await new FakeRestTarget().start();
    app = await startTestApp({ config: { secretKey: secret } }); // api only: steps run in the worker processes
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map(killProcess));
  });
  afterAll(async () => {
    await app?.close();
    await target?.stop();
  });

  const stepStatuses = async (workflowId: string): Promise<Record<string, string>> => {
    const rows: { node_id: string; status: string }[] = await app.db.query(
      `SELECT s.node_id, s.status FROM step_runs s JOIN executions e ON e.id = s.execution_id WHERE e.workflow_id = $1`,
      [workflowId],
    );
    return Object.fromEntries(rows.map((r) => [r.node_id, r.status]));
  };

  it('kill -9 mid-run: another worker completes it; each create called once except those in flight; no duplicate resources', async () => {
    target.createDelayMs = 250;
    const nodes = Array.from({ length: 20 }, (_, i) => ({
      ...thingNode(target, `n${i}`),
      ...(i ? { previous_node_inputs: { [`n${i - 1}`]: 'thing_id' } } : {}),
    }));
    const { body } = await call(app.url, 'POST', WF, { name: 'kill-test', workflows: { provision: { nodes } } });
    const id = body.workflow_id;
    const first = worker();
    await eventually(async () => first.output().includes('Stepwise worker started'), 60_000, 100);
    expect((await call(app.url, 'POST', `${WF}/${id}/_provision`)).status).toBe(202);

    await eventually(async () => Object.values(await stepStatuses(id)).filter((s) => s === 'SUCCEEDED').length >= 6, 60_000, 20);
    const inFlightAtKill = new Set(target.inFlight);
    first.child.kill('SIGKILL');
    await first.exited;
    const runningAtKill = Object.entries(await stepStatuses(id)).filter(([, s]) => s === 'RUNNING').map(([n]) => n);
    for (const n of runningAtKill) inFlightAtKill.add(n);

    worker();
    const done = await eventually(async () => {
      const s = await call(app.url, 'GET', `${WF}/${id}/_status`);
      return ['COMPLETED', 'FAILED'].includes(s.body.state) && s;
    }, 120_000, 200);
    expect(done.body.state).toBe('COMPLETED');
    expect(done.body.resources_created).toHaveLength(20);

    for (let i = 0; i < 20; i++) {
      const calls = target.creates.get(`n${i}`);
      if (inFlightAtKill.has(`n${i}`)) expect([1, 2]).toContain(calls);
      else expect(calls).toBe(1);
    }
    const dup = await app.db.query(
      'SELECT workflow_step_id, count(*)::int AS n FROM resources WHERE workflow_id = $1 GROUP BY 1 HAVING count(*) > 1',
      [id],
    );
    expect(dup).toEqual([]);
  });

  it('SIGTERM while a job is held: the worker exits within its grace period and the job is not lost', async () => {
    const { body } = await call(app.url, 'POST', WF, {
      name: 'sigterm-test',
      workflows: { provision: { nodes: [{ id: 'slow', type: 'noop', user_inputs: { delay: '4s' } }] } },
    });
    const id = body.workflow_id;
    const first = worker({ SHUTDOWN_GRACE_MS: '1000' });
    await eventually(async () => first.output().includes('Stepwise worker started'), 60_000, 100);
    await call(app.url, 'POST', `${WF}/${id}/_provision`);
    await eventually(async () => (await stepStatuses(id)).slow === 'RUNNING', 30_000, 20);

    const t0 = Date.now();
    first.child.kill('SIGTERM');
    await first.exited;
    expect(Date.now() - t0).toBeLessThan(1000 + 2000 + 1500); // grace + the shutdown deadline's margin

    const [job] = await app.db.query(`SELECT state FROM pgboss.job WHERE name = 'provision' AND data->>'executionId' IN
      (SELECT id::text FROM executions WHERE workflow_id = $1)`, [id]);
    expect(['created', 'retry']).toContain(job.state); // back in the queue, not lost

    worker();
    const done = await eventually(async () => {
      const s = await call(app.url, 'GET', `${WF}/${id}/_status`);
      return s.body.state === 'COMPLETED' && s;
    }, 90_000, 200);
    expect(done.body.state).toBe('COMPLETED');
  });
});
