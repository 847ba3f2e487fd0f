import { request as httpsRequest } from 'node:https';
import { Logger } from '@nestjs/common';
import type { AppConfig } from '../../config/app-config';
import { restStatusName } from '../../engine/step-error-format';
import { abortableDelay } from '../sdk/abortable-delay';
import { StepError } from '../sdk/step-type';

/** How often `deploy_model` and `register_local_*` ask ML Commons about their task (FF: task_request_retry_duration, 5s). */
export const TASK_POLL_INTERVAL_MS = 200;

export interface ClusterResponse {
  status: number;
  /** The parsed JSON body (undefined when empty or not JSON). */
  json: any;
  text: string;
}

export interface CallOptions {
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined>;
  signal: AbortSignal;
  /**
   * Message used when the call fails without an answer from the cluster (connection refused, TLS, …): Flow
   * Framework's "unsafe" case, e.g. "Failed to create the index my-index".
   */
  failure: string;
  /** Statuses returned to the caller instead of raising (e.g. 404 during deprovision). */
  accept?: number[];
}

/** An ML Commons task, as GET /_plugins/_ml/tasks/<id> answers it. */
export interface MLTask {
  task_id?: string;
  model_id?: string;
  task_type?: string;
  state?: string;
  error?: string;
}

/**
 * The OpenSearch cluster of OPENSEARCH_URL, through its REST API. Basic auth (OPENSEARCH_USERNAME/PASSWORD) or
 * `Authorization: ApiKey` (OPENSEARCH_API_KEY). With OPENSEARCH_TLS_VERIFY=false on an https:// URL, requests go
 * through node:https with certificate checks off (Node's fetch cannot turn them off without the undici package,
 * which Stepwise does not ship); otherwise through fetch.
 */
export class OpenSearchClient {
  private readonly logger = new Logger('OpenSearchClient');

  constructor(private readonly config: AppConfig) {}

  /**
   * One REST call. A 2xx (or an `accept`ed status) answer is returned; any other answer raises a StepError that
   * keeps the cluster's own reason and status (FF keeps the message of OpenSearch status exceptions); a call that
   * gets no answer raises `failure` with INTERNAL_SERVER_ERROR. An aborted signal (node timeout, worker stop)
   * rethrows the signal's reason.
   */
  async call(method: string, path: string, opts: CallOptions): Promise<ClusterResponse> {
    const base = this.config.opensearchUrl;
    if (!base) {
      throw new StepError('OPENSEARCH_URL is not set: the OpenSearch step pack has no cluster to call', 'FlowFrameworkException', 'INTERNAL_SERVER_ERROR');
    }
    const url = new URL(base.replace(/\/$/, '') + path);
    for (const [k, v] of Object.entries(opts.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    const headers: Record<string, string> = { accept: 'application/json', ...this.authHeader() };
    let body: string | undefined;
    if (opts.body !== undefined) {
      body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
      headers['content-type'] = 'application/json';
    }
    let res: { status: number; text: string };
    try {
      res = await this.send(method, url, headers, body, opts.signal);
    } catch (err) {
      if (opts.signal.aborted) throw opts.signal.reason;
      this.logger.warn({ method, url: url.pathname, err: String((err as Error)?.cause ?? err) }, 'OpenSearch call failed');
      throw new StepError(opts.failure, 'WorkflowStepException', 'INTERNAL_SERVER_ERROR');
    }
    let json: any;
    try {
      json = res.text ? JSON.parse(res.text) : undefined;
    } catch {
      json = undefined;
    }
    const out = { status: res.status, json, text: res.text };
    if ((res.status >= 200 && res.status < 300) || opts.accept?.includes(res.status)) return out;
    throw clusterError(out, opts.failure);
  }

  /**
   * Polls an ML Commons task until it ends, bounded by `signal` (the node timeout). COMPLETED → the task;
   * FAILED / COMPLETED_WITH_ERROR → 400 "<label> failed with error : <error>"; CANCELLED → 408 "<label> task was
   * cancelled." (Flow Framework's AbstractRetryableWorkflowStep).
   */
  async waitForTask(taskId: string, label: string, signal: AbortSignal): Promise<MLTask> {
    for (;;) {
      let task: MLTask;
      try {
        task = (await this.call('GET', `/_plugins/_ml/tasks/${encodeURIComponent(taskId)}`, { signal, failure: `${label} failed` })).json ?? {};
      } catch (err) {
        if (signal.aborted) throw signal.reason;
        throw new StepError(`${label} failed with error : ${(err as Error).message}`, 'FlowFrameworkException', 'BAD_REQUEST');
      }
      switch (task.state) {
        case 'COMPLETED':
          return task;
        case 'FAILED':
        case 'COMPLETED_WITH_ERROR':
          throw new StepError(`${label} failed with error : ${task.error ?? null}`, 'FlowFrameworkException', 'BAD_REQUEST');
        case 'CANCELLED':
          throw new StepError(`${label} task was cancelled.`, 'FlowFrameworkException', 'REQUEST_TIMEOUT');
        default:
          await abortableDelay(TASK_POLL_INTERVAL_MS, signal); // CREATED, RUNNING: ask again
      }
    }
  }

  private authHeader(): Record<string, string> {
    const { opensearchApiKey: apiKey, opensearchUsername: user, opensearchPassword: password } = this.config;
    if (apiKey) return { authorization: `ApiKey ${apiKey}` };
    if (user) return { authorization: `Basic ${Buffer.from(`${user}:${password ?? ''}`).toString('base64')}` };
    return {};
  }

  private async send(method: string, url: URL, headers: Record<string, string>, body: string | undefined, signal: AbortSignal) {
    if (url.protocol === 'https:' && !this.config.opensearchTlsVerify) return insecureHttps(method, url, headers, body, signal);
    const res = await fetch(url, { method, headers, body, signal });
    return { status: res.status, text: await res.text() };
  }
}

/** An https request that accepts any certificate (OPENSEARCH_TLS_VERIFY=false). */
function insecureHttps(method: string, url: URL, headers: Record<string, string>, body: string | undefined, signal: AbortSignal) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = httpsRequest(url, { method, headers, rejectUnauthorized: false, signal }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * The StepError for an error answer. OpenSearch answers `{"error":{"type","reason",…},"status":N}` (or, for some
 * ML Commons errors, `{"error":"<message>"}`); the reason is kept, as FF keeps the message of status exceptions.
 */
export function clusterError(res: ClusterResponse, fallback: string): StepError {
  return new StepError(reasonOf(res) ?? fallback, 'WorkflowStepException', restStatusName(res.status));
}

export function reasonOf(res: ClusterResponse): string | undefined {
  const error = res.json?.error;
  if (typeof error === 'string') return error;
  if (error && typeof error === 'object') {
    const reason = error.reason ?? error.root_cause?.[0]?.reason;
    if (typeof reason === 'string') return reason;
  }
  if (typeof res.json?.message === 'string') return res.json.message;
  return res.text ? res.text.slice(0, 500) : undefined;
}

/** `/path/<id>` with the id encoded. */
export const enc = (id: string) => encodeURIComponent(id);
