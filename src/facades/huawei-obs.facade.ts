import { Inject, Injectable } from '@nestjs/common';
import type { Caller } from '../common/caller';
import { AppError } from '../common/errors/app-error';
import { AppConfig, CONFIG } from '../config/app-config';
import { ExecutionEntity } from '../database/entities';
import { ExecutionsService } from '../executions/executions.service';
import { WorkflowRepository } from '../workflows/workflow.repository';
import { workflowByName } from './workflow-by-name';

/**
 * Huawei OBS Data+ dialect: `PUT /v2/workflowexecutions/{execution_name}?x-workflow-graph-name={graph_name}` resumes
 * the failed run `execution_name` of the workflow named `graph_name`, exactly as `_resume` does. Only the workflow's
 * latest provision run can be resumed (an older failed run answers 409). Errors use Huawei's
 * `{"code","message","request_id"}` shape.
 */
@Injectable()
export class HuaweiObsFacade {
  constructor(
    @Inject(CONFIG) private readonly config: AppConfig,
    private readonly repo: WorkflowRepository,
    private readonly executions: ExecutionsService,
  ) {}

  async resume(caller: Caller, executionName: string, graphName: string | undefined) {
    if (!graphName) throw new AppError('MissingRequiredParams', "The query parameter 'x-workflow-graph-name' must be specified.");
    const workflow = await workflowByName(this.repo, caller.tenantId, graphName, {
      code: 'FlowNotExists',
      message: `The workflow graph ${graphName} does not exist.`,
    });
    const run = await this.repo.dataSource.manager.findOneBy(ExecutionEntity, { workflowId: workflow.id, name: executionName });
    if (!run) throw new AppError('ExecutionNotExists', `The workflow execution ${executionName} of graph ${graphName} does not exist.`);
    const latest = await this.repo.dataSource.manager.findOne(ExecutionEntity, {
      where: [{ workflowId: workflow.id, kind: 'provision' }, { workflowId: workflow.id, kind: 'reprovision' }],
      order: { generation: 'DESC' },
    });
    if (latest?.id !== run.id) {
      throw new AppError('ExecutionNotResumable', `The workflow execution ${executionName} is not the latest run of graph ${graphName} and cannot be resumed.`);
    }
    const resumed = await this.executions.resume(caller, workflow.id);
    return {
      execution_urn: `urn:fgs:${this.config.facadeRegion}:${this.config.facadeProjectId}:execution:${graphName}:${executionName}:${caller.tenantId}`,
      execution_name: resumed.execution_name,
      restored_at: resumed.restored_at,
    };
  }
}
