import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppError } from '../common/errors/app-error';
import { AppConfig, CONFIG } from '../config/app-config';
import { Sql, sqlOf } from '../database/hot-path-database';

export type RunKind = 'provision' | 'deprovision';

/**
 * Flow Framework's per-tenant throttles (MAX_ACTIVE_PROVISIONS_PER_TENANT / MAX_ACTIVE_DEPROVISIONS_PER_TENANT):
 * counted under a per-tenant transaction lock, so concurrent requests cannot both slip under the limit.
 */
@Injectable()
export class TenantLimits {
  constructor(@Inject(CONFIG) private readonly config: AppConfig) {}

  /** Throws 429 when the tenant already has the most active runs of this kind it may have. */
  async check(tx: EntityManager, tenantId: string, kind: RunKind): Promise<void> {
    const [refusal] = await this.admit(sqlOf(tx), [tenantId], kind);
    if (refusal) throw refusal;
  }

  /**
   * For runs about to start in the transaction `sql` (one tenant id each): null for each run the limit admits, the 429 error for each
   * it refuses. Runs of one tenant are admitted in order while there is room.
   */
  async admit(sql: Sql, tenantIds: string[], kind: RunKind): Promise<(AppError | null)[]> {
    const max = kind === 'provision' ? this.config.maxActiveProvisionsPerTenant : this.config.maxActiveDeprovisionsPerTenant;
    if (!max) return tenantIds.map(() => null);
    const kinds = kind === 'provision' ? ['provision', 'reprovision'] : ['deprovision'];
    const room = new Map<string, number>();
    // Locks in a fixed order, so that two batches cannot wait for each other.
    for (const tenantId of [...new Set(tenantIds)].sort()) {
      await sql.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`stepwise:${kind}s:${tenantId}`]);
      const [{ n }] = await sql.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM executions e JOIN workflow_states s ON s.workflow_id = e.workflow_id
          WHERE s.tenant_id = $1 AND e.kind = ANY($2) AND e.ended_at IS NULL`,
        [tenantId, kinds],
      );
      room.set(tenantId, max - n);
    }
    return tenantIds.map((tenantId) => {
      const left = room.get(tenantId)!;
      room.set(tenantId, left - 1);
      return left > 0 ? null : new AppError('TooManyRequests', `Exceeded max simultaneous ${kind === 'provision' ? 'provisioning' : 'deprovisioning'} requests: ${max}`);
    });
  }
}
