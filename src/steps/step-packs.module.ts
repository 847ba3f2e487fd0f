import { Module } from '@nestjs/common';
import { NoopStep } from './core/noop.step';
import { HttpRequestStep } from './http/http-request.step';

/** Every step type implementation (worker only). Add a pack's steps here and its definitions to STEP_DEFINITIONS. */
@Module({ providers: [NoopStep, HttpRequestStep] })
export class StepPacksModule {}
