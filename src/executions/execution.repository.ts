import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { ExecutionEntity, ExecutionStatus, ResourceEntity, StepRunEntity, WorkflowStateEntity } from '../database/entities';
import { notifyRunEvent } from '../engine/run-events';
import type { CreatedResource } from '../steps/sdk/step-type';
import { asRow } from '../workflows/workflow.repository';

/**
 * Runs and their step runs: the engine's checkpoints. Each method is one short transaction, so what it records
 * survives a crash of the worker right after it returns.
 */
@Injectable()
export class ExecutionRepository {
  constructor(@InjectDataSource() readonly dataSource: DataSource) {}

  findById(id: string, m: EntityManager = this.dataSource.manager): Promise<ExecutionEntity | null> {
    return m.findOneBy(ExecutionEntity, { id });
  }

  stepRuns(executionId: string): Promise<StepRunEntity[]> {
    return this.dataSource.manager.find(StepRunEntity, { where: { executionId }, order: { id: 'ASC' } });
  }

  /** The next generation number of a workflow (call with the state row locked, which serialises it). */
  async nextGeneration(workflowId: string, tx: EntityManager): Promise<number> {
    const [{ next }] = await tx.query('SELECT COALESCE(MAX(generation), 0) + 1 AS next FROM executions WHERE workflow_id = $1', [workflowId]);
    return Number(next);
  }

  /** Records a new QUEUED run and one PENDING step run per node. */
  async createRun(
    tx: EntityManager,
    run: Pick<ExecutionEntity, 'workflowId' | 'generation' | 'name' | 'kind' | 'params'>,
    nodes: { id: string; type: string }[],
  ): Promise<ExecutionEntity> {
    const execution = await tx.save(ExecutionEntity, tx.create(ExecutionEntity, { ...run, status: 'QUEUED' }));
    if (nodes.length) {
      await tx.insert(
        StepRunEntity,
        nodes.map((n) => asRow<StepRunEntity>({ executionId: execution.id, nodeId: n.id, stepType: n.type, status: 'PENDING', attempts: 0 })),
      );
    }
    return execution;
  }

  async markRunning(execution: ExecutionEntity): Promise<void> {
    await this.dataSource.query(
      `UPDATE executions SET status = 'RUNNING', started_at = COALESCE(started_at, now()) WHERE id = $1 AND status IN ('QUEUED', 'RUNNING')`,
      [execution.id],
    );
  }

  /** Whether stop or delete asked this run to stop (checked between nodes). */
  async stopRequested(executionId: string): Promise<boolean> {
    const rows: { stop_requested: boolean }[] = await this.dataSource.query('SELECT stop_requested FROM executions WHERE id = $1', [executionId]);
    return rows.length === 0 || rows[0].stop_requested;
  }

  async markStepRunning(execution: ExecutionEntity, nodeId: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      await tx.query(
        `UPDATE step_runs SET status = 'RUNNING', attempts = attempts + 1, started_at = now(), ended_at = NULL, error = NULL
          WHERE execution_id = $1 AND node_id = $2`,
        [execution.id, nodeId],
      );
      await notifyRunEvent(tx, this.event(execution, nodeId, 'RUNNING'));
    });
  }

  /**
   * The node's checkpoint, in one transaction: step run SUCCEEDED with its outputs, its resources recorded (never
   * twice: a re-run after a crash hits the unique key), its outputs added to the state's user_outputs.
   */
  async markStepSucceeded(
    execution: ExecutionEntity,
    node: { id: string; type: string },
    outputs: Record<string, unknown>,
    resources: CreatedResource[],
  ): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      await tx.query(
        `UPDATE step_runs SET status = 'SUCCEEDED', outputs = $3, ended_at = now() WHERE execution_id = $1 AND node_id = $2`,
        [execution.id, node.id, outputs],
      );
      for (const r of resources) {
        await tx
          .createQueryBuilder()
          .insert()
          .into(ResourceEntity)
          .values(
            asRow<ResourceEntity>({
              workflowId: execution.workflowId,
              executionId: execution.id,
              workflowStepName: node.type,
              workflowStepId: node.id,
              resourceType: r.type,
              resourceId: r.id,
              deprovision: r.deprovision ?? null,
            }),
          )
          .orIgnore()
          .execute();
      }
      if (Object.keys(outputs).length) {
        await tx.query(`UPDATE workflow_states SET user_outputs = user_outputs || jsonb_build_object($2::text, $3::jsonb), version = version + 1 WHERE workflow_id = $1`, [
          execution.workflowId,
          node.id,
          outputs,
        ]);
      }
      await notifyRunEvent(tx, this.event(execution, node.id, 'SUCCEEDED'));
    });
  }

  async markStepFailed(execution: ExecutionEntity, nodeId: string, error: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      await tx.query(`UPDATE step_runs SET status = 'FAILED', error = $3, ended_at = now() WHERE execution_id = $1 AND node_id = $2`, [
        execution.id,
        nodeId,
        error,
      ]);
      await notifyRunEvent(tx, this.event(execution, nodeId, 'FAILED'));
    });
  }

  /** Nodes that will not run in this run (a predecessor failed, or the run stopped). */
  async markStepsNotRun(execution: ExecutionEntity, nodeIds: string[], status: 'SKIPPED' | 'STOPPED'): Promise<void> {
    if (!nodeIds.length) return;
    await this.dataSource.query(`UPDATE step_runs SET status = $3 WHERE execution_id = $1 AND node_id = ANY($2) AND status IN ('PENDING', 'RUNNING')`, [
      execution.id,
      nodeIds,
      status,
    ]);
  }

  /** Ends the run and applies `updateState` in the same transaction, then wakes whoever waits for the run. */
  async finishRun(execution: ExecutionEntity, status: ExecutionStatus, error: string | null, updateState?: StateUpdate): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      await tx.query(`UPDATE executions SET status = $2, error = $3, ended_at = now() WHERE id = $1`, [execution.id, status, error]);
      await updateState?.(tx, execution.workflowId);
      await notifyRunEvent(tx, { workflowId: execution.workflowId, executionId: execution.id, generation: execution.generation, type: 'run', status });
    });
  }

  async activeRunIds(workflowId: string, m: EntityManager = this.dataSource.manager): Promise<string[]> {
    const rows = await m.find(ExecutionEntity, { select: { id: true }, where: { workflowId, status: In(['QUEUED', 'RUNNING']) } });
    return rows.map((r) => r.id);
  }

  private event(execution: ExecutionEntity, nodeId: string, status: string) {
    return { workflowId: execution.workflowId, executionId: execution.id, generation: execution.generation, type: 'node' as const, nodeId, status };
  }
}

/** A change of the workflow_states row made together with the end of a run. */
export type StateUpdate = (tx: EntityManager, workflowId: string) => Promise<void>;

/** Moves the state (and stamps provision_end_time); `error` null clears it. */
export const moveState =
  (state: WorkflowStateEntity['state'], progress: WorkflowStateEntity['provisioningProgress'], error: string | null): StateUpdate =>
  async (tx, workflowId) => {
    await tx.query(
      `UPDATE workflow_states SET state = $2, provisioning_progress = $3, error = $4, provision_end_time = now(), version = version + 1
        WHERE workflow_id = $1`,
      [workflowId, state, progress, error],
    );
  };
