import { Controller, Delete, HttpCode, Param, Put, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Caller, CurrentCaller } from '../common/caller';
import { Query as QueryMap, stringParam } from '../common/http/query-params';
import { AlibabaOpenSearchFacade } from './alibaba-opensearch.facade';
import { HuaweiObsFacade } from './huawei-obs.facade';

/** Huawei OBS Data+: resume a failed workflow instance. */
@ApiTags('Huawei OBS Data+ facade')
@Controller('v2/workflowexecutions')
export class HuaweiObsController {
  constructor(private readonly facade: HuaweiObsFacade) {}

  @Put(':execution_name')
  @HttpCode(200)
  @ApiOperation({ summary: 'Resume a failed workflow instance (as _resume): succeeded parts are not executed again' })
  @ApiParam({ name: 'execution_name', example: 'provision-1' })
  @ApiQuery({ name: 'x-workflow-graph-name', required: true, example: 'my-graph' })
  @ApiResponse({
    status: 200,
    schema: {
      example: {
        execution_urn: 'urn:fgs:<region_id>:<project_id>:execution:<graph_name>:<execution_name>:<domain_id>',
        execution_name: '<execution_name>',
        restored_at: '2020-04-23T13:37:43.847Z',
      },
    },
  })
  resume(@CurrentCaller() caller: Caller, @Param('execution_name') executionName: string, @Query() query: QueryMap) {
    return this.facade.resume(caller, executionName, stringParam(query, 'x-workflow-graph-name'));
  }
}

/** Alibaba OpenSearch: delete a function task (a run). */
@ApiTags('Alibaba OpenSearch facade')
@Controller('v4/openapi/app-groups')
export class AlibabaOpenSearchController {
  constructor(private readonly facade: AlibabaOpenSearchFacade) {}

  @Delete(':appGroupIdentity/functions/:functionName/instances/:instanceName/tasks/:generation')
  @ApiOperation({ summary: 'Delete a task (run) of an instance (workflow); a task in progress cannot be deleted' })
  @ApiParam({ name: 'appGroupIdentity', example: 'my_app_group_name', description: 'the tenant' })
  @ApiParam({ name: 'functionName', example: 'ctr', description: "the workflow's use_case" })
  @ApiParam({ name: 'instanceName', example: 'ctr_test', description: 'the workflow name' })
  @ApiParam({ name: 'generation', example: '1' })
  @ApiResponse({ status: 200, schema: { example: { status: 'OK', requestId: '', httpCode: 200, code: '', message: '', latency: 123, result: {} } } })
  deleteTask(
    @CurrentCaller() caller: Caller,
    @Param('appGroupIdentity') appGroup: string,
    @Param('functionName') functionName: string,
    @Param('instanceName') instanceName: string,
    @Param('generation') generation: string,
    @Req() req: Request & { startedAt?: number },
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.facade.deleteTask(caller, appGroup, functionName, instanceName, generation, String(res.getHeader('x-request-id')), req.startedAt ?? Date.now());
  }
}
