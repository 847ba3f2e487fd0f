import { Logger } from '@nestjs/common';
import { AppError } from '../../src/common/errors/app-error';
import { WorkflowEntity } from '../../src/database/entities';
import { HotPathDatabase } from '../../src/database/hot-path-database';
import { PgListener } from '../../src/database/pg-listener';
import { CheckpointWriter } from '../../src/engine/checkpoint-writer';
import { RUN_EVENTS_CHANNEL, RunEvent } from '../../src/engine/run-events';
import { ProvisionStarter } from '../../src/provisioning/provision-starter';
import { call, eventually, startTestApp, TestApp } from '../support/test-app';

const WF = '/_plugins/_flow_framework/workflow';
const noopTemplate = (name: string) => ({ name, workflows: { provision: { nodes: [{ id: 'a', type: 'noop' }, { id: 'b', type: 'noop', previous_node_inputs: { a: 'x' } }] } } });

/** Starts of many runs in one transaction (api process only, no worker: the runs stay queued). */
describe('batched provision starts (real PostgreSQL and pg-boss)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ env: { MAX_ACTIVE_PROVISIONS_PER_TENANT: '5' } });
  });
  afterAll(async () => {
    await app?.close();
  });

  const create = async (name: string) => (await call(app.url, 'POST', WF, noopTemplate(name))).body.workflow_id as string;
  const workflow = (id: string) => app.db.manager.findOneByOrFail(WorkflowEntity, { id });

  it('one batch starting the same workflow twice: the first start wins, the second gets the NOT_STARTED message', async () => {
    const [a, b] = [await create('batch-a'), await create('batch-b')];
    const starter = app.api.get(ProvisionStarter);
    const hotPath = app.api.get(HotPathDatabase);
    const starts = [await workflow(a), await workflow(a), await workflow(b)].map((w) => ({ workflow: w, params: {} }));
    const outcomes = await hotPath.transaction((sql) => starter.startIn(sql, starts));

    expect(outcomes[0]).toMatchObject({ workflowId: a, generation: 1 });
    expect(outcomes[1]).toBeInstanceOf(AppError);
    expect((outcomes[1] as AppError).message).toBe(
      `The workflow provisioning state is IN_PROGRESS and can not be provisioned unless its state is NOT_STARTED: ${a}. Deprovision the workflow to reset the state.`,
    );
    expect(outcomes[2]).toMatchObject({ workflowId: b, generation: 1 });
    const runs = await app.db.query(`SELECT workflow_id, count(*)::int AS n FROM executions WHERE workflow_id = ANY($1) GROUP BY 1 ORDER BY 1`, [[a, b].sort()]);
    expect(runs).toEqual([a, b].sort().map((workflow_id) => ({ workflow_id, n: 1 })));
    const jobs = await app.db.query(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'provision' AND singleton_key = ANY($1)`, [[a, b]]);
    expect(jobs).toEqual([{ n: 2 }]);
    const steps = await app.db.query(`SELECT count(*)::int AS n FROM step_runs s JOIN executions e ON e.id = s.execution_id WHERE e.workflow_id = ANY($1)`, [[a, b]]);
    expect(steps).toEqual([{ n: 4 }]);
  });

  it('the tenant limit holds for starts that share a batch: 8 concurrent _provision calls, 3 places left → three 202s, five 429s', async () => {
    // The first test left 2 runs active: 3 of the tenant's 5 places remain.
    const ids = await Promise.all(Array.from({ length: 8 }, (_, i) => create(`limited-${i}`)));
    const results = await Promise.all(ids.map((id) => call(app.url, 'POST', `${WF}/${id}/_provision`)));
    expect(results.filter((r) => r.status === 202)).toHaveLength(3);
    const refused = results.filter((r) => r.status === 429);
    expect(refused).toHaveLength(5);
    for (const r of refused) expect(r.body).toEqual({ error: 'Exceeded max simultaneous provisioning requests: 5' });
    const [{ n }] = await app.db.query(`SELECT count(*)::int AS n FROM executions WHERE workflow_id = ANY($1)`, [ids]);
    expect(n).toBe(3);
  });
});

describe('run ends written by one statement are announced together (real PostgreSQL)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('70 runs claimed in one statement and ended in one: every end announced, in notifications of at most 30', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 70; i++) {
      const { status, body } = await call(app.url, 'POST', `${WF}?provision=true`, noopTemplate(`ending-${i}`));
      expect(status).toBe(202);
      ids.push(body.workflow_id);
    }
    const hotPath = new HotPathDatabase(app.config);
    const writer = new CheckpointWriter(hotPath);
    const notifications: RunEvent[][] = [];
    const listener = new PgListener(app.config.databaseUrl!, RUN_EVENTS_CHANNEL, (payload) => notifications.push(JSON.parse(payload)), new Logger('test'));
    await listener.start();
    try {
      const runs: { id: string }[] = await app.db.query('SELECT id::text AS id FROM executions WHERE workflow_id = ANY($1)', [ids]);
      // Claimed together (one statement), then ended together (one statement).
      const claimed = await Promise.all(runs.map((r) => writer.claim(r.id)));
      expect(claimed.map((c) => c?.template?.name).sort()).toEqual(ids.map((_, i) => `ending-${i}`).sort());
      expect(claimed.every((c) => c!.execution.status === 'RUNNING' && c!.stepRuns.length === 2)).toBe(true);
      await Promise.all(
        claimed.map((c) => writer.finish(c!.execution, { status: 'SUCCEEDED', error: null, state: 'COMPLETED', progress: 'DONE', notRun: ['a', 'b'], notRunStatus: 'SKIPPED' })),
      );
      const events = await eventually(async () => notifications.flat().length >= 70 && notifications.flat());
      expect(events.map((e) => e.workflowId).sort()).toEqual([...ids].sort());
      expect(notifications.length).toBeGreaterThanOrEqual(3);
      expect(Math.max(...notifications.map((n) => n.length))).toBeLessThanOrEqual(30);
      const states = await app.db.query(`SELECT state, provisioning_progress, count(*)::int AS n FROM workflow_states WHERE workflow_id = ANY($1) GROUP BY 1, 2`, [ids]);
      expect(states).toEqual([{ state: 'COMPLETED', provisioning_progress: 'DONE', n: 70 }]);
      const steps = await app.db.query(`SELECT DISTINCT s.status FROM step_runs s JOIN executions e ON e.id = s.execution_id WHERE e.workflow_id = ANY($1)`, [ids]);
      expect(steps).toEqual([{ status: 'SKIPPED' }]);
    } finally {
      await listener.stop();
      await hotPath.onApplicationShutdown();
    }
  });
});
