import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { dataSourceOptions } from './data-source';
import { ENTITIES } from './entities';
import { HotPathDatabase } from './hot-path-database';
import { runMigrationsLocked } from './migrate';

/** TypeORM on the configured PostgreSQL; pending migrations are applied (behind the migration lock) before use. */
@Module({})
export class DatabaseModule {
  static forRoot(config: AppConfig): DynamicModule {
    if (!config.databaseUrl) throw new Error('DATABASE_URL is not set');
    const url = config.databaseUrl;
    return {
      module: DatabaseModule,
      global: true,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => dataSourceOptions(url, config.databasePoolSize),
          dataSourceFactory: async (options) => {
            const dataSource = await new DataSource(options!).initialize();
            await runMigrationsLocked(dataSource);
            return dataSource;
          },
        }),
        TypeOrmModule.forFeature(ENTITIES),
      ],
      providers: [HotPathDatabase],
      exports: [TypeOrmModule, HotPathDatabase],
    };
  }
}
