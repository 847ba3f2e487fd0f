import { Controller, Get, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Caller, CurrentCaller } from '../common/caller';
import { Query as QueryMap } from '../common/http/query-params';
import { AlibabaFnfFacade } from '../facades/alibaba-fnf.facade';
import { Public } from '../auth/auth.guard';

/** The version reported to OpenSearch clients and conformance tools, which read `version.number`. */
export const COMPATIBLE_OPENSEARCH_VERSION = '3.3.0';

export function infoDocument() {
  return {
    name: 'stepwise',
    cluster_name: 'stepwise',
    cluster_uuid: 'stepwise-flow-framework-compatible',
    version: {
      distribution: 'stepwise',
      number: COMPATIBLE_OPENSEARCH_VERSION,
      build_type: 'npm',
      build_hash: 'unknown',
      build_date: '2026-11-22T00:00:00Z',
      build_snapshot: false,
      lucene_version: '10.2.0',
      minimum_wire_compatibility_version: '2.19.0',
      minimum_index_compatibility_version: '2.0.0',
    },
    tagline: 'The OpenSearch Project: https://opensearch.org/',
  };
}

/**
 * `/`: the OpenSearch-style info document; with `?Action=…`, Alibaba Cloud Serverless Workflow's RPC dialect
 * (DeleteFlow), which lives on the root path.
 */
@ApiTags('info')
@Controller()
export class RootController {
  constructor(private readonly fnf: AlibabaFnfFacade) {}

  @Get()
  @Public() // the info document; the Action form is authenticated all the same (AuthGuard)
  @ApiTags('info', 'Alibaba Serverless Workflow facade')
  @ApiOperation({ summary: 'OpenSearch-style info document; with ?Action=DeleteFlow&Name=…, Alibaba Serverless Workflow DeleteFlow' })
  @ApiQuery({ name: 'Action', required: false, example: 'DeleteFlow', description: 'Alibaba Serverless Workflow RPC action' })
  @ApiQuery({ name: 'Name', required: false, example: 'flow' })
  @ApiQuery({ name: 'RequestId', required: false, example: 'testRequestId' })
  @ApiResponse({ status: 200, description: 'DeleteFlow', schema: { example: { RequestId: 'testRequestId' } } })
  root(@CurrentCaller() caller: Caller, @Query() query: QueryMap, @Res({ passthrough: true }) res: Response) {
    if (query.Action === undefined) return infoDocument();
    return this.fnf.handle(caller, query, String(res.getHeader('x-request-id')));
  }

  @Post()
  @ApiTags('Alibaba Serverless Workflow facade')
  @ApiOperation({ summary: 'Alibaba Serverless Workflow RPC: DeleteFlow (POST form)' })
  @ApiQuery({ name: 'Action', required: true, example: 'DeleteFlow' })
  @ApiQuery({ name: 'Name', required: true, example: 'flow' })
  @ApiResponse({ status: 200, schema: { example: { RequestId: 'testRequestId' } } })
  rootPost(@CurrentCaller() caller: Caller, @Query() query: QueryMap, @Res({ passthrough: true }) res: Response) {
    res.status(200);
    return this.fnf.handle(caller, query, String(res.getHeader('x-request-id')));
  }
}
