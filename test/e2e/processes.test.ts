import { Client } from 'pg';
import { createTestDatabase } from '../support/database';
import { killProcess, Proc, startProcess } from '../support/processes';
import { eventually } from '../support/test-app';
import { freePort } from '../../src/database/embedded-postgres';
import { generateSecretKey } from '../../src/config/app-config';

describe('separate api and worker processes (real processes, real PostgreSQL)', () => {
  const procs: Proc[] = [];
  afterEach(async () => {
    await Promise.all(procs.splice(0).map(killProcess));
  });

  it('PORT=abc stops the api with a message naming PORT', async () => {
    const api = startProcess('src/main.ts', { PORT: 'abc', DATABASE_URL: 'postgres://x@127.0.0.1:1/x' });
    procs.push(api);
    expect(await api.exited).not.toBe(0);
    expect(api.output()).toContain('PORT="abc" is invalid: it must be an integer from 0 to 65535.');
  });

  it('one api and two workers started at the same moment all come up; migrations run once', async () => {
    const db = await createTestDatabase();
    try {
      const port = await freePort();
      const env = { DATABASE_URL: db.url, SECRET_KEY: generateSecretKey().toString('base64'), PORT: String(port) };
      procs.push(startProcess('src/main.ts', env), startProcess('src/worker.ts', env), startProcess('src/worker.ts', env));
      await eventually(async () => (await fetch(`http://127.0.0.1:${port}/health/ready`)).status === 200, 60_000, 200);
      await eventually(async () => procs.slice(1).every((p) => p.output().includes('Stepwise worker started')), 60_000, 200);
      for (const p of procs) expect(p.child.exitCode).toBeNull();

      const client = new Client({ connectionString: db.url });
      await client.connect();
      const { rows } = await client.query('SELECT name, count(*)::int AS n FROM migrations GROUP BY name');
      await client.end();
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) expect(row.n).toBe(1);
    } finally {
      await Promise.all(procs.splice(0).map(killProcess));
      await db.drop();
    }
  });
});
