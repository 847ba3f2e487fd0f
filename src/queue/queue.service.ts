import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { PgBoss } from 'pg-boss';
import type { EntityManager } from 'typeorm';
import { AppConfig, CONFIG } from '../config/app-config';
import { bossDb, Sql, sqlOf } from '../database/hot-path-database';
import { JobPayloads, PGBOSS_SCHEMA, QUEUES, QueueName } from './queue.constants';

/**
 * Owns this process's pg-boss instance: starts it (its own schema, LISTEN/NOTIFY, heartbeats), creates the queues,
 * enqueues jobs (inside the caller's transaction when given one) and stops it gracefully.
 */
@Injectable()
export class QueueService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(QueueService.name);
  readonly boss: PgBoss;
  private started = false;

  constructor(@Inject(CONFIG) private readonly config: AppConfig) {
    this.boss = new PgBoss({
      connectionString: config.databaseUrl,
      schema: PGBOSS_SCHEMA,
      application_name: 'stepwise-queue',
      // Its own pool serves maintenance and single enqueues only: fetches, completions and heartbeats run on the
      // hot-path pool (QueueConsumer), batched enqueues in the caller's transaction.
      max: 4,
      // Workers do not use pg-boss's work() loops (see QueueConsumer) and listen for new jobs themselves
      // (JobWorkerService). Queues keep `notify`, so creating jobs still sends the NOTIFY.
      useListenNotify: false,
      // Heartbeats are checked this often, so a dead worker's job is failed back to the queue within about
      // heartbeat + interval seconds and another worker takes it over.
      superviseIntervalSeconds: config.jobHeartbeatSeconds,
      monitorIntervalSeconds: config.jobHeartbeatSeconds,
    });
    // Without a listener an 'error' event would crash the process; pg-boss retries on its own.
    this.boss.on('error', (err) => this.logger.error({ err }, 'queue error'));
    this.boss.on('warning', (warning) => this.logger.warn({ warning }, 'queue warning'));
  }

  get isStarted(): boolean {
    return this.started;
  }

  async start(): Promise<void> {
    if (this.started) return;
    await this.boss.start();
    for (const name of QUEUES) {
      await this.boss.createQueue(name, {
        partition: true,
        notify: true,
        // One active job per workflow (singletonKey = workflow id); more may wait.
        policy: name === 'purge' ? 'standard' : 'singleton',
        heartbeatSeconds: this.config.jobHeartbeatSeconds,
        // A job only fails for infrastructure reasons (the engine records step failures itself), so retry it.
        retryLimit: 20,
        retryDelay: 1,
        retryBackoff: true,
        retryDelayMax: 30,
        expireInSeconds: 24 * 3600,
      });
    }
    this.started = true;
  }

  /**
   * Enqueues a job. With `tx`, the job row is written in that TypeORM transaction, so it exists exactly when the
   * caller's state change commits.
   */
  enqueue<Q extends QueueName>(queue: Q, payload: JobPayloads[Q], opts: { tx?: EntityManager; singletonKey?: string } = {}): Promise<void> {
    return this.enqueueMany(queue, [{ payload, singletonKey: opts.singletonKey }], { sql: opts.tx && sqlOf(opts.tx) });
  }

  /** Enqueues jobs in one statement (and one NOTIFY); with `sql`, in that transaction (as `enqueue` with `tx`). */
  async enqueueMany<Q extends QueueName>(queue: Q, jobs: { payload: JobPayloads[Q]; singletonKey?: string }[], opts: { sql?: Sql } = {}): Promise<void> {
    if (!jobs.length) return;
    const sql = opts.sql;
    await this.boss.insert(
      queue,
      jobs.map((j) => ({ data: j.payload, singletonKey: j.singletonKey })),
      // pg-boss writes through the caller's transaction.
      { db: sql && bossDb(sql) },
    );
  }

  async stop(graceMs = this.config.shutdownGraceMs): Promise<void> {
    if (!this.started) return;
    this.started = false;
    // Workers have stopped their consumers before this (JobWorkerService.beforeApplicationShutdown).
    await this.boss.stop({ graceful: true, timeout: graceMs, close: true });
  }

  async onModuleInit(): Promise<void> {
    await this.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }
}
