import type { ResourceEntity } from '../database/entities/resource.entity';
import type { WorkflowStateEntity } from '../database/entities/workflow-state.entity';

/** A resource as Flow Framework lists it: exactly these four keys, in this order. */
export interface ResourceCreated {
  workflow_step_name: string;
  workflow_step_id: string;
  resource_type: string;
  resource_id: string;
}

export const toResourceCreated = (r: ResourceEntity): ResourceCreated => ({
  workflow_step_name: r.workflowStepName,
  workflow_step_id: r.workflowStepId,
  resource_type: r.resourceType,
  resource_id: r.resourceId,
});

const isEmpty = (v: unknown) =>
  v === null || v === undefined || (Array.isArray(v) ? v.length === 0 : typeof v === 'object' && Object.keys(v as object).length === 0);

/**
 * The state document of `_status` (API.md §2.6). Summary: workflow_id, error (when set), state, resources_created
 * (when non-empty). `all`: adds progress, epoch-ms times, user and user_outputs; null or empty fields are omitted.
 */
export function renderState(state: WorkflowStateEntity, resources: ResourceCreated[], all: boolean): Record<string, unknown> {
  const doc: Record<string, unknown> = { workflow_id: state.workflowId };
  if (state.error) doc.error = state.error;
  doc.state = state.state;
  if (all) {
    doc.provisioning_progress = state.provisioningProgress;
    doc.provision_start_time = state.provisionStartTime?.getTime();
    doc.provision_end_time = state.provisionEndTime?.getTime();
    doc.user = state.user;
    doc.user_outputs = state.userOutputs;
  }
  doc.resources_created = resources;
  for (const [key, value] of Object.entries(doc)) if (isEmpty(value)) delete doc[key];
  return doc;
}
