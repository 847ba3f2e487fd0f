import { Controller, Delete, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { Caller, CurrentCaller } from '../common/caller';
import { AppError, invalidArgument } from '../common/errors/app-error';
import { Query as QueryMap, rejectUnknownParams, stringParam } from '../common/http/query-params';
import { WORKFLOW_PATH } from '../common/http/routes';
import { RunEventsListener } from '../provisioning/run-events.listener';
import { WorkflowRepository } from '../workflows/workflow.repository';
import { ExecutionsService } from './executions.service';
import { streamProgress } from './progress-stream';

const intParam = (query: QueryMap, name: string, fallback: number, max: number) => {
  const raw = stringParam(query, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) > max) throw invalidArgument(`Parameter [${name}] must be an integer from 0 to ${max}, got [${raw}].`);
  return Number(raw);
};

/** Stepwise's extensions (API.md §3): run history, resume, stop, live progress. Errors carry `code`. */
@ApiTags('Stepwise extensions: runs')
@Controller(WORKFLOW_PATH)
export class ExecutionsController {
  constructor(
    private readonly executions: ExecutionsService,
    private readonly workflows: WorkflowRepository,
    private readonly events: RunEventsListener,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  @Get(':workflow_id/executions')
  @ApiOperation({ summary: 'Runs of a workflow, newest first' })
  @ApiParam({ name: 'workflow_id' })
  @ApiQuery({ name: 'size', required: false, type: Number })
  @ApiQuery({ name: 'from', required: false, type: Number })
  list(@CurrentCaller() caller: Caller, @Param('workflow_id') id: string, @Query() query: QueryMap, @Req() req: Request) {
    rejectUnknownParams(query, ['size', 'from'], req.path);
    return this.executions.list(caller, id, intParam(query, 'from', 0, 1_000_000), intParam(query, 'size', 20, 1000));
  }

  @Get(':workflow_id/executions/:generation')
  @ApiOperation({ summary: 'One run with every step run (outputs redacted)' })
  @ApiParam({ name: 'workflow_id' })
  @ApiParam({ name: 'generation' })
  get(@CurrentCaller() caller: Caller, @Param('workflow_id') id: string, @Param('generation') generation: string, @Query() query: QueryMap, @Req() req: Request) {
    rejectUnknownParams(query, [], req.path);
    return this.executions.get(caller, id, ExecutionsService.parseGeneration(generation));
  }

  @Delete(':workflow_id/executions/:generation')
  @ApiOperation({ summary: "Delete a finished run's history (409 while it runs or while its resources exist)" })
  @ApiParam({ name: 'workflow_id' })
  @ApiParam({ name: 'generation' })
  delete(@CurrentCaller() caller: Caller, @Param('workflow_id') id: string, @Param('generation') generation: string, @Query() query: QueryMap, @Req() req: Request) {
    rejectUnknownParams(query, [], req.path);
    return this.executions.delete(caller, id, ExecutionsService.parseGeneration(generation));
  }

  @Post(':workflow_id/_resume')
  @ApiOperation({ summary: 'Resume the failed provision from where it failed (succeeded nodes are not run again)' })
  @ApiParam({ name: 'workflow_id' })
  async resume(@CurrentCaller() caller: Caller, @Param('workflow_id') id: string, @Query() query: QueryMap, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    rejectUnknownParams(query, [], req.path);
    const body = await this.executions.resume(caller, id);
    res.status(202);
    return body;
  }

  @Post(':workflow_id/_stop')
  @ApiOperation({ summary: 'Stop the running provision or deprovision after its current step(s)' })
  @ApiParam({ name: 'workflow_id' })
  async stop(@CurrentCaller() caller: Caller, @Param('workflow_id') id: string, @Query() query: QueryMap, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    rejectUnknownParams(query, [], req.path);
    const body = await this.executions.stop(caller, id);
    res.status(202);
    return body;
  }

  @Get(':workflow_id/_status/stream')
  @ApiOperation({ summary: 'Live progress as Server-Sent Events: state, node events, then end' })
  @ApiParam({ name: 'workflow_id' })
  @ApiProduces('text/event-stream')
  async stream(@CurrentCaller() caller: Caller, @Param('workflow_id') id: string, @Query() query: QueryMap, @Req() req: Request, @Res() res: Response) {
    rejectUnknownParams(query, [], req.path);
    if (!(await this.workflows.findState(id, caller))) throw new AppError('FlowNotExists', `Fail to find workflow status of ${id}`);
    const closed = new Promise<void>((resolve) => req.on('close', () => resolve()));
    await streamProgress(res, this.db, this.events, id, closed);
  }
}
