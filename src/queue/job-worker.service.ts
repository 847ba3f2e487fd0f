import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { AppConfig, CONFIG } from '../config/app-config';
import { JOB_HANDLER, JobContext } from './job-handler.decorator';
import { PgListener } from '../database/pg-listener';
import { PGBOSS_JOB_CHANNEL, QUEUES, QueueName } from './queue.constants';
import { QueueService } from './queue.service';

type Handler = (ctx: JobContext<QueueName>) => Promise<unknown>;

/**
 * Worker side of the queue: finds every @JobHandler method at start-up, checks that each queue has exactly one,
 * and consumes the queues with the configured concurrency.
 */
@Injectable()
export class JobWorkerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(JobWorkerService.name);
  private wakeups?: PgListener;

  constructor(
    @Inject(CONFIG) private readonly config: AppConfig,
    private readonly queue: QueueService,
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  /** Every @JobHandler method, by queue. Fails on a queue with no handler or with two. */
  discoverHandlers(): Map<QueueName, Handler> {
    const handlers = new Map<QueueName, Handler>();
    const problems: string[] = [];
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object') continue;
      const prototype = Object.getPrototypeOf(instance);
      for (const methodName of this.scanner.getAllMethodNames(prototype)) {
        const queue = this.reflector.get<QueueName | undefined>(JOB_HANDLER, prototype[methodName]);
        if (!queue) continue;
        if (handlers.has(queue)) problems.push(`queue '${queue}' has two handlers (${wrapper.name}.${methodName} is the second)`);
        handlers.set(queue, (ctx) => (instance[methodName] as Handler).call(instance, ctx));
      }
    }
    for (const queue of QUEUES) if (!handlers.has(queue)) problems.push(`queue '${queue}' has no @JobHandler`);
    if (problems.length) throw new Error(`Job handler check failed: ${problems.join('; ')}`);
    return handlers;
  }

  async onApplicationBootstrap(): Promise<void> {
    const handlers = this.discoverHandlers();
    for (const [queue, handler] of handlers) {
      await this.queue.boss.work<object>(
        queue,
        {
          localConcurrency: this.config.workerConcurrency,
          batchSize: 1,
          // NOTIFY wakes workers at once; polling is only the fallback.
          // Woken by JobWorkerService on NOTIFY and after each job; polling is only the safety net.
          pollingIntervalSeconds: 5,
        },
        async ([job]) => {
          const started = Date.now();
          try {
            await handler({ jobId: job.id, payload: job.data as never, signal: job.signal, retryCount: job.retryCount });
            this.logger.debug({ queue, jobId: job.id, ms: Date.now() - started }, 'job done');
          } catch (err) {
            this.logger.error({ queue, jobId: job.id, err }, 'job failed; it will be retried');
            throw err;
          } finally {
            this.fetchAgainSoon(queue);
          }
        },
      );
    }
    this.wakeups = new PgListener(
      this.config.databaseUrl!,
      PGBOSS_JOB_CHANNEL,
      (queue) => this.wakeOneIdle(queue as QueueName),
      this.logger,
      () => QUEUES.forEach((q) => this.wakeAllIdle(q)), // catch up on jobs created while disconnected
    );
    await this.wakeups.start();
    this.logger.log(`worker consuming ${[...handlers.keys()].join(', ')} with concurrency ${this.config.workerConcurrency}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.wakeups?.stop();
  }

  /** A job was created: one idle loop of this process fetches it (the other processes' loops race for it too). */
  private wakeOneIdle(queue: QueueName): void {
    const idle = this.queue.boss.getWipData().filter((w) => w.name === queue && w.count === 0);
    if (idle.length) this.queue.boss.notifyWorker(idle[Math.floor(Math.random() * idle.length)].id);
  }

  private wakeAllIdle(queue: QueueName): void {
    for (const w of this.queue.boss.getWipData()) if (w.name === queue && w.count === 0) this.queue.boss.notifyWorker(w.id);
  }

  /**
   * pg-boss sleeps between fetches after a job unless woken. A loop that just finished a job (it still holds it
   * while this runs) fetches again at once, so a backlog drains without waiting for the polling interval.
   */
  private fetchAgainSoon(queue: QueueName): void {
    for (const worker of this.queue.boss.getWipData()) {
      if (worker.name === queue && worker.count > 0) this.queue.boss.notifyWorker(worker.id);
    }
  }
}
