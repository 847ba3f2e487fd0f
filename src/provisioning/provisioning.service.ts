import { Inject, Injectable } from '@nestjs/common';
import type { Caller } from '../common/caller';
import { SecretBox } from '../common/crypto/secret-box';
import { AppError, invalidState, invalidTemplate } from '../common/errors/app-error';
import { AppConfig, CONFIG } from '../config/app-config';
import { ExecutionEntity } from '../database/entities';
import { sqlOf } from '../database/hot-path-database';
import { httpStatusOfError } from '../engine/step-error-format';
import { ExecutionRepository, RunRef } from '../executions/execution.repository';
import { QueueService } from '../queue/queue.service';
import { StatusService } from '../status/status.service';
import type { WorkflowTemplate } from '../workflows/template/template.types';
import { WorkflowRepository } from '../workflows/workflow.repository';
import { notFoundTemplate, PROVISION_WORKFLOW, WorkflowsService } from '../workflows/workflows.service';
import { RunEventsListener } from './run-events.listener';
import { planReprovision } from './reprovision-plan';
import { StepCatalogue } from '../steps/step-catalogue';
import { ProvisionStarter } from './provision-starter';
import { TenantLimits } from './tenant-limits';

/** An HTTP answer decided by the domain (status + body), for routes whose status depends on the outcome. */
export interface Outcome {
  status: number;
  body: Record<string, unknown>;
}

/**
 * Starting runs from the api: the state transition, the execution row and the job are written in one transaction;
 * the answer never waits for a step unless the caller asked to (`wait_for_completion_timeout`, deprovision).
 */
@Injectable()
export class ProvisioningService {
  constructor(
    @Inject(CONFIG) private readonly config: AppConfig,
    private readonly workflows: WorkflowsService,
    private readonly repo: WorkflowRepository,
    private readonly executions: ExecutionRepository,
    private readonly queue: QueueService,
    private readonly secrets: SecretBox,
    private readonly status: StatusService,
    private readonly events: RunEventsListener,
    private readonly catalogue: StepCatalogue,
    private readonly starter: ProvisionStarter,
    private readonly limits: TenantLimits,
  ) {}

  /** `POST …/workflow/{id}/_provision` (API.md §2.5). */
  async provision(caller: Caller, workflowId: string, params: Record<string, string>, waitMs?: number): Promise<Outcome> {
    const workflow = await this.repo.findTemplate(workflowId, caller);
    if (!workflow) throw notFoundTemplate(workflowId);
    this.workflows.validate(workflow.template, workflowId);
    requireProvisionWorkflow(workflow.template, workflowId);
    const execution = await this.starter.start({ workflow, params: this.sealParams(params) });
    return this.answer(caller, execution, waitMs);
  }

  /** `POST …/workflow?provision=true`: create and provision in one transaction. */
  async createAndProvision(caller: Caller, template: WorkflowTemplate, params: Record<string, string>, waitMs?: number): Promise<Outcome> {
    this.workflows.validate(template);
    requireProvisionWorkflow(template, 'new');
    const execution = await this.repo.transaction(async (tx) => {
      const workflow = await this.workflows.create(caller, template, tx);
      const [outcome] = await this.starter.startIn(sqlOf(tx), [{ workflow, params: this.sealParams(params) }]);
      if (outcome instanceof AppError) throw outcome;
      return outcome;
    });
    return this.answer(caller, execution, waitMs);
  }

  /**
   * `PUT …/workflow/{id}?reprovision=true` (API.md §2.3): only from COMPLETED or FAILED; new nodes are provisioned,
   * changed nodes run their step type's update, unchanged nodes keep their recorded outputs (which feed their
   * dependents). The template, the state transition, the run and its job are written in one transaction.
   */
  async reprovision(caller: Caller, workflowId: string, body: unknown, waitMs?: number): Promise<Outcome> {
    const workflow = await this.repo.findTemplate(workflowId, caller);
    if (!workflow) throw notFoundTemplate(workflowId);
    const template = this.workflows.parse(body, true, workflowId);
    const stateNow = await this.repo.findState(workflowId, caller);
    const notReprovisionable = () =>
      invalidState(`The template can not be reprovisioned unless its provisioning state is DONE or FAILED: ${workflowId}`);
    if (!stateNow || !['DONE', 'FAILED'].includes(stateNow.provisioningProgress)) throw notReprovisionable();
    const before = this.workflows.openCredentials(workflow.template).workflows[PROVISION_WORKFLOW]?.nodes ?? [];
    const after = template.workflows[PROVISION_WORKFLOW]?.nodes ?? [];
    const plan = planReprovision(before, after, (type) => this.catalogue.get(type));

    const run = await this.repo.transaction(async (tx) => {
      const state = await this.repo.lockState(workflowId, caller, tx);
      if (!state || !['DONE', 'FAILED'].includes(state.provisioningProgress)) throw notReprovisionable();
      await this.limits.check(tx, state.tenantId, 'provision');
      await this.repo.saveTemplate(workflow, { template: this.workflows.sealCredentials(template), lastUpdatedTime: new Date() }, tx);
      const unchanged = new Set(plan.unchanged);
      const nodes = after.map((n) =>
        unchanged.has(n.id) ? { id: n.id, type: n.type, status: 'SUCCEEDED' as const, outputs: state.userOutputs[n.id] ?? {} } : { id: n.id, type: n.type },
      );
      const created = await this.executions.createRun(
        tx,
        { workflowId, kind: 'reprovision', params: { update_nodes: plan.updated } as never },
        nodes,
        `UPDATE workflow_states
            SET state = 'PROVISIONING', provisioning_progress = 'IN_PROGRESS', provision_start_time = clock_timestamp(),
                provision_end_time = NULL, error = NULL, version = version + 1
          WHERE workflow_id = $1 RETURNING workflow_id`,
        'UPDATE workflows SET last_provisioned_time = clock_timestamp() WHERE id = $1 AND EXISTS (SELECT 1 FROM guard) RETURNING 1',
      );
      await this.queue.enqueue('provision', { executionId: created!.id }, { tx, singletonKey: workflowId });
      return created!;
    });
    return this.answer(caller, run, waitMs);
  }

