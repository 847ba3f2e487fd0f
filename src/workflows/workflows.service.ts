import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Caller } from '../common/caller';
import { AppError, invalidState, invalidTemplate } from '../common/errors/app-error';
import { validatePostgresNodeInputs } from '../steps/postgres/validate';
import { SecretBox } from '../common/crypto/secret-box';
import { AppConfig, CONFIG } from '../config/app-config';
import { WorkflowEntity } from '../database/entities';
import { QueueService } from '../queue/queue.service';
import { StepCatalogue } from '../steps/step-catalogue';
import { applyUpdateFields, parseTemplate, parseUpdateFields } from './template/template-parser';
import { mapCredentialValues } from './template/template-renderer';
import { validateTemplate } from './template/template-graph';
import type { WorkflowTemplate } from './template/template.types';
import { renderWorkflow } from './template-view';
import { WorkflowRepository } from './workflow.repository';

/** 20 URL-safe random characters, like an OpenSearch document id. */
export const newWorkflowId = () => randomBytes(15).toString('base64url');

export const notFoundTemplate = (id: string) => new AppError('FlowNotExists', `Failed to retrieve template (${id}) from global context.`);

/** Step types Flow Framework refuses in templates (403): they exist only for deprovision. */
export const DENYLISTED_STEP_TYPES = ['delete_index', 'delete_ingest_pipeline', 'delete_search_pipeline'];

/** The workflow that `provision` executes; the others are stored only. */
export const PROVISION_WORKFLOW = 'provision';

/** Template lifecycle: create, update, get, delete (API.md §2.2–2.4, §2.8). */
@Injectable()
export class WorkflowsService {
  constructor(
    @Inject(CONFIG) private readonly config: AppConfig,
    private readonly repo: WorkflowRepository,
    private readonly catalogue: StepCatalogue,
    private readonly secrets: SecretBox,
    private readonly queue: QueueService,
  ) {}

  /** Parses a template body; with `validate`, also checks the graph and the step types (§2.11). */
  parse(body: unknown, validate: boolean, workflowId?: string): WorkflowTemplate {
    const template = parseTemplate(body);
    if (validate) this.validate(template, workflowId);
    return template;
  }

  /** Graph and step validation of every workflow in the template; run at create (validation=all) and at provision. */
  validate(template: WorkflowTemplate, workflowId?: string): void {
    validateTemplate(template, (type) => this.catalogue.get(type), {
      workflowId,
      maxNodes: this.config.maxNodesPerWorkflow,
      maxNodesSetting: 'MAX_NODES_PER_WORKFLOW',
      denylist: DENYLISTED_STEP_TYPES,
    });
    // Step packs' own input checks that must hold before anything runs (e.g. SQL identifiers).
    for (const graph of Object.values(template.workflows)) {
      for (const node of graph.nodes) {
        const problem = validatePostgresNodeInputs(node, graph.user_params);
        if (problem) throw invalidTemplate(problem);
      }
    }
  }

  /** Encrypts every credential value for storage. */
  sealCredentials(template: WorkflowTemplate): WorkflowTemplate {
    return mapCredentialValues(template, (value) => (SecretBox.isCiphertext(value) ? value : this.secrets.encrypt(value)));
  }

  /** Decrypts every credential value, for a worker about to run the steps. */
  openCredentials(template: WorkflowTemplate): WorkflowTemplate {
    return mapCredentialValues(template, (value) => (SecretBox.isCiphertext(value) ? this.secrets.decrypt(value) : value));
  }

  /** Stores a new template with its NOT_STARTED state (one transaction). */
  async create(caller: Caller, template: WorkflowTemplate, tx?: EntityManager): Promise<WorkflowEntity> {
    const now = new Date();
    const workflow = Object.assign(new WorkflowEntity(), {
      id: newWorkflowId(),
      tenantId: caller.tenantId,
      name: template.name,
      template: this.sealCredentials(template),
      owner: caller.user as Record<string, unknown> | null,
      createdTime: now,
      lastUpdatedTime: now,
      lastProvisionedTime: null,
      version: 1,
    });
    await this.repo.insertWithState(workflow, this.config.maxWorkflowsPerTenant, tx);
    return workflow;
  }

  async get(caller: Caller, id: string): Promise<Record<string, unknown>> {
    const workflow = await this.repo.findTemplate(id, caller);
    if (!workflow) throw notFoundTemplate(id);
    return renderWorkflow(workflow);
  }

  /** Full replace (§2.3): only while NOT_STARTED; keeps created_time and last_provisioned_time. */
  async replace(caller: Caller, id: string, body: unknown, validate: boolean): Promise<void> {
    await this.repo.transaction(async (tx) => {
      const workflow = await this.repo.findTemplate(id, caller, tx);
      if (!workflow) throw notFoundTemplate(id);
      const state = await this.repo.lockState(id, caller, tx);
      if (state && state.provisioningProgress !== 'NOT_STARTED') {
        throw invalidState(
          `The template can not be updated unless its provisioning state is NOT_STARTED: ${id}. Deprovision the workflow to reset the state.`,
        );
      }
      const template = this.parse(body, validate, id);
      await this.repo.saveTemplate(workflow, { template: this.sealCredentials(template), lastUpdatedTime: new Date() }, tx);
    });
  }

  /** `update_fields=true` (§2.3): only the descriptive fields, in any state. */
  async updateFields(caller: Caller, id: string, body: unknown): Promise<void> {
    const patch = parseUpdateFields(body);
    await this.repo.transaction(async (tx) => {
      if (!(await this.repo.findTemplate(id, caller, tx))) throw notFoundTemplate(id);
      const workflow = (await tx.findOne(WorkflowEntity, { where: { id }, lock: { mode: 'pessimistic_write' } }))!;
      await this.repo.saveTemplate(workflow, { template: applyUpdateFields(workflow.template, patch), lastUpdatedTime: new Date() }, tx);
    });
  }

  /**
   * Delete (§2.8): the template row goes at once; the state row goes too when `clear_status` is set or no resources
   * remain — never while provisioning, and never when resources remain without clear_status (a later
   * `_deprovision` still needs them). A running execution is asked to stop; run history is purged by a job.
   */
  async delete(caller: Caller, id: string, clearStatus: boolean): Promise<Record<string, unknown>> {
    const version = await this.repo.transaction(async (tx) => {
      await this.repo.findTemplate(id, caller, tx); // another tenant's workflow → 403
      const deleted = await this.repo.deleteTemplate(id, caller.tenantId, tx);
      if (deleted === null) return null;
      const state = await this.repo.lockState(id, caller, tx);
      await tx.query(
        `UPDATE executions SET stop_requested = true WHERE workflow_id = $1 AND status IN ('QUEUED', 'RUNNING')`,
        [id],
      );
      const provisioning = state?.provisioningProgress === 'IN_PROGRESS';
      const hasResources = (await this.repo.countResources(id, tx)) > 0;
      if (state && !provisioning && (clearStatus || !hasResources)) await this.repo.deleteState(id, tx);
      // History goes in the background (fast whatever its size), once no run of the workflow is active.
      await this.queue.enqueue('purge', { workflowId: id }, { tx });
      return deleted;
    });
    return {
      _index: '.plugins-flow-framework-templates',
      _id: id,
      _version: version === null ? 1 : version + 1,
      result: version === null ? 'not_found' : 'deleted',
      _shards: { total: 1, successful: 1, failed: 0 },
      _seq_no: version ?? 0,
      _primary_term: 1,
    };
  }
}
