const { spawn } = require('child_process');
const fs = require('fs');
const ticks = (pid) => { const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' '); return (Number(f[11]) + Number(f[12])) / 100; };
const pgTicks = () => fs.readdirSync('/proc').filter(d => /^\d+$/.test(d)).reduce((s, p) => { try { return s + (fs.readFileSync(`/proc/${p}/comm`, 'utf8').trim() === 'postgres' ? ticks(p) : 0); } catch { return s; } }, 0);
(async () => {
  const env = { ...process.env, DATABASE_URL: 'postgres://postgres@127.0.0.1:5499/micro', PORT: '9377', LOG_LEVEL: 'warn', SECRET_KEY: require('crypto').randomBytes(32).toString('base64') };
  const api = spawn(process.execPath, ['dist/src/main.js'], { env, stdio: ['ignore','ignore','inherit'] });
  for (;;) { try { if ((await fetch('http://127.0.0.1:9377/health/live')).ok) break; } catch {} await new Promise(r => setTimeout(r, 200)); }
  const { Pool } = require('pg');
  for (const [label, fn] of [
    ['GET /health/live', () => fetch('http://127.0.0.1:9377/health/live').then(r => r.text())],
    ['GET /nonexistent404', () => fetch('http://127.0.0.1:9377/_plugins/_flow_framework/workflow/abcdefghij0123456789').then(r => r.text())],
  ]) {
    const a0 = ticks(api.pid), c0 = process.cpuUsage(), p0 = pgTicks(); let n = 0; const end = Date.now() + 4000; const t0 = Date.now();
    await Promise.all(Array.from({ length: 16 }, async () => { while (Date.now() < end) { await fn(); n++; } }));
    const s = (Date.now() - t0) / 1000, cu = process.cpuUsage(c0);
    console.log(label, (n / s).toFixed(0), 'req/s; cpu ms/req api', ((ticks(api.pid) - a0) * 1000 / n).toFixed(3), 'client', ((cu.user + cu.system) / 1000 / n).toFixed(3), 'pg', ((pgTicks() - p0) * 1000 / n).toFixed(3));
  }
  api.kill();
  const pool = new Pool({ connectionString: env.DATABASE_URL, max: 16 });
  await pool.query('create table if not exists t (id bigserial primary key, payload jsonb)');
  for (const [label, q] of [['SELECT 1', () => pool.query('SELECT 1')], ['INSERT', () => pool.query('INSERT INTO t (payload) VALUES ($1)', [{ n: 1 }])]]) {
    const c0 = process.cpuUsage(), p0 = pgTicks(); let n = 0; const end = Date.now() + 4000; const t0 = Date.now();
    await Promise.all(Array.from({ length: 16 }, async () => { while (Date.now() < end) { await q(); n++; } }));
    const s = (Date.now() - t0) / 1000, cu = process.cpuUsage(c0);
    console.log(label, (n / s).toFixed(0), '/s; cpu ms client', ((cu.user + cu.system) / 1000 / n).toFixed(3), 'pg', ((pgTicks() - p0) * 1000 / n).toFixed(3));
  }
  await pool.end();
})();
