const { spawn } = require('child_process'); const fs = require('fs');
const ticks = (pid) => { const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' '); return (Number(f[11]) + Number(f[12])) / 100; };
const env = { ...process.env, DATABASE_URL: `postgres://postgres@127.0.0.1:5432/micro_idle`, LOG_LEVEL: 'warn', SECRET_KEY: 'zWq5wz0vqW7m3o0w7Zk8c2Q1a9tq0z3e6Qm0r8yQ3kE=' };
(async () => { const { Client } = require('pg'); const a = new Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' }); await a.connect(); await a.query('drop database if exists micro_idle'); await a.query('create database micro_idle');
 const w0 = spawn(process.execPath, ['dist/src/worker.js'], { env, stdio: 'ignore' }); await new Promise(r => setTimeout(r, 5000)); w0.kill('SIGINT'); await new Promise(r => w0.on('exit', r));
 const w = spawn(process.execPath, ['dist/src/worker.js'], { env, stdio: 'ignore' }); await new Promise(r => setTimeout(r, 4000)); console.log('worker start-up cpu s', ticks(w.pid)); w.kill('SIGINT'); await new Promise(r => w.on('exit', r)); await a.query('drop database micro_idle with (force)'); await a.end(); })();
