// worker entry point: pg-boss consumers, no HTTP server. Start as many as you like, on any machines.
import { withSecretKey, createWorkerApp, loadConfigOrExit, onShutdownSignal, requireDatabaseUrl } from './bootstrap';

async function main() {
  const config = withSecretKey(loadConfigOrExit());
  requireDatabaseUrl(config, 'worker');
  const app = await createWorkerApp(config);
  onShutdownSignal([() => app.close()], config.shutdownGraceMs + 2000);
  process.stdout.write(`Stepwise worker started (concurrency ${config.workerConcurrency})\n`);
}

void main().catch((err) => {
  process.stderr.write(`Stepwise worker failed to start: ${err?.stack ?? err}\n`);
  process.exit(1);
});
