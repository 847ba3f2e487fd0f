import { chmodSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../src/database/embedded-postgres';
import { killProcess, Proc, startProcess } from '../support/processes';
import { call, eventually } from '../support/test-app';

const WF = '/_plugins/_flow_framework/workflow';
jest.setTimeout(180_000);

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** `npm start` without DATABASE_URL, as a real process: embedded PostgreSQL, api and worker, data kept across restarts. */
describe('all-in-one (npm start): embedded PostgreSQL, Ctrl-C, data kept', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'stepwise-start-'));
  // Run as root, PostgreSQL runs as the postgres user, which must be able to reach its data directory.
  chmodSync(dataDir, 0o755);
  let proc: Proc | undefined;
  afterAll(async () => {
    await killProcess(proc);
  });

  const start = async (port: number) => {
    proc = startProcess('src/start.ts', { STEPWISE_DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn' });
    const url = `http://127.0.0.1:${port}`;
    await eventually(async () => (await fetch(`${url}/health/ready`).catch(() => undefined))?.status === 200, 60_000, 250).catch((err) => {
      throw new Error(`${err.message}\n${proc!.output().slice(-3000)}`);
    });
    return url;
  };
  const stop = async () => {
    const pgPid = Number(readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
    const t0 = Date.now();
    proc!.child.kill('SIGINT');
    expect(await proc!.exited).toBe(0);
    await eventually(async () => !alive(pgPid), 10_000, 50);
    expect(Date.now() - t0).toBeLessThan(10_000);
  };

  it('comes up ready on an embedded PostgreSQL, stops everything on SIGINT, and finds its data on the next start', async () => {
    const port = await freePort();
    let url = await start(port);
    expect(proc!.output()).toContain('Swagger UI:');
    const { body } = await call(url, 'POST', `${WF}?provision=true&wait_for_completion_timeout=10s`, {
      name: 'kept',
      workflows: { provision: { nodes: [{ id: 'a', type: 'noop' }] } },
    });
    expect(body.state).toBe('COMPLETED');
    await stop();
    expect(existsSync(join(dataDir, 'secret.key'))).toBe(true);

    url = await start(port);
    expect((await call(url, 'GET', `${WF}/${body.workflow_id}/_status`)).body).toEqual({ workflow_id: body.workflow_id, state: 'COMPLETED' });
    await stop();
  });
});
