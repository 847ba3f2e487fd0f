import type { Response } from 'express';
import type { DataSource } from 'typeorm';
import type { RunEventsListener } from '../provisioning/run-events.listener';

const POLL_MS = 250;

interface Snapshot {
  run: { generation: number; status: string } | null;
  steps: { node_id: string; status: string; attempts: number; error: string | null }[];
  state: string | null;
}

/**
 * Server-Sent Events for `…/{id}/_status/stream`: a `state` event at once, a `node` event per step-run change (in
 * the order observed), a `state` event when the state changes, and a final `end` event when no run is active.
 * Node progress is read from step_runs (workers do not NOTIFY per node); the end of a run wakes it at once.
 */
export async function streamProgress(res: Response, db: DataSource, events: RunEventsListener, workflowId: string, close: Promise<void>): Promise<void> {
  res.status(200);
  res.setHeader('content-type', 'text/event-stream; charset=utf-8');
  res.setHeader('cache-control', 'no-cache');
  res.setHeader('connection', 'keep-alive');
  res.flushHeaders();
  const send = (event: string, data: unknown) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);

  let wake: () => void = () => undefined;
  const unsubscribe = events.subscribe(workflowId, () => wake());
  let closed = false;
  void close.then(() => {
    closed = true;
    wake();
  });
  const seen = new Map<string, string>();
  let lastState: string | null = null;
  try {
    for (;;) {
      const snap = await snapshot(db, workflowId);
      if (snap.state !== lastState) {
        lastState = snap.state;
        send('state', { workflow_id: workflowId, state: snap.state, generation: snap.run?.generation ?? null, run_status: snap.run?.status ?? null });
      }
      for (const step of snap.steps) {
        const key = `${step.status}/${step.attempts}`;
        if (seen.get(step.node_id) !== key) {
          seen.set(step.node_id, key);
          send('node', { workflow_id: workflowId, generation: snap.run!.generation, ...step });
        }
      }
      const active = snap.run && ['QUEUED', 'RUNNING'].includes(snap.run.status);
      if (!active || closed) {
        send('end', { workflow_id: workflowId, state: snap.state, run_status: snap.run?.status ?? null });
        return;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, POLL_MS);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  } finally {
    unsubscribe();
    res.end();
  }
}

async function snapshot(db: DataSource, workflowId: string): Promise<Snapshot> {
  const [row] = await db.query(
    `SELECT (SELECT state FROM workflow_states WHERE workflow_id = $1) AS state,
            (SELECT json_build_object('id', id::text, 'generation', generation, 'status', status)
               FROM executions WHERE workflow_id = $1 ORDER BY generation DESC LIMIT 1) AS run`,
    [workflowId],
  );
  const steps = row.run
    ? await db.query(
        `SELECT node_id, status, attempts, error FROM step_runs WHERE execution_id = $1
          ORDER BY COALESCE(ended_at, started_at, 'infinity'::timestamptz), id`,
        [row.run.id],
      )
    : [];
  return { run: row.run, steps, state: row.state };
}
