import { Injectable } from '@nestjs/common';
import type { StepDefinition } from '../sdk/step-definition';
import type { DeprovisionOutcome, RecordedResource, StepContext, StepResult } from '../sdk/step-type';
import { StepTypeProvider } from '../sdk/step-type';
import { required } from './inputs';
import { enc } from './opensearch-client';
import { OpenSearchStep } from './opensearch-step';
import {
  CREATE_INGEST_PIPELINE_STEP,
  CREATE_SEARCH_PIPELINE_STEP,
  UPDATE_INGEST_PIPELINE_STEP,
  UPDATE_SEARCH_PIPELINE_STEP,
} from './pipeline.definition';

/**
 * FF's ParseUtils.removingBackslashesAndQuotesInArrayInJsonString: a JSON string that holds a list (`"[\"a\"]"`, the
 * form a list takes once flattened into a string map) becomes the list itself.
 */
export function unquoteArrays(json: string): string {
  return json.replace(/"\[(.*?)]"/g, (_whole, inner: string) => `[${inner.replace(/\\"/g, '"')}]`);
}

/** PUT /_ingest/pipeline/<id> or /_search/pipeline/<id> (create and update are the same call). */
abstract class PipelineStep extends OpenSearchStep {
  abstract readonly definition: StepDefinition;
  protected abstract readonly api: '_ingest' | '_search';

  async provision(ctx: StepContext): Promise<StepResult> {
    const outputs = await this.put(ctx);
    const records = this.definition.resourceTypes.length > 0;
    return { outputs, resources: records ? [{ type: 'pipeline_id', id: outputs.pipeline_id }] : [] };
  }

  /** `as`: the step name FF reports in its generic failure (reprovision runs update_<kind>_pipeline). */
  protected async put(ctx: StepContext, as = this.definition.name): Promise<{ pipeline_id: string }> {
    const id = required(ctx.inputs, 'pipeline_id');
    const configurations = required(ctx.inputs, 'configurations');
    await this.os.call('PUT', `/${this.api}/pipeline/${enc(id)}`, {
      body: unquoteArrays(configurations),
      signal: ctx.signal,
      failure: `Failed step ${as}`,
    });
    return { pipeline_id: id };
  }

  async deprovision(resource: RecordedResource, signal: AbortSignal): Promise<DeprovisionOutcome> {
    return this.remove('DELETE', `/${this.api}/pipeline/${enc(resource.resourceId)}`, signal, `Failed to delete the pipeline ${resource.resourceId}`);
  }
}

/** `create_ingest_pipeline`: records pipeline_id (protected); reprovision replaces the definition. */
@StepTypeProvider()
@Injectable()
export class CreateIngestPipelineStep extends PipelineStep {
  readonly definition = CREATE_INGEST_PIPELINE_STEP;
  protected readonly api = '_ingest';

  async update(ctx: StepContext): Promise<StepResult> {
    return { outputs: await this.put(ctx, 'update_ingest_pipeline'), resources: [] };
  }
}

/** `create_search_pipeline`: records pipeline_id (protected); reprovision replaces the definition. */
@StepTypeProvider()
@Injectable()
export class CreateSearchPipelineStep extends PipelineStep {
  readonly definition = CREATE_SEARCH_PIPELINE_STEP;
  protected readonly api = '_search';

  async update(ctx: StepContext): Promise<StepResult> {
    return { outputs: await this.put(ctx, 'update_search_pipeline'), resources: [] };
  }
}

/** `update_ingest_pipeline`: replaces an ingest pipeline's definition; records nothing. */
@StepTypeProvider()
@Injectable()
export class UpdateIngestPipelineStep extends PipelineStep {
  readonly definition = UPDATE_INGEST_PIPELINE_STEP;
  protected readonly api = '_ingest';
}

/** `update_search_pipeline`: replaces a search pipeline's definition; records nothing. */
@StepTypeProvider()
@Injectable()
export class UpdateSearchPipelineStep extends PipelineStep {
  readonly definition = UPDATE_SEARCH_PIPELINE_STEP;
  protected readonly api = '_search';
}
