import { Global, Module } from '@nestjs/common';
import { AppConfig, CONFIG } from '../../config/app-config';
import { SecretBox } from './secret-box';

/** The SecretBox built from the configured key (entry points always fill one in; see withSecretKey). */
@Global()
@Module({
  providers: [
    {
      provide: SecretBox,
      inject: [CONFIG],
      useFactory: (config: AppConfig) => {
        if (!config.secretKey) throw new Error('SECRET_KEY is not configured');
        return new SecretBox(config.secretKey);
      },
    },
  ],
  exports: [SecretBox],
})
export class CryptoModule {}
