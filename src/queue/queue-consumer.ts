import type { Logger } from '@nestjs/common';
import type { ConnectionOptions, Job, PgBoss } from 'pg-boss';
import { Batcher } from '../common/batcher';
import type { JobContext } from './job-handler.decorator';
import type { QueueName } from './queue.constants';

export type JobHandlerFn = (ctx: JobContext<QueueName>) => Promise<unknown>;

/** How long finished jobs wait for others to be completed with them. */
const COMPLETION_LINGER_MS = 20;

export interface QueueConsumerOptions {
  queue: QueueName;
  /** Jobs this process runs at once (WORKER_CONCURRENCY). */
  capacity: number;
  /** The queue's heartbeat: claims are refreshed twice per period. */
  heartbeatSeconds: number;
  /** Fetch at least this often even without a wake-up (the safety net under NOTIFY). */
  pollingIntervalMs: number;
  /**
   * How long a wake-up waits before fetching, so that jobs created close together are fetched (and claimed) in one
   * statement rather than one each; it adds as much to the pickup latency of a job on an idle queue.
   */
  fetchLingerMs: number;
  /** Where pg-boss runs this consumer's statements (prepared on the hot-path pool). */
  db: ConnectionOptions['db'];
}

interface Running {
  job: Job;
  abort: AbortController;
  done: Promise<void>;
}

/**
 * Consumes one pg-boss queue in this worker process, running up to `capacity` jobs at once. Whenever it has free
 * slots and the queue may hold work, it fetches as many jobs as it has free slots in one statement; it completes
 * finished jobs together (Batcher) and refreshes the claims of all its running jobs with one heartbeat statement.
 * A job whose handler throws is failed, so pg-boss retries it; a job whose claim was lost (another worker took it
 * over) has its signal aborted. pg-boss's own `work()` fetches and completes job by job, which cost more statements
 * per job than the whole of a short run.
 */
export class QueueConsumer {
  private readonly running = new Map<string, Running>();
  private readonly completions: Batcher<Job, void>;
  /** Completions not yet written (a finished job's slot is free at once; pg-boss hears of it a little later). */
  private readonly completing = new Set<Promise<void>>();
  private lingering?: NodeJS.Timeout;
  /** Wake-ups (NOTIFY, reconnects) counted, so one that arrives during a fetch is not lost. */
  private wakeups = 0;
  private mayHaveMore = true;
  private lastFetchAt = 0;
  private stopping = false;
  private sleeping?: () => void;
  private loop?: Promise<void>;
  private heartbeat?: NodeJS.Timeout;

  constructor(
    private readonly boss: PgBoss,
    private readonly handler: JobHandlerFn,
    private readonly options: QueueConsumerOptions,
    private readonly logger: Logger,
  ) {
    // Off the critical path (the run's end is already committed), so completions linger to share statements.
    this.completions = new Batcher(
      async (jobs) => {
        await this.boss.complete(this.options.queue, jobs.map((j) => ({ id: j.id, retryCount: j.retryCount })), null, { db: this.options.db });
        return jobs.map(() => undefined);
      },
      { lingerMs: COMPLETION_LINGER_MS },
    );
  }

  start(): void {
    this.loop = this.fetchLoop();
    this.heartbeat = setInterval(() => void this.refreshClaims(), (this.options.heartbeatSeconds * 1000) / 2);
  }

  /** The queue may have new jobs (a NOTIFY, or a reconnect after which NOTIFYs may have been missed). */
  wake(): void {
    this.wakeups++;
    this.mayHaveMore = true;
    this.lingering ??= setTimeout(() => {
      this.lingering = undefined;
      this.sleeping?.();
    }, this.options.fetchLingerMs);
  }

  /**
   * Stops fetching, lets running jobs finish for up to `graceMs`, then aborts the rest (their handlers throw and the
   * jobs go back to the queue); a handler that ignores the abort has its job failed back after 2 s more.
   */
  async stop(graceMs: number): Promise<void> {
    this.stopping = true;
    clearTimeout(this.lingering);
    this.sleeping?.();
    await this.loop;
    if (!(await this.settledWithin(graceMs))) {
      for (const r of this.running.values()) r.abort.abort(new Error('the worker is stopping'));
      if (!(await this.settledWithin(2000))) {
        const left = [...this.running.values()].map((r) => ({ id: r.job.id, retryCount: r.job.retryCount }));
        await this.boss.fail(this.options.queue, left, { message: 'the worker stopped' }, { db: this.options.db }).catch((err) => this.logger.warn({ err }, 'could not hand jobs back'));
      }
    }
    clearInterval(this.heartbeat);
    await Promise.all(this.completing);
  }

