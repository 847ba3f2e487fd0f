import { Injectable } from '@nestjs/common';
import { restStatusName } from '../../engine/step-error-format';
import type { DeprovisionOutcome, RecordedResource, StepContext, StepResult, StepType } from '../sdk/step-type';
import { StepError, StepTypeProvider } from '../sdk/step-type';
import { HTTP_REQUEST_STEP } from './http-request.definition';
import { readJsonPath } from './json-path';
import { OutboundGuard } from '../sdk/outbound-guard';

/** A request as the step's inputs and the stored deprovision/update requests describe it. */
interface RequestSpec {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  /** Secret headers (decrypted here; stored encrypted). */
  credential: Record<string, string>;
}

const RESOURCE_ID_PLACEHOLDER = /\$\{\{\s*resource_id\s*\}\}/g;

/**
 * `http_request`: creates a generic REST resource. Inputs: `url` (required), `method` (POST), `headers`, `body`
 * (a JSON string, or a map sent as JSON), `credential` (secret headers), `resource_type` (http_resource),
 * `resource_id` (JSONPath into the response, e.g. `$.id`), `outputs` (name → JSONPath), `success_codes`
 * ("200,201"; default any 2xx), `deprovision` and `update` (maps with method, url, headers, body; `${{ resource_id }}`
 * is replaced by the recorded id), `protected` ("true": the resource holds data, so deprovision deletes it only
 * when its id is in `allow_delete`). Deprovision treats 404 as deleted.
 */
@StepTypeProvider()
@Injectable()
export class HttpRequestStep implements StepType {
  readonly definition = HTTP_REQUEST_STEP;

  constructor(private readonly outbound: OutboundGuard) {}

  async provision(ctx: StepContext): Promise<StepResult> {
    const spec = requestSpec(ctx.inputs, 'POST');
    await this.outbound.check(spec.url);
    const { status, json } = await send(spec, successCodes(ctx.inputs.success_codes), ctx.signal);
    const outputs: Record<string, unknown> = { status_code: status };
    for (const [name, path] of Object.entries(stringMap(ctx.inputs.outputs, 'outputs'))) outputs[name] = readJsonPath(json, path);
    if (ctx.inputs.resource_id === undefined) return { outputs, resources: [] };

    const id = readJsonPath(json, String(ctx.inputs.resource_id));
    if (typeof id !== 'string' && typeof id !== 'number') {
      throw new StepError(`The response has no resource id at ${String(ctx.inputs.resource_id)}`, 'WorkflowStepException', 'BAD_REQUEST');
    }
    const type = String(ctx.inputs.resource_type ?? 'http_resource');
    outputs.resource_id = String(id);
    outputs[type] = String(id);
    const deprovision = ctx.inputs.deprovision === undefined ? undefined : storedRequest(ctx.inputs.deprovision, 'deprovision', 'DELETE', spec);
    const update = ctx.inputs.update === undefined ? undefined : storedRequest(ctx.inputs.update, 'update', 'PUT', spec);
    const isProtected = String(ctx.inputs.protected ?? 'false') === 'true';
    return {
      outputs,
      resources: [{ type, id: String(id), deprovision: { ...deprovision, update, credential: spec.credential, protected: isProtected } }],
    };
  }

  /** Reprovision of a changed node: sends the `update` request against the recorded resource. */
  async update(ctx: StepContext, previous: RecordedResource[]): Promise<StepResult> {
    const resource = previous[0];
    if (!resource || ctx.inputs.update === undefined) return this.provision(ctx);
    const base = requestSpec(ctx.inputs, 'POST');
    const spec = withResourceId(storedRequest(ctx.inputs.update, 'update', 'PUT', base), resource.resourceId, base.credential);
    await this.outbound.check(spec.url);
    const { status } = await send(spec, successCodes(ctx.inputs.success_codes), ctx.signal);
    return { outputs: { status_code: status, resource_id: resource.resourceId, [resource.resourceType]: resource.resourceId }, resources: [] };
  }

