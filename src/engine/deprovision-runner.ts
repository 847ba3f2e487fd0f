import { Injectable, Logger } from '@nestjs/common';
import { SecretBox } from '../common/crypto/secret-box';
import { ExecutionEntity, ResourceEntity, StepRunEntity } from '../database/entities';
import { ExecutionRepository, fullyDeprovisioned, moveState, partiallyDeprovisioned } from '../executions/execution.repository';
import { openResource } from './resource-secrets';
import { redactText } from '../common/redaction';
import { abortableDelay } from '../steps/sdk/abortable-delay';
import { STEP_DEFINITIONS } from '../steps/step-catalogue';
import { asRow } from '../workflows/workflow.repository';
import { RunInterrupted, STOPPED_BY_REQUEST } from './provision-runner';
import { formatStepError } from './step-error-format';
import { StepRegistry } from './step-registry';
import { CheckpointWriter } from './checkpoint-writer';

/** Resource types that hold data: deleted only when their id is in `allow_delete`. */
const PROTECTED_TYPES = new Set(STEP_DEFINITIONS.flatMap((d) => d.resourceTypes.filter((r) => r.protected).map((r) => `${d.name}/${r.name}`)));

/** Protected by its step type's declaration, or by the step itself for that resource (e.g. http_request `protected`). */
export const isProtected = (r: Pick<ResourceEntity, 'workflowStepName' | 'resourceType' | 'deprovision'>) =>
  PROTECTED_TYPES.has(`${r.workflowStepName}/${r.resourceType}`) || r.deprovision?.protected === true;

/** Pause between passes, so that a target finishing an asynchronous delete gets a moment. */
const PASS_PAUSE_MS = 1000;

/**
 * Deprovisions a workflow (API.md §2.7): resources in reverse creation order, one at a time; "not found" counts as
 * deleted; while a pass deletes something, another pass runs over what remains (dependency failures such as
 * "connector still used by a model" resolve themselves). Every attempt is a step run of the execution, named
 * `pass <n>: <resource_type> <resource_id>`, so the history shows the passes.
 */
@Injectable()
export class DeprovisionRunner {
  private readonly logger = new Logger(DeprovisionRunner.name);

  constructor(
    private readonly executions: ExecutionRepository,
    private readonly steps: StepRegistry,
    private readonly secrets: SecretBox,
    private readonly checkpoints: CheckpointWriter,
  ) {}

  async run(executionId: string, jobSignal: AbortSignal): Promise<void> {
    const queued = await this.executions.findById(executionId);
    if (!queued || !['QUEUED', 'RUNNING'].includes(queued.status)) return;
    await this.waitForOtherRuns(queued, jobSignal);
    const claimed = await this.checkpoints.claim(executionId);
    if (!claimed) return;
    const execution = claimed.execution;
    const allowDelete = new Set((execution.params.allow_delete as unknown as string[] | undefined) ?? []);
    const db = this.executions.dataSource;

    let pass = (await db.manager.countBy(StepRunEntity, { executionId })) > 0 ? await this.lastPass(executionId) : 0;
    for (;;) {
      if (jobSignal.aborted) throw new RunInterrupted('the worker is stopping');
      pass++;
      const remaining = (await db.manager.find(ResourceEntity, { where: { workflowId: execution.workflowId }, order: { id: 'DESC' } })).filter(
        (r) => !isProtected(r) || allowDelete.has(r.resourceId),
      );
      let deleted = 0;
      for (const resource of remaining) {
        if (await this.executions.stopRequested(execution.id)) return this.stopped(execution);
        const twin = remaining.some((r) => r !== resource && r.resourceType === resource.resourceType && r.resourceId === resource.resourceId);
        if (await this.deleteOne(execution, resource, pass, jobSignal, twin)) deleted++;
      }
      const left = remaining.length - deleted;
      if (deleted === 0 || left === 0) break;
      await abortableDelay(PASS_PAUSE_MS, jobSignal).catch(() => undefined);
    }
    await this.finish(execution, allowDelete);
  }

