import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { AppError } from '../common/errors/app-error';
import type { Caller } from '../common/caller';
import { AccessPolicy } from '../auth/access-policy';
import { Batcher } from '../common/batcher';
import { HotPathDatabase, prepare } from '../database/hot-path-database';
import { ResourceEntity, WorkflowEntity, WorkflowStateEntity } from '../database/entities';
import type { WorkflowTemplate } from './template/template.types';

const LOAD_WORKFLOWS = prepare(
  'load_workflows',
  `SELECT id, tenant_id, name, template, owner, created_time, last_updated_time, last_provisioned_time, version
     FROM workflows WHERE id = ANY($1::text[])`,
);

interface WorkflowRow {
  id: string;
  tenant_id: string;
  name: string;
  template: WorkflowTemplate;
  owner: Record<string, unknown> | null;
  created_time: Date;
  last_updated_time: Date;
  last_provisioned_time: Date | null;
  version: number;
}

/** Reads and writes of templates and their state rows. */
@Injectable()
export class WorkflowRepository {
  constructor(
    @InjectDataSource() readonly dataSource: DataSource,
    private readonly access: AccessPolicy,
    private readonly hotPath: HotPathDatabase,
  ) {}

  transaction<T>(fn: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(fn);
  }

  /**
   * Writes a new template, its NOT_STARTED state and the tenant's usage count in one statement (in the caller's
   * transaction, or one of its own), refusing when the tenant already holds `maxWorkflows` templates.
   */
  async insertWithState(workflow: WorkflowEntity, maxWorkflows: number, tx?: EntityManager): Promise<void> {
    const write = async (m: EntityManager) => {
      const [row] = await m.query(
        `WITH usage AS (
           INSERT INTO tenant_usage AS u (tenant_id, workflows) VALUES ($2, 1)
           ON CONFLICT (tenant_id) DO UPDATE SET workflows = u.workflows + 1
           RETURNING workflows
         ),
         workflow AS (
           INSERT INTO workflows (id, tenant_id, name, template, owner, created_time, last_updated_time, version)
           SELECT $1, $2, $3, $4::jsonb, $5::jsonb, $6, $6, 1 FROM usage WHERE usage.workflows <= $7
           RETURNING id
         ),
         state AS (
           INSERT INTO workflow_states (workflow_id, tenant_id, state, provisioning_progress, "user", user_outputs, version)
           SELECT id, $2, 'NOT_STARTED', 'NOT_STARTED', $5::jsonb, '{}'::jsonb, 1 FROM workflow
           RETURNING 1
         )
         SELECT (SELECT count(*) FROM workflow)::int AS inserted, (SELECT count(*) FROM state)::int AS states`,
        [
          workflow.id,
          workflow.tenantId,
          workflow.name,
          JSON.stringify(workflow.template),
          workflow.owner ? JSON.stringify(workflow.owner) : null,
          workflow.createdTime,
          maxWorkflows,
        ],
      );
      if (row.inserted !== 1) {
        // Flow Framework's message, plus how to change the limit.
        throw new AppError('InvalidArgument', `Maximum workflows limit reached: ${maxWorkflows}. Delete workflows, or raise MAX_WORKFLOWS_PER_TENANT.`);
      }
    };
    // The usage increment must not outlive a refused insert: always inside a transaction.
    await (tx ? write(tx) : this.transaction(write));
  }

  /**
   * The template, when the caller may see it: null when there is none; 403 when it belongs to another tenant, or
   * (filter_by_backend_roles) to a user sharing no backend role with the caller.
   */
  async findTemplate(id: string, caller: Caller, m?: EntityManager): Promise<WorkflowEntity | null> {
    const workflow = !isWorkflowId(id) ? null : m ? await m.findOneBy(WorkflowEntity, { id }) : await this.templates.add(id);
    if (workflow) this.access.check(caller, workflow.tenantId, workflow.owner, id);
    return workflow;
  }

