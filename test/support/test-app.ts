import type { INestApplicationContext } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { createApiApp, createWorkerApp } from '../../src/bootstrap';
import { AppConfig, generateSecretKey, loadConfig } from '../../src/config/app-config';
import { createTestDatabase } from './database';

export interface TestApp {
  /** Base URL of the api, e.g. http://127.0.0.1:40123 */
  url: string;
  config: AppConfig;
  api: NestExpressApplication;
  worker?: INestApplicationContext;
  /** The api's data source, for assertions on rows. */
  db: DataSource;
  close(): Promise<void>;
}

/**
 * Boots the real api (listening on a free port) and optionally a worker, in this process, on a fresh database of the
 * test PostgreSQL server, with a random secret key. Nothing is mocked.
 */
export async function startTestApp(
  opts: { worker?: boolean; config?: Partial<AppConfig>; env?: Record<string, string>; databaseUrl?: string } = {},
): Promise<TestApp> {
  const database = opts.databaseUrl ? { url: opts.databaseUrl, drop: async () => undefined } : await createTestDatabase();
  const config: AppConfig = {
    ...loadConfig({ LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', ...opts.env }),
    databaseUrl: database.url,
    secretKey: generateSecretKey(),
    host: '127.0.0.1',
    port: 0,
    ...opts.config,
  };
  const api = await createApiApp(config);
  await api.listen(0, '127.0.0.1');
  const worker = opts.worker ? await createWorkerApp(config) : undefined;
  const address = api.getHttpServer().address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    url,
    config,
    api,
    worker,
    db: api.get<DataSource>(getDataSourceToken()),
    close: async () => {
      await worker?.close();
      await api.close();
      await database.drop();
    },
  };
}

/** Polls `fn` until it returns a truthy value or `timeoutMs` passes (no fixed sleeps in tests). */
export async function eventually<T>(fn: () => Promise<T | undefined | null | false>, timeoutMs = 15_000, intervalMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await fn();
      if (value) return value;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`condition not met within ${timeoutMs} ms${last ? `: ${String(last)}` : ''}`);
}

/** fetch + JSON body, for whole-body assertions. */
export async function call(
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: any; headers: Headers }> {
  const init: RequestInit = { method, headers: { ...headers } };
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
  }
  const res = await fetch(baseUrl + path, init);
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

/** Waits until the workflow's run has ended (state no longer PROVISIONING) and returns its `_status?all=true` body. */
export function settledStatus(baseUrl: string, workflowId: string, headers: Record<string, string> = {}, timeoutMs = 30_000) {
  return eventually(async () => {
    const s = (await call(baseUrl, 'GET', `/_plugins/_flow_framework/workflow/${workflowId}/_status?all=true`, undefined, headers)).body;
    return s?.state && s.state !== 'PROVISIONING' && s;
  }, timeoutMs);
}