  /** Deletes one resource; true when it is gone (deleted or not found), false when the target refused. */
  private async deleteOne(execution: ExecutionEntity, resource: ResourceEntity, pass: number, signal: AbortSignal, twin = false): Promise<boolean> {
    const db = this.executions.dataSource;
    // A resource recorded twice (register_* and its deploy_model entry) is told apart by its step name.
    const nodeId = `pass ${pass}: ${resource.resourceType} ${resource.resourceId}${twin ? ` (${resource.workflowStepName})` : ''}`;
    await db.manager.insert(
      StepRunEntity,
      asRow<StepRunEntity>({ executionId: execution.id, nodeId, stepType: resource.workflowStepName, status: 'RUNNING', attempts: 1, startedAt: new Date() }),
    );
    try {
      const step = this.steps.get(resource.workflowStepName);
      if (!step) throw new Error(`Workflow step type [${resource.workflowStepName}] is not implemented.`);
      const outcome = await step.deprovision(openResource(resource, this.secrets), signal);
      await db.transaction(async (tx) => {
        await tx.delete(ResourceEntity, { id: resource.id });
        await tx.update(StepRunEntity, { executionId: execution.id, nodeId }, { status: 'SUCCEEDED', outputs: { outcome }, endedAt: new Date() });
      });
      return true;
    } catch (err) {
      if (signal.aborted) throw new RunInterrupted('the worker is stopping');
      const opened = openResource(resource, this.secrets).deprovision?.credential as Record<string, string> | undefined;
      const error = redactText(formatStepError(`(deprovision_${resource.workflowStepName}) ${resource.workflowStepId}`, err).error, Object.values(opened ?? {}));
      this.logger.warn({ executionId: execution.id, resourceId: resource.resourceId, error }, 'deprovision attempt failed');
      await db.manager.update(StepRunEntity, { executionId: execution.id, nodeId }, { status: 'FAILED', error, endedAt: new Date() });
      return false;
    }
  }

  private async finish(execution: ExecutionEntity, allowDelete: Set<string>): Promise<void> {
    const left = await this.executions.dataSource.manager.find(ResourceEntity, { where: { workflowId: execution.workflowId }, order: { id: 'ASC' } });
    const message = deprovisionFailureMessage(left, allowDelete);
    if (!message) await this.executions.finishRun(execution, 'SUCCEEDED', null, fullyDeprovisioned);
    else await this.executions.finishRun(execution, 'FAILED', message, partiallyDeprovisioned);
  }

  /** `_stop` during a deprovision: what is left stays recorded; the state says the run was stopped. */
  private async stopped(execution: ExecutionEntity): Promise<void> {
    await this.executions.finishRun(execution, 'STOPPED', STOPPED_BY_REQUEST, moveState('FAILED', 'FAILED'));
  }

  /** Waits until no other run of the workflow is queued or running (a deprovision never overlaps a provision). */
  private async waitForOtherRuns(execution: ExecutionEntity, signal: AbortSignal): Promise<void> {
    for (;;) {
      const others = (await this.executions.activeRunIds(execution.workflowId)).filter((id) => id !== execution.id);
      if (!others.length) return;
      await abortableDelay(200, signal).catch(() => {
        throw new RunInterrupted('the worker is stopping');
      });
    }
  }

  private async lastPass(executionId: string): Promise<number> {
    const rows: { n: number }[] = await this.executions.dataSource.query(
      `SELECT COALESCE(MAX((substring(node_id from '^pass ([0-9]+):'))::int), 0) AS n FROM step_runs WHERE execution_id = $1`,
      [executionId],
    );
    return rows[0].n;
  }
}

/**
 * The outcome message of a deprovision that left resources (API.md §2.7), or null when nothing is left.
 * Failed ones first; protected ones that were not in `allow_delete` in the second sentence.
 */
export function deprovisionFailureMessage(left: ResourceEntity[], allowDelete: Set<string>): string | null {
  const list = (rs: ResourceEntity[]) => `[${rs.map((r) => `${r.resourceType} ${r.resourceId}`).join(', ')}]`;
  const skipped = left.filter((r) => isProtected(r) && !allowDelete.has(r.resourceId));
  const failed = left.filter((r) => !skipped.includes(r));
  const protectedPart = `These resources require the allow_delete parameter to deprovision: ${list(skipped)}.`;
  if (failed.length) return `Failed to deprovision some resources: ${list(failed)}.${skipped.length ? ` ${protectedPart}` : ''}`;
  return skipped.length ? protectedPart : null;
}
