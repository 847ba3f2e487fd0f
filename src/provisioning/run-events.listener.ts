import { EventEmitter } from 'node:events';
import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { AppConfig, CONFIG } from '../config/app-config';
import { PgListener } from '../database/pg-listener';
import { RUN_EVENTS_CHANNEL, RunEvent, workflowsOf } from '../engine/run-events';

/**
 * One LISTEN connection per api process, turning workers' NOTIFYs into local events (by workflow id). It
 * reconnects after PostgreSQL restarts; callers that wait re-read the database after subscribing, so an event missed
 * while reconnecting only delays them until their timeout check.
 */
@Injectable()
export class RunEventsListener implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(RunEventsListener.name);
  private readonly events = new EventEmitter().setMaxListeners(0);
  private listener?: PgListener;

  constructor(@Inject(CONFIG) private readonly config: AppConfig) {}

  async onModuleInit(): Promise<void> {
    this.listener = new PgListener(this.config.databaseUrl!, RUN_EVENTS_CHANNEL, (payload) => this.dispatch(payload), this.logger);
    await this.listener.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.listener?.stop();
  }

  private dispatch(payload: string): void {
    let events: RunEvent[];
    try {
      events = JSON.parse(payload) as RunEvent[];
      if (!Array.isArray(events)) throw new Error('not an array');
    } catch {
      this.logger.warn('ignored a malformed run event notification');
      return;
    }
    for (const event of events) for (const workflowId of workflowsOf(event)) this.events.emit(workflowId, event);
  }

  /** Calls `fn` for every event of `workflowId` until the returned function is called. */
  subscribe(workflowId: string, fn: (event: RunEvent) => void): () => void {
    this.events.on(workflowId, fn);
    return () => this.events.off(workflowId, fn);
  }

  /**
   * Resolves when `isDone()` holds (checked now, after every event of the workflow, and at the deadline) or after
   * `timeoutMs`. Returns whether it is done.
   */
  async waitUntil(workflowId: string, isDone: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
    let wake: () => void = () => undefined;
    const unsubscribe = this.subscribe(workflowId, (e) => e.type === 'run' && wake());
    try {
      const deadline = Date.now() + timeoutMs;
      while (!(await isDone())) {
        const left = deadline - Date.now();
        if (left <= 0) return false;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, Math.min(left, 5000)); // re-check now and then in case a NOTIFY was missed
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
      return true;
    } finally {
      unsubscribe();
    }
  }
}
