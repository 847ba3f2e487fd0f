import { Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';

export const STATES = ['NOT_STARTED', 'PROVISIONING', 'FAILED', 'COMPLETED'] as const;
export type WorkflowStateName = (typeof STATES)[number];
export const PROGRESSES = ['NOT_STARTED', 'IN_PROGRESS', 'DONE', 'FAILED'] as const;
export type ProvisioningProgress = (typeof PROGRESSES)[number];

/**
 * One row per workflow: its provisioning state. It may outlive its template (Flow Framework keeps the state so
 * that a later deprovision can still clean up), so there is no foreign key to `workflows`.
 */
@Entity('workflow_states')
export class WorkflowStateEntity {
  @PrimaryColumn({ name: 'workflow_id', type: 'varchar', length: 32 })
  workflowId: string;

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId: string;

  @Column({ type: 'text' })
  state: WorkflowStateName;

  @Column({ name: 'provisioning_progress', type: 'text' })
  provisioningProgress: ProvisioningProgress;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Column({ name: 'provision_start_time', type: 'timestamptz', nullable: true })
  provisionStartTime: Date | null;

  @Column({ name: 'provision_end_time', type: 'timestamptz', nullable: true })
  provisionEndTime: Date | null;

  @Column({ name: 'user', type: 'jsonb', nullable: true })
  user: Record<string, unknown> | null;

  /** Outputs of every node that produced any, keyed by node id. */
  @Column({ name: 'user_outputs', type: 'jsonb', default: {} })
  userOutputs: Record<string, Record<string, unknown>>;

  /** Optimistic-concurrency version, moved by every state change. */
  @VersionColumn({ default: 1 })
  version: number;
}
