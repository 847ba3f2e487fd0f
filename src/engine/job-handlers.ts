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
   * Deletes the history of a deleted workflow once none of its runs is active (a run still stopping makes the job
   * fail and pg-boss retry it): its runs (step runs cascade) and, when no resources remain, its state row — the
   * state stays while resources do, so that `_deprovision` can still clean up.
   */
  @JobHandler('purge')
  async purge({ payload }: JobContext<'purge'>): Promise<void> {
    const id = payload.workflowId;
    await this.dataSource.transaction(async (tx) => {
      const exists = async (sql: string) => ((await tx.query(sql, [id])) as unknown[]).length > 0;
      if (await exists('SELECT 1 FROM workflows WHERE id = $1')) return; // not deleted (a stale job)
      if (await exists(`SELECT 1 FROM executions WHERE workflow_id = $1 AND status IN ('QUEUED', 'RUNNING')`)) {
        throw new Error(`workflow ${id} still has a run stopping; the purge will be retried`);
      }
      await tx.query('DELETE FROM executions WHERE workflow_id = $1', [id]);
      if (!(await exists('SELECT 1 FROM resources WHERE workflow_id = $1'))) await tx.query('DELETE FROM workflow_states WHERE workflow_id = $1', [id]);
    });
  }
}
