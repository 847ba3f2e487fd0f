import { Injectable } from '@nestjs/common';
import type { Caller } from '../common/caller';
import { AppError } from '../common/errors/app-error';
import { WorkflowRepository } from '../workflows/workflow.repository';
import { renderState, toResourceCreated } from './state-document';

/** `_status` (API.md §2.6): the summary or all-fields projection, from two indexed reads. */
@Injectable()
export class StatusService {
  constructor(private readonly workflows: WorkflowRepository) {}

  async get(caller: Caller, workflowId: string, all: boolean): Promise<Record<string, unknown>> {
    const [state, resources] = await Promise.all([
      this.workflows.findState(workflowId, caller),
      this.workflows.listResources(workflowId),
    ]);
    if (!state) throw new AppError('FlowNotExists', `Fail to find workflow status of ${workflowId}`);
    return renderState(state, resources.map(toResourceCreated), all);
  }
}
