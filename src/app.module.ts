import { DynamicModule, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AllExceptionsFilter } from './common/errors/all-exceptions.filter';
import { BodyParserMiddleware } from './common/http/body-parser.middleware';
import { LoggingModule } from './common/logging/logging.module';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { HealthController } from './health/health.controller';
import { RootController } from './info/root.controller';
import { FacadesModule } from './facades/facades.module';
import { AuthModule } from './auth/auth.module';
import { AlibabaOpenSearchController, HuaweiObsController } from './facades/facades.controller';
import { QueueModule } from './queue/queue.module';
import { CryptoModule } from './common/crypto/crypto.module';
import { WorkflowsModule } from './workflows/workflows.module';
import { WorkflowsController } from './workflows/workflows.controller';
import { ProvisioningModule } from './provisioning/provisioning.module';
import { ProvisioningController } from './provisioning/provisioning.controller';
import { ExecutionsModule } from './executions/executions.module';
import { ExecutionsController } from './executions/executions.controller';

/** The api process: HTTP controllers only. It enqueues jobs but never runs a step (no step handlers imported). */
@Module({})
export class AppModule implements NestModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ConfigModule.forRoot(config), LoggingModule.forRoot(config, 'api'), DatabaseModule.forRoot(config), QueueModule, CryptoModule, AuthModule, WorkflowsModule, ProvisioningModule, ExecutionsModule, FacadesModule],
      // Literal routes (`_search`, `_steps`) of WorkflowsController must be registered before `{id}` routes.
      controllers: [
        RootController,
        HealthController,
        WorkflowsController,
        ProvisioningController,
        ExecutionsController,
        HuaweiObsController,
        AlibabaOpenSearchController,
      ],
      providers: [{ provide: APP_FILTER, useClass: AllExceptionsFilter }],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(BodyParserMiddleware).forRoutes('*');
  }
}
