import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedDatabase, freePort, startEmbeddedPostgres } from '../../src/database/embedded-postgres';
import { call, eventually, startTestApp, TestApp } from '../support/test-app';

const WF = '/_plugins/_flow_framework/workflow';
jest.setTimeout(180_000);

/** Runs on a PostgreSQL of its own (embedded), so that it can stop and start it without disturbing other tests. */
describe('PostgreSQL restarts during runs (own embedded PostgreSQL, api + worker in process)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'stepwise-restart-pg-'));
  let port: number;
  let pg: EmbeddedDatabase;
  let app: TestApp;

  beforeAll(async () => {
    port = await freePort();
    pg = await startEmbeddedPostgres({ dataDir, port });
    app = await startTestApp({ worker: true, databaseUrl: pg.url, config: { jobHeartbeatSeconds: 10 } });
  });
  afterAll(async () => {
    await app?.close().catch(() => undefined);
    await pg?.stop();
  });

  it('api and worker reconnect without crashing and the runs complete', async () => {
    const nodes = Array.from({ length: 8 }, (_, i) => ({
      id: `n${i}`,
      type: 'noop',
      user_inputs: { delay: '300ms' },
      ...(i ? { previous_node_inputs: { [`n${i - 1}`]: 'x' } } : {}),
    }));
    const ids: string[] = [];
    for (let k = 0; k < 3; k++) {
      const { body } = await call(app.url, 'POST', `${WF}?provision=true`, { name: `restart-${k}`, workflows: { provision: { nodes } } });
      ids.push(body.workflow_id);
    }
    await eventually(async () => {
      const [{ n }] = await app.db.query(`SELECT count(*)::int AS n FROM step_runs WHERE status = 'SUCCEEDED'`);
      return n >= 3;
    }, 30_000, 20);

    await pg.stop();
    const down = await call(app.url, 'GET', '/health/ready');
    expect(down.status).toBe(503);
    pg = await startEmbeddedPostgres({ dataDir, port, persistent: false }); // removes its data when the test stops it

    await eventually(async () => (await call(app.url, 'GET', '/health/ready')).status === 200, 60_000, 200);
    for (const id of ids) {
      const status = await eventually(async () => {
        const s = await call(app.url, 'GET', `${WF}/${id}/_status`);
        return ['COMPLETED', 'FAILED'].includes(s.body?.state) && s;
      }, 120_000, 250);
      expect(status.body.state).toBe('COMPLETED');
    }
    const dup = await app.db.query(`SELECT e.workflow_id FROM executions e GROUP BY 1 HAVING count(*) > 1`);
    expect(dup).toEqual([]);
  });
});
