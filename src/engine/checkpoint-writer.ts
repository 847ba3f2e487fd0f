import { Injectable } from '@nestjs/common';
import { Batcher } from '../common/batcher';
import type { ExecutionEntity, ExecutionStatus, WorkflowStateEntity } from '../database/entities';
import { HotPathDatabase, prepare, PreparedStatement } from '../database/hot-path-database';
import type { CreatedResource } from '../steps/sdk/step-type';
import { RUN_EVENTS_CHANNEL, RUN_EVENTS_PER_NOTIFICATION, runEndEvent } from './run-events';
import { ClaimedRun, ClaimedRunRow, toClaimedRun } from '../executions/execution.repository';

interface NodeRef {
  executionId: string;
  workflowId: string;
  nodeId: string;
}

/** How a provision run ends: the run's status and error, the state it leaves, and its nodes that did not run. */
export interface RunEnd {
  status: ExecutionStatus;
  error: string | null;
  state: WorkflowStateEntity['state'];
  progress: WorkflowStateEntity['provisioningProgress'];
  notRun: string[];
  notRunStatus: 'SKIPPED' | 'STOPPED';
}

type Op =
  | { kind: 'claim'; executionId: string }
  | (NodeRef & { kind: 'running' })
  | (NodeRef & { kind: 'succeeded'; stepType: string; outputs: Record<string, unknown>; resources: CreatedResource[] })
  | (NodeRef & { kind: 'failed'; error: string })
  | { kind: 'finish'; executionId: string; workflowId: string; end: RunEnd; event: string };

const key = (ref: NodeRef) => `${ref.executionId}/${ref.nodeId}`;

/** What one write returns: the nodes it started, and the runs it claimed. */
interface Written {
  started: Set<string>;
  claimed: Map<string, ClaimedRunRow>;
}

/**
 * Writes the progress of every run of this worker process: claims, node checkpoints (RUNNING, SUCCEEDED with outputs
 * and resources, FAILED) and run ends. Writes that arrive together or while a write is in flight go out together in
 * one statement, i.e. one transaction (Batcher): each is still atomic and committed before its caller goes on, but N
 * concurrent nodes, claims and run ends cost one commit instead of N.
 *
 * Only run ends NOTIFY (waiting api callers need them at once): PostgreSQL serialises the commits of notifying
 * transactions, so node progress is not notified; progress readers poll step_runs (indexed) instead.
 */
@Injectable()
export class CheckpointWriter {
  private readonly batcher = new Batcher<Op[], Written>(async (items) => {
    const written = await this.write(items.flat());
    return items.map(() => written);
  });

  constructor(private readonly db: HotPathDatabase) {}

  /**
   * Claims a run: marks it RUNNING and returns it with its workflow's template and its step runs. Null when the run is
   * gone or already finished (a duplicate delivery).
   */
  async claim(executionId: string): Promise<ClaimedRun | null> {
    const row = (await this.batcher.add([{ kind: 'claim', executionId }])).claimed.get(executionId);
    return row ? toClaimedRun(row) : null;
  }

  /** Marks the node RUNNING (attempts + 1); false when its run was asked to stop (the node is left as it was). */
  async running(ref: NodeRef): Promise<boolean> {
    return (await this.batcher.add([{ ...ref, kind: 'running' }])).started.has(key(ref));
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
    const { started } = await this.batcher.add([{ ...ref, kind: 'succeeded', stepType, outputs, resources }, ...start.map((r) => ({ ...r, kind: 'running' as const }))]);
    return start.filter((r) => started.has(key(r)));
  }

  async failed(ref: NodeRef, error: string): Promise<void> {
    await this.batcher.add([{ ...ref, kind: 'failed', error }]);
  }

  /**
   * Ends a provision run: its nodes that did not run, the run's status, the workflow's state, and a NOTIFY for whoever
   * waits for the run, in one transaction.
   */
  async finish(execution: ExecutionEntity, end: RunEnd): Promise<void> {
    const event = JSON.stringify(runEndEvent(execution, end.status));
    await this.batcher.add([{ kind: 'finish', executionId: execution.id, workflowId: execution.workflowId, end, event }]);
  }

