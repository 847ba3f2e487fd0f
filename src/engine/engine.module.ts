import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { ExecutionRepository } from '../executions/execution.repository';
import { StepPacksModule } from '../steps/step-packs.module';
import { CheckpointWriter } from './checkpoint-writer';
import { DeprovisionRunner } from './deprovision-runner';
import { JobHandlers } from './job-handlers';
import { ProvisionRunner } from './provision-runner';
import { StepRegistry } from './step-registry';

/** Worker side: runners, job handlers and step implementations. Never imported by the api process. */
@Module({
  imports: [DiscoveryModule, StepPacksModule],
  providers: [ExecutionRepository, CheckpointWriter, StepRegistry, ProvisionRunner, DeprovisionRunner, JobHandlers],
})
export class EngineModule {}
