/**
 * `npm run bench`: provisioning throughput and latency through one api process and two worker processes, against a
 * baseline measured in the same run on the same PostgreSQL: single-row INSERT commits per second at the same
 * concurrency. These machines are noisy; the ratio is what to compare between runs, not the absolute numbers.
 *
 * Workload: workflows of 10 noop nodes — half a chain of 10, half a fan-out (1 → 8 → 1) — created beforehand.
 * - Baseline: BENCH_CONCURRENCY connections of single-row INSERT autocommits, before and after the throughput phase
 *   (the mean is the reference: the machine's speed drifts).
 * - Throughput phase: BENCH_WORKFLOWS (default 5000) `_provision` calls from BENCH_CONCURRENCY (default 16) clients
 *   as fast as the api accepts them; workflows/s and node checkpoints/s until the last run ends.
 * - Latency phase: BENCH_LATENCY_WORKFLOWS (default 200) `_provision` calls at a steady rate of half the measured
 *   throughput (open loop, so the queue is not saturated); pickup latency (run recorded → first node RUNNING) and
 *   end-to-end latency (run recorded → run ended), both from database timestamps of one clock.
 * Also printed: CPU milliseconds per workflow of the api, the workers, PostgreSQL and this client (Linux /proc).
 * Uses DATABASE_URL when set (a fresh database is created on that server), else an embedded PostgreSQL.
 */
import { spawn, ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Pool } from 'pg';
import { freePort, startEmbeddedPostgres } from '../src/database/embedded-postgres';

const WORKFLOWS = Number(process.env.BENCH_WORKFLOWS ?? 5000);
const LATENCY_WORKFLOWS = Number(process.env.BENCH_LATENCY_WORKFLOWS ?? 200);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const WORKERS = 2;
/** Runs each worker process holds at once; runs wait on their targets, and more of them share each statement. */
const WORKER_CONCURRENCY = Number(process.env.BENCH_WORKER_CONCURRENCY ?? 64);
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

/**
 * CPU seconds (user + system) used so far by the api, the workers, every PostgreSQL process on this machine and the
 * benchmark itself (the HTTP client): where the machine's two cores go. Linux /proc only; zeros elsewhere.
 */
function cpuSnapshot(api: ChildProcess, workers: ChildProcess[]): Record<'api' | 'workers' | 'postgres' | 'client', number> {
  const ticks = (pid: number | undefined): number => {
    try {
      // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      return (Number(fields[11]) + Number(fields[12])) / 100;
    } catch {
      return 0;
    }
  };
  let postgres = 0;
  try {
    for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
      const comm = (() => {
        try {
          return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
        } catch {
          return '';
        }
      })();
      if (comm === 'postgres') postgres += ticks(Number(pid));
    }
  } catch {
    // not Linux
  }
  const own = process.cpuUsage();
  return {
    api: ticks(api.pid),
    workers: workers.reduce((sum, w) => sum + ticks(w.pid), 0),
    postgres,
    client: (own.user + own.system) / 1e6,
  };
}

/** BENCH_MARK, when set, names a file that reads `start` and then `end` around the throughput phase (to attach a profiler). */
function mark(phase: 'start' | 'end'): void {
  if (process.env.BENCH_MARK) writeFileSync(process.env.BENCH_MARK, phase);
}

const round = (n: number, digits = 1) => Number(n.toFixed(digits));

