import { invalidArgument } from '../errors/app-error';

export type Query = Record<string, unknown>;

/** OpenSearch's global parameters: accepted on every route and ignored. */
export const GLOBAL_PARAMS = ['pretty', 'human', 'error_trace', 'filter_path', 'source'];

/** Rejects parameters a route does not know, with OpenSearch's wording. */
export function rejectUnknownParams(query: Query, allowed: readonly string[], path: string): void {
  const unknown = Object.keys(query).filter((k) => !allowed.includes(k) && !GLOBAL_PARAMS.includes(k));
  if (unknown.length === 1) throw invalidArgument(`request [${path}] contains unrecognized parameter: [${unknown[0]}]`);
  if (unknown.length > 1) throw invalidArgument(`request [${path}] contains unrecognized parameters: ${unknown.map((k) => `[${k}]`).join(', ')}`);
}

/** A single string value; a parameter given twice is an error (Express turns it into an array). */
export function stringParam(query: Query, name: string): string | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalidArgument(`Parameter [${name}] must be given at most once, as a single value.`);
  return value;
}

/** OpenSearch booleans: absent → `fallback`; `?x` or `x=true` → true; `x=false` → false; anything else is an error. */
export function boolParam(query: Query, name: string, fallback = false): boolean {
  const value = stringParam(query, name);
  if (value === undefined) return fallback;
  if (value === '' || value === 'true') return true;
  if (value === 'false') return false;
  throw invalidArgument(`Failed to parse value [${value}] as only [true] or [false] are allowed.`);
}

const TIME_UNITS: Record<string, number> = { nanos: 1e-6, micros: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** An OpenSearch TimeValue (`500ms`, `2s`, `1m`, `-1`) in milliseconds. */
export function parseTimeValue(value: string, setting: string): number {
  const m = /^(\d+(?:\.\d+)?)(nanos|micros|ms|s|m|h|d)$/.exec(value.trim().toLowerCase());
  if (value.trim() === '-1' || value.trim() === '0') return 0;
  if (!m) {
    throw invalidArgument(`failed to parse setting [${setting}] with value [${value}] as a time value: unit is missing or unrecognized`);
  }
  return Math.round(Number(m[1]) * TIME_UNITS[m[2]]);
}

/** A duration parameter in milliseconds, or undefined when absent. */
export function durationParam(query: Query, name: string): number | undefined {
  const value = stringParam(query, name);
  return value === undefined ? undefined : parseTimeValue(value, name);
}
