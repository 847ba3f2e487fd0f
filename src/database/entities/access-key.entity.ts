import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type AccessKeyKind = 'api_key' | 'signing';

/**
 * A credential of a caller: an API key (bearer token; only its SHA-256 is stored) or a signing key (access key id +
 * secret for HMAC-signed requests; the secret is stored encrypted, since verifying needs it). Each maps to a user
 * and a tenant.
 */
@Entity('access_keys')
@Index('access_keys_tenant_idx', ['tenantId'])
export class AccessKeyEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id: string;

  @Column({ type: 'text' })
  kind: AccessKeyKind;

  /** API keys: hex SHA-256 of the secret part of the token. */
  @Column({ name: 'secret_hash', type: 'text', nullable: true })
  secretHash: string | null;

  /** Signing keys: the secret, encrypted with SECRET_KEY. */
  @Column({ name: 'secret_sealed', type: 'text', nullable: true })
  secretSealed: string | null;

  @Column({ name: 'user_name', type: 'text' })
  userName: string;

  @Column({ name: 'backend_roles', type: 'jsonb', default: [] })
  backendRoles: string[];

  @Column({ type: 'jsonb', default: [] })
  roles: string[];

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
