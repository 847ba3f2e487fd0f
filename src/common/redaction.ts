/** Keys whose values are secrets wherever they appear (parameters, outputs, headers). */
export const SECRET_KEY_PATTERN = /credential|password|passwd|secret|token|api[_-]?key|authorization|access[_-]?key|session[_-]?key|private[_-]?key/i;

export const REDACTED = '[REDACTED]';

/** Secret values shorter than this are not hunted in free text (they would match everywhere). */
const MIN_SECRET_LENGTH = 4;

/** Replaces every occurrence of each secret value in `text`. */
export function redactText(text: string, secrets: Iterable<string>): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= MIN_SECRET_LENGTH) out = out.split(secret).join(REDACTED);
  return out;
}

/** A copy of `value` with secret-looking keys' values and every known secret value in strings redacted. */
export function redactValue<T>(value: T, secrets: Iterable<string> = []): T {
  const known = [...secrets];
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return redactText(v, known);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, SECRET_KEY_PATTERN.test(k) ? REDACTED : walk(x)]));
    }
    return v;
  };
  return walk(value) as T;
}

/** A URL for logs: query values of secret-looking parameters replaced. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const params = new URLSearchParams(url.slice(q + 1));
  for (const key of [...params.keys()]) if (SECRET_KEY_PATTERN.test(key)) params.set(key, REDACTED);
  return `${url.slice(0, q)}?${params.toString()}`;
}
