import { Module } from '@nestjs/common';
import { NoopStep } from './core/noop.step';
import { OutboundGuard } from './sdk/outbound-guard';
import { HttpRequestStep } from './http/http-request.step';
import { OPENSEARCH_STEPS } from './opensearch';
import { POSTGRES_STEPS } from './postgres';

/** Every step type implementation (worker only). Add a pack's steps here and its definitions to STEP_DEFINITIONS. */
@Module({ providers: [OutboundGuard, NoopStep, HttpRequestStep, ...OPENSEARCH_STEPS, ...POSTGRES_STEPS] })
export class StepPacksModule {}
