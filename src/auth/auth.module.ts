import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessKeysService } from './access-keys.service';
import { AuthGuard } from './auth.guard';

/** Authentication and coarse authorization for every route of the api (one global guard). */
@Global()
@Module({ providers: [AccessKeysService, { provide: APP_GUARD, useClass: AuthGuard }], exports: [AccessKeysService] })
export class AuthModule {}
