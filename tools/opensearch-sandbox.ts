/**
 * Starts the OpenSearch TEST DOUBLE (test/support/opensearch-double.ts) on a local port, so that Stepwise's
 * OpenSearch step pack can be tried without a cluster:
 *
 *   npm run opensearch:sandbox              # port 9250
 *   npm run opensearch:sandbox -- 9300      # another port (or OPENSEARCH_SANDBOX_PORT=9300)
 *
 * It is NOT OpenSearch: an in-memory stand-in that answers the REST calls the step pack makes (ML Commons
 * connectors, models, tasks, agents, model groups; indexes, pipelines, reindex). Nothing is stored on disk.
 */
import { OpenSearchDouble } from '../test/support/opensearch-double';

async function main(): Promise<void> {
  const port = Number(process.argv[2] ?? process.env.OPENSEARCH_SANDBOX_PORT ?? 9250);
  const host = process.env.OPENSEARCH_SANDBOX_HOST ?? '127.0.0.1';
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`not a port: ${process.argv[2]}`);
  const double = await new OpenSearchDouble().start(port, host);
  const url = `http://${host}:${port}`;
  const line = '!'.repeat(78);
  console.log(
    [
      line,
      '!!  THIS IS A TEST DOUBLE, NOT OPENSEARCH.',
      '!!  An in-memory stand-in for an OpenSearch cluster with ML Commons, answering only the REST calls',
      "!!  Stepwise's OpenSearch step pack makes. No data is kept, no model runs, nothing is secured.",
      line,
      '',
      `Listening on ${url}`,
      '',
      'Point Stepwise at it:',
      `  OPENSEARCH_URL=${url} npm start`,
      '',
      'Then provision a Flow Framework template, e.g. one of ../shared/fixtures/flow-framework/sample-templates/.',
      'Ctrl-C stops it (and forgets everything).',
    ].join('\n'),
  );
  let last = '';
  const timer = setInterval(() => {
    const now = JSON.stringify(double.counts());
    if (now !== last) console.log(`[opensearch-double] holds ${now}`);
    last = now;
  }, 2000);
  const stop = async () => {
    clearInterval(timer);
    await double.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
