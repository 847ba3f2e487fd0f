import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Stepwise's signed requests (AUTH_MODE=signed): HMAC-SHA256 with the access key's secret over
 *
 *   METHOD \n PATH \n SORTED_QUERY \n SHA256_HEX(BODY) \n DATE
 *
 * sent as `Authorization: SW1-HMAC-SHA256 Credential=<access key id>, Signature=<hex>` with the date in `x-sw-date`
 * (ISO-8601). SORTED_QUERY is `key=value` pairs, percent-encoded, sorted by key then value, joined with `&`.
 */
export const SIGNATURE_SCHEME = 'SW1-HMAC-SHA256';
export const DATE_HEADER = 'x-sw-date';

export interface SignableRequest {
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  body: Buffer | string;
  date: string;
}

const enc = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

export function canonicalRequest(req: SignableRequest): string {
  const pairs = Object.entries(req.query).flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((x) => [enc(k), enc(x)] as const));
  pairs.sort(([ak, av], [bk, bv]) => (ak === bk ? (av < bv ? -1 : av > bv ? 1 : 0) : ak < bk ? -1 : 1));
  const bodyHash = createHash('sha256').update(req.body).digest('hex');
  return [req.method.toUpperCase(), req.path, pairs.map(([k, v]) => `${k}=${v}`).join('&'), bodyHash, req.date].join('\n');
}

export function signature(secret: string, req: SignableRequest): string {
  return createHmac('sha256', secret).update(canonicalRequest(req)).digest('hex');
}

/** The headers a client sends (used by tests and by anyone writing a client). */
export function signedHeaders(accessKeyId: string, secret: string, req: Omit<SignableRequest, 'date'> & { date?: string }): Record<string, string> {
  const date = req.date ?? new Date().toISOString();
  return {
    authorization: `${SIGNATURE_SCHEME} Credential=${accessKeyId}, Signature=${signature(secret, { ...req, date })}`,
    [DATE_HEADER]: date,
  };
}

/** `Credential` and `Signature` of a signed Authorization header, or null when it is not one. */
export function parseSignedAuthorization(header: string): { accessKeyId: string; signature: string } | null {
  const m = new RegExp(`^${SIGNATURE_SCHEME} Credential=([^,\\s]+),\\s*Signature=([0-9a-f]{64})$`).exec(header.trim());
  return m ? { accessKeyId: m[1], signature: m[2] } : null;
}

export function signaturesEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}
