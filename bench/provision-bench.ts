/**
 * `npm run bench`: provisioning throughput and latency through one api process and two worker processes, against a
 * baseline measured in the same run on the same PostgreSQL: single-row INSERT commits per second at the same
 * concurrency. These machines are noisy; the ratio is what to compare between runs, not the absolute numbers.
 *
 * Workload: BENCH_WORKFLOWS (default 200) workflows of 10 noop nodes — half a chain of 10, half a fan-out
 * (1 → 8 → 1) — submitted with `POST …/workflow?provision=true` by BENCH_CONCURRENCY (default 16) clients.
 * Uses DATABASE_URL when set (a fresh database is created on that server), else an embedded PostgreSQL.
 */
import { spawn, ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Pool } from 'pg';
import { freePort, startEmbeddedPostgres } from '../src/database/embedded-postgres';

const WORKFLOWS = Number(process.env.BENCH_WORKFLOWS ?? 200);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const WORKERS = 2;
const BASELINE_SECONDS = Number(process.env.BENCH_BASELINE_SECONDS ?? 5);
const WF = '/_plugins/_flow_framework/workflow';

const chain = (i: number) => ({
  name: `bench-chain-${i}`,
  workflows: {
    provision: {
      nodes: Array.from({ length: 10 }, (_, k) => ({ id: `n${k}`, type: 'noop', ...(k ? { previous_node_inputs: { [`n${k - 1}`]: 'x' } } : {}) })),
    },
  },
});
const fanOut = (i: number) => ({
  name: `bench-fan-${i}`,
  workflows: {
    provision: {
      nodes: [
        { id: 'root', type: 'noop' },
        ...Array.from({ length: 8 }, (_, k) => ({ id: `leaf${k}`, type: 'noop', previous_node_inputs: { root: 'x' } })),
        { id: 'join', type: 'noop', previous_node_inputs: Object.fromEntries(Array.from({ length: 8 }, (_, k) => [`leaf${k}`, 'x'])) },
      ],
    },
  },
});

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

async function adminDatabase(): Promise<{ url: string; stop: () => Promise<void> }> {
  const name = `stepwise_bench_${randomBytes(4).toString('hex')}`;
  if (process.env.DATABASE_URL) {
    const server = new URL(process.env.DATABASE_URL);
    const admin = new Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    server.pathname = `/${name}`;
    return {
      url: server.toString(),
      stop: async () => {
        const c = new Client({ connectionString: process.env.DATABASE_URL });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      },
    };
  }
  const pg = await startEmbeddedPostgres({ dataDir: mkdtempSync(join(tmpdir(), 'stepwise-bench-pg-')), persistent: false });
  return { url: pg.url, stop: pg.stop };
}

/** Single-row INSERT commits per second with `CONCURRENCY` connections, each autocommitting in a loop. */
async function baselineCommitsPerSecond(url: string): Promise<number> {
  const pool = new Pool({ connectionString: url, max: CONCURRENCY });
  await pool.query('CREATE TABLE IF NOT EXISTS bench_baseline (id bigserial PRIMARY KEY, payload jsonb, at timestamptz DEFAULT now())');
  let commits = 0;
  const deadline = Date.now() + BASELINE_SECONDS * 1000;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (Date.now() < deadline) {
        await pool.query('INSERT INTO bench_baseline (payload) VALUES ($1)', [{ n: commits }]);
        commits++;
      }
    }),
  );
  const rate = commits / ((Date.now() - started) / 1000);
  await pool.query('DROP TABLE bench_baseline');
  await pool.end();
  return rate;
}

function startProcess(entry: string, env: Record<string, string>): ChildProcess {
  // BENCH_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", profiles the api and worker processes.
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, join(__dirname, '..', 'src', entry)], {
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return child;
}

