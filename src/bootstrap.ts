import 'reflect-metadata';
import { Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { loadOrCreateLocalKey } from './common/crypto/secret-box';
import { setupSwagger } from './common/http/swagger';
import { AppConfig, ConfigError, loadConfig } from './config/app-config';
import { WorkerModule } from './worker.module';

/** The api application (not yet listening). */
export async function createApiApp(config: AppConfig): Promise<NestExpressApplication> {
  // Bodies are read by BodyParserMiddleware, so that size, media-type and syntax errors go through one filter.
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), { bodyParser: false, bufferLogs: true, abortOnError: false });
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  setupSwagger(app);
  await app.init();
  if (config.authModes.includes('none')) {
    new NestLogger('Auth').warn(
      'AUTH_MODE=none: every caller is the anonymous user (fine on a laptop). Set AUTH_MODE=api_key and/or signed anywhere else; create keys with `npm run keys -- create`.',
    );
  }
  return app;
}

/** The worker application context: queue consumers, no HTTP server. */
export async function createWorkerApp(config: AppConfig) {
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { bufferLogs: true, abortOnError: false });
  app.useLogger(app.get(Logger));
  await app.init();
  return app;
}

/** Loads the configuration or exits with a message naming each invalid variable and its rule. */
export function loadConfigOrExit(): AppConfig {
  try {
    return loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
}

/**
 * Runs `closers` in order on the first SIGINT/SIGTERM, then exits. If they take longer than `deadlineMs`, the process
 * exits anyway: jobs still running go back to the queue through pg-boss's heartbeat/retry.
 */
export function onShutdownSignal(closers: Array<() => Promise<unknown>>, deadlineMs: number): void {
  const logger = new NestLogger('Shutdown');
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal} received, stopping`);
    setTimeout(() => {
      logger.error(`still stopping after ${deadlineMs} ms, exiting`);
      process.exit(1);
    }, deadlineMs).unref();
    let code = 0;
    for (const close of closers) {
      await close().catch((err) => {
        code = 1;
        logger.error({ err }, 'error while stopping');
      });
    }
    process.exit(code);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

/** Requires DATABASE_URL for the separately started api and worker processes. */
export function requireDatabaseUrl(config: AppConfig, processName: string): void {
  if (!config.databaseUrl) {
    process.stderr.write(
      `DATABASE_URL is not set: the ${processName} process needs a PostgreSQL server (npm start runs everything on an embedded one).\n`,
    );
    process.exit(1);
  }
}

/**
 * Fills in the secret key from `<dataDir>/secret.key` when SECRET_KEY is not set. Fine on one machine; processes on
 * several machines must share SECRET_KEY.
 */
export function withSecretKey(config: AppConfig): AppConfig {
  if (config.secretKey) return config;
  const local = loadOrCreateLocalKey(config.dataDir);
  process.stdout.write(
    `SECRET_KEY is not set: ${local.created ? 'created' : 'using'} the local key ${local.path}. ` +
      'Set SECRET_KEY when api and workers run on more than one machine.\n',
  );
  return { ...config, secretKey: local.key };
}
