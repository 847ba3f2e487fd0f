const { spawn } = require('child_process');
(async () => {
  const env = { ...process.env, DATABASE_URL: 'postgres://postgres@127.0.0.1:5499/micro', PORT: '9378', LOG_LEVEL: 'warn', SECRET_KEY: 'zWq5wz0vqW7m3o0w7Zk8c2Q1a9tq0z3e6Qm0r8yQ3kE=' };
  const api = spawn(process.execPath, ['dist/src/start.js'], { env, stdio: ['ignore','ignore','inherit'] });
  for (;;) { try { if ((await fetch('http://127.0.0.1:9378/health/ready')).ok) break; } catch {} await new Promise(r => setTimeout(r, 200)); }
  for (let i = 0; i < 300; i++) {
    const nodes = Array.from({ length: 10 }, (_, k) => ({ id: `n${k}`, type: 'noop', ...(k ? { previous_node_inputs: { [`n${k - 1}`]: 'x' } } : {}) }));
    await fetch('http://127.0.0.1:9378/_plugins/_flow_framework/workflow?provision=true', { method: 'POST', headers: {'content-type':'application/json'}, body: JSON.stringify({ name: 'w'+i, workflows: { provision: { nodes } } }) });
  }
  await new Promise(r => setTimeout(r, 3000));
  api.kill('SIGINT');
})();
