import { Injectable } from '@nestjs/common';
import { Batcher } from '../common/batcher';
import { AppError, invalidState } from '../common/errors/app-error';
import { WorkflowEntity } from '../database/entities';
import { HotPathDatabase, Sql } from '../database/hot-path-database';
import { ExecutionRepository, RunRef } from '../executions/execution.repository';
import { QueueService } from '../queue/queue.service';
import { PROVISION_WORKFLOW } from '../workflows/workflows.service';
import { TenantLimits } from './tenant-limits';

export interface ProvisionStart {
  workflow: WorkflowEntity;
  /** The run's params, sealed. */
  params: Record<string, unknown>;
}

/**
 * Starts provision runs: the tenant limit, the NOT_STARTED → PROVISIONING transition, the run with its step runs,
 * and its job, all in one transaction. Concurrent `_provision` calls share that transaction (Batcher): the api's
 * cost per call is then one statement, not one transaction of four.
 */
@Injectable()
export class ProvisionStarter {
  private readonly batcher = new Batcher<ProvisionStart, RunRef | AppError>((starts) => this.hotPath.transaction((sql) => this.startIn(sql, starts)));

  constructor(
    private readonly hotPath: HotPathDatabase,
    private readonly executions: ExecutionRepository,
    private readonly queue: QueueService,
    private readonly limits: TenantLimits,
  ) {}

  /** Starts one run, together with whatever other starts are under way in this process. */
  async start(start: ProvisionStart): Promise<RunRef> {
    const outcome = await this.batcher.add(start);
    if (outcome instanceof AppError) throw outcome;
    return outcome;
  }

  /** Starts runs in the caller's transaction: each start's run, or the error that refused it, in order. */
  async startIn(sql: Sql, starts: ProvisionStart[]): Promise<(RunRef | AppError)[]> {
    const refusals = await this.limits.admit(sql, starts.map((s) => s.workflow.tenantId), 'provision');
    const admitted = starts.filter((_, i) => !refusals[i]);
    const runs = await this.executions.createProvisionRuns(
      sql,
      admitted.map(({ workflow, params }) => ({ workflowId: workflow.id, params, nodes: workflow.template.workflows[PROVISION_WORKFLOW]?.nodes ?? [] })),
    );
    const started = runs.filter((r): r is RunRef => r !== null);
    await this.queue.enqueueMany(
      'provision',
      started.map((r) => ({ payload: { executionId: r.id }, singletonKey: r.workflowId })),
      { sql },
    );
    const notStarted = admitted.filter((_, i) => !runs[i]).map((s) => s.workflow.id);
    const states = notStarted.length
      ? await sql.query<{ workflow_id: string; provisioning_progress: string }>(
          'SELECT workflow_id, provisioning_progress FROM workflow_states WHERE workflow_id = ANY($1)',
          [notStarted],
        )
      : [];
    const progress = new Map(states.map((s) => [s.workflow_id, s.provisioning_progress]));
    const outcomes = new Map(admitted.map((s, i) => [s, runs[i] ?? notStartable(s.workflow.id, progress.get(s.workflow.id))]));
    return starts.map((s, i) => refusals[i] ?? outcomes.get(s)!);
  }
}

const notStartable = (workflowId: string, progress: string | undefined) =>
  invalidState(
    `The workflow provisioning state is ${progress ?? 'unknown'} and can not be provisioned unless its state is NOT_STARTED: ${workflowId}. Deprovision the workflow to reset the state.`,
  );
