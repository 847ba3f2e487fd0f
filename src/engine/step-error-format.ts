import { StepError } from '../steps/sdk/step-type';

/** Thrown into a node whose per-node timeout passed. */
export class StepTimeoutError extends Error {
  constructor(readonly timeout: string) {
    super(`The step did not finish within ${timeout}`);
    this.name = 'TimeoutException';
  }
}

/**
 * The state's `error` for a failed node, in Flow Framework's format (API.md §2.13):
 * `<ErrorName> during step <node id>, <message>, restStatus: <STATUS_NAME>`.
 */
export function formatStepError(nodeId: string, err: unknown): { error: string; restStatus: string } {
  if (err instanceof StepError) return format(err.errorName, nodeId, err.message, err.restStatus);
  if (err instanceof StepTimeoutError) return format('TimeoutException', nodeId, err.message, 'INTERNAL_SERVER_ERROR');
  const message = err instanceof Error ? err.message : String(err);
  return format('WorkflowStepException', nodeId, message, 'INTERNAL_SERVER_ERROR');
}

function format(name: string, nodeId: string, message: string, restStatus: string) {
  return { error: `${name} during step ${nodeId}, ${message}, restStatus: ${restStatus}`, restStatus };
}

/** HTTP status of a REST status name (for `wait_for_completion_timeout` answers of failed runs). */
export const REST_STATUS_CODES: Record<string, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  REQUEST_TIMEOUT: 408,
  CONFLICT: 409,
  TOO_MANY_REQUESTS: 429,
  INTERNAL_SERVER_ERROR: 500,
  NOT_IMPLEMENTED: 501,
};

const STATUS_NAMES = Object.fromEntries(Object.entries(REST_STATUS_CODES).map(([k, v]) => [v, k]));

/** The REST status name of an HTTP status (`418` → `INTERNAL_SERVER_ERROR` when unknown and ≥ 500, else BAD_REQUEST). */
export const restStatusName = (status: number): string => STATUS_NAMES[status] ?? (status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST');

/** The `restStatus` at the end of a formatted error, as an HTTP status. */
export function httpStatusOfError(error: string): number {
  const m = /restStatus: ([A-Z_]+)$/.exec(error);
  return (m && REST_STATUS_CODES[m[1]]) || 500;
}
