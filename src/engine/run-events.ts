/**
 * Postgres NOTIFY channel on which workers announce the end of runs; api processes LISTEN (for callers that wait).
 * A notification carries a JSON array of RunEvents: the runs one statement ended (each notification is a signal and a
 * wake-up for every listener, so a batch of run ends shares them). Node progress is not notified (see
 * CheckpointWriter): readers poll step_runs.
 */
export const RUN_EVENTS_CHANNEL = 'stepwise_run_events';

/** A run ended. */
export interface RunEndEvent {
  type: 'run';
  workflowId: string;
  executionId: string;
  generation: number;
  status: string;
  at: number;
}

export type RunEvent = RunEndEvent;

/** The event announcing that `run` ended with `status`. */
export const runEndEvent = (run: { id: string; workflowId: string; generation: number }, status: string): RunEndEvent => ({
  type: 'run',
  workflowId: run.workflowId,
  executionId: run.id,
  generation: run.generation,
  status,
  at: Date.now(),
});

/**
 * Run ends per notification: NOTIFY payloads must stay under 8000 bytes, and an event takes under 200 (a workflow id
 * is at most 32 characters).
 */
export const RUN_EVENTS_PER_NOTIFICATION = 30;

/** The workflows an event is about. */
export const workflowsOf = (e: RunEvent): string[] => [e.workflowId];
