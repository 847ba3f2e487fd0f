// `npm run keys -- <command>`: manage callers' keys and rotate the secret key. Uses DATABASE_URL, or the embedded
// PostgreSQL of a running `npm start` (its URL is kept in STEPWISE_DATA_DIR/database-url).
import 'reflect-metadata';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { AccessKeysService } from '../auth/access-keys.service';
import { SecretBox } from '../common/crypto/secret-box';
import { loadConfig } from '../config/app-config';
import { withSecretKey } from '../bootstrap';
import { createDataSource } from '../database/data-source';
import { runMigrationsLocked } from '../database/migrate';

const USAGE = `Usage:
  npm run keys -- create --tenant <tenant> --user <name> [--roles r1,r2] [--backend-roles b1,b2] [--kind api_key|signing]
  npm run keys -- list
  npm run keys -- revoke <key id>
  npm run keys -- rotate-secret-key --new-key <32 bytes, base64>   (then restart every process with SECRET_KEY=<new key>)`;

const csv = (s?: string) => (s ? s.split(',').map((x) => x.trim()).filter(Boolean) : []);

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      tenant: { type: 'string' },
      user: { type: 'string' },
      roles: { type: 'string' },
      'backend-roles': { type: 'string' },
      kind: { type: 'string', default: 'api_key' },
      'new-key': { type: 'string' },
    },
  });
  const config = withSecretKey(loadConfig());
  const urlFile = join(config.dataDir, 'database-url');
  const url = config.databaseUrl ?? (existsSync(urlFile) ? readFileSync(urlFile, 'utf8').trim() : undefined);
  if (!url) throw new Error('DATABASE_URL is not set and no running `npm start` was found.');
  const db = await createDataSource(url, 2).initialize();
  try {
    await runMigrationsLocked(db);
    const keys = new AccessKeysService(db, new SecretBox(config.secretKey!));
    switch (command) {
      case 'create': {
        if (!values.tenant || !values.user) throw new Error(`--tenant and --user are required.\n${USAGE}`);
        const key = { tenant: values.tenant, user: values.user, roles: csv(values.roles), backendRoles: csv(values['backend-roles']) };
        if (values.kind === 'signing') {
          const { accessKeyId, secret } = await keys.createSigningKey(key);
          console.log(`access key id: ${accessKeyId}\nsecret:        ${secret}\n(the secret is shown only now)`);
        } else if (values.kind === 'api_key') {
          const { id, token } = await keys.createApiKey(key);
          console.log(`key id: ${id}\ntoken:  ${token}\nSend it as "Authorization: Bearer <token>" (shown only now).`);
        } else throw new Error(`--kind must be api_key or signing.\n${USAGE}`);
        return;
      }
      case 'list':
        for (const k of await keys.list()) {
          console.log([k.id, k.kind, `tenant=${k.tenantId}`, `user=${k.userName}`, `roles=${k.roles.join(',')}`, `backend_roles=${k.backendRoles.join(',')}`, k.revokedAt ? `revoked ${k.revokedAt.toISOString()}` : 'active'].join('  '));
        }
        return;
      case 'revoke':
        if (!positionals[0]) throw new Error(`revoke needs a key id.\n${USAGE}`);
        console.log((await keys.revoke(positionals[0])) ? `revoked ${positionals[0]}` : `no active key ${positionals[0]}`);
        return;
      case 'rotate-secret-key': {
        const next = Buffer.from(values['new-key'] ?? '', 'base64');
        if (next.length !== 32) throw new Error(`--new-key must be 32 bytes in base64 (openssl rand -base64 32).\n${USAGE}`);
        console.log(`re-encrypted ${await rotateSecretKey(db, new SecretBox(config.secretKey!), new SecretBox(next))} values; now restart every process with SECRET_KEY=${values['new-key']}`);
        return;
      }
      default:
        throw new Error(USAGE);
    }
  } finally {
    await db.destroy();
  }
}

/** Re-encrypts every sealed value (credentials, parameters, deprovision secrets, signing keys) in one transaction. */
export async function rotateSecretKey(db: DataSource, from: SecretBox, to: SecretBox): Promise<number> {
  let count = 0;
  const reseal = (v: unknown): unknown => {
    if (SecretBox.isCiphertext(v)) {
      count++;
      return to.encrypt(from.decrypt(v));
    }
    if (Array.isArray(v)) return v.map(reseal);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, reseal(x)]));
    return v;
  };
  await db.transaction(async (tx) => {
    for (const [table, key, column] of [
      ['workflows', 'id', 'template'],
      ['executions', 'id', 'params'],
      ['resources', 'id', 'deprovision'],
    ] as const) {
      const rows: { k: string; v: unknown }[] = await tx.query(`SELECT ${key}::text AS k, ${column} AS v FROM ${table} WHERE ${column}::text LIKE '%enc:v1:%' FOR UPDATE`);
      for (const row of rows) await tx.query(`UPDATE ${table} SET ${column} = $2 WHERE ${key}::text = $1`, [row.k, JSON.stringify(reseal(row.v))]);
    }
    const keys: { id: string; s: string }[] = await tx.query(`SELECT id, secret_sealed AS s FROM access_keys WHERE secret_sealed IS NOT NULL FOR UPDATE`);
    for (const k of keys) await tx.query('UPDATE access_keys SET secret_sealed = $2 WHERE id = $1', [k.id, reseal(k.s)]);
  });
  return count;
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