async function createWorkflows(base: string, n: number, tag: string): Promise<string[]> {
  const ids: string[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let i = next++; i < n; i = next++) {
        const res = await fetch(`${base}${WF}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(i % 2 ? fanOut(i) : chain(i)).replace('bench-', `bench-${tag}-`),
        });
        if (res.status !== 201) throw new Error(`create answered ${res.status}: ${await res.text()}`);
        ids[i] = ((await res.json()) as { workflow_id: string }).workflow_id;
      }
    }),
  );
  return ids;
}

/**
 * The measured calls go through node:http with keep-alive connections, which costs the client about half the CPU of
 * fetch(): the client shares the machine with what it measures.
 */
const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });

function post(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function provision(base: string, id: string): Promise<void> {
  const res = await post(`${base}${WF}/${id}/_provision`);
  if (res.status !== 202) throw new Error(`_provision answered ${res.status}: ${res.body}`);
}

async function waitForRuns(client: Client, ids: string[]): Promise<void> {
  for (;;) {
    const { rows } = await client.query(
      `SELECT count(*)::int AS n FROM executions WHERE workflow_id = ANY($1) AND status IN ('SUCCEEDED', 'FAILED', 'STOPPED')`,
      [ids],
    );
    if (rows[0].n >= ids.length) return;
    // Elapsed times come from the runs' own timestamps, so a slow poll costs no accuracy, and keeps this query's
    // load off the database being measured.
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Per-run latencies and totals, from database timestamps (one clock). */
async function measure(client: Client, ids: string[]) {
  const { rows } = await client.query(
    `SELECT e.status,
            EXTRACT(EPOCH FROM (min(s.started_at) - e.created_at)) * 1000 AS pickup_ms,
            EXTRACT(EPOCH FROM (e.ended_at - e.created_at)) * 1000 AS total_ms,
            EXTRACT(EPOCH FROM e.ended_at) * 1000 AS ended_ms,
            count(*) FILTER (WHERE s.status = 'SUCCEEDED')::int AS checkpoints
       FROM executions e JOIN step_runs s ON s.execution_id = e.id
      WHERE e.workflow_id = ANY($1)
      GROUP BY e.id`,
    [ids],
  );
  return {
    failed: rows.filter((r) => r.status !== 'SUCCEEDED').length,
    checkpoints: rows.reduce((sum, r) => sum + r.checkpoints, 0),
    pickup: rows.map((r) => Number(r.pickup_ms)),
    total: rows.map((r) => Number(r.total_ms)),
    lastEnd: Math.max(...rows.map((r) => Number(r.ended_ms))),
  };
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
      WORKER_CONCURRENCY: String(WORKER_CONCURRENCY),
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

    const baselineBefore = await baselineCommitsPerSecond(db.url);
    const client = new Client({ connectionString: db.url });
    await client.connect();

    // Throughput phase.
    const batchA = await createWorkflows(base, WORKFLOWS, 'a');
    const cpuBefore = cpuSnapshot(procs[0], procs.slice(1));
    mark('start');
    const startedA = Date.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let i = next++; i < batchA.length; i = next++) await provision(base, batchA[i]);
      }),
    );
    const submittedA = (Date.now() - startedA) / 1000;
    await waitForRuns(client, batchA);
    mark('end');
    const cpuAfter = cpuSnapshot(procs[0], procs.slice(1));
    const a = await measure(client, batchA);
    const elapsedA = (a.lastEnd - startedA) / 1000;
    const workflowsPerSecond = batchA.length / elapsedA;
    const checkpointRate = a.checkpoints / elapsedA;
    // The machine's speed drifts: the baseline is measured before and after the phase, and their mean is the reference.
    const baselineAfter = await baselineCommitsPerSecond(db.url);
    const baseline = (baselineBefore + baselineAfter) / 2;
    const ratio = checkpointRate / baseline;

    // Latency phase: a steady rate of half the throughput.
    const batchB = await createWorkflows(base, LATENCY_WORKFLOWS, 'b');
    const intervalMs = 1000 / (workflowsPerSecond / 2);
    const startedB = Date.now();
    await Promise.all(
      batchB.map(async (id, i) => {
        const due = startedB + i * intervalMs;
        if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
        await provision(base, id);
      }),
    );
    await waitForRuns(client, batchB);
    const b = await measure(client, batchB);
    await client.end();

    const failed = a.failed + b.failed;
    const results = {
      concurrency: CONCURRENCY,
      workers: WORKERS,
      worker_concurrency: WORKER_CONCURRENCY,
      throughput_phase: {
        workflows: batchA.length,
        seconds: round(elapsedA, 2),
        api_accept_seconds: round(submittedA, 2),
        workflows_per_s: round(workflowsPerSecond),
        checkpoints_per_s: round(checkpointRate),
        baseline_insert_commits_per_s: round(baseline),
        baseline_before_and_after: [round(baselineBefore), round(baselineAfter)],
        ratio_checkpoints_to_baseline: round(ratio, 3),
        end_to_end_ms_p50: round(percentile(a.total, 50)),
        // CPU time per workflow by process during this phase: which part of the machine the throughput costs.
        cpu_ms_per_workflow: Object.fromEntries(
          Object.entries(cpuAfter).map(([k, v]) => [k, round(((v - cpuBefore[k as keyof typeof cpuBefore]) * 1000) / batchA.length, 2)]),
        ),
      },
      latency_phase: {
        workflows: batchB.length,
        rate_per_s: round(1000 / intervalMs),
        pickup_ms_p50: round(percentile(b.pickup, 50)),
        pickup_ms_p99: round(percentile(b.pickup, 99)),
        end_to_end_ms_p50: round(percentile(b.total, 50)),
        end_to_end_ms_p99: round(percentile(b.total, 99)),
      },
      failed_runs: failed,
    };
    console.log(JSON.stringify(results, null, 2));
    const p50 = results.latency_phase.pickup_ms_p50;
    const p99 = results.latency_phase.pickup_ms_p99;
    const goals = [
      [`checkpoints/s >= 0.5 x baseline commits/s (ratio ${results.throughput_phase.ratio_checkpoints_to_baseline})`, ratio >= 0.5],
      [`pickup p50 <= 50 ms (${p50})`, p50 <= 50],
      [`pickup p99 <= 250 ms (${p99})`, p99 <= 250],
      [`no failed runs (${failed})`, failed === 0],
    ] as const;
    for (const [goal, met] of goals) console.log(`${met ? 'MET    ' : 'MISSED '} ${goal}`);
  } finally {
    agent.destroy();
    for (const p of procs) p.kill('SIGTERM');
    await Promise.all(procs.map((p) => new Promise((r) => (p.exitCode !== null ? r(null) : p.on('exit', r)))));
    await db.stop();
  }
}

void main().catch((err) => {
  console.error(err);
  process.exit(1);
});
