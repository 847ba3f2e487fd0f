import { Module } from '@nestjs/common';
import { ExecutionRepository } from '../executions/execution.repository';
import { QueueModule } from '../queue/queue.module';
import { StatusService } from '../status/status.service';
import { WorkflowsModule } from '../workflows/workflows.module';
import { ProvisioningService } from './provisioning.service';
import { ProvisionStarter } from './provision-starter';
import { RunEventsListener } from './run-events.listener';
import { TenantLimits } from './tenant-limits';

@Module({
  imports: [QueueModule, WorkflowsModule],
  providers: [ProvisioningService, ProvisionStarter, TenantLimits, StatusService, ExecutionRepository, RunEventsListener],
  exports: [ProvisioningService, StatusService, ExecutionRepository, RunEventsListener],
})
export class ProvisioningModule {}
