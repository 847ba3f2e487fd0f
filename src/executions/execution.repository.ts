import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { ExecutionEntity, ExecutionStatus, WorkflowStateEntity } from '../database/entities';
import { RUN_EVENTS_CHANNEL, runEndEvent } from '../engine/run-events';
import type { WorkflowTemplate } from '../workflows/template/template.types';
import { prepare, Sql } from '../database/hot-path-database';

/**
 * Runs and their step runs. Starting runs and ending them are single statements: what they record survives a crash
 * right after they return. A worker's claims, checkpoints and provision run ends go through its CheckpointWriter.
 */
@Injectable()
export class ExecutionRepository {
  constructor(@InjectDataSource() readonly dataSource: DataSource) {}

  findById(id: string, m: EntityManager = this.dataSource.manager): Promise<ExecutionEntity | null> {
    return m.findOneBy(ExecutionEntity, { id });
  }

  /**
   * Records a new QUEUED run (generation = the workflow's next) with one PENDING step run per node, in one statement.
   * `guard`, when given, is a data-modifying statement (over `workflow_id = $1`) run in the same statement: the run
   * is created only when it returns a row (e.g. the atomic NOT_STARTED → PROVISIONING transition); else null.
   * `alsoWhenStarted` is one more data-modifying statement (ending in RETURNING) that may use `guard`.
   * Callers hold the state row lock (or take it in `guard`), which serialises generations.
   */
  async createRun(
    tx: EntityManager,
    run: Pick<ExecutionEntity, 'workflowId' | 'kind' | 'params'>,
    nodes: { id: string; type: string; status?: 'PENDING' | 'SUCCEEDED'; outputs?: Record<string, unknown> }[],
    guard = 'SELECT 1',
    alsoWhenStarted = 'SELECT 1',
  ): Promise<RunRef | null> {
    const rows = await tx.query(
      `WITH guard AS (${guard}),
            also AS (${alsoWhenStarted}),
            next AS (SELECT COALESCE(MAX(generation), 0) + 1 AS generation FROM executions WHERE workflow_id = $1),
            execution AS (
              INSERT INTO executions (workflow_id, generation, name, kind, status, params, created_at)
              SELECT $1, next.generation, $2 || '-' || next.generation, $2, 'QUEUED', $3::jsonb, clock_timestamp()
                FROM next WHERE EXISTS (SELECT 1 FROM guard)
              RETURNING id, generation
            ),
            steps AS (
              INSERT INTO step_runs (execution_id, node_id, step_type, status, attempts, outputs)
              SELECT execution.id, n.id, n.type, n.status, 0, n.outputs
                FROM execution, jsonb_to_recordset($4::jsonb) AS n(id text, type text, status text, outputs jsonb)
              RETURNING 1
            )
       SELECT id::text AS id, generation, (SELECT count(*) FROM steps) AS steps, (SELECT count(*) FROM also) AS also FROM execution`,
      [
        run.workflowId,
        run.kind,
        JSON.stringify(run.params ?? {}),
        JSON.stringify(nodes.map((n) => ({ id: n.id, type: n.type, status: n.status ?? 'PENDING', outputs: n.outputs ?? null }))),
      ],
    );
    return rows.length ? { id: rows[0].id, generation: rows[0].generation, workflowId: run.workflowId } : null;
  }

  /**
   * Starts provision runs in one statement: for each workflow still NOT_STARTED, the atomic NOT_STARTED → PROVISIONING
   * transition (a conditional update, so of two concurrent starts exactly one wins), a QUEUED run with the workflow's
   * next generation and one PENDING step run per node. Returns the run of each start, in order, or null for a start
   * refused because the workflow was not (or, for a second start of the same workflow, no longer) NOT_STARTED.
   */
  async createProvisionRuns(sql: Sql, starts: ProvisionRunStart[]): Promise<(RunRef | null)[]> {
    const ops = starts.map((s, idx) => ({ idx, workflow_id: s.workflowId, params: s.params, nodes: s.nodes.map((n) => ({ id: n.id, type: n.type })) }));
    const rows = await sql.run<{ idx: number; id: string; generation: number }>(CREATE_PROVISION_RUNS, [JSON.stringify(ops)]);
    const byIdx = new Map(rows.map((r) => [r.idx, r]));
    return starts.map((s, idx) => {
      const r = byIdx.get(idx);
      return r ? { id: r.id, generation: r.generation, workflowId: s.workflowId } : null;
    });
  }