  private async write(ops: Op[]): Promise<Written> {
    const rows = ops.map((o) =>
      o.kind === 'claim'
        ? { kind: o.kind, execution_id: o.executionId }
        : o.kind === 'finish'
        ? {
            kind: o.kind,
            execution_id: o.executionId,
            workflow_id: o.workflowId,
            error: o.end.error,
            status: o.end.status,
            state: o.end.state,
            progress: o.end.progress,
            not_run: o.end.notRun,
            not_run_status: o.end.notRunStatus,
            event: o.event,
          }
        : {
            kind: o.kind,
            execution_id: o.executionId,
            workflow_id: o.workflowId,
            node_id: o.nodeId,
            outputs: o.kind === 'succeeded' ? o.outputs : null,
            error: o.kind === 'failed' ? o.error : null,
          },
    );
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
    const needed = new Set<Part>();
    for (const o of ops) {
      if (o.kind === 'claim' || o.kind === 'running' || o.kind === 'finish') needed.add(o.kind);
      else needed.add('result');
      if (o.kind === 'succeeded' && Object.keys(o.outputs).length) needed.add('outputs');
    }
    if (resources.length) needed.add('resources');
    const [result] = await this.db.run<{ started: string[]; claimed: ClaimedRunRow[] }>(writeStatement(needed), [
      JSON.stringify(rows),
      JSON.stringify(resources),
      RUN_EVENTS_CHANNEL,
    ]);
    return { started: new Set(result.started), claimed: new Map(result.claimed.map((r) => [r.id, r])) };
  }
}

/*
 * The write statement is assembled from the parts a batch needs (a batch of node checkpoints alone skips claims, run
 * ends and resources): a part that would find no rows still costs its share of planning-free execution. Each
 * combination is its own prepared statement. A run's claim, its checkpoints and its end never share a batch (each is
 * written after the one before returns), so no row is updated twice in one statement.
 */
type Part = 'claim' | 'running' | 'result' | 'resources' | 'outputs' | 'finish';

const PARTS: Record<Part, string> = {
  claim: `claimed AS (
     UPDATE executions e SET status = 'RUNNING', started_at = COALESCE(e.started_at, clock_timestamp())
       FROM ops o
      WHERE o.kind = 'claim' AND e.id = o.execution_id AND e.status IN ('QUEUED', 'RUNNING')
     RETURNING e.*
   )`,
  running: `started AS (
     UPDATE step_runs s
        SET status = 'RUNNING', attempts = s.attempts + 1, started_at = clock_timestamp(), ended_at = NULL, error = NULL
       FROM ops o JOIN executions e ON e.id = o.execution_id AND NOT e.stop_requested
      WHERE o.kind = 'running' AND s.execution_id = o.execution_id AND s.node_id = o.node_id
     RETURNING s.execution_id, s.node_id
   )`,
  result: `finished AS (
     UPDATE step_runs s
        SET status = CASE o.kind WHEN 'succeeded' THEN 'SUCCEEDED' ELSE 'FAILED' END,
            outputs = CASE o.kind WHEN 'succeeded' THEN o.outputs ELSE s.outputs END,
            error = o.error, ended_at = clock_timestamp()
       FROM ops o
      WHERE o.kind IN ('succeeded', 'failed') AND s.execution_id = o.execution_id AND s.node_id = o.node_id
   )`,
  // The unique key makes a re-run after a crash record nothing twice.
  resources: `recorded AS (
     INSERT INTO resources (workflow_id, execution_id, workflow_step_name, workflow_step_id, resource_type, resource_id, deprovision)
     SELECT r.workflow_id, r.execution_id, r.workflow_step_name, r.workflow_step_id, r.resource_type, r.resource_id, r.deprovision
       FROM jsonb_to_recordset($2::jsonb) AS r(seq int, workflow_id text, execution_id bigint, workflow_step_name text,
            workflow_step_id text, resource_type text, resource_id text, deprovision jsonb)
      ORDER BY r.seq
     ON CONFLICT DO NOTHING
   )`,
  outputs: `outputs AS (
     UPDATE workflow_states w SET user_outputs = w.user_outputs || a.outs, version = w.version + 1
       FROM (SELECT workflow_id, jsonb_object_agg(node_id, outputs) AS outs FROM ops
              WHERE kind = 'succeeded' AND outputs <> '{}'::jsonb GROUP BY workflow_id) a
      WHERE w.workflow_id = a.workflow_id
   )`,
  finish: `not_run AS (
     UPDATE step_runs s SET status = o.not_run_status
       FROM ops o CROSS JOIN LATERAL jsonb_array_elements_text(o.not_run) AS n(node_id)
      WHERE o.kind = 'finish' AND s.execution_id = o.execution_id AND s.node_id = n.node_id AND s.status IN ('PENDING', 'RUNNING')
   ),
   ended AS (
     UPDATE executions e SET status = o.status, error = o.error, ended_at = clock_timestamp()
       FROM ops o
      WHERE o.kind = 'finish' AND e.id = o.execution_id
   ),
   moved AS (
     UPDATE workflow_states w
        SET state = o.state, provisioning_progress = o.progress, error = o.error, provision_end_time = clock_timestamp(),
            version = w.version + 1
       FROM ops o
      WHERE o.kind = 'finish' AND w.workflow_id = o.workflow_id
   ),
   notified AS (
     SELECT pg_notify($3, '[' || string_agg(event, ',') || ']')
       FROM (SELECT o.event, (row_number() OVER ()) / ${RUN_EVENTS_PER_NOTIFICATION} AS part FROM ops o WHERE o.kind = 'finish') e
      GROUP BY part
   )`,
};

