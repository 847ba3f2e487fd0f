import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '../../config/app-config';

const VALID_REQUEST_ID = /^[\w.:@/+=-]{1,128}$/;

/**
 * The caller's request id when it is a sane token — `x-request-id`, or Alibaba's `RequestId` query parameter on
 * its RPC facade — else a new one; echoed on the response as `x-request-id`.
 */
export function requestIdFor(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers['x-request-id'] ?? new URL(req.url ?? '/', 'http://x').searchParams.get('RequestId') ?? undefined;
  const id = typeof given === 'string' && VALID_REQUEST_ID.test(given) ? given : randomUUID();
  res.setHeader('x-request-id', id);
  (req as IncomingMessage & { startedAt?: number }).startedAt = Date.now();
  return id;
}

/** Paths of values that must never reach a log line. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  '*.credential',
  '*.password',
  '*.secret',
];

/** Structured JSON logs (pino); every line of a request carries its request id as `req.id`. */
@Module({})
export class LoggingModule {
  static forRoot(config: AppConfig, processName: string): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            name: `stepwise-${processName}`,
            level: config.logLevel,
            transport: config.logPretty ? { target: 'pino-pretty', options: { singleLine: true } } : undefined,
            genReqId: requestIdFor,
            redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' },
            // Client mistakes are not errors of the service.
            customLogLevel: (_req, res, err) => (res.statusCode >= 500 || (err && res.statusCode >= 500) ? 'error' : res.statusCode >= 400 ? 'info' : 'debug'),
            quietReqLogger: false,
            serializers: {
              req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
              res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
            },
          },
        }),
      ],
    };
  }
}
