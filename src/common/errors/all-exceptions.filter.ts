import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AppError, ERROR_CODES, ErrorCode, INTERNAL_ERROR_MESSAGE } from './app-error';
import { errorDialectFor, errorResponse } from './error-dialect';

const CODE_BY_STATUS: Record<number, ErrorCode> = Object.fromEntries(
  Object.entries(ERROR_CODES)
    .reverse()
    .map(([code, status]) => [status, code as ErrorCode]),
);
CODE_BY_STATUS[400] = 'InvalidArgument';
CODE_BY_STATUS[404] = 'NotFound';

/** Turns any exception into an AppError: ours as they are, Nest's HTTP exceptions by status, the rest as 500. */
export function toAppError(exception: unknown, req?: Request): AppError {
  if (exception instanceof AppError) return exception;
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    if (status === 404 && req) return new AppError('NotFound', `no handler found for uri [${req.originalUrl}] and method [${req.method}]`);
    const body = exception.getResponse();
    const message =
      typeof body === 'string'
        ? body
        : Array.isArray((body as { message?: unknown }).message)
          ? ((body as { message: string[] }).message).join('; ')
          : String((body as { message?: unknown }).message ?? exception.message);
    return new AppError(CODE_BY_STATUS[status] ?? (status >= 500 ? 'InternalServerError' : 'InvalidArgument'), message, status);
  }
  // Lost races on the database (unique key, serialization failure, deadlock): the caller may simply retry.
  const pgCode = (exception as { driverError?: { code?: string } })?.driverError?.code;
  if (pgCode && ['23505', '40001', '40P01'].includes(pgCode)) {
    return new AppError('ConcurrentUpdateError', 'The request lost a race with a concurrent change of the same workflow; retry it.');
  }
  return new AppError('InternalServerError', INTERNAL_ERROR_MESSAGE);
}

/** The one exception filter: maps error codes to HTTP statuses and the route's dialect. Never leaks a stack. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request>();
    const res = ctx.getResponse<Response>();
    const error = toAppError(exception, req);
    if (error.status >= 500 && error.code === 'InternalServerError') {
      this.logger.error({ err: exception, path: req.originalUrl }, 'unhandled error');
    }
    if (res.headersSent) {
      res.end();
      return;
    }
    res.setHeader('x-error-code', error.code);
    // originalUrl: inside middleware, req.path is relative to the middleware's mount point.
    const path = (req.originalUrl ?? req.url).split('?')[0];
    const requestId = String(res.getHeader('x-request-id') ?? '');
    const startedAt = (req as Request & { startedAt?: number }).startedAt ?? Date.now();
    const { status, body } = errorResponse(errorDialectFor({ path, query: req.query ?? {} }), error, requestId, startedAt);
    res.status(status).json(body);
  }
}
