import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiParam, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Caller, CurrentCaller } from '../common/caller';
import { invalidArgument } from '../common/errors/app-error';
import { boolParam, durationParam, GLOBAL_PARAMS, Query as QueryMap, rejectUnknownParams, stringParam } from '../common/http/query-params';
import { ProvisioningService } from '../provisioning/provisioning.service';
import { substitutionParams } from '../provisioning/substitution-params';
import { WORKFLOW_PATH } from '../common/http/routes';
import { buildUseCaseTemplate } from './use-cases';
import { StepCatalogue } from '../steps/step-catalogue';
import { WorkflowSearchService } from './workflow-search.service';
import { WorkflowsService } from './workflows.service';

/** Query parameters of create/update; others are allowed only with provision=true (they become substitutions). */
export const TEMPLATE_PARAMS = ['validation', 'provision', 'use_case', 'wait_for_completion_timeout', 'update_fields', 'reprovision'];

const TEMPLATE_EXAMPLE = {
  name: 'example',
  description: 'A two-node example',
  use_case: 'EXAMPLE',
  version: { template: '1.0.0', compatibility: ['3.0.0'] },
  workflows: {
    provision: {
      nodes: [
        { id: 'first', type: 'noop', user_inputs: {} },
        { id: 'second', type: 'noop', previous_node_inputs: { first: 'id' }, user_inputs: { delay: '1s' } },
      ],
    },
  },
};

/** Template routes of the Flow Framework dialect (API.md §2.2–2.4, §2.8–2.10). */
@ApiTags('Flow Framework: templates')
@Controller(WORKFLOW_PATH)
export class WorkflowsController {
  constructor(
    private readonly workflows: WorkflowsService,
    private readonly search: WorkflowSearchService,
    private readonly catalogue: StepCatalogue,
    private readonly provisioning: ProvisioningService,
  ) {}

  // Literal routes first, so that `_search`, `state/_search` and `_steps` never match `{workflow_id}`.

  @Get('_steps')
  @ApiOperation({ summary: 'Step type catalogue' })
  @ApiQuery({ name: 'workflow_step', required: false, description: 'Comma-separated step type names' })
  steps(@Query() query: QueryMap, @Req() req: Request) {
    rejectUnknownParams(query, ['workflow_step'], req.path);
    const names = stringParam(query, 'workflow_step')
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    return this.catalogue.render(names);
  }

  // Nest maps one verb per handler: GET and POST share the implementation.
  @Get('_search')
  @ApiOperation({ summary: 'Search templates (OpenSearch query DSL subset; GET may carry a body)' })
  @ApiBody({ required: false, schema: { example: { query: { match_all: {} }, size: 10 } } })
  searchTemplates(@CurrentCaller() caller: Caller, @Body() body: unknown, @Query() query: QueryMap, @Req() req: Request) {
    return this.search.searchTemplates(caller, searchBody(body, query, req.path));
  }

  @Post('_search')
  @HttpCode(200)
  @ApiOperation({ summary: 'Search templates (OpenSearch query DSL subset)' })
  @ApiBody({ required: false, schema: { example: { query: { term: { 'name.keyword': 'example' } } } } })
  searchTemplatesPost(@CurrentCaller() caller: Caller, @Body() body: unknown, @Query() query: QueryMap, @Req() req: Request) {
    return this.searchTemplates(caller, body, query, req);
  }

  @Get('state/_search')
  @ApiOperation({ summary: 'Search workflow states (OpenSearch query DSL subset; GET may carry a body)' })
  @ApiBody({ required: false, schema: { example: { query: { term: { state: 'COMPLETED' } } } } })
  searchStates(@CurrentCaller() caller: Caller, @Body() body: unknown, @Query() query: QueryMap, @Req() req: Request) {
    return this.search.searchStates(caller, searchBody(body, query, req.path));
  }

  @Post('state/_search')
  @HttpCode(200)
  @ApiOperation({ summary: 'Search workflow states (OpenSearch query DSL subset)' })
  @ApiBody({ required: false, schema: { example: { query: { term: { state: 'COMPLETED' } } } } })
  searchStatesPost(@CurrentCaller() caller: Caller, @Body() body: unknown, @Query() query: QueryMap, @Req() req: Request) {
    return this.searchStates(caller, body, query, req);
  }

  @Post()
  @ApiOperation({ summary: 'Create a workflow template (201); with provision=true also provision it (202)' })
  @ApiConsumes('application/json', 'application/yaml')
  @ApiBody({ schema: { example: TEMPLATE_EXAMPLE } })
  @ApiResponse({ status: 201, schema: { example: { workflow_id: 'JFRc3ZMBgw9Ay2u_-9QX' } } })
  async create(@CurrentCaller() caller: Caller, @Body() body: unknown, @Query() query: QueryMap, @Res({ passthrough: true }) res: Response) {
    const provision = checkTemplateParams(query, false);
    const validate = (stringParam(query, 'validation') ?? 'all') === 'all';
    const useCase = stringParam(query, 'use_case');
    const template = this.workflows.parse(useCase === undefined ? body : buildUseCaseTemplate(useCase, body), validate);
    if (provision) {
      const waitMs = durationParam(query, 'wait_for_completion_timeout');
      const outcome = await this.provisioning.createAndProvision(caller, template, substitutionParams(query, undefined, TEMPLATE_PARAMS), waitMs);
      res.status(outcome.status);
      return outcome.body;
    }
    const workflow = await this.workflows.create(caller, template);
    res.status(201);
    return { workflow_id: workflow.id };
  }

