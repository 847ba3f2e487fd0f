import { DataSource, DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/**
 * TypeORM options shared by the app (TypeOrmModule), the migration CLI (ormconfig.ts) and tests.
 * `synchronize` is off everywhere: the schema changes only through migrations.
 */
export function dataSourceOptions(databaseUrl: string, poolSize = 10): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'all',
    synchronize: false,
    migrationsRun: false,
    logging: false,
    extra: {
      max: poolSize,
      // A dead connection (e.g. PostgreSQL restarted) is dropped from the pool instead of failing requests forever.
      idleTimeoutMillis: 30_000,
      connectionTimeoutMillis: 10_000,
      keepAlive: true,
    },
  };
}

export const createDataSource = (databaseUrl: string, poolSize?: number) =>
  new DataSource(dataSourceOptions(databaseUrl, poolSize));
