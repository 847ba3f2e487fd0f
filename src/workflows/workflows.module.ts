import { Module } from '@nestjs/common';
import { QueueModule } from '../queue/queue.module';
import { AccessPolicy } from '../auth/access-policy';
import { StepCatalogue } from '../steps/step-catalogue';
import { WorkflowRepository } from './workflow.repository';
import { WorkflowSearchService } from './workflow-search.service';
import { WorkflowsService } from './workflows.service';

@Module({
  imports: [QueueModule],
  providers: [AccessPolicy, WorkflowsService, WorkflowRepository, WorkflowSearchService, StepCatalogue],
  exports: [AccessPolicy, WorkflowsService, WorkflowRepository, WorkflowSearchService, StepCatalogue],
})
export class WorkflowsModule {}
