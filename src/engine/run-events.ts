import type { EntityManager } from 'typeorm';

/** Postgres NOTIFY channel on which workers announce progress; api processes LISTEN (waits, live progress). */
export const RUN_EVENTS_CHANNEL = 'stepwise_run_events';

/** Step runs of these workflows changed (one event per checkpoint write, however many nodes it held). */
export interface NodesEvent {
  type: 'nodes';
  workflowIds: string[];
  at: number;
}

/** A run ended. */
export interface RunEndEvent {
  type: 'run';
  workflowId: string;
  executionId: string;
  generation: number;
  status: string;
  at: number;
}

export type RunEvent = NodesEvent | RunEndEvent;

/** Sends the event when the surrounding transaction commits (NOTIFY is transactional). */
export async function notifyRunEvent(m: EntityManager, event: Omit<NodesEvent, 'at'> | Omit<RunEndEvent, 'at'>): Promise<void> {
  await m.query('SELECT pg_notify($1, $2)', [RUN_EVENTS_CHANNEL, JSON.stringify({ ...event, at: Date.now() })]);
}

/** The workflows an event is about. */
export const workflowsOf = (e: RunEvent): string[] => (e.type === 'nodes' ? e.workflowIds : [e.workflowId]);