  /** `POST …/workflow/{id}/_deprovision` (API.md §2.7): runs in a worker; this call waits for the outcome. */
  async deprovision(caller: Caller, workflowId: string, allowDelete: string[]): Promise<Outcome> {
    const execution = await this.repo.transaction(async (tx) => {
      const state = await this.repo.lockState(workflowId, caller, tx);
      if (!state) throw new AppError('FlowNotExists', `Failed to get workflow state for workflow ${workflowId}`);
      const active = await tx.find(ExecutionEntity, { where: [{ workflowId, status: 'QUEUED' }, { workflowId, status: 'RUNNING' }] });
      const running = active.find((e) => e.kind === 'deprovision');
      if (running) return running; // one deprovision at a time: wait for the one under way
      await this.limits.check(tx, state.tenantId, 'deprovision');
      // A provision under way stops after its current node(s); the deprovision starts once it has.
      await tx.query(`UPDATE executions SET stop_requested = true WHERE workflow_id = $1 AND status IN ('QUEUED', 'RUNNING')`, [workflowId]);
      const run = (await this.executions.createRun(tx, { workflowId, kind: 'deprovision', params: { allow_delete: allowDelete } as never }, []))!;
      await this.queue.enqueue('deprovision', { executionId: run.id }, { tx, singletonKey: workflowId });
      return run;
    });
    const done = await this.waitForRun(execution, this.config.deprovisionWaitMs);
    if (!done) {
      return { status: 202, body: { error: `Deprovisioning of workflow ${workflowId} is still in progress; follow it with _status.` } };
    }
    if (done.status === 'SUCCEEDED') return { status: 200, body: { workflow_id: workflowId } };
    const error = done.error ?? 'Failed to deprovision some resources.';
    return { status: error.startsWith('These resources require') ? 403 : 202, body: { error } };
  }

  /** Provision parameters may hold secrets: stored as one ciphertext. */
  private sealParams(params: Record<string, string>): Record<string, string> {
    return Object.keys(params).length ? { sealed: this.secrets.encrypt(JSON.stringify(params)) } : {};
  }

  /** Waits (woken by NOTIFY) until the run ends or `timeoutMs` passes; the finished run, or null. */
  private async waitForRun(execution: RunRef, timeoutMs: number): Promise<ExecutionEntity | null> {
    let current: ExecutionEntity | null = null;
    const done = await this.events.waitUntil(
      execution.workflowId,
      async () => {
        current = await this.executions.findById(execution.id);
        return !current || !['QUEUED', 'RUNNING'].includes(current.status);
      },
      timeoutMs,
    );
    return done ? current : null;
  }

  /** 202 {workflow_id}; with a wait: the short status, or the failure with its own HTTP status (§2.5). */
  private async answer(caller: Caller, execution: RunRef, waitMs?: number): Promise<Outcome> {
    if (waitMs === undefined) return { status: 202, body: { workflow_id: execution.workflowId } };
    const done = await this.waitForRun(execution, waitMs);
    if (done?.status === 'FAILED' && done.error) return { status: httpStatusOfError(done.error), body: { error: done.error } };
    return { status: 202, body: await this.status.get(caller, execution.workflowId, false) };
  }
}

/** Only the `provision` workflow of a template runs; a template without one cannot be provisioned. */
function requireProvisionWorkflow(template: WorkflowTemplate, workflowId: string): void {
  if (!template.workflows[PROVISION_WORKFLOW]) {
    throw invalidTemplate(`Workflow ${workflowId} has no [${PROVISION_WORKFLOW}] workflow to provision.`);
  }
}
