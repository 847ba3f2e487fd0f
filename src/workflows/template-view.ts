import type { WorkflowEntity } from '../database/entities';
import { renderTemplate } from './template/template-renderer';

/** The GET `…/workflow/{id}` body of a stored workflow (credentials removed, epoch-ms times). */
export function renderWorkflow(w: WorkflowEntity): Record<string, unknown> {
  return renderTemplate(w.template, {
    created_time: w.createdTime.getTime(),
    last_updated_time: w.lastUpdatedTime.getTime(),
    last_provisioned_time: w.lastProvisionedTime?.getTime() ?? null,
  });
}