  async deprovision(resource: RecordedResource, signal: AbortSignal): Promise<DeprovisionOutcome> {
    const stored = resource.deprovision;
    if (!stored?.url) return 'deleted'; // nothing to call: the resource only lived in the record
    const spec = withResourceId(stored as unknown as RequestSpec, resource.resourceId, (stored.credential as Record<string, string>) ?? {});
    await this.outbound.check(spec.url);
    // Redirects are not followed: a redirect could lead past the SSRF guard.
    const res = await fetch(spec.url, { method: spec.method, headers: { ...spec.headers, ...spec.credential }, body: spec.body, signal, redirect: 'manual' });
    if (res.status === 404) return 'not_found';
    if (res.ok) return 'deleted';
    throw new StepError(`${spec.method} ${spec.url} answered ${res.status}: ${(await res.text()).slice(0, 300)}`, 'WorkflowStepException', restStatusName(res.status));
  }
}

function requestSpec(inputs: Record<string, unknown>, defaultMethod: string): RequestSpec {
  const url = String(inputs.url ?? '');
  if (!/^https?:\/\//i.test(url)) throw new StepError(`url must be an http(s) URL, got [${url}]`, 'WorkflowStepException', 'BAD_REQUEST');
  const body = inputs.body;
  return {
    method: String(inputs.method ?? defaultMethod).toUpperCase(),
    url,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...stringMap(inputs.headers, 'headers') },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    credential: stringMap(inputs.credential, 'credential'),
  };
}

/** A deprovision/update request kept with the resource; what it leaves out comes from the create request. */
function storedRequest(value: unknown, name: string, defaultMethod: string, create: RequestSpec): Omit<RequestSpec, 'credential'> {
  const m = stringMap(value, name);
  return {
    method: (m.method ?? defaultMethod).toUpperCase(),
    url: m.url ?? `${create.url.replace(/\/$/, '')}/\${{ resource_id }}`,
    headers: m.headers ? stringMap(JSON.parse(m.headers), `${name}.headers`) : create.headers,
    body: m.body,
  };
}

function withResourceId(spec: Omit<RequestSpec, 'credential'>, id: string, credential: Record<string, string>): RequestSpec {
  const fill = (s: string) => s.replace(RESOURCE_ID_PLACEHOLDER, () => id);
  return {
    method: spec.method,
    url: spec.url.replace(RESOURCE_ID_PLACEHOLDER, () => encodeURIComponent(id)),
    headers: Object.fromEntries(Object.entries(spec.headers ?? {}).map(([k, v]) => [k, fill(v)])),
    body: spec.body === undefined ? undefined : fill(spec.body),
    credential,
  };
}

async function send(spec: RequestSpec, accept: (status: number) => boolean, signal: AbortSignal): Promise<{ status: number; json: unknown }> {
  // Redirects are not followed: a redirect could lead past the SSRF guard.
  const res = await fetch(spec.url, { method: spec.method, headers: { ...spec.headers, ...spec.credential }, body: spec.body, signal, redirect: 'manual' });
  const text = await res.text();
  if (!accept(res.status)) {
    throw new StepError(`${spec.method} ${spec.url} answered ${res.status}: ${text.slice(0, 300)}`, 'WorkflowStepException', restStatusName(res.status));
  }
  try {
    return { status: res.status, json: text ? JSON.parse(text) : null };
  } catch {
    return { status: res.status, json: text };
  }
}

/** `success_codes` as "200,201" (or a single number); default: any 2xx. */
function successCodes(value: unknown): (status: number) => boolean {
  if (value === undefined) return (s) => s >= 200 && s < 300;
  const codes = String(value)
    .split(',')
    .map((c) => Number(c.trim()));
  if (codes.some((c) => !Number.isInteger(c))) throw new StepError(`success_codes must be a list like "200,201", got [${String(value)}]`, 'WorkflowStepException', 'BAD_REQUEST');
  return (s) => codes.includes(s);
}

function stringMap(value: unknown, name: string): Record<string, string> {
  if (value === undefined) return {};
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      throw new StepError(`${name} must be a map`, 'WorkflowStepException', 'BAD_REQUEST');
    }
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new StepError(`${name} must be a map`, 'WorkflowStepException', 'BAD_REQUEST');
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
}
