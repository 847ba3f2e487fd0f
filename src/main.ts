// api entry point: HTTP only; never runs steps.
import { withSecretKey, createApiApp, loadConfigOrExit, onShutdownSignal, requireDatabaseUrl } from './bootstrap';

async function main() {
  const config = withSecretKey(loadConfigOrExit());
  requireDatabaseUrl(config, 'api');
  const app = await createApiApp(config);
  onShutdownSignal([() => app.close()], config.shutdownGraceMs + 2000);
  await app.listen(config.port, config.host);
  process.stdout.write(`Stepwise api listening on ${await app.getUrl()} (Swagger UI: ${await app.getUrl()}/docs)\n`);
}

void main().catch((err) => {
  process.stderr.write(`Stepwise api failed to start: ${err?.stack ?? err}\n`);
  process.exit(1);
});
