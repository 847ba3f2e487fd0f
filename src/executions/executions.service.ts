import { Injectable } from '@nestjs/common';
import type { Caller } from '../common/caller';
import { AppError, invalidArgument } from '../common/errors/app-error';
import { ExecutionEntity, StepRunEntity } from '../database/entities';
import { QueueService } from '../queue/queue.service';
import { redactValue } from '../common/redaction';
import { WorkflowRepository } from '../workflows/workflow.repository';
import { ExecutionRepository } from './execution.repository';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);


const ACTIVE = ['QUEUED', 'RUNNING'];

/**
 * Run history and run control (API.md §3): list and read runs, delete a finished run's history, resume the last
 * failed provision, stop the running one.
 */
@Injectable()
export class ExecutionsService {
  constructor(
    private readonly workflows: WorkflowRepository,
    private readonly executions: ExecutionRepository,
    private readonly queue: QueueService,
  ) {}

  /** The workflow must be known to the caller (its template or, after a delete, its state). */
  private async requireWorkflow(caller: Caller, workflowId: string): Promise<void> {
    const [template, state] = await Promise.all([
      this.workflows.findTemplate(workflowId, caller),
      this.workflows.findState(workflowId, caller),
    ]);
    if (!template && !state) throw new AppError('FlowNotExists', `Workflow ${workflowId} does not exist.`);
  }

  private async requireRun(caller: Caller, workflowId: string, generation: number): Promise<ExecutionEntity> {
    await this.requireWorkflow(caller, workflowId);
    const run = await this.executions.dataSource.manager.findOneBy(ExecutionEntity, { workflowId, generation });
    if (!run) throw new AppError('ExecutionNotExists', `The execution ${generation} of workflow ${workflowId} does not exist.`);
    return run;
  }

  async list(caller: Caller, workflowId: string, from: number, size: number) {
    await this.requireWorkflow(caller, workflowId);
    const [runs, total] = await this.executions.dataSource.manager.findAndCount(ExecutionEntity, {
      where: { workflowId },
      order: { generation: 'DESC' },
      skip: from,
      take: size,
    });
    return { workflow_id: workflowId, total, executions: runs.map(summary) };
  }

  async get(caller: Caller, workflowId: string, generation: number) {
    const run = await this.requireRun(caller, workflowId, generation);
    const steps = await this.executions.dataSource.manager.find(StepRunEntity, { where: { executionId: run.id }, order: { id: 'ASC' } });
    return {
      ...summary(run),
      steps: steps.map((s) => ({
        node_id: s.nodeId,
        step_type: s.stepType,
        status: s.status,
        attempts: s.attempts,
        started_at: iso(s.startedAt),
        ended_at: iso(s.endedAt),
        outputs: s.outputs ? redactValue(s.outputs) : null,
        error: s.error,
      })),
    };
  }

  async delete(caller: Caller, workflowId: string, generation: number) {
    const run = await this.requireRun(caller, workflowId, generation);
    if (ACTIVE.includes(run.status)) {
      throw new AppError('ExecutionInProgress', `The execution ${generation} of workflow ${workflowId} is in progress and cannot be deleted.`);
    }
    const [{ n }] = await this.executions.dataSource.query('SELECT count(*)::int AS n FROM resources WHERE execution_id = $1', [run.id]);
    if (n > 0) {
      throw new AppError(
        'ExecutionHasResources',
        `The execution ${generation} of workflow ${workflowId} created ${n} resource(s) that still exist; deprovision the workflow before deleting this run.`,
      );
    }
    // Conditional, so that a run resumed meanwhile is never deleted.
    const [deleted]: [unknown[]] = await this.executions.dataSource.query(
      `DELETE FROM executions WHERE id = $1 AND status NOT IN ('QUEUED', 'RUNNING') RETURNING id`,
      [run.id],
    );
    if (!deleted.length) {
      throw new AppError('ExecutionInProgress', `The execution ${generation} of workflow ${workflowId} is in progress and cannot be deleted.`);
    }
    return { workflow_id: workflowId, generation, result: 'deleted' };
  }