const CLAIMED_RUNS = `(SELECT coalesce(json_agg(json_build_object(
          'id', c.id::text, 'workflow_id', c.workflow_id, 'generation', c.generation, 'name', c.name, 'kind', c.kind,
          'status', c.status, 'params', c.params, 'stop_requested', c.stop_requested, 'template', w.template,
          'step_runs', (SELECT coalesce(json_agg(json_build_object('nodeId', s.node_id, 'status', s.status, 'outputs', s.outputs, 'error', s.error)), '[]'::json)
                          FROM step_runs s WHERE s.execution_id = c.id))), '[]'::json)
     FROM claimed c LEFT JOIN workflows w ON w.id = c.workflow_id)`;

const statements = new Map<string, PreparedStatement>();

/** The statement writing the parts `needed` (data-modifying CTEs run whether or not the result reads them). */
function writeStatement(needed: Set<Part>): PreparedStatement {
  const parts = (Object.keys(PARTS) as Part[]).filter((p) => needed.has(p));
  const name = `write_${parts.join('_')}`;
  let statement = statements.get(name);
  if (!statement) {
    const ctes = [
      `ops AS (
     SELECT * FROM jsonb_to_recordset($1::jsonb)
       AS o(kind text, execution_id bigint, workflow_id text, node_id text, outputs jsonb, error text,
            status text, state text, progress text, not_run jsonb, not_run_status text, event text)
   )`,
      ...parts.map((p) => PARTS[p]),
    ];
    // $2 and $3 are always passed: a statement that does not use them still declares their types.
    const uses = `$2::jsonb IS NULL AND $3::text IS NULL`;
    statement = prepare(
      name,
      `WITH ${ctes.join(',\n   ')}
   SELECT ${needed.has('running') ? `(SELECT coalesce(json_agg(execution_id::text || '/' || node_id), '[]'::json) FROM started)` : `'[]'::json`} AS started,
          ${needed.has('claim') ? CLAIMED_RUNS : `'[]'::json`} AS claimed,
          ${needed.has('finish') ? '(SELECT count(*) FROM notified)' : '0'} AS notified,
          ${uses} AS unused`,
    );
    statements.set(name, statement);
  }
  return statement;
}
