/**
 * Which error body a route answers with. Flow Framework routes answer `{"error"}` only (clients match on that);
 * Stepwise's own routes (extensions, health) answer `{"error","code"}`. Every error carries `x-error-code`.
 */
export type ErrorDialect = 'flow-framework' | 'stepwise';

export const FLOW_FRAMEWORK_PREFIX = '/_plugins/_flow_framework/';
const EXTENSION_ROUTE = /^\/_plugins\/_flow_framework\/workflow\/[^/]+\/(executions|_resume|_stop|_status\/stream)(\/|$)/;

export function errorDialectFor(path: string): ErrorDialect {
  return path.startsWith(FLOW_FRAMEWORK_PREFIX) && !EXTENSION_ROUTE.test(path) ? 'flow-framework' : 'stepwise';
}
