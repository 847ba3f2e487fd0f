// worker-only microbenchmark: N queued provision runs (chain/fan-out of 10 noop), then W workers drain them.
const { spawn } = require('child_process');
const fs = require('fs');
const ticks = (pid) => { const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' '); return (Number(f[11]) + Number(f[12])) / 100; };
const pgTicks = () => fs.readdirSync('/proc').filter(d => /^\d+$/.test(d)).reduce((s, p) => { try { return s + (fs.readFileSync(`/proc/${p}/comm`, 'utf8').trim() === 'postgres' ? ticks(p) : 0); } catch { return s; } }, 0);
const N = Number(process.env.N || 2000), W = Number(process.env.W || 2);
const chain = (i) => ({ name: `c${i}`, workflows: { provision: { nodes: Array.from({ length: 10 }, (_, k) => ({ id: `n${k}`, type: 'noop', ...(k ? { previous_node_inputs: { [`n${k - 1}`]: 'x' } } : {}) })) } } });
const fan = (i) => ({ name: `f${i}`, workflows: { provision: { nodes: [{ id: 'root', type: 'noop' }, ...Array.from({ length: 8 }, (_, k) => ({ id: `leaf${k}`, type: 'noop', previous_node_inputs: { root: 'x' } })), { id: 'join', type: 'noop', previous_node_inputs: Object.fromEntries(Array.from({ length: 8 }, (_, k) => [`leaf${k}`, 'x'])) }] } } });
(async () => {
  const { Client } = require('pg');
  const db = 'wk_micro_' + Date.now();
  const admin = new Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' }); await admin.connect(); await admin.query(`create database ${db}`);
  const env = { ...process.env, DATABASE_URL: `postgres://postgres@127.0.0.1:5432/${db}`, PORT: '9380', LOG_LEVEL: 'warn', SECRET_KEY: 'zWq5wz0vqW7m3o0w7Zk8c2Q1a9tq0z3e6Qm0r8yQ3kE=', WORKER_CONCURRENCY: process.env.WC || '8', DATABASE_POOL_SIZE: '20' };
  const api = spawn(process.execPath, ['dist/src/main.js'], { env, stdio: ['ignore','ignore','inherit'] });
  for (;;) { try { if ((await fetch('http://127.0.0.1:9380/health/ready')).ok) break; } catch {} await new Promise(r => setTimeout(r, 200)); }
  if (process.env.FF) { const c0 = new Client({ connectionString: env.DATABASE_URL }); await c0.connect(); for (const t of ['step_runs','executions','workflow_states']) await c0.query(`alter table ${t} set (fillfactor=${process.env.FF})`); await c0.end(); }
  let next = 0;
  await Promise.all(Array.from({ length: 16 }, async () => { for (let i = next++; i < N; i = next++) {
    const r = await fetch('http://127.0.0.1:9380/_plugins/_flow_framework/workflow?provision=true', { method: 'POST', headers: {'content-type':'application/json'}, body: JSON.stringify(i % 2 ? fan(i) : chain(i)) });
    if (r.status !== 202) throw new Error(await r.text()); await r.text(); } }));
  api.kill('SIGINT'); await new Promise(r => api.on('exit', r));
  const c = new Client({ connectionString: env.DATABASE_URL }); await c.connect();
  const p0 = pgTicks(), t0 = Date.now();
  const workers = Array.from({ length: W }, () => spawn(process.execPath, [...(process.env.NODE_ARGS||'').split(' ').filter(Boolean), 'dist/src/worker.js'], { env, stdio: ['ignore','ignore','inherit'] }));
  const w0 = Number(process.env.STARTUP_CPU || 0) * W; const p1 = p0; const t1 = t0;
  for (;;) { const { rows } = await c.query(`select count(*)::int n from executions where status in ('SUCCEEDED','FAILED')`); if (rows[0].n >= N) break; await new Promise(r => setTimeout(r, 50)); }
  const s = (Date.now() - t0) / 1000;
  const wcpu = workers.reduce((a, w) => a + ticks(w.pid), 0) - w0;
  console.log('drain', (N / ((Date.now() - t1) / 1000)).toFixed(0), 'wf/s; cpu ms/wf workers', (wcpu * 1000 / N).toFixed(3), 'pg', ((pgTicks() - p1) * 1000 / N).toFixed(3));
  workers.forEach(w => w.kill('SIGINT')); await Promise.all(workers.map(w => new Promise(r => w.on('exit', r))));
  console.log((await c.query("select relname, n_tup_upd, n_tup_hot_upd from pg_stat_user_tables where relname in ('step_runs','executions','workflow_states')")).rows.map(r => `${r.relname} upd ${r.n_tup_upd} hot ${r.n_tup_hot_upd}`).join('; '));
  await c.end(); await admin.query(`drop database ${db} with (force)`); await admin.end();
})();
