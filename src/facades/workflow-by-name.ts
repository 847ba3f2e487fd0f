import { AppError, ErrorCode } from '../common/errors/app-error';
import type { WorkflowEntity } from '../database/entities';
import type { WorkflowRepository } from '../workflows/workflow.repository';

/**
 * The vendor facades address a workflow by name, which those APIs keep unique; Stepwise's Flow Framework API allows
 * duplicates, so a name held by two workflows is refused (400 InvalidArgument) rather than guessed: use the Flow Framework API with
 * the workflow id instead.
 */
export async function workflowByName(
  repo: WorkflowRepository,
  tenantId: string,
  name: string,
  notFound: { code: ErrorCode; message: string },
): Promise<WorkflowEntity> {
  const found = await repo.findByName(tenantId, name);
  if (!found.length) throw new AppError(notFound.code, notFound.message);
  if (found.length > 1) {
    throw new AppError(
      'InvalidArgument',
      `The name ${name} is used by more than one workflow; address the workflow by its id through /_plugins/_flow_framework/workflow.`,
    );
  }
  return found[0];
}
