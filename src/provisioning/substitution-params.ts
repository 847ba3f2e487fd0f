import { invalidArgument } from '../common/errors/app-error';
import { GLOBAL_PARAMS, Query as QueryMap } from '../common/http/query-params';

/**
 * Substitution values of a provision (API.md §2.5): every query parameter except `excluded` and the global ones, plus
 * an optional flat body of strings; a key in both is an error.
 */
export function substitutionParams(query: QueryMap, body: unknown, excluded: string[]): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [key, value] of Object.entries(query)) {
    if (excluded.includes(key) || GLOBAL_PARAMS.includes(key)) continue;
    if (typeof value !== 'string') throw invalidArgument(`Duplicate key ${key}`);
    params[key] = value;
  }
  if (body === undefined) return params;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalidArgument('Request body parsing failed');
  for (const [key, value] of Object.entries(body)) {
    if (typeof value !== 'string') throw invalidArgument('Request body fields must have string values');
    if (key in params) throw invalidArgument(`Duplicate key ${key}`);
    params[key] = value;
  }
  return params;
}
