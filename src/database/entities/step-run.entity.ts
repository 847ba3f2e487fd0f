import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { ExecutionEntity } from './execution.entity';

export const STEP_RUN_STATUSES = ['PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED', 'SKIPPED', 'STOPPED'] as const;
export type StepRunStatus = (typeof STEP_RUN_STATUSES)[number];

/** One node of one run: its progress, attempts, outputs and error. The checkpoint unit of the engine. */
@Entity('step_runs')
@Unique('step_runs_execution_node_key', ['executionId', 'nodeId'])
export class StepRunEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'execution_id', type: 'bigint' })
  executionId: string;

  @ManyToOne(() => ExecutionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'execution_id' })
  execution?: ExecutionEntity;

  @Column({ name: 'node_id', type: 'text' })
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
