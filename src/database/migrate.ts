import { DataSource } from 'typeorm';
import { MIGRATIONS } from './migrations';

/** Arbitrary constant naming Stepwise's migration lock among advisory locks. */
const MIGRATION_LOCK_KEY = 7_345_001;

/**
 * Runs pending migrations behind a PostgreSQL advisory lock, so that N processes starting at the same moment apply
 * each migration exactly once: the first takes the lock and migrates, the others wait and then find nothing to do.
 */
export async function runMigrationsLocked(dataSource: DataSource): Promise<string[]> {
  const lockRunner = dataSource.createQueryRunner();
  await lockRunner.connect();
  try {
    await lockRunner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const applied = await dataSource.runMigrations({ transaction: 'all' });
    return applied.map((m) => m.name);
  } finally {
    await lockRunner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lockRunner.release();
  }
}

/** True when every migration this build knows has been applied (readiness). */
export async function migrationsApplied(dataSource: DataSource): Promise<boolean> {
  const rows: { count: string }[] = await dataSource.query('SELECT count(*) FROM migrations');
  return Number(rows[0].count) >= MIGRATIONS.length;
}