  /** Whether stop or delete asked this run to stop. */
  async stopRequested(executionId: string): Promise<boolean> {
    const rows: { stop_requested: boolean }[] = await this.dataSource.query('SELECT stop_requested FROM executions WHERE id = $1', [executionId]);
    return rows.length === 0 || rows[0].stop_requested;
  }

  /**
   * Ends a run, applies `stateChange` to the workflow's state row in the same statement, and wakes whoever waits
   * for the run (NOTIFY at commit).
   */
  async finishRun(execution: ExecutionEntity, status: ExecutionStatus, error: string | null, stateChange: StateChange): Promise<void> {
    const event = JSON.stringify([runEndEvent(execution, status)]);
    const params: unknown[] = [execution.id, status, error, execution.workflowId, RUN_EVENTS_CHANNEL, event];
    const changes = stateChange.sql(params).map((sql, i) => `, state${i} AS (${sql})`);
    const counted = changes.map((_, i) => ` + (SELECT count(*) FROM state${i})`).join('');
    await this.dataSource.query(
      `WITH ended AS (UPDATE executions SET status = $2, error = $3, ended_at = clock_timestamp() WHERE id = $1 RETURNING 1)${changes.join('')}
       SELECT (SELECT count(*) FROM ended)${counted} AS changed, pg_notify($5, $6)`,
      params,
    );
  }

  async activeRunIds(workflowId: string, m: EntityManager = this.dataSource.manager): Promise<string[]> {
    const rows = await m.find(ExecutionEntity, { select: { id: true }, where: { workflowId, status: In(['QUEUED', 'RUNNING']) } });
    return rows.map((r) => r.id);
  }
}

export interface ProvisionRunStart {
  workflowId: string;
  /** The run's params (sealed). */
  params: Record<string, unknown>;
  nodes: { id: string; type: string }[];
}

const CREATE_PROVISION_RUNS = prepare(
  'create_provision_runs',
  `WITH ops AS (
     SELECT * FROM jsonb_to_recordset($1::jsonb) AS o(idx int, workflow_id text, params jsonb, nodes jsonb)
   ),
   guard AS (
     -- DISTINCT ON: the first of two starts of one workflow in a batch wins, as if they had come one after the other
     UPDATE workflow_states s
        SET state = 'PROVISIONING', provisioning_progress = 'IN_PROGRESS', provision_start_time = clock_timestamp(),
            provision_end_time = NULL, error = NULL, user_outputs = '{}'::jsonb, version = s.version + 1
       FROM (SELECT DISTINCT ON (workflow_id) * FROM ops ORDER BY workflow_id, idx) o
      WHERE s.workflow_id = o.workflow_id AND s.provisioning_progress = 'NOT_STARTED'
     RETURNING o.idx, o.workflow_id, o.params, o.nodes
   ),
   stamped AS (
     UPDATE workflows w SET last_provisioned_time = clock_timestamp() FROM guard g WHERE w.id = g.workflow_id
   ),
   execution AS (
     INSERT INTO executions (workflow_id, generation, name, kind, status, params, created_at)
     SELECT g.workflow_id, n.generation, 'provision-' || n.generation, 'provision', 'QUEUED', g.params, clock_timestamp()
       FROM guard g
       CROSS JOIN LATERAL (SELECT COALESCE(MAX(e.generation), 0) + 1 AS generation FROM executions e WHERE e.workflow_id = g.workflow_id) n
     RETURNING id, workflow_id, generation
   ),
   steps AS (
     INSERT INTO step_runs (execution_id, node_id, step_type, status, attempts)
     SELECT x.id, n.id, n.type, 'PENDING', 0
       FROM execution x JOIN guard g ON g.workflow_id = x.workflow_id
       CROSS JOIN LATERAL jsonb_to_recordset(g.nodes) AS n(id text, type text)
   )
   SELECT g.idx, x.id::text AS id, x.generation FROM execution x JOIN guard g ON g.workflow_id = x.workflow_id`,
);

