import { Column, Entity, Generated, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ExecutionEntity } from './execution.entity';

export const STEP_RUN_STATUSES = ['PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED', 'SKIPPED', 'STOPPED'] as const;
export type StepRunStatus = (typeof STEP_RUN_STATUSES)[number];

/**
 * One node of one run: its progress, attempts, outputs and error. The checkpoint unit of the engine. Keyed by run and
 * node: one index to maintain for the ten rows a provision of ten nodes inserts.
 */
@Entity('step_runs')
export class StepRunEntity {
  /** Insertion order (a run's nodes in template order), for listing; not a key, not indexed. */
  @Column({ type: 'bigint' })
  @Generated('increment')
  id: string;

  @PrimaryColumn({ name: 'execution_id', type: 'bigint', primaryKeyConstraintName: 'step_runs_pkey' })
  executionId: string;

  @ManyToOne(() => ExecutionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'execution_id' })
  execution?: ExecutionEntity;

  @PrimaryColumn({ name: 'node_id', type: 'text', primaryKeyConstraintName: 'step_runs_pkey' })
  nodeId: string;

  @Column({ name: 'step_type', type: 'text' })
  stepType: string;

  @Column({ type: 'text' })
  status: StepRunStatus;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ type: 'jsonb', nullable: true })
  outputs: Record<string, unknown> | null;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt: Date | null;
}
