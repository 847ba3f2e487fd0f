import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** The PostgreSQL server of this test run (see global-setup.ts). */
export function testServerUrl(): string {
  const url = process.env.STEPWISE_TEST_SERVER_URL;
  if (!url) throw new Error('STEPWISE_TEST_SERVER_URL is not set: run the tests through jest (npm test)');
  return url;
}

const withDatabase = (url: string, database: string) => {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
};

async function adminQuery(sql: string): Promise<void> {
  const client = new Client({ connectionString: withDatabase(testServerUrl(), 'postgres') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A fresh, empty database for one test file, so test files never see each other's rows or queues. */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `stepwise_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  return {
    url: withDatabase(testServerUrl(), name),
    drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
