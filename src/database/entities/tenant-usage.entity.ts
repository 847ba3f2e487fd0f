import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * How many workflows each tenant holds, kept up to date by create and delete, so that the per-tenant limit is
 * checked in O(1) (counting a tenant's rows on every create gets slower as the tenant grows).
 */
@Entity('tenant_usage')
export class TenantUsageEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' })
  tenantId: string;

  @Column({ type: 'int', default: 0 })
  workflows: number;
}
