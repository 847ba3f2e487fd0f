import { Inject, Injectable } from '@nestjs/common';
import type { Caller } from '../common/caller';
import { AppError } from '../common/errors/app-error';
import { AppConfig, CONFIG } from '../config/app-config';
import { ADMIN_ROLE } from './auth.guard';

/**
 * Who may touch a workflow: only its tenant; with FILTER_BY_BACKEND_ROLES, only users sharing a backend role with
 * the user who created it (admins excepted), as Flow Framework does.
 */
@Injectable()
export class AccessPolicy {
  constructor(@Inject(CONFIG) private readonly config: AppConfig) {}

  check(caller: Caller, tenantId: string, owner: Record<string, unknown> | null, workflowId: string): void {
    if (tenantId !== caller.tenantId) throw new AppError('AccessDenied', "The resources doesn't belong to you.", undefined, { flowFramework: 'No permission to access this resource' });
    if (!this.config.filterByBackendRoles || !caller.user || caller.user.roles.includes(ADMIN_ROLE)) return;
    if (!caller.user.backend_roles.length) {
      throw new AppError('AccessDenied', `Filter by backend roles is enabled, but User ${caller.user.name} does not have any backend roles configured`);
    }
    const ownerRoles = Array.isArray(owner?.backend_roles) ? (owner.backend_roles as string[]) : [];
    if (!ownerRoles.some((r) => caller.user!.backend_roles.includes(r))) {
      throw new AppError('AccessDenied', `User does not have permissions to access workflow: ${workflowId}`);
    }
  }

  /** SQL condition (over `ownerSql`, a jsonb user) limiting a search to what the caller may see; null = no limit. */
  searchFilter(caller: Caller, ownerSql: string, param: number): { sql: string; params: unknown[] } | null {
    if (!this.config.filterByBackendRoles || !caller.user || caller.user.roles.includes(ADMIN_ROLE)) return null;
    return { sql: `COALESCE(${ownerSql} -> 'backend_roles', '[]'::jsonb) ?| $${param}::text[]`, params: [caller.user.backend_roles] };
  }
}
