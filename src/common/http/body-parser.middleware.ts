import { Inject, Injectable, NestMiddleware } from '@nestjs/common';
import express, { NextFunction, Request, Response } from 'express';
import { AppConfig, CONFIG } from '../../config/app-config';
import { AppError, invalidArgument } from '../errors/app-error';
import { parseYaml } from '../../workflows/template/template-parser';

const YAML_TYPES = new Set(['application/yaml', 'application/x-yaml', 'text/yaml', 'text/x-yaml']);

/** The media type of a request without parameters, lower-cased; '' when absent. */
export const mediaTypeOf = (req: Request) => (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();

/**
 * Reads every request body ourselves so that each failure is a clear AppError that goes through the one exception
 * filter: too large → 413, neither JSON nor YAML → 415, malformed → 400. An empty body becomes `undefined`.
 * `req.bodyFormat` tells handlers which format it came in.
 */
@Injectable()
export class BodyParserMiddleware implements NestMiddleware {
  private readonly readRaw: express.RequestHandler;

  constructor(@Inject(CONFIG) private readonly config: AppConfig) {
    this.readRaw = express.raw({ type: () => true, limit: config.bodyLimitBytes });
  }

  async use(req: Request, res: Response, next: NextFunction): Promise<void> {
    await new Promise<void>((resolve, reject) => this.readRaw(req, res, (err?: unknown) => (err ? reject(err) : resolve()))).catch(
      (err: { type?: string; status?: number; message?: string }) => {
        if (err.type === 'entity.too.large') {
          throw new AppError('EntityTooLarge', `The payload size exceeds maximum allowed size (${this.config.bodyLimitBytes} bytes). Raise BODY_LIMIT to accept larger bodies.`);
        }
        throw invalidArgument(`Request body could not be read: ${err.message ?? 'unknown error'}`);
      },
    );
    const raw: Buffer | undefined = Buffer.isBuffer(req.body) ? req.body : undefined;
    req.body = undefined;
    // Signed requests are verified over the exact bytes received (AuthGuard).
    (req as Request & { rawBody?: Buffer }).rawBody = raw;
    if (!raw || raw.length === 0) return next();

    const type = mediaTypeOf(req);
    const text = raw.toString('utf8');
    if (type === '' || type === 'application/json' || type.endsWith('+json')) {
      try {
        req.body = JSON.parse(text);
      } catch (e) {
        throw invalidArgument(`Request body is not valid JSON: ${(e as Error).message}`);
      }
      (req as Request & { bodyFormat?: string }).bodyFormat = 'json';
    } else if (YAML_TYPES.has(type)) {
      // Templates are the only YAML bodies; their parser knows Flow Framework's YAML quirks and error text.
      req.body = parseYaml(text);
      (req as Request & { bodyFormat?: string }).bodyFormat = 'yaml';
    } else {
      throw new AppError(
        'UnsupportedMediaType',
        `Content-Type [${type}] is not supported; send application/json or application/yaml.`,
      );
    }
    rejectUnstorableText(req.body);
    next();
  }
}

const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** PostgreSQL text and jsonb cannot hold NUL characters or unpaired UTF-16 surrogates: refuse them up front. */
export function rejectUnstorableText(value: unknown, path = 'body'): void {
  if (typeof value === 'string') {
    if (UNSTORABLE.test(value)) throw invalidArgument(`The request ${path} contains a NUL character or an unpaired surrogate, which cannot be stored.`);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => rejectUnstorableText(item, `${path}[${i}]`));
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      rejectUnstorableText(key, `${path} key`);
      rejectUnstorableText(item, `${path}.${key}`);
    }
  }
}
