import { Column, Entity, Index, PrimaryColumn, VersionColumn } from 'typeorm';
import type { WorkflowTemplate } from '../../workflows/template/template.types';

/** A workflow template ("global context" in Flow Framework). Credentials inside `template` are ciphertext. */
@Entity('workflows')
@Index('workflows_tenant_created_idx', ['tenantId', 'createdTime'])
@Index('workflows_name_idx', ['name'])
export class WorkflowEntity {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  id: string;

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId: string;

  @Column({ type: 'text' })
  name: string;

  /** The whole normalised template (name, description, use_case, version, workflows, ui_metadata). */
  @Column({ type: 'jsonb' })
  template: WorkflowTemplate;

  /** The user who created it, as Flow Framework records it; null when authentication is off. */
  @Column({ type: 'jsonb', nullable: true })
  owner: Record<string, unknown> | null;

  @Column({ name: 'created_time', type: 'timestamptz' })
  createdTime: Date;

  @Column({ name: 'last_updated_time', type: 'timestamptz' })
  lastUpdatedTime: Date;

  @Column({ name: 'last_provisioned_time', type: 'timestamptz', nullable: true })
  lastProvisionedTime: Date | null;

  /** Document version as OpenSearch reports it (`_version`): 1 on create, +1 on every write. */
  @VersionColumn({ default: 1 })
  version: number;
}
