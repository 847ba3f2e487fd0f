import { createParamDecorator, ExecutionContext } from '@nestjs/common';

/** The user as Flow Framework records it (`user` in state and template). */
export interface CallerUser {
  name: string;
  backend_roles: string[];
  roles: string[];
}

/** Who is calling: the tenant every read and write is scoped to, and the user (null when authentication is off). */
export interface Caller {
  tenantId: string;
  user: CallerUser | null;
}

export const DEFAULT_TENANT = 'default';

/** Authentication is not configured yet: every caller is the anonymous user of the default tenant. */
export const ANONYMOUS: Caller = { tenantId: DEFAULT_TENANT, user: null };

/** Injects the Caller of the request (set by the authentication layer; anonymous while it is off). */
export const CurrentCaller = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): Caller => ctx.switchToHttp().getRequest<{ caller?: Caller }>().caller ?? ANONYMOUS,
);
