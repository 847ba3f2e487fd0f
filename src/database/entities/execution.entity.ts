import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

export const EXECUTION_KINDS = ['provision', 'reprovision', 'deprovision'] as const;
export type ExecutionKind = (typeof EXECUTION_KINDS)[number];
export const EXECUTION_STATUSES = ['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'STOPPED'] as const;
export type ExecutionStatus = (typeof EXECUTION_STATUSES)[number];

/** One run (provision, reprovision or deprovision) of a workflow; `generation` counts runs per workflow from 1. */
@Entity('executions')
@Unique('executions_workflow_generation_key', ['workflowId', 'generation'])
// A run is active (QUEUED or RUNNING) exactly while ended_at is null; claims change status, so status stays out of it.
@Index('executions_active_idx', ['workflowId'], { where: 'ended_at IS NULL' })
export class ExecutionEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'workflow_id', type: 'varchar', length: 32 })
  workflowId: string;

  @Column({ type: 'int' })
  generation: number;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  kind: ExecutionKind;

  @Column({ type: 'text' })
  status: ExecutionStatus;

  /** Provision parameters (`${{ key }}` values); secret values are ciphertext. */
  @Column({ type: 'jsonb', default: {} })
  params: Record<string, string>;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  /** Set by stop and delete; the worker checks it between nodes. */
  @Column({ name: 'stop_requested', type: 'boolean', default: false })
  stopRequested: boolean;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  @Column({ name: 'restored_at', type: 'timestamptz', nullable: true })
  restoredAt: Date | null;
}
