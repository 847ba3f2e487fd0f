import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiParam, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Caller, CurrentCaller } from '../common/caller';
import { boolParam, durationParam, Query as QueryMap, rejectUnknownParams, stringParam } from '../common/http/query-params';
import { StatusService } from '../status/status.service';
import { WORKFLOW_PATH } from '../common/http/routes';
import { substitutionParams } from './substitution-params';
import { ProvisioningService } from './provisioning.service';

/** Provision, deprovision and status routes of the Flow Framework dialect (API.md §2.5–2.7). */
@ApiTags('Flow Framework: provisioning')
@Controller(WORKFLOW_PATH)
export class ProvisioningController {
  constructor(
    private readonly provisioning: ProvisioningService,
    private readonly status: StatusService,
  ) {}

  @Post(':workflow_id/_provision')
  @ApiOperation({ summary: 'Provision a workflow (202 at once; the steps run in a worker)' })
  @ApiParam({ name: 'workflow_id' })
  @ApiQuery({ name: 'wait_for_completion_timeout', required: false, description: 'e.g. 2s: wait up to this long for the outcome' })
  @ApiBody({ required: false, description: 'Substitution values: a flat object of strings', schema: { example: { 'create_connector.credential.key': '…' } } })
  @ApiResponse({ status: 202, schema: { example: { workflow_id: 'JFRc3ZMBgw9Ay2u_-9QX' } } })
  async provision(
    @CurrentCaller() caller: Caller,
    @Param('workflow_id') id: string,
    @Body() body: unknown,
    @Query() query: QueryMap,
    @Res({ passthrough: true }) res: Response,
  ) {
    const waitMs = durationParam(query, 'wait_for_completion_timeout');
    const outcome = await this.provisioning.provision(caller, id, substitutionParams(query, body, ['wait_for_completion_timeout']), waitMs);
    res.status(outcome.status);
    return outcome.body;
  }

  @Post(':workflow_id/_deprovision')
  @ApiOperation({ summary: 'Delete every resource the workflow created, in reverse order, retrying dependency failures' })
  @ApiParam({ name: 'workflow_id' })
  @ApiQuery({ name: 'allow_delete', required: false, description: 'Comma-separated resource ids of protected resources that may be deleted' })
  async deprovision(
    @CurrentCaller() caller: Caller,
    @Param('workflow_id') id: string,
    @Query() query: QueryMap,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    rejectUnknownParams(query, ['allow_delete'], req.path);
    const allowDelete = (stringParam(query, 'allow_delete') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const outcome = await this.provisioning.deprovision(caller, id, allowDelete);
    res.status(outcome.status);
    return outcome.body;
  }

  @Get(':workflow_id/_status')
  @ApiOperation({ summary: 'Provisioning state: summary, or every field with all=true' })
  @ApiParam({ name: 'workflow_id' })
  @ApiQuery({ name: 'all', required: false, type: Boolean })
  getStatus(@CurrentCaller() caller: Caller, @Param('workflow_id') id: string, @Query() query: QueryMap, @Req() req: Request) {
    rejectUnknownParams(query, ['all'], req.path);
    return this.status.get(caller, id, boolParam(query, 'all'));
  }
}