  /**
   * Resumes the last provision run when it FAILED: failed, skipped and stopped nodes go back to PENDING, succeeded
   * ones stay (their recorded outputs feed their dependents), same generation; the state moves FAILED →
   * PROVISIONING atomically and the job is enqueued in the same transaction.
   */
  async resume(caller: Caller, workflowId: string) {
    await this.requireWorkflow(caller, workflowId);
    return this.workflows.transaction(async (tx) => {
      const state = await this.workflows.lockState(workflowId, caller, tx);
      const last = await tx.findOne(ExecutionEntity, { where: [{ workflowId, kind: 'provision' }, { workflowId, kind: 'reprovision' }], order: { generation: 'DESC' } });
      if (!state || !last || last.status !== 'FAILED' && last.status !== 'STOPPED' || state.provisioningProgress !== 'FAILED') {
        throw new AppError(
          'ExecutionNotResumable',
          `Workflow ${workflowId} cannot be resumed: only a failed provision can be resumed (the last run is ${last ? last.status : 'missing'}, the state is ${state?.state ?? 'missing'}).`,
        );
      }
      const template = await this.workflows.findTemplate(workflowId, caller, tx);
      if (!template) throw new AppError('ExecutionNotResumable', `Workflow ${workflowId} cannot be resumed: its template was deleted.`);
      const [restored] = await tx.query(
        `UPDATE executions SET status = 'QUEUED', error = NULL, ended_at = NULL, stop_requested = false, restored_at = clock_timestamp()
          WHERE id = $1 RETURNING restored_at`,
        [last.id],
      ).then(([rows]: [{ restored_at: Date }[]]) => rows);
      await tx.query(`UPDATE step_runs SET status = 'PENDING', error = NULL, ended_at = NULL WHERE execution_id = $1 AND status <> 'SUCCEEDED'`, [last.id]);
      await tx.query(
        `UPDATE workflow_states SET state = 'PROVISIONING', provisioning_progress = 'IN_PROGRESS', error = NULL, provision_end_time = NULL,
                version = version + 1 WHERE workflow_id = $1`,
        [workflowId],
      );
      await this.queue.enqueue('provision', { executionId: last.id }, { tx, singletonKey: workflowId });
      return { workflow_id: workflowId, execution_name: last.name, generation: last.generation, restored_at: iso(restored.restored_at) };
    });
  }

  /** Asks the running run to stop after its current node(s). */
  async stop(caller: Caller, workflowId: string) {
    await this.requireWorkflow(caller, workflowId);
    const rows: { generation: number; name: string }[] = await this.executions.dataSource.query(
      `UPDATE executions SET stop_requested = true WHERE workflow_id = $1 AND status IN ('QUEUED', 'RUNNING') RETURNING generation, name`,
      [workflowId],
    ).then(([r]: [{ generation: number; name: string }[]]) => r);
    if (!rows.length) throw new AppError('NoRunningExecution', `Workflow ${workflowId} has no queued or running execution to stop.`);
    return { workflow_id: workflowId, generation: rows[0].generation, execution_name: rows[0].name, status: 'STOPPING' };
  }

  /** `generation` path parameter: a positive integer. */
  static parseGeneration(value: string): number {
    if (!/^[1-9]\d{0,8}$/.test(value)) throw invalidArgument(`The execution generation must be a positive integer, got [${value}].`);
    return Number(value);
  }
}

function summary(run: ExecutionEntity) {
  return {
    workflow_id: run.workflowId,
    generation: run.generation,
    name: run.name,
    kind: run.kind,
    status: run.status,
    created_at: iso(run.createdAt),
    started_at: iso(run.startedAt),
    ended_at: iso(run.endedAt),
    restored_at: iso(run.restoredAt),
    error: run.error,
  };
}