  private async settledWithin(ms: number): Promise<boolean> {
    if (this.running.size === 0) return true;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((r) => (timer = setTimeout(() => r(false), ms)));
    const settled = Promise.all([...this.running.values()].map((r) => r.done)).then(() => true);
    const result = await Promise.race([settled, timeout]);
    clearTimeout(timer);
    return result;
  }

  private async fetchLoop(): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      if (Date.now() - this.lastFetchAt >= this.options.pollingIntervalMs) this.mayHaveMore = true;
      const free = this.options.capacity - this.running.size;
      if (free > 0 && this.mayHaveMore) {
        // A power of two: pg-boss writes the batch size into its statement, and each size is a statement to prepare.
        const batchSize = 2 ** Math.floor(Math.log2(free));
        const wakeupsBefore = this.wakeups;
        this.lastFetchAt = Date.now();
        try {
          const jobs = await this.boss.fetch<object>(this.options.queue, { batchSize, db: this.options.db });
          failures = 0;
          // A full batch may have left jobs behind; a wake-up during the fetch may announce one it did not see.
          this.mayHaveMore = jobs.length === batchSize || this.wakeups !== wakeupsBefore;
          for (const job of jobs) this.run(job);
          continue;
        } catch (err) {
          failures++;
          this.logger.warn({ err, queue: this.options.queue }, 'fetching jobs failed; retrying');
          await this.sleep(Math.min(30_000, 250 * 2 ** failures));
          continue;
        }
      }
      await this.sleep(this.options.pollingIntervalMs);
    }
  }

  /** Sleeps until `ms` pass, a wake-up, a job ends or the consumer stops. */
  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.sleeping = () => {
        this.sleeping = undefined;
        done();
      };
    });
  }

  private run(job: Job): void {
    const abort = new AbortController();
    const done = this.handler({ jobId: job.id, payload: job.data as never, signal: abort.signal, retryCount: job.retryCount })
      .then(
        () => {
          const completion = this.completions
            .add(job)
            // Not completed: pg-boss fails the job back after its heartbeat; the retry finds the run ended.
            .catch((err: unknown) => this.logger.warn({ queue: this.options.queue, jobId: job.id, err }, 'could not complete a job'))
            .finally(() => this.completing.delete(completion));
          this.completing.add(completion);
        },
        async (err: unknown) => {
          this.logger.error({ queue: this.options.queue, jobId: job.id, err }, 'job failed; it will be retried');
          await this.boss.fail(this.options.queue, { id: job.id, retryCount: job.retryCount }, { message: String((err as Error)?.message ?? err) }, { db: this.options.db });
        },
      )
      // A job this process could not settle stays active without heartbeats: pg-boss fails it back after its heartbeat.
      .catch((err: unknown) => this.logger.warn({ queue: this.options.queue, jobId: job.id, err }, 'could not settle a job'))
      .finally(() => {
        this.running.delete(job.id);
        this.sleeping?.(); // a free slot: fetch again if the queue may have more
      });
    this.running.set(job.id, { job, abort, done });
  }

  /** One statement refreshes every running job's claim; a job whose claim is gone has its signal aborted. */
  private async refreshClaims(): Promise<void> {
    const held = [...this.running.values()].filter((r) => !r.abort.signal.aborted);
    if (!held.length) return;
    try {
      const result = (await this.boss.touch(
        this.options.queue,
        held.map((r) => ({ id: r.job.id, retryCount: r.job.retryCount })),
        { db: this.options.db },
      )) as { settled?: string[] };
      if (!result.settled) return;
      const refreshed = new Set(result.settled);
      for (const r of held) {
        // Not refreshed: settled meanwhile (it is about to leave `running`), or another worker holds it now.
        if (!refreshed.has(r.job.id) && this.running.has(r.job.id)) r.abort.abort(new Error(`job ${r.job.id} is no longer held by this worker`));
      }
    } catch (err) {
      this.logger.warn({ err, queue: this.options.queue }, 'could not refresh job claims');
    }
  }
}