export interface RunRef {
  id: string;
  generation: number;
  workflowId: string;
}

/**
 * A change of the workflow_states row made together with the end of a run: data-modifying statements ending in
 * RETURNING, over `workflow_id = $4` (they may append their own parameters to `params`).
 */
export interface StateChange {
  sql(params: unknown[]): string[];
}

/** Moves the state and stamps provision_end_time; the state's error becomes the run's error ($3). */
export const moveState = (state: WorkflowStateEntity['state'], progress: WorkflowStateEntity['provisioningProgress']): StateChange => ({
  sql: (params) => {
    params.push(state, progress);
    const [s, p] = [params.length - 1, params.length];
    return [
      `UPDATE workflow_states SET state = $${s}, provisioning_progress = $${p}, error = $3, provision_end_time = clock_timestamp(),
              version = version + 1 WHERE workflow_id = $4 RETURNING 1`,
    ];
  },
});

/** Deprovision left resources: the workflow counts as provisioned (Flow Framework's COMPLETED/DONE), no error. */
export const partiallyDeprovisioned: StateChange = {
  sql: () => [
    `UPDATE workflow_states SET state = 'COMPLETED', provisioning_progress = 'DONE', error = NULL,
            provision_end_time = clock_timestamp(), version = version + 1 WHERE workflow_id = $4 RETURNING 1`,
  ],
};

/** Everything was deprovisioned: back to NOT_STARTED, or the state row goes when the template is already gone. */
export const fullyDeprovisioned: StateChange = {
  sql: () => [
    `UPDATE workflow_states SET state = 'NOT_STARTED', provisioning_progress = 'NOT_STARTED', error = NULL,
            provision_start_time = NULL, provision_end_time = NULL, user_outputs = '{}'::jsonb, version = version + 1
      WHERE workflow_id = $4 AND EXISTS (SELECT 1 FROM workflows WHERE id = $4) RETURNING 1`,
    `DELETE FROM workflow_states WHERE workflow_id = $4 AND NOT EXISTS (SELECT 1 FROM workflows WHERE id = $4) RETURNING 1`,
  ],
};

/** A run as a worker claims it. */
export interface ClaimedRun {
  execution: ExecutionEntity;
  /** Null when the workflow was deleted meanwhile. */
  template: WorkflowTemplate | null;
  stepRuns: { nodeId: string; status: string; outputs: Record<string, unknown> | null; error: string | null }[];
}

/** A claimed run as the claim statement returns it. */
export interface ClaimedRunRow {
  id: string;
  workflow_id: string;
  generation: number;
  name: string;
  kind: ExecutionEntity['kind'];
  status: ExecutionEntity['status'];
  params: Record<string, string>;
  stop_requested: boolean;
  template: WorkflowTemplate | null;
  step_runs: ClaimedRun['stepRuns'];
}

export function toClaimedRun(r: ClaimedRunRow): ClaimedRun {
  const execution = Object.assign(new ExecutionEntity(), {
    id: r.id,
    workflowId: r.workflow_id,
    generation: r.generation,
    name: r.name,
    kind: r.kind,
    status: r.status,
    params: r.params,
    stopRequested: r.stop_requested,
  });
  return { execution, template: r.template, stepRuns: r.step_runs };
}