  /** Template reads outside transactions: concurrent reads (e.g. a burst of `_provision` calls) share one statement. */
  private readonly templates = new Batcher<string, WorkflowEntity | null>(async (ids) => {
    const rows = await this.hotPath.run<WorkflowRow>(LOAD_WORKFLOWS, [ids]);
    const byId = new Map(rows.map((r) => [r.id, r]));
    const given = new Set<string>();
    return ids.map((id) => {
      const row = byId.get(id);
      if (!row) return null;
      // Each caller gets its own copy of the document, as from a query of its own.
      const template = given.has(id) ? structuredClone(row.template) : row.template;
      given.add(id);
      return Object.assign(new WorkflowEntity(), {
        id: row.id,
        tenantId: row.tenant_id,
        name: row.name,
        template,
        owner: row.owner,
        createdTime: row.created_time,
        lastUpdatedTime: row.last_updated_time,
        lastProvisionedTime: row.last_provisioned_time,
        version: row.version,
      });
    });
  });

  /** The state row, with the same access rule (the owner is the user recorded on the state). */
  async findState(id: string, caller: Caller, m: EntityManager = this.dataSource.manager): Promise<WorkflowStateEntity | null> {
    const state = isWorkflowId(id) ? await m.findOneBy(WorkflowStateEntity, { workflowId: id }) : null;
    if (state) this.access.check(caller, state.tenantId, state.user, id);
    return state;
  }

  /** The state row, locked until the transaction ends (serialises state changes of one workflow); same access rule. */
  async lockState(id: string, caller: Caller, tx: EntityManager): Promise<WorkflowStateEntity | null> {
    const state = isWorkflowId(id) ? await tx.findOne(WorkflowStateEntity, { where: { workflowId: id }, lock: { mode: 'pessimistic_write' } }) : null;
    if (state) this.access.check(caller, state.tenantId, state.user, id);
    return state;
  }

  /** Up to `limit` of the tenant's workflows with this name (the vendor facades address workflows by name). */
  findByName(tenantId: string, name: string, limit = 2): Promise<WorkflowEntity[]> {
    return this.dataSource.manager.find(WorkflowEntity, { where: { tenantId, name }, order: { createdTime: 'ASC' }, take: limit });
  }

  /** Resources in creation order. */
  async listResources(workflowId: string, m: EntityManager = this.dataSource.manager): Promise<ResourceEntity[]> {
    return isWorkflowId(workflowId) ? m.find(ResourceEntity, { where: { workflowId }, order: { id: 'ASC' } }) : [];
  }

  async countResources(workflowId: string, m: EntityManager = this.dataSource.manager): Promise<number> {
    return m.countBy(ResourceEntity, { workflowId });
  }

  /** Replaces the template document; returns the new version. */
  async saveTemplate(
    workflow: WorkflowEntity,
    changes: { template: WorkflowTemplate; lastUpdatedTime: Date },
    tx: EntityManager,
  ): Promise<void> {
    await tx.update(
      WorkflowEntity,
      { id: workflow.id },
      asRow<WorkflowEntity>({
        template: changes.template,
        name: changes.template.name,
        lastUpdatedTime: changes.lastUpdatedTime,
        version: (() => 'version + 1') as never,
      }),
    );
  }

  /** Deletes the template row; returns the deleted row's version, or null when there was none. */
  /** Deletes the template row (access already checked by the caller); returns the deleted row's version, or null. */
  async deleteTemplate(id: string, tenantId: string, tx: EntityManager): Promise<number | null> {
    if (!isWorkflowId(id)) return null;
    const result = await tx
      .createQueryBuilder()
      .delete()
      .from(WorkflowEntity)
      .where('id = :id AND tenant_id = :tenantId', { id, tenantId })
      .returning('version')
      .execute();
    const rows = result.raw as { version: number }[];
    if (rows.length) await tx.query('UPDATE tenant_usage SET workflows = workflows - 1 WHERE tenant_id = $1', [tenantId]);
    return rows.length ? rows[0].version : null;
  }

  async deleteState(id: string, tx: EntityManager): Promise<void> {
    await tx.delete(WorkflowStateEntity, { workflowId: id });
  }
}

/** TypeORM's deep-partial type cannot follow jsonb document types; the entity shape is checked where rows are built. */
export const asRow = <T>(row: Partial<T>) => row as QueryDeepPartialEntity<T>;

/** Whether `id` can name a stored workflow at all (ids are at most 32 characters, never control characters). */
export const isWorkflowId = (id: string): boolean => id.length > 0 && id.length <= 32 && !/[\u0000-\u001f\ud800-\udfff]/.test(id);
