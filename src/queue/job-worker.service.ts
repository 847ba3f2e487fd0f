import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { AppConfig, CONFIG } from '../config/app-config';
import { JOB_HANDLER } from './job-handler.decorator';
import { JobHandlerFn, QueueConsumer } from './queue-consumer';
import { PgListener } from '../database/pg-listener';
import { bossDb, HotPathDatabase } from '../database/hot-path-database';
import { PGBOSS_JOB_CHANNEL, QUEUES, QueueName } from './queue.constants';
import { QueueService } from './queue.service';


/** Jobs created within this long of each other are fetched together (see QueueConsumerOptions.fetchLingerMs). */
const FETCH_LINGER_MS = 5;

/**
 * Worker side of the queue: finds every @JobHandler method at start-up, checks that each queue has exactly one,
 * and consumes each queue with a QueueConsumer of the configured concurrency, woken by pg-boss's NOTIFY on job
 * creation (this process listens itself: pg-boss's listener is off).
 */
@Injectable()
export class JobWorkerService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(JobWorkerService.name);
  private wakeups?: PgListener;
  private readonly consumers = new Map<QueueName, QueueConsumer>();

  constructor(
    @Inject(CONFIG) private readonly config: AppConfig,
    private readonly queue: QueueService,
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    private readonly hotPath: HotPathDatabase,
  ) {}

  /** Every @JobHandler method, by queue. Fails on a queue with no handler or with two. */
  discoverHandlers(): Map<QueueName, JobHandlerFn> {
    const handlers = new Map<QueueName, JobHandlerFn>();
    const problems: string[] = [];
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object') continue;
      const prototype = Object.getPrototypeOf(instance);
      for (const methodName of this.scanner.getAllMethodNames(prototype)) {
        const queue = this.reflector.get<QueueName | undefined>(JOB_HANDLER, prototype[methodName]);
        if (!queue) continue;
        if (handlers.has(queue)) problems.push(`queue '${queue}' has two handlers (${wrapper.name}.${methodName} is the second)`);
        handlers.set(queue, (ctx) => (instance[methodName] as JobHandlerFn).call(instance, ctx));
      }
    }
    for (const queue of QUEUES) if (!handlers.has(queue)) problems.push(`queue '${queue}' has no @JobHandler`);
    if (problems.length) throw new Error(`Job handler check failed: ${problems.join('; ')}`);
    return handlers;
  }

  async onApplicationBootstrap(): Promise<void> {
    const handlers = this.discoverHandlers();
    for (const [queue, handler] of handlers) {
      const consumer = new QueueConsumer(
        this.queue.boss,
        handler,
        {
          queue,
          capacity: this.config.workerConcurrency,
          heartbeatSeconds: this.config.jobHeartbeatSeconds,
          // Woken by NOTIFY and when a job ends; polling is only the safety net.
          pollingIntervalMs: 5000,
          fetchLingerMs: FETCH_LINGER_MS,
          db: bossDb(this.hotPath.sql),
        },
        this.logger,
      );
      consumer.start();
      this.consumers.set(queue, consumer);
    }
    this.wakeups = new PgListener(
      this.config.databaseUrl!,
      PGBOSS_JOB_CHANNEL,
      (queue) => this.consumers.get(queue as QueueName)?.wake(),
      this.logger,
      () => this.consumers.forEach((c) => c.wake()), // catch up on jobs created while disconnected
    );
    await this.wakeups.start();
    this.logger.log(`worker consuming ${[...handlers.keys()].join(', ')} with concurrency ${this.config.workerConcurrency}`);
  }

  /** Before pg-boss stops: running jobs get the grace period to finish, then go back to the queue. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.wakeups?.stop();
    await Promise.all([...this.consumers.values()].map((c) => c.stop(this.config.shutdownGraceMs)));
  }
}
