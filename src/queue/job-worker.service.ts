import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { AppConfig, CONFIG } from '../config/app-config';
import { JOB_HANDLER, JobContext } from './job-handler.decorator';
import { QUEUES, QueueName } from './queue.constants';
import { QueueService } from './queue.service';

type Handler = (ctx: JobContext<QueueName>) => Promise<unknown>;

/**
 * Worker side of the queue: finds every @JobHandler method at start-up, checks that each queue has exactly one,
 * and consumes the queues with the configured concurrency.
 */
@Injectable()
export class JobWorkerService implements OnApplicationBootstrap {
  private readonly logger = new Logger(JobWorkerService.name);

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
          pollingIntervalSeconds: 2,
          notifyPollingIntervalSeconds: 10,
        },
        async ([job]) => {
          const started = Date.now();
          try {
            await handler({ jobId: job.id, payload: job.data as never, signal: job.signal, retryCount: job.retryCount });
            this.logger.debug({ queue, jobId: job.id, ms: Date.now() - started }, 'job done');
          } catch (err) {
            this.logger.error({ queue, jobId: job.id, err }, 'job failed; it will be retried');
            throw err;
          }
        },
      );
    }
    this.logger.log(`worker consuming ${[...handlers.keys()].join(', ')} with concurrency ${this.config.workerConcurrency}`);
  }
}
