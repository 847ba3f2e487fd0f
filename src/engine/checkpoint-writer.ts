import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { CreatedResource } from '../steps/sdk/step-type';

interface NodeRef {
  executionId: string;
  workflowId: string;
  nodeId: string;
}

type Op =
  | (NodeRef & { kind: 'running' })
  | (NodeRef & { kind: 'succeeded'; stepType: string; outputs: Record<string, unknown>; resources: CreatedResource[] })
  | (NodeRef & { kind: 'failed'; error: string });

interface Pending {
  ops: Op[];
  resolve(started: Set<string>): void;
  reject(err: unknown): void;
}

const key = (ref: NodeRef) => `${ref.executionId}/${ref.nodeId}`;

/**
 * Writes node checkpoints (RUNNING, SUCCEEDED with outputs and resources, FAILED) for every run of this worker
 * process. Checkpoints that arrive while a write is in flight are written together by the next one, in one
 * statement, i.e. one transaction: each node's checkpoint is still atomic and committed before its caller goes on,
 * but N concurrent nodes cost one commit instead of N (group commit in the application).
 *
 * No NOTIFY here: PostgreSQL serialises the commits of notifying transactions, which would cap checkpoints at a few
 * hundred per second for the whole database. Progress readers poll step_runs (indexed) instead; only the end of a
 * run, which waiting callers need at once, is notified.
 */
@Injectable()
export class CheckpointWriter {
  private queue: Pending[] = [];
  private writing = false;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Marks the node RUNNING (attempts + 1); false when its run was asked to stop (the node is left as it was). */
  async running(ref: NodeRef): Promise<boolean> {
    return (await this.enqueue([{ ...ref, kind: 'running' }])).has(key(ref));
  }

  /**
   * The node's result — step run SUCCEEDED with its outputs, its resources, its outputs in the state's user_outputs —
   * and, in the same transaction, RUNNING for the dependents it makes ready (`start`): a chain costs one write per
   * node. Returns the dependents actually started (none when the run was asked to stop).
   */
  async succeeded(
    ref: NodeRef,
    stepType: string,
    outputs: Record<string, unknown>,
    resources: CreatedResource[],
    start: NodeRef[] = [],
  ): Promise<NodeRef[]> {
    const started = await this.enqueue([{ ...ref, kind: 'succeeded', stepType, outputs, resources }, ...start.map((r) => ({ ...r, kind: 'running' as const }))]);
    return start.filter((r) => started.has(key(r)));
  }

  async failed(ref: NodeRef, error: string): Promise<void> {
    await this.enqueue([{ ...ref, kind: 'failed', error }]);
  }

  private enqueue(ops: Op[]): Promise<Set<string>> {
    return new Promise((resolve, reject) => {
      this.queue.push({ ops, resolve, reject });
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    if (this.writing || this.queue.length === 0) return;
    this.writing = true;
    const batch = this.queue;
    this.queue = [];
    try {
      const started = await this.write(batch.flatMap((p) => p.ops));
      for (const p of batch) p.resolve(started);
    } catch (err) {
      for (const p of batch) p.reject(err);
    } finally {
      this.writing = false;
      void this.flush();
    }
  }

  private async write(ops: Op[]): Promise<Set<string>> {
    const rows = ops.map((o) => ({
      kind: o.kind,
      execution_id: o.executionId,
      workflow_id: o.workflowId,
      node_id: o.nodeId,
      outputs: o.kind === 'succeeded' ? o.outputs : null,
      error: o.kind === 'failed' ? o.error : null,
    }));
    let seq = 0;
    const resources = ops.flatMap((o) =>
      o.kind === 'succeeded'
        ? o.resources.map((r) => ({
            seq: seq++,
            workflow_id: o.workflowId,
            execution_id: o.executionId,
            workflow_step_name: r.stepName ?? o.stepType,
            workflow_step_id: o.nodeId,
            resource_type: r.type,
            resource_id: r.id,
            deprovision: r.deprovision ?? null,
          }))
        : [],
    );
    const [result] = await this.dataSource.query(
      `WITH ops AS (
         SELECT * FROM jsonb_to_recordset($1::jsonb)
           AS o(kind text, execution_id bigint, workflow_id text, node_id text, outputs jsonb, error text)
       ),
       started AS (
         UPDATE step_runs s
            SET status = 'RUNNING', attempts = s.attempts + 1, started_at = clock_timestamp(), ended_at = NULL, error = NULL
           FROM ops o JOIN executions e ON e.id = o.execution_id AND NOT e.stop_requested
          WHERE o.kind = 'running' AND s.execution_id = o.execution_id AND s.node_id = o.node_id
         RETURNING s.execution_id, s.node_id
       ),
       finished AS (
         UPDATE step_runs s
            SET status = CASE o.kind WHEN 'succeeded' THEN 'SUCCEEDED' ELSE 'FAILED' END,
                outputs = CASE o.kind WHEN 'succeeded' THEN o.outputs ELSE s.outputs END,
                error = o.error, ended_at = clock_timestamp()
           FROM ops o
          WHERE o.kind IN ('succeeded', 'failed') AND s.execution_id = o.execution_id AND s.node_id = o.node_id
         RETURNING 1
       ),
       recorded AS (
         -- the unique key makes a re-run after a crash record nothing twice
         INSERT INTO resources (workflow_id, execution_id, workflow_step_name, workflow_step_id, resource_type, resource_id, deprovision)
         SELECT r.workflow_id, r.execution_id, r.workflow_step_name, r.workflow_step_id, r.resource_type, r.resource_id, r.deprovision
           FROM jsonb_to_recordset($2::jsonb) AS r(seq int, workflow_id text, execution_id bigint, workflow_step_name text,
                workflow_step_id text, resource_type text, resource_id text, deprovision jsonb)
          ORDER BY r.seq
         ON CONFLICT DO NOTHING
         RETURNING 1
       ),
       outputs AS (
         UPDATE workflow_states w SET user_outputs = w.user_outputs || a.outs, version = w.version + 1
           FROM (SELECT workflow_id, jsonb_object_agg(node_id, outputs) AS outs FROM ops
                  WHERE kind = 'succeeded' AND outputs <> '{}'::jsonb GROUP BY workflow_id) a
          WHERE w.workflow_id = a.workflow_id
         RETURNING 1
       )
       SELECT (SELECT coalesce(json_agg(execution_id::text || '/' || node_id), '[]'::json) FROM started) AS started,
              (SELECT count(*) FROM finished) + (SELECT count(*) FROM recorded) + (SELECT count(*) FROM outputs) AS written`,
      [JSON.stringify(rows), JSON.stringify(resources)],
    );
    return new Set(result.started as string[]);
  }
}
