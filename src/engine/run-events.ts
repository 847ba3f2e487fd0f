import type { EntityManager } from 'typeorm';

/** Postgres NOTIFY channel on which workers announce progress; api processes LISTEN (waits, SSE). */
export const RUN_EVENTS_CHANNEL = 'stepwise_run_events';

export interface RunEvent {
  workflowId: string;
  executionId: string;
  generation: number;
  /** `node` = a step run changed; `run` = the execution ended. */
  type: 'node' | 'run';
  nodeId?: string;
  status: string;
  at: number;
}

/** Sends the event when the surrounding transaction commits (NOTIFY is transactional). */
export async function notifyRunEvent(m: EntityManager, event: Omit<RunEvent, 'at'>): Promise<void> {
  await m.query('SELECT pg_notify($1, $2)', [RUN_EVENTS_CHANNEL, JSON.stringify({ ...event, at: Date.now() })]);
}