async function main() {
  const db = await adminDatabase();
  const procs: ChildProcess[] = [];
  try {
    const port = await freePort();
    const env = {
      DATABASE_URL: db.url,
      SECRET_KEY: randomBytes(32).toString('base64'),
      PORT: String(port),
      WORKER_CONCURRENCY: String(Math.ceil(CONCURRENCY / WORKERS)),
      DATABASE_POOL_SIZE: '20',
    };
    procs.push(startProcess('main.js', env));
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      if (await fetch(`${base}/health/ready`).then((r) => r.ok, () => false)) break;
      if (i > 600) throw new Error('api did not become ready');
      await new Promise((r) => setTimeout(r, 100));
    }
    for (let w = 0; w < WORKERS; w++) procs.push(startProcess('worker.js', env));
    // Let the workers register before measuring.
    await new Promise((r) => setTimeout(r, 3000));

    const baseline = await baselineCommitsPerSecond(db.url);

    let next = 0;
    const started = Date.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let i = next++; i < WORKFLOWS; i = next++) {
          const res = await fetch(`${base}${WF}?provision=true`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(i % 2 ? fanOut(i) : chain(i)),
          });
          if (res.status !== 202) throw new Error(`create+provision answered ${res.status}: ${await res.text()}`);
        }
      }),
    );
    const client = new Client({ connectionString: db.url });
    await client.connect();
    for (;;) {
      const { rows } = await client.query(`SELECT count(*)::int AS n FROM executions WHERE status IN ('SUCCEEDED', 'FAILED', 'STOPPED')`);
      if (rows[0].n >= WORKFLOWS) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const { rows: ends } = await client.query('SELECT max(ended_at) AS last FROM executions');
    const elapsed = (new Date(ends[0].last).getTime() - started) / 1000;
    const { rows } = await client.query(`
      SELECT e.status,
             EXTRACT(EPOCH FROM (min(s.started_at) - e.created_at)) * 1000 AS pickup_ms,
             EXTRACT(EPOCH FROM (e.ended_at - e.created_at)) * 1000 AS total_ms,
             count(*) FILTER (WHERE s.status = 'SUCCEEDED')::int AS checkpoints
        FROM executions e JOIN step_runs s ON s.execution_id = e.id
       GROUP BY e.id`);
    await client.end();

    const failed = rows.filter((r) => r.status !== 'SUCCEEDED').length;
    const checkpoints = rows.reduce((sum, r) => sum + r.checkpoints, 0);
    const pickup = rows.map((r) => Number(r.pickup_ms));
    const total = rows.map((r) => Number(r.total_ms));
    const checkpointRate = checkpoints / elapsed;
    const ratio = checkpointRate / baseline;
    const results = {
      workflows: WORKFLOWS,
      failed,
      concurrency: CONCURRENCY,
      workers: WORKERS,
      seconds: Number(elapsed.toFixed(2)),
      workflows_per_s: Number((WORKFLOWS / elapsed).toFixed(1)),
      checkpoints_per_s: Number(checkpointRate.toFixed(1)),
      baseline_insert_commits_per_s: Number(baseline.toFixed(1)),
      ratio_checkpoints_to_baseline: Number(ratio.toFixed(3)),
      pickup_ms_p50: Number(percentile(pickup, 50).toFixed(1)),
      pickup_ms_p99: Number(percentile(pickup, 99).toFixed(1)),
      end_to_end_ms_p50: Number(percentile(total, 50).toFixed(1)),
      end_to_end_ms_p99: Number(percentile(total, 99).toFixed(1)),
    };
    console.log(JSON.stringify(results, null, 2));
    const goals = [
      [`checkpoints/s >= 0.5 x baseline commits/s (ratio ${results.ratio_checkpoints_to_baseline})`, ratio >= 0.5],
      [`pickup p50 <= 50 ms (${results.pickup_ms_p50})`, results.pickup_ms_p50 <= 50],
      [`pickup p99 <= 250 ms (${results.pickup_ms_p99})`, results.pickup_ms_p99 <= 250],
      [`no failed runs (${failed})`, failed === 0],
    ] as const;
    for (const [goal, met] of goals) console.log(`${met ? 'MET    ' : 'MISSED '} ${goal}`);
  } finally {
    for (const p of procs) p.kill('SIGTERM');
    await Promise.all(procs.map((p) => new Promise((r) => (p.exitCode !== null ? r(null) : p.on('exit', r)))));
    await db.stop();
  }
}

void main().catch((err) => {
  console.error(err);
  process.exit(1);
});
