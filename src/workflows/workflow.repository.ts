import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { AppError } from '../common/errors/app-error';
import { ResourceEntity, WorkflowEntity, WorkflowStateEntity } from '../database/entities';
import type { WorkflowTemplate } from './template/template.types';

/** Per-tenant lock that serialises the "count, then insert" of the workflows limit. */
const TENANT_LIMIT_LOCK = 'stepwise:workflow-limit:';

/** Reads and writes of templates and their state rows. */
@Injectable()
export class WorkflowRepository {
  constructor(@InjectDataSource() readonly dataSource: DataSource) {}

  transaction<T>(fn: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(fn);
  }

  /**
   * Writes a new template and its NOT_STARTED state in one transaction, refusing when the tenant already holds
   * `maxWorkflows` templates.
   */
  async insertWithState(workflow: WorkflowEntity, maxWorkflows: number, tx?: EntityManager): Promise<void> {
    const write = async (m: EntityManager) => {
      await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [TENANT_LIMIT_LOCK + workflow.tenantId]);
      const [{ count }] = await m.query('SELECT count(*)::int AS count FROM workflows WHERE tenant_id = $1', [workflow.tenantId]);
      if (count >= maxWorkflows) {
        throw new AppError(
          'InvalidArgument',
          `Maximum workflows limit reached: ${maxWorkflows}. Delete workflows, or raise MAX_WORKFLOWS_PER_TENANT.`,
        );
      }
      await m.insert(WorkflowEntity, asRow(workflow));
      await m.insert(WorkflowStateEntity, asRow<WorkflowStateEntity>({
        workflowId: workflow.id,
        tenantId: workflow.tenantId,
        state: 'NOT_STARTED',
        provisioningProgress: 'NOT_STARTED',
        user: workflow.owner,
        userOutputs: {},
      }));
    };
    await (tx ? write(tx) : this.transaction(write));
  }

  findTemplate(id: string, tenantId: string, m: EntityManager = this.dataSource.manager): Promise<WorkflowEntity | null> {
    return m.findOneBy(WorkflowEntity, { id, tenantId });
  }

  findState(id: string, tenantId: string, m: EntityManager = this.dataSource.manager): Promise<WorkflowStateEntity | null> {
    return m.findOneBy(WorkflowStateEntity, { workflowId: id, tenantId });
  }

  /** The state row, locked until the transaction ends: serialises state changes of one workflow. */
  lockState(id: string, tenantId: string, tx: EntityManager): Promise<WorkflowStateEntity | null> {
    return tx.findOne(WorkflowStateEntity, { where: { workflowId: id, tenantId }, lock: { mode: 'pessimistic_write' } });
  }

  /** Resources in creation order. */
  listResources(workflowId: string, m: EntityManager = this.dataSource.manager): Promise<ResourceEntity[]> {
    return m.find(ResourceEntity, { where: { workflowId }, order: { id: 'ASC' } });
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
  async deleteTemplate(id: string, tenantId: string, tx: EntityManager): Promise<number | null> {
    const result = await tx
      .createQueryBuilder()
      .delete()
      .from(WorkflowEntity)
      .where('id = :id AND tenant_id = :tenantId', { id, tenantId })
      .returning('version')
      .execute();
    const rows = result.raw as { version: number }[];
    return rows.length ? rows[0].version : null;
  }

  async deleteState(id: string, tx: EntityManager): Promise<void> {
    await tx.delete(WorkflowStateEntity, { workflowId: id });
  }
}

/** TypeORM's deep-partial type cannot follow jsonb document types; the entity shape is checked where rows are built. */
export const asRow = <T>(row: Partial<T>) => row as QueryDeepPartialEntity<T>;
