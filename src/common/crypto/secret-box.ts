import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const PREFIX = 'enc:v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** AES-256-GCM for secrets at rest (credential maps, secret parameters). Ciphertext is a self-describing string. */
export class SecretBox {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('SecretBox needs a 32-byte key');
  }

  static isCiphertext(value: unknown): value is string {
    return typeof value === 'string' && value.startsWith(PREFIX);
  }

  encrypt(plain: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
  }

  decrypt(value: string): string {
    if (!SecretBox.isCiphertext(value)) throw new Error('not a Stepwise ciphertext');
    const raw = Buffer.from(value.slice(PREFIX.length), 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, IV_BYTES));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  }
}

/**
 * The key kept in `<dataDir>/secret.key` (created on first use, readable by the owner only): used when SECRET_KEY
 * is not configured, so that a laptop's `npm start` keeps decrypting what it stored yesterday.
 */
export function loadOrCreateLocalKey(dataDir: string): { key: Buffer; path: string; created: boolean } {
  const path = join(dataDir, 'secret.key');
  if (existsSync(path)) return { key: Buffer.from(readFileSync(path, 'utf8').trim(), 'base64'), path, created: false };
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(path, `${key.toString('base64')}\n`, { mode: 0o600 });
  return { key, path, created: true };
}

export const SECRET_BOX = Symbol('SecretBox');
