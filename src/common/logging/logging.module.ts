import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { Options as PinoHttpOptions } from 'pino-http';
import { AppConfig } from '../../config/app-config';
import { redactUrl } from '../redaction';

const VALID_REQUEST_ID = /^[\w.:@/+=-]{1,128}$/;

/**
 * The caller's request id when it is a sane token — `x-request-id`, or Alibaba's `RequestId` query parameter on
 * its RPC facade — else a new one; echoed on the response as `x-request-id`.
 */
export function requestIdFor(req: IncomingMessage, res: ServerResponse): string {
  const url = req.url ?? '/';
  const given = req.headers['x-request-id'] ?? (url.includes('RequestId=') ? new URL(url, 'http://x').searchParams.get('RequestId') : undefined) ?? undefined;
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
  'req.headers["x-sw-date"]',
  '*.credential',
  '*.password',
  '*.secret',
  '*.token',
];

/** Structured JSON logs (pino); every line of a request carries its request id as `req.id`. */
@Module({})
export class LoggingModule {
  static forRoot(config: AppConfig, processName: string): DynamicModule {
    const options: PinoHttpOptions = {
            name: `stepwise-${processName}`,
            level: config.logLevel,
            transport: config.logPretty ? { target: 'pino-pretty', options: { singleLine: true } } : undefined,
            genReqId: requestIdFor,
            redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' },
            // Client mistakes are not errors of the service.
            customLogLevel: (_req, res, err) => (res.statusCode >= 500 || (err && res.statusCode >= 500) ? 'error' : res.statusCode >= 400 ? 'info' : 'debug'),
            quietReqLogger: false,
            serializers: {
              // Query values may be provision parameters (secrets among them): secret-looking ones are redacted.
              req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: redactUrl(req.url) }),
              res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
            },
          };
    return {
      module: LoggingModule,
      imports: [
        // Tests may hand in a stream to read every log line; otherwise pino writes to stdout itself.
        LoggerModule.forRoot({ pinoHttp: config.logStream ? [options, config.logStream as never] : options }),
      ],
    };
  }
}
