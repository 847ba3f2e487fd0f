import { Injectable } from '@nestjs/common';
import type { DeprovisionOutcome, RecordedResource, StepContext, StepResult } from '../sdk/step-type';
import { StepError, StepTypeProvider } from '../sdk/step-type';
import { CREATE_INDEX_STEP, REINDEX_STEP, UPDATE_INDEX_STEP } from './index.definition';
import { badInput, bool, defined, int, jsonObject, required, text } from './inputs';
import { enc, OpenSearchClient } from './opensearch-client';
import { OpenSearchStep } from './opensearch-step';

/** `create_index`: PUT /<index_name>; records index_name (protected); reprovision updates its settings. */
@StepTypeProvider()
@Injectable()
export class CreateIndexStep extends OpenSearchStep {
  readonly definition = CREATE_INDEX_STEP;

  async provision(ctx: StepContext): Promise<StepResult> {
    const index = required(ctx.inputs, 'index_name');
    const configurations = required(ctx.inputs, 'configurations');
    let body: Record<string, unknown> | undefined;
    if (configurations.trim() !== '') {
      try {
        body = jsonObject(configurations, 'configurations');
        const mappings = body.mappings;
        // A mapping nested under a type (`{"_doc": {...}}`) is refused, as the create index REST API does.
        if (mappings && typeof mappings === 'object' && Object.keys(mappings).length === 1 && '_doc' in mappings) throw new Error('typed');
      } catch {
        // FF's message, missing space included.
        throw badInput(`Failed to create the index${index}, _doc is not permitted in mapping`);
      }
    }
    await this.os.call('PUT', `/${enc(index)}`, { body, signal: ctx.signal, failure: `Failed to create the index ${index}` });
    return { outputs: { index_name: index }, resources: [{ type: 'index_name', id: index }] };
  }

  /** Reprovision of a changed node: update_index (changed settings only). */
  update(ctx: StepContext): Promise<StepResult> {
    return updateIndexSettings(this.os, ctx);
  }

  async deprovision(resource: RecordedResource, signal: AbortSignal): Promise<DeprovisionOutcome> {
    return this.remove('DELETE', `/${enc(resource.resourceId)}`, signal, `Failed to delete the index ${resource.resourceId}`);
  }
}

/** `update_index`: changes the index settings whose values differ from the current ones. */
@StepTypeProvider()
@Injectable()
export class UpdateIndexStep extends OpenSearchStep {
  readonly definition = UPDATE_INDEX_STEP;

  provision(ctx: StepContext): Promise<StepResult> {
    return updateIndexSettings(this.os, ctx);
  }
}

/** Flow Framework's UpdateIndexStep: `configurations.settings` (nested or flat), only changed values are sent. */
async function updateIndexSettings(os: OpenSearchClient, ctx: StepContext): Promise<StepResult> {
  const index = required(ctx.inputs, 'index_name');
  const configurations = required(ctx.inputs, 'configurations');
  const fail = (why: string) => badInput(`Failed to update index settings for index ${index}, ${why}`);
  if (configurations === '') throw fail('index configuration is not given');
  const source = jsonObject(configurations, 'configurations');
  if (!('settings' in source)) throw fail('settings are not found in the index configuration');
  const settings = jsonObject(source.settings, 'settings');
  const wanted: Record<string, unknown> = {};
  flatten('', settings, wanted);
  const flat = 'index' in settings ? wanted : Object.fromEntries(Object.entries(wanted).map(([k, v]) => [k.startsWith('index.') ? k : `index.${k}`, v]));

  const current = await os.call('GET', `/${enc(index)}/_settings`, {
    query: { include_defaults: true, flat_settings: true },
    signal: ctx.signal,
    failure: `Failed to retrieve the index settings for index ${index}`,
  });
  const entry = current.json?.[index] ?? Object.values(current.json ?? {})[0] ?? {};
  const known: Record<string, unknown> = { ...(entry.defaults ?? {}), ...(entry.settings ?? {}) };
  const changed = Object.fromEntries(Object.entries(flat).filter(([k, v]) => String(v) !== (known[k] === undefined ? undefined : String(known[k]))));
  if (Object.keys(changed).length === 0) throw fail('no settings have been updated');
  await os.call('PUT', `/${enc(index)}/_settings`, { body: changed, signal: ctx.signal, failure: `Failed to update the index settings for index ${index}` });
  return { outputs: { index_name: index }, resources: [] };
}

/** ParseUtils.flattenSettings: nested maps become dotted keys. */
function flatten(prefix: string, value: Record<string, unknown>, out: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(value)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object' && !Array.isArray(v)) flatten(key, v as Record<string, unknown>, out);
    else out[key] = v;
  }
}

/** `reindex`: POST /_reindex; records nothing; outputs `reindex: {source_index, destination_index}`. */
@StepTypeProvider()
@Injectable()
export class ReindexStep extends OpenSearchStep {
  readonly definition = REINDEX_STEP;

  async provision(ctx: StepContext): Promise<StepResult> {
    const source = required(ctx.inputs, 'source_index');
    const destination = required(ctx.inputs, 'destination_index');
    let query: Record<string, string | number | boolean | undefined>;
    let maxDocs: number | undefined;
    try {
      const rps = text(ctx.inputs, 'requests_per_second');
      const perSecond = rps === undefined ? undefined : Number(rps);
      if (perSecond !== undefined && Number.isNaN(perSecond)) throw badInput(`For input string: "${rps}"`);
      query = {
        refresh: bool(ctx.inputs, 'refresh'),
        // FF: a negative value means unlimited (Float.POSITIVE_INFINITY), which the REST API spells -1.
        requests_per_second: perSecond === undefined ? undefined : perSecond < 0 ? -1 : perSecond,
        require_alias: bool(ctx.inputs, 'require_alias'),
        slices: int(ctx.inputs, 'slices'),
      };
      maxDocs = int(ctx.inputs, 'max_docs');
    } catch (e) {
      throw badInput(`Failed to reindex ${(e as Error).message}`);
    }
    const body = defined({
      source: { index: source.split(',').map((s) => s.trim()).filter(Boolean) },
      dest: { index: destination },
      max_docs: maxDocs,
    });
    const failure = `Failed to reindex from source ${source} to ${destination}`;
    let res;
    try {
      res = await this.os.call('POST', '/_reindex', { query, body, signal: ctx.signal, failure });
    } catch (e) {
      // FF reports this failure with its own message whatever the cause, keeping the status.
      if (e instanceof StepError) throw new StepError(failure, 'WorkflowStepException', e.restStatus);
      throw e;
    }
    const failures = res.json?.failures;
    if (Array.isArray(failures) && failures.length) {
      throw new StepError(`Failed to get bulk response ${JSON.stringify(failures)}`, 'FlowFrameworkException', 'BAD_REQUEST');
    }
    return { outputs: { reindex: { destination_index: destination, source_index: source } }, resources: [] };
  }
}
