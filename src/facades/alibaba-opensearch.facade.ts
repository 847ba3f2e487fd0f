import { Injectable } from '@nestjs/common';
import type { Caller } from '../common/caller';
import { AppError } from '../common/errors/app-error';
import { ExecutionsService } from '../executions/executions.service';
import { WorkflowRepository } from '../workflows/workflow.repository';
import { workflowByName } from './workflow-by-name';

/**
 * Alibaba OpenSearch dialect: `DELETE /v4/openapi/app-groups/{appGroup}/functions/{function}/instances/{instance}/tasks/{generation}`
 * deletes run `generation` of the workflow named `instance`, as `DELETE …/executions/{generation}` does. The app
 * group is the tenant; the function name is the workflow's `use_case` label (compared case-insensitively). A run in
 * progress, or one whose resources still exist, cannot be deleted (`Task.UnableDelete`).
 */
@Injectable()
export class AlibabaOpenSearchFacade {
  constructor(
    private readonly repo: WorkflowRepository,
    private readonly executions: ExecutionsService,
  ) {}

  async deleteTask(caller: Caller, appGroup: string, functionName: string, instanceName: string, generation: string, requestId: string, startedAt: number) {
    if (appGroup !== caller.tenantId) throw new AppError('AccessDenied', "The resources doesn't belong to you.");
    const workflow = await workflowByName(this.repo, caller.tenantId, instanceName, {
      code: 'Instance.NotFound',
      message: `The instance ${instanceName} does not exist.`,
    });
    if ((workflow.template.use_case ?? '').toLowerCase() !== functionName.toLowerCase()) {
      throw new AppError('Function.NotFound', `The instance ${instanceName} has no function ${functionName} (its use_case is "${workflow.template.use_case}").`);
    }
    if (!/^[1-9]\d{0,8}$/.test(generation)) throw new AppError('InvalidArgument', `The task generation must be a positive integer, got [${generation}].`);
    try {
      await this.executions.delete(caller, workflow.id, Number(generation));
    } catch (err) {
      if (err instanceof AppError && err.code === 'ExecutionNotExists') throw new AppError('Task.NotFound', `The task ${generation} of instance ${instanceName} does not exist.`);
      if (err instanceof AppError && (err.code === 'ExecutionInProgress' || err.code === 'ExecutionHasResources')) {
        throw new AppError('Task.UnableDelete', err.message);
      }
      throw err;
    }
    return { requestId, status: 'OK', httpCode: 200, code: '', message: '', latency: Date.now() - startedAt, result: {} };
  }
}
