import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import type { Caller } from '../common/caller';
import { SecretBox } from '../common/crypto/secret-box';
import { AccessKeyEntity, AccessKeyKind } from '../database/entities';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const TOKEN = /^sw_([A-Za-z0-9]{16})_([A-Za-z0-9_-]{32,})$/;

export interface NewKey {
  tenant: string;
  user: string;
  roles?: string[];
  backendRoles?: string[];
}

/** Callers' credentials: API keys (stored as hashes) and signing keys (secrets stored encrypted). */
@Injectable()
export class AccessKeysService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly secrets: SecretBox,
  ) {}

  /** A new API key; the token (`sw_<id>_<secret>`) is shown once and never stored. */
  async createApiKey(key: NewKey): Promise<{ id: string; token: string }> {
    const id = randomBytes(12).toString('base64url').replace(/[-_]/g, 'x').slice(0, 16);
    const secret = randomBytes(32).toString('base64url');
    await this.insert(id, 'api_key', key, { secretHash: sha256(secret) });
    return { id, token: `sw_${id}_${secret}` };
  }

  /** A new signing key pair for HMAC-signed requests. */
  async createSigningKey(key: NewKey): Promise<{ accessKeyId: string; secret: string }> {
    const accessKeyId = `SW${randomBytes(9).toString('hex').toUpperCase()}`;
    const secret = randomBytes(30).toString('base64url');
    await this.insert(accessKeyId, 'signing', key, { secretSealed: this.secrets.encrypt(secret) });
    return { accessKeyId, secret };
  }

  list(): Promise<AccessKeyEntity[]> {
    return this.db.manager.find(AccessKeyEntity, { order: { createdAt: 'ASC' } });
  }

  async revoke(id: string): Promise<boolean> {
    const result = await this.db.manager.update(AccessKeyEntity, { id, revokedAt: IsNull() }, { revokedAt: new Date() });
    return (result.affected ?? 0) > 0;
  }

  /** The caller an API key token stands for, or null (unknown, revoked or wrong secret). */
  async callerForToken(token: string): Promise<Caller | null> {
    const m = TOKEN.exec(token);
    if (!m) return null;
    const key = await this.db.manager.findOneBy(AccessKeyEntity, { id: m[1], kind: 'api_key', revokedAt: IsNull() });
    if (!key?.secretHash) return null;
    const given = Buffer.from(sha256(m[2]), 'hex');
    return timingSafeEqual(given, Buffer.from(key.secretHash, 'hex')) ? callerOf(key) : null;
  }

  /** The secret and caller of a signing key, or null when unknown or revoked. */
  async signingKey(accessKeyId: string): Promise<{ secret: string; caller: Caller } | null> {
    if (!/^[A-Za-z0-9]{1,64}$/.test(accessKeyId)) return null;
    const key = await this.db.manager.findOneBy(AccessKeyEntity, { id: accessKeyId, kind: 'signing', revokedAt: IsNull() });
    return key?.secretSealed ? { secret: this.secrets.decrypt(key.secretSealed), caller: callerOf(key) } : null;
  }

  private async insert(id: string, kind: AccessKeyKind, key: NewKey, secret: Partial<AccessKeyEntity>): Promise<void> {
    await this.db.manager.insert(AccessKeyEntity, {
      id,
      kind,
      userName: key.user,
      roles: key.roles ?? [],
      backendRoles: key.backendRoles ?? [],
      tenantId: key.tenant,
      ...secret,
    } as never);
  }
}

function callerOf(key: AccessKeyEntity): Caller {
  return { tenantId: key.tenantId, user: { name: key.userName, backend_roles: key.backendRoles, roles: key.roles } };
}
