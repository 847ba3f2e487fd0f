// api-only microbenchmark: N _provision calls with 16 clients; CPU per request of api, client, postgres.
const { spawn } = require('child_process');
const fs = require('fs');
const ticks = (pid) => { const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' '); return (Number(f[11]) + Number(f[12])) / 100; };
const pgTicks = () => fs.readdirSync('/proc').filter(d => /^\d+$/.test(d)).reduce((s, p) => { try { return s + (fs.readFileSync(`/proc/${p}/comm`, 'utf8').trim() === 'postgres' ? ticks(p) : 0); } catch { return s; } }, 0);
const N = Number(process.env.N || 2000);
(async () => {
  const { Client } = require('pg');
  const db = 'api_micro_' + Date.now();
  const admin = new Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' }); await admin.connect(); await admin.query(`create database ${db}`);
  const env = { ...process.env, DATABASE_URL: `postgres://postgres@127.0.0.1:5432/${db}`, PORT: '9379', LOG_LEVEL: 'warn', SECRET_KEY: 'zWq5wz0vqW7m3o0w7Zk8c2Q1a9tq0z3e6Qm0r8yQ3kE=' };
  const api = spawn(process.execPath, [...(process.env.NODE_ARGS||'').split(' ').filter(Boolean), 'dist/src/main.js'], { env, stdio: ['ignore','ignore','inherit'] });
  for (;;) { try { if ((await fetch('http://127.0.0.1:9379/health/ready')).ok) break; } catch {} await new Promise(r => setTimeout(r, 200)); }
  const ids = []; let next = 0;
  await Promise.all(Array.from({ length: 16 }, async () => { for (let i = next++; i < N; i = next++) {
    const nodes = Array.from({ length: 10 }, (_, k) => ({ id: `n${k}`, type: 'noop', ...(k ? { previous_node_inputs: { [`n${k - 1}`]: 'x' } } : {}) }));
    const r = await fetch('http://127.0.0.1:9379/_plugins/_flow_framework/workflow', { method: 'POST', headers: {'content-type':'application/json'}, body: JSON.stringify({ name: 'w'+i, workflows: { provision: { nodes } } }) });
    ids[i] = (await r.json()).workflow_id; } }));
  const a0 = ticks(api.pid), c0 = process.cpuUsage(), p0 = pgTicks(), t0 = Date.now(); next = 0;
  await Promise.all(Array.from({ length: 16 }, async () => { for (let i = next++; i < N; i = next++) {
    const r = await fetch(`http://127.0.0.1:9379/_plugins/_flow_framework/workflow/${ids[i]}/_provision`, { method: 'POST' }); if (r.status !== 202) throw new Error(await r.text()); await r.text(); } }));
  const s = (Date.now() - t0) / 1000, cu = process.cpuUsage(c0);
  console.log('_provision', (N / s).toFixed(0), 'req/s; cpu ms/req api', ((ticks(api.pid) - a0) * 1000 / N).toFixed(3), 'client', ((cu.user + cu.system) / 1000 / N).toFixed(3), 'pg', ((pgTicks() - p0) * 1000 / N).toFixed(3));
  api.kill('SIGINT'); await new Promise(r => api.on('exit', r));
  await admin.query(`drop database ${db} with (force)`); await admin.end();
})();
