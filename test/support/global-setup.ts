import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';

/**
 * Integration tests need a real PostgreSQL: the server in DATABASE_URL when set (CI runs both), else an embedded
 * PostgreSQL started here for the whole run. Each test file then creates its own database on it (test/support/database.ts).
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.DATABASE_URL) {
    process.env.STEPWISE_TEST_SERVER_URL = process.env.DATABASE_URL;
    return;
  }
  const db = await startEmbeddedPostgres({ dataDir: mkdtempSync(join(tmpdir(), 'stepwise-test-pg-')), persistent: false });
  process.env.STEPWISE_TEST_SERVER_URL = db.url;
  (globalThis as { __stepwiseEmbedded?: { stop(): Promise<void> } }).__stepwiseEmbedded = db;
}
