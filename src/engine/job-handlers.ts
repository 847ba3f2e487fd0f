import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JobContext, JobHandler } from '../queue/job-handler.decorator';
import { DeprovisionRunner } from './deprovision-runner';
import { ProvisionRunner } from './provision-runner';

/** The worker's queue consumers: thin adapters from a job to the runner that does the work. */
@Injectable()
export class JobHandlers {
  constructor(
    private readonly provisionRunner: ProvisionRunner,
    private readonly deprovisionRunner: DeprovisionRunner,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  @JobHandler('provision')
  provision({ payload, signal }: JobContext<'provision'>): Promise<void> {
    return this.provisionRunner.run(payload.executionId, signal);
  }

  @JobHandler('deprovision')
  deprovision({ payload, signal }: JobContext<'deprovision'>): Promise<void> {
    return this.deprovisionRunner.run(payload.executionId, signal);
  }

  /**
   * Deletes the history of a deleted workflow: finished runs (their step runs cascade) and, when no state row
   * remains, its resource rows. A run still stopping is left for a later purge (the job retries).
   */
  @JobHandler('purge')
  async purge({ payload }: JobContext<'purge'>): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      if (await tx.query('SELECT 1 FROM workflows WHERE id = $1', [payload.workflowId]).then((r: unknown[]) => r.length > 0)) return;
      await tx.query(`DELETE FROM executions WHERE workflow_id = $1 AND status NOT IN ('QUEUED', 'RUNNING')`, [payload.workflowId]);
      const state: unknown[] = await tx.query('SELECT 1 FROM workflow_states WHERE workflow_id = $1', [payload.workflowId]);
      if (!state.length) await tx.query('DELETE FROM resources WHERE workflow_id = $1', [payload.workflowId]);
    });
    const active: unknown[] = await this.dataSource.query(`SELECT 1 FROM executions WHERE workflow_id = $1 AND status IN ('QUEUED', 'RUNNING')`, [
      payload.workflowId,
    ]);
    if (active.length) throw new Error(`workflow ${payload.workflowId} still has a run stopping; purge will be retried`);
  }
}
