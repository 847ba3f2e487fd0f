import { CanActivate, ExecutionContext, Inject, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ANONYMOUS, Caller, DEFAULT_TENANT } from '../common/caller';
import { AppError } from '../common/errors/app-error';
import { AppConfig, CONFIG } from '../config/app-config';
import { AccessKeysService } from './access-keys.service';
import { DATE_HEADER, parseSignedAuthorization, SIGNATURE_SCHEME, signature, signaturesEqual } from './request-signing';

const PUBLIC = Symbol('public');
/** A route anyone may call without credentials (health, the info document). */
export const Public = () => SetMetadata(PUBLIC, true);

/** Roles that may read but never change anything. */
export const READ_ONLY_ROLES = ['read_only', 'flow_framework_read_access'];
/** Flow Framework's admin role: sees every workflow of its tenant whatever filter_by_backend_roles says. */
export const ADMIN_ROLE = 'all_access';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const SEARCH_PATH = /\/_search$/;

type AuthedRequest = Request & { caller?: Caller; rawBody?: Buffer };

/**
 * Who is calling (API key, signed request, or anonymous when AUTH_MODE=none), which tenant they act for, and
 * whether a read-only role tries to write. Sets `req.caller` for @CurrentCaller.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    @Inject(CONFIG) private readonly config: AppConfig,
    private readonly reflector: Reflector,
    private readonly keys: AccessKeysService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<AuthedRequest>();
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC, [ctx.getHandler(), ctx.getClass()]);
    const rpcOnRoot = req.path === '/' && req.query.Action !== undefined;
    if (isPublic && !rpcOnRoot) return true;

    const caller = await this.authenticate(req);
    const tenantHeader = req.headers['x-tenant-id'];
    if (this.config.multiTenancy && caller.user && typeof tenantHeader === 'string' && tenantHeader && tenantHeader !== caller.tenantId) {
      throw new AppError('AccessDenied', "The resources doesn't belong to you.");
    }
    // The Alibaba RPC form changes things even over GET.
    const writes = rpcOnRoot || (!READ_METHODS.has(req.method) && !SEARCH_PATH.test(req.path));
    if (writes && caller.user?.roles.some((r) => READ_ONLY_ROLES.includes(r))) {
      throw new AppError('AccessDenied', `No permission to access this resource: user ${caller.user.name} has a read-only role.`);
    }
    req.caller = caller;
    return true;
  }

  private async authenticate(req: AuthedRequest): Promise<Caller> {
    const modes = this.config.authModes;
    if (modes.includes('none')) return { ...ANONYMOUS, tenantId: this.anonymousTenant(req) };
    const authorization = req.headers.authorization ?? '';
    if (modes.includes('api_key') && authorization.startsWith('Bearer ')) {
      const caller = await this.keys.callerForToken(authorization.slice(7).trim());
      if (!caller) throw new AppError('Unauthenticated', 'The API key is invalid or has been revoked.');
      return caller;
    }
    if (modes.includes('signed') && authorization.startsWith(SIGNATURE_SCHEME)) return this.verifySigned(req, authorization);
    throw new AppError('Unauthenticated', `Authentication is required: send ${modes.map((m) => (m === 'api_key' ? 'an API key (Authorization: Bearer …)' : `a signed request (${SIGNATURE_SCHEME})`)).join(' or ')}.`);
  }

  private anonymousTenant(req: Request): string {
    if (!this.config.multiTenancy) return DEFAULT_TENANT;
    const tenant = req.headers['x-tenant-id'];
    if (typeof tenant !== 'string' || !tenant.trim()) throw new AppError('AccessDenied', 'Tenant ID header is missing or has no value');
    return tenant.trim();
  }

  private async verifySigned(req: AuthedRequest, authorization: string): Promise<Caller> {
    const parsed = parseSignedAuthorization(authorization);
    if (!parsed) throw new AppError('Unauthenticated', `The Authorization header must be "${SIGNATURE_SCHEME} Credential=<access key id>, Signature=<hex>".`);
    const key = await this.keys.signingKey(parsed.accessKeyId);
    if (!key) throw new AppError('InvalidAccessKeyID', `The AccessKey ID ${parsed.accessKeyId} is invalid.`);
    const date = req.headers[DATE_HEADER];
    const time = typeof date === 'string' ? Date.parse(date) : NaN;
    if (typeof date !== 'string' || Number.isNaN(time)) throw new AppError('Unauthenticated', `Signed requests need an ISO-8601 date in the ${DATE_HEADER} header.`);
    const now = new Date();
    if (Math.abs(now.getTime() - time) > this.config.signatureMaxSkewSeconds * 1000) {
      throw new AppError('RequestTimeTooSkewed', `The difference between the request time ${date} and the current time ${now.toISOString()} is too large.`);
    }
    const url = new URL(req.originalUrl, 'http://stepwise');
    const query: Record<string, string[]> = {};
    url.searchParams.forEach((v, k) => (query[k] ??= []).push(v));
    const expected = signature(key.secret, { method: req.method, path: url.pathname, query, body: req.rawBody ?? Buffer.alloc(0), date });
    if (!signaturesEqual(expected, parsed.signature)) {
      throw new AppError(
        'SignatureNotMatch',
        'The request signature we calculated does not match the signature you provided. Check your access key and signing method.',
      );
    }
    return key.caller;
  }
}
