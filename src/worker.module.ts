import { DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { LoggingModule } from './common/logging/logging.module';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { JobWorkerService } from './queue/job-worker.service';
import { QueueModule } from './queue/queue.module';
import { CryptoModule } from './common/crypto/crypto.module';
import { EngineModule } from './engine/engine.module';

/** The worker process: queue consumers and step handlers, no HTTP server and no controllers. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [ConfigModule.forRoot(config), LoggingModule.forRoot(config, 'worker'), DatabaseModule.forRoot(config), QueueModule, DiscoveryModule, CryptoModule, EngineModule],
      providers: [JobWorkerService],
    };
  }
}
