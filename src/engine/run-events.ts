/**
 * Postgres NOTIFY channel on which workers announce the end of runs; api processes LISTEN (for callers that wait).
 * Node progress is not notified (see CheckpointWriter): readers poll step_runs.
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

/** The workflows an event is about. */
export const workflowsOf = (e: RunEvent): string[] => [e.workflowId];
