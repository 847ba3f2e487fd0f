import { createDataSource } from '../../src/database/data-source';
import { runMigrationsLocked } from '../../src/database/migrate';
import { MIGRATIONS } from '../../src/database/migrations';
import { createTestDatabase } from '../support/database';

describe('database schema (real PostgreSQL)', () => {
  it('the migrations create exactly what the entities describe, and revert cleanly', async () => {
    const db = await createTestDatabase();
    const ds = await createDataSource(db.url).initialize();
    try {
      expect(await runMigrationsLocked(ds)).toHaveLength(MIGRATIONS.length);
      const pending = await ds.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);
      for (let i = 0; i < MIGRATIONS.length; i++) await ds.undoLastMigration({ transaction: 'all' });
      const tables = await ds.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations'`);
      expect(tables).toEqual([]);
    } finally {
      await ds.destroy();
      await db.drop();
    }
  });

  it('N processes migrating at once apply each migration exactly once (advisory lock)', async () => {
    const db = await createTestDatabase();
    const sources = await Promise.all(Array.from({ length: 4 }, () => createDataSource(db.url).initialize()));
    try {
      const applied = await Promise.all(sources.map((ds) => runMigrationsLocked(ds)));
      expect(applied.flat().sort()).toEqual(MIGRATIONS.map((m) => new (m as new () => { name: string })().name).sort());
    } finally {
      await Promise.all(sources.map((ds) => ds.destroy()));
      await db.drop();
    }
  });
});
