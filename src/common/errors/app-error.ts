/**
 * Every error Stepwise answers with is an AppError: an HTTP status, a stable code (API.md §4) and a message that
 * names what was wrong. The exception filter turns it into the body shape of the route's dialect.
 */
export const ERROR_CODES = {
  InvalidArgument: 400,
  MissingRequiredParams: 400,
  InvalidTemplate: 400,
  InvalidState: 400,
  Unauthenticated: 401,
  AccessDenied: 403,
  SignatureNotMatch: 403,
  RequestTimeTooSkewed: 403,
  InvalidAccessKeyID: 403,
  FlowNotExists: 404,
  ExecutionNotExists: 404,
  NotFound: 404,
  ConcurrentUpdateError: 409,
  ExecutionInProgress: 409,
  ExecutionHasResources: 409,
  ExecutionNotResumable: 409,
  NoRunningExecution: 409,
  PreconditionFailed: 412,
  EntityTooLarge: 413,
  UnsupportedMediaType: 415,
  TooManyRequests: 429,
  InternalServerError: 500,
  StepNotImplemented: 501,
  ServiceUnavailable: 503,
  // Vendor facades' own codes.
  ActionNotSupported: 400,
  'Instance.NotFound': 404,
  'Function.NotFound': 404,
  'Task.NotFound': 404,
  'Task.UnableDelete': 409,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    status?: number,
    /** The same error as another dialect words it (e.g. Flow Framework's own text for AccessDenied). */
    readonly dialectMessages: { flowFramework?: string } = {},
  ) {
    super(message);
    this.name = 'AppError';
    this.status = status ?? ERROR_CODES[code];
  }
}

/** 400 InvalidArgument: a parameter or body field is wrong. */
export const invalidArgument = (message: string) => new AppError('InvalidArgument', message);
/** 400 InvalidTemplate: template parse or graph validation failed. */
export const invalidTemplate = (message: string) => new AppError('InvalidTemplate', message);
/** 400 InvalidState: the workflow's state forbids the operation. */
export const invalidState = (message: string) => new AppError('InvalidState', message);

export const INTERNAL_ERROR_MESSAGE = 'An internal error has occurred. Please retry.';