  @Put(':workflow_id')
  @ApiOperation({ summary: 'Replace a template (201), update some fields (update_fields=true) or reprovision (202)' })
  @ApiParam({ name: 'workflow_id' })
  @ApiConsumes('application/json', 'application/yaml')
  @ApiBody({ schema: { example: TEMPLATE_EXAMPLE } })
  async update(
    @CurrentCaller() caller: Caller,
    @Param('workflow_id') id: string,
    @Body() body: unknown,
    @Query() query: QueryMap,
    @Res({ passthrough: true }) res: Response,
  ) {
    const provision = checkTemplateParams(query, true);
    const validate = (stringParam(query, 'validation') ?? 'all') === 'all';
    if (boolParam(query, 'reprovision')) {
      const outcome = await this.provisioning.reprovision(caller, id, body, durationParam(query, 'wait_for_completion_timeout'));
      res.status(outcome.status);
      return outcome.body;
    }
    // Flow Framework's create handler serves PUT too: a use case may build the replacement template.
    const useCase = stringParam(query, 'use_case');
    const doc = useCase === undefined ? body : buildUseCaseTemplate(useCase, body);
    if (boolParam(query, 'update_fields')) await this.workflows.updateFields(caller, id, doc);
    else await this.workflows.replace(caller, id, doc, validate);
    if (provision) {
      // Flow Framework answers 202 here but provisions nothing (a quirk); Stepwise provisions the updated template.
      const waitMs = durationParam(query, 'wait_for_completion_timeout');
      const outcome = await this.provisioning.provision(caller, id, substitutionParams(query, undefined, TEMPLATE_PARAMS), waitMs);
      res.status(outcome.status);
      return outcome.body;
    }
    res.status(201);
    return { workflow_id: id };
  }

  @Get(':workflow_id')
  @ApiOperation({ summary: 'Get a template (credentials are never returned)' })
  @ApiParam({ name: 'workflow_id' })
  get(@CurrentCaller() caller: Caller, @Param('workflow_id') id: string, @Query() query: QueryMap, @Req() req: Request) {
    rejectUnknownParams(query, [], req.path);
    return this.workflows.get(caller, id);
  }

  @Delete(':workflow_id')
  @ApiOperation({ summary: 'Delete a template; its state goes too unless resources remain (clear_status=true forces it)' })
  @ApiParam({ name: 'workflow_id' })
  @ApiQuery({ name: 'clear_status', required: false, type: Boolean })
  delete(@CurrentCaller() caller: Caller, @Param('workflow_id') id: string, @Query() query: QueryMap, @Req() req: Request) {
    rejectUnknownParams(query, ['clear_status'], req.path);
    return this.workflows.delete(caller, id, boolParam(query, 'clear_status'));
  }
}

/**
 * The parameter rules of create and update (API.md §2.2, in Flow Framework's order). Returns `provision`.
 */
export function checkTemplateParams(query: QueryMap, isUpdate: boolean): boolean {
  // All three are parsed up front, so that a malformed value is refused whatever the others say.
  const provision = boolParam(query, 'provision');
  const reprovision = boolParam(query, 'reprovision');
  const updateFields = boolParam(query, 'update_fields');
  if (!provision) {
    const unknown = Object.keys(query).filter((k) => !TEMPLATE_PARAMS.includes(k) && !GLOBAL_PARAMS.includes(k));
    if (unknown.length) {
      throw invalidArgument(`Only the parameters [${TEMPLATE_PARAMS.join(', ')}] are permitted unless the provision parameter is set to true.`);
    }
  }
  if (provision && updateFields) {
    throw invalidArgument('You can not use both the provision and update_fields parameters in the same request.');
  }
  if (reprovision && !isUpdate) throw invalidArgument('You can not use the reprovision parameter to create a new template.');
  if (reprovision && query.use_case !== undefined) {
    throw invalidArgument('You cannot use the reprovision and use_case parameters in the same request.');
  }
  if (query.wait_for_completion_timeout !== undefined && !provision && !reprovision) {
    throw invalidArgument(
      "Request parameter 'wait_for_completion_timeout' is not allowed unless the 'provision' or 'reprovision' parameter is set to true.",
    );
  }
  const validation = stringParam(query, 'validation');
  if (validation !== undefined && validation.length === 0) throw invalidArgument('Parameter [validation] must not be empty.');
  return provision;
}

/** The search body: the request body, or the `source` query parameter (OpenSearch's way for GET without a body). */
function searchBody(body: unknown, query: QueryMap, path: string): unknown {
  rejectUnknownParams(query, [], path);
  const source = stringParam(query, 'source');
  if (body !== undefined || source === undefined) return body;
  try {
    return JSON.parse(source);
  } catch {
    throw invalidArgument('The [source] parameter must be a JSON search body.');
  }
}
