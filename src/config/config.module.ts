import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig, CONFIG } from './app-config';

/** Makes the validated AppConfig injectable everywhere as CONFIG. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: ConfigModule, providers: [{ provide: CONFIG, useValue: config }], exports: [CONFIG] };
  }
}
