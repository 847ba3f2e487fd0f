import { Logger } from '@nestjs/common';
import { AppConfig, generateSecretKey, loadConfig } from '../../src/config/app-config';
import { bossDb, HotPathDatabase } from '../../src/database/hot-path-database';
import { PgListener } from '../../src/database/pg-listener';
import type { JobContext } from '../../src/queue/job-handler.decorator';
import { QueueConsumer, QueueConsumerOptions } from '../../src/queue/queue-consumer';
import { PGBOSS_JOB_CHANNEL, QueueName } from '../../src/queue/queue.constants';
import { QueueService } from '../../src/queue/queue.service';
import { createTestDatabase } from '../support/database';
import { eventually } from '../support/test-app';

/** A promise with its resolver, to hold handlers running until the test lets them go. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return { open, opened };
}

describe('QueueConsumer: batched fetch, heartbeats, failures and stop on real pg-boss (real PostgreSQL)', () => {
  let database: { url: string; drop(): Promise<void> };
  let config: AppConfig;
  let queue: QueueService;
  let hotPath: HotPathDatabase;
  const consumers: QueueConsumer[] = [];
  const logger = new Logger('queue-consumer-test');

  beforeAll(async () => {
    database = await createTestDatabase();
    config = { ...loadConfig({ LOG_LEVEL: 'silent' }), databaseUrl: database.url, secretKey: generateSecretKey() };
    queue = new QueueService(config);
    await queue.start();
    hotPath = new HotPathDatabase(config);
  });
  afterEach(async () => {
    await Promise.all(consumers.splice(0).map((c) => c.stop(0)));
    await queue.boss.deleteAllJobs('purge');
  });
  afterAll(async () => {
    await queue?.stop(0);
    await hotPath?.onApplicationShutdown();
    await database?.drop();
  });

  /** Counts pg-boss's statements by kind, as they go through the consumer's `db`. */
  function countingDb() {
    const counts = { fetch: 0, complete: 0 };
    const inner = bossDb(hotPath.sql);
    const db = {
      executeSql: (text: string, values?: unknown[]) => {
        if (/\bnext AS\b/.test(text)) counts.fetch++;
        if (/SET completed_on/.test(text)) counts.complete++;
        return inner.executeSql(text, values);
      },
    };
    return { counts, db };
  }

  function consumer(handler: (ctx: JobContext<QueueName>) => Promise<unknown>, options: Partial<QueueConsumerOptions> = {}) {
    const c = new QueueConsumer(
      queue.boss,
      handler,
      { queue: 'purge', capacity: 8, heartbeatSeconds: 2, pollingIntervalMs: 200, fetchLingerMs: 5, db: bossDb(hotPath.sql), ...options },
      logger,
    );
    consumers.push(c);
    c.start();
    return c;
  }

  const jobStates = async () => {
    const rows: { state: string; n: number }[] = await hotPath.sql.query(`SELECT state::text, count(*)::int AS n FROM pgboss.job WHERE name = 'purge' GROUP BY 1`);
    return Object.fromEntries(rows.map((r) => [r.state, r.n]));
  };

  it('runs each job once, at most `capacity` at a time, fetching many per statement, and completes them', async () => {
    await queue.enqueueMany('purge', Array.from({ length: 20 }, (_, i) => ({ payload: { workflowId: `w${i}` } })));
    const { counts, db } = countingDb();
    const seen: string[] = [];
    let running = 0;
    let mostAtOnce = 0;
    const release = gate();
    consumer(
      async ({ payload }) => {
        seen.push((payload as { workflowId: string }).workflowId);
        mostAtOnce = Math.max(mostAtOnce, ++running);
        await release.opened;
        running--;
      },
      { db },
    );
    await eventually(async () => seen.length === 8);
    expect(mostAtOnce).toBe(8); // full, and no more: the other 12 wait in the queue
    expect((await jobStates()).created).toBe(12);
    release.open();
    await eventually(async () => (await jobStates()).completed === 20, 15_000);
    expect(seen.sort()).toEqual(Array.from({ length: 20 }, (_, i) => `w${i}`).sort());
    expect(counts.fetch).toBeLessThan(10); // 20 jobs: batches of up to 8, not one fetch each
    expect(counts.complete).toBeLessThan(20);
  });

  it('a handler that throws fails its job back to the queue; pg-boss retries it and the retry completes', async () => {
    await queue.enqueue('purge', { workflowId: 'flaky' });
    const attempts: number[] = [];
    consumer(async ({ retryCount }) => {
      attempts.push(retryCount);
      if (attempts.length === 1) throw new Error('target unreachable');
    });
    await eventually(async () => (await jobStates()).completed === 1, 30_000);
    expect(attempts).toEqual([0, 1]);
  });

  it('wakes on NOTIFY: a job created while idle starts long before the next poll', async () => {
    const started = gate();
    const { counts, db } = countingDb();
    const c = consumer(async () => started.open(), { pollingIntervalMs: 600_000, db });
    const listener = new PgListener(database.url, PGBOSS_JOB_CHANNEL, (name) => name === 'purge' && c.wake(), logger);
    await listener.start();
    try {
      await eventually(async () => counts.fetch === 1); // the first fetch found nothing; the next poll is 10 minutes away
      const t0 = Date.now();
      await queue.enqueue('purge', { workflowId: 'notified' });
      await started.opened;
      expect(Date.now() - t0).toBeLessThan(5_000);
    } finally {
      await listener.stop();
    }
  });

  it('a job whose claim is taken over has its signal aborted (heartbeat finds it gone)', async () => {
    await queue.enqueue('purge', { workflowId: 'taken-over' });
    const aborted = gate();
    consumer(async ({ signal }) => {
      await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
      aborted.open();
      throw signal.reason;
    });
    await eventually(async () => (await jobStates()).active === 1);
    // Another worker's claim: a new attempt of the same job.
    await hotPath.sql.query(`UPDATE pgboss.job SET retry_count = retry_count + 1 WHERE name = 'purge'`);
    await aborted.opened; // within one heartbeat refresh (1 s here)
  });

  it('stop(grace): a job still running after the grace period is aborted and goes back to the queue', async () => {
    await queue.enqueue('purge', { workflowId: 'slow' });
    const started = gate();
    const c = consumer(async ({ signal }) => {
      started.open();
      await new Promise<void>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }));
    });
    await started.opened;
    const t0 = Date.now();
    await c.stop(300);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
    expect(Date.now() - t0).toBeLessThan(3_000);
    expect(await jobStates()).toEqual({ retry: 1 });
  });
});
