// The TypeORM DataSource for the migration CLI (npm run migration:run | migration:revert | migration:generate).
// The app builds the same options through src/database/data-source.ts.
import 'reflect-metadata';
import { loadConfig } from './src/config/app-config';
import { createDataSource } from './src/database/data-source';

const config = loadConfig();
if (!config.databaseUrl) {
  throw new Error('DATABASE_URL must be set for the migration commands (for example postgres://localhost:5432/stepwise).');
}

export default createDataSource(config.databaseUrl);
