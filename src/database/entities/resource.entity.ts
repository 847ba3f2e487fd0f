import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * A resource a step created. The id sequence gives creation order (`resources_created` lists them by id).
 * `deprovision` keeps what deleting it needs, so deprovision works even after the template changed.
 */
@Entity('resources')
@Unique('resources_identity_key', ['workflowId', 'workflowStepName', 'workflowStepId', 'resourceType', 'resourceId'])
@Index('resources_workflow_idx', ['workflowId', 'id'])
export class ResourceEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'workflow_id', type: 'varchar', length: 32 })
  workflowId: string;

  @Column({ name: 'execution_id', type: 'bigint', nullable: true })
  executionId: string | null;

  /** The step type that created it (`workflow_step_name`). */
  @Column({ name: 'workflow_step_name', type: 'text' })
  workflowStepName: string;

  /** The node that created it (`workflow_step_id`). */
  @Column({ name: 'workflow_step_id', type: 'text' })
  workflowStepId: string;

  @Column({ name: 'resource_type', type: 'text' })
  resourceType: string;

  @Column({ name: 'resource_id', type: 'text' })
  resourceId: string;

  /** What the step type's deprovision needs (secrets encrypted). */
  @Column({ type: 'jsonb', nullable: true })
  deprovision: Record<string, unknown> | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
