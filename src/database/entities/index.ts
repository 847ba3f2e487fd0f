import { AccessKeyEntity } from './access-key.entity';
import { ExecutionEntity } from './execution.entity';
import { ResourceEntity } from './resource.entity';
import { StepRunEntity } from './step-run.entity';
import { TenantUsageEntity } from './tenant-usage.entity';
import { WorkflowStateEntity } from './workflow-state.entity';
import { WorkflowEntity } from './workflow.entity';

export { AccessKeyEntity, ExecutionEntity, ResourceEntity, StepRunEntity, TenantUsageEntity, WorkflowEntity, WorkflowStateEntity };
export const ENTITIES = [WorkflowEntity, WorkflowStateEntity, ExecutionEntity, StepRunEntity, ResourceEntity, TenantUsageEntity, AccessKeyEntity];
export type { ExecutionKind, ExecutionStatus } from './execution.entity';
export type { StepRunStatus } from './step-run.entity';
export type { ProvisioningProgress, WorkflowStateName } from './workflow-state.entity';
export type { AccessKeyKind } from './access-key.entity';
