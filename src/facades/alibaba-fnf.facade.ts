import { Injectable } from '@nestjs/common';
import type { Caller } from '../common/caller';
import { AppError } from '../common/errors/app-error';
import { Query, stringParam } from '../common/http/query-params';
import { WorkflowRepository } from '../workflows/workflow.repository';
import { WorkflowsService } from '../workflows/workflows.service';
import { workflowByName } from './workflow-by-name';

/**
 * Alibaba Cloud Serverless Workflow RPC dialect (`GET|POST /?Action=DeleteFlow&Name=<flow>`): DeleteFlow deletes the
 * caller's workflow with that name exactly as `DELETE …/workflow/{id}` does (API.md §2.8: running runs stop after
 * their current step, history is purged in the background, a new workflow with the same name shares nothing).
 * Errors use Alibaba's `{"RequestId","Code","Message"}` envelope (see errorResponse).
 */
@Injectable()
export class AlibabaFnfFacade {
  static readonly ACTIONS = ['DeleteFlow'];

  constructor(
    private readonly workflows: WorkflowsService,
    private readonly repo: WorkflowRepository,
  ) {}

  async handle(caller: Caller, query: Query, requestId: string): Promise<{ RequestId: string }> {
    const action = stringParam(query, 'Action');
    if (!action || !AlibabaFnfFacade.ACTIONS.includes(action)) {
      throw new AppError('ActionNotSupported', `The requested API operation '${action ?? ''}' is incorrect. Please check.`);
    }
    const name = stringParam(query, 'Name');
    if (!name) throw new AppError('MissingRequiredParams', "The HTTP query 'Name' must be specified.");
    const workflow = await workflowByName(this.repo, caller.tenantId, name, { code: 'FlowNotExists', message: `Flow ${name} does not exist.` });
    await this.workflows.delete(caller, workflow.id, false);
    return { RequestId: requestId };
  }
}
