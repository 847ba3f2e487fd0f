import type { AppError } from './app-error';

/**
 * Which error body a route answers with. Flow Framework routes answer `{"error"}` only (clients match on that);
 * Stepwise's own routes (extensions, health) `{"error","code"}`; the vendor facades their vendor's envelope.
 * Every error response also carries `x-error-code`.
 */
export type ErrorDialect = 'flow-framework' | 'stepwise' | 'alibaba-fnf' | 'huawei-obs' | 'alibaba-opensearch';

export const FLOW_FRAMEWORK_PREFIX = '/_plugins/_flow_framework/';
const EXTENSION_ROUTE = /^\/_plugins\/_flow_framework\/workflow\/[^/]+\/(executions|_resume|_stop|_status\/stream)(\/|$)/;

export interface DialectRequest {
  path: string;
  query: Record<string, unknown>;
}

export function errorDialectFor(req: DialectRequest): ErrorDialect {
  if (req.path === '/' && req.query.Action !== undefined) return 'alibaba-fnf';
  if (req.path.startsWith('/v2/workflowexecutions/')) return 'huawei-obs';
  if (req.path.startsWith('/v4/openapi/')) return 'alibaba-opensearch';
  return req.path.startsWith(FLOW_FRAMEWORK_PREFIX) && !EXTENSION_ROUTE.test(req.path) ? 'flow-framework' : 'stepwise';
}

/** Alibaba Cloud's statuses differ from ours for a few codes (its DeleteFlow table). */
const ALIBABA_STATUS: Partial<Record<string, number>> = { EntityTooLarge: 400 };

/** The HTTP status and body of an error in a dialect. */
export function errorResponse(dialect: ErrorDialect, error: AppError, requestId: string, startedAt: number): { status: number; body: object } {
  switch (dialect) {
    case 'flow-framework':
      return { status: error.status, body: { error: error.dialectMessages.flowFramework ?? error.message } };
    case 'alibaba-fnf':
      return { status: ALIBABA_STATUS[error.code] ?? error.status, body: { RequestId: requestId, Code: error.code, Message: error.message } };
    case 'huawei-obs':
      return { status: error.status, body: { code: error.code, message: error.message, request_id: requestId } };
    case 'alibaba-opensearch':
      return {
        status: error.status,
        body: {
          requestId,
          status: 'FAIL',
          httpCode: error.status,
          code: error.code,
          message: error.message,
          latency: Date.now() - startedAt,
          result: {},
        },
      };
    default:
      return { status: error.status, body: { error: error.message, code: error.code } };
  }
}
