// all-in-one entry point (npm start): an embedded PostgreSQL when DATABASE_URL is unset, then api and worker in one
// process. For a first run and for development; production runs api and workers separately (docker-compose.yml).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createApiApp, createWorkerApp, loadConfigOrExit, onShutdownSignal, withSecretKey } from './bootstrap';
import { EmbeddedDatabase, startEmbeddedPostgres } from './database/embedded-postgres';

// Stopped in this order on Ctrl-C / SIGTERM, and on a failed start.
const closers: Array<() => Promise<unknown>> = [];

async function main() {
  // Running jobs get at most 5 s, so that everything, embedded PostgreSQL included, is down within 10 s.
  const loaded = withSecretKey(loadConfigOrExit());
  let config = { ...loaded, shutdownGraceMs: Math.min(loaded.shutdownGraceMs, 5000) };
  let embedded: EmbeddedDatabase | undefined;
  if (!config.databaseUrl) {
    const dataDir = join(config.dataDir, 'postgres');
    process.stdout.write(`DATABASE_URL is not set: starting an embedded PostgreSQL (data in ${dataDir})\n`);
    embedded = await startEmbeddedPostgres({ dataDir, port: config.embeddedPostgresPort });
    config = { ...config, databaseUrl: embedded.url };
    // For `npm run keys` and other local tools (a local-only URL of a local-only server).
    writeFileSync(join(config.dataDir, 'database-url'), `${embedded.url}\n`, { mode: 0o600 });
  }
  // Registered before anything else starts, so that a signal during start-up still stops the embedded PostgreSQL.
  onShutdownSignal(closers, 9500);
  if (embedded) closers.push(embedded.stop);

  const api = await createApiApp(config);
  closers.unshift(() => api.close());
  const worker = await createWorkerApp(config);
  closers.splice(1, 0, () => worker.close());
  await api.listen(config.port, config.host);

  const url = (await api.getUrl()).replace('[::1]', 'localhost');
  process.stdout.write(
    [
      '',
      `Stepwise is running (api + worker${embedded ? ' + embedded PostgreSQL' : ''})`,
      `  API:         ${url}/_plugins/_flow_framework/workflow`,
      `  Swagger UI:  ${url}/docs`,
      `  Ready check: ${url}/health/ready`,
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
}

void main().catch(async (err) => {
  process.stderr.write(`Stepwise failed to start: ${err?.stack ?? err}\n`);
  for (const close of closers) await close().catch(() => undefined);
  process.exit(1);
});
