/**
 * TEST DOUBLE of an OpenSearch cluster with ML Commons — NOT OpenSearch.
 *
 * A small in-memory HTTP server that answers exactly the REST calls Stepwise's OpenSearch step pack makes, the way
 * OpenSearch 3.x / ML Commons answer them (status codes, id fields, task states, error shapes and the refusals
 * that matter for deprovision ordering). It stores nothing on disk, searches nothing, runs no model and checks no
 * permission beyond an optional fixed Authorization header. Use it in tests, or through `tools/opensearch-sandbox.ts`
 * to try Stepwise's Flow Framework templates without a cluster.
 *
 * What it covers:
 * - ML Commons: connectors (create, get, delete — 409 while a model uses the connector), models (register remote or
 *   local, `?deploy=true`, deploy, undeploy, get, delete — 400 while deployed), tasks (CREATED → RUNNING →
 *   COMPLETED after `taskPolls` reads, or an end chosen with `nextTaskOutcomes`), model groups, agents.
 * - Indexes (create, get, settings get/update, delete, documents), ingest and search pipelines (put, get, delete),
 *   `_reindex`.
 * - 404 for anything missing; OpenSearch's error shape `{"error":{"root_cause":[…],"type","reason"},"status"}`.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

type Json = Record<string, any>;

export type ModelState = 'REGISTERING' | 'REGISTERED' | 'DEPLOYING' | 'DEPLOYED' | 'UNDEPLOYED' | 'UNDEPLOYING';

export interface DoubleModel {
  model_id: string;
  name: string;
  function_name: string;
  connector_id?: string;
  model_group_id?: string;
  model_state: ModelState;
  /** The register request as received. */
  request: Json;
}

export interface DoubleTask {
  task_id: string;
  task_type: 'REGISTER_MODEL' | 'DEPLOY_MODEL';
  model_id: string;
  state: 'CREATED' | 'RUNNING' | 'COMPLETED' | 'FAILED' | 'CANCELLED' | 'COMPLETED_WITH_ERROR';
  error?: string;
  /** Reads left before the task ends. */
  pollsLeft: number;
  /** What happens when it ends. */
  outcome: TaskOutcome;
  /** For a register task: deploy the model once registered. */
  deploy?: boolean;
}

export interface TaskOutcome {
  /** RUNNING: the task never ends. */
  state: 'COMPLETED' | 'FAILED' | 'CANCELLED' | 'COMPLETED_WITH_ERROR' | 'RUNNING';
  error?: string;
}

export interface DoubleIndex {
  /** Flat settings (`index.number_of_shards`: "1"), as strings, as `flat_settings=true` shows them. */
  settings: Record<string, string>;
  mappings: Json;
  aliases: Json;
  docs: Json[];
  uuid: string;
}

interface Reply {
  status: number;
  json: unknown;
}

const ML = '/_plugins/_ml';

/** OpenSearch's error body. */
export function osError(status: number, type: string, reason: string): Reply {
  return { status, json: { error: { root_cause: [{ type, reason }], type, reason }, status } };
}

/** An ML Commons-like id: 20 url-safe characters. */
const newId = () => randomBytes(15).toString('base64url');

/** The TEST DOUBLE of an OpenSearch cluster (see the file comment). Not OpenSearch. */
export class OpenSearchDouble {
  readonly connectors = new Map<string, Json & { connector_id: string }>();
  readonly models = new Map<string, DoubleModel>();
  readonly tasks = new Map<string, DoubleTask>();
  readonly modelGroups = new Map<string, Json & { model_group_id: string }>();
  readonly agents = new Map<string, Json & { agent_id: string }>();
  readonly indexes = new Map<string, DoubleIndex>();
  readonly ingestPipelines = new Map<string, Json>();
  readonly searchPipelines = new Map<string, Json>();
  /** Every request received, in order (bodies parsed when JSON). */
  readonly requests: { method: string; path: string; query: Record<string, string>; headers: IncomingMessage['headers']; body: unknown }[] = [];

  /** Task reads that answer RUNNING before the task ends (1: the second read sees it end). */
  taskPolls = 1;
  /** How the next tasks end (shifted once per task), e.g. `{ state: 'FAILED', error: 'no space' }`. */
  readonly nextTaskOutcomes: TaskOutcome[] = [];
  /**
   * Undeploy finishes asynchronously, as ML Commons' model index update can lag behind its answer: after an
   * undeploy, this many delete attempts on the model are still refused as "deployed" (0: none).
   */
  undeployLag = 0;
  /** When set, every request must carry exactly this Authorization header (else 401). */
  requiredAuthorization?: string;

  private server?: Server;
  private readonly lagging = new Map<string, number>();

  get url(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  /** Listens on `port` (0: a free one) of `host`. */
  async start(port = 0, host = '127.0.0.1'): Promise<this> {
    this.server = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        let reply: Reply;
        try {
          reply = this.handle(req, body);
        } catch (err) {
          reply = osError(500, 'exception', String(err));
        }
        res.writeHead(reply.status, { 'content-type': 'application/json; charset=UTF-8', 'x-test-double': 'opensearch-double (not OpenSearch)' });
        res.end(reply.json === undefined ? '' : JSON.stringify(reply.json));
      });
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, host, resolve);
    });
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  /** Forgets everything stored and every setting (between tests). */
  reset(): void {
    for (const m of [this.connectors, this.models, this.tasks, this.modelGroups, this.agents, this.indexes, this.ingestPipelines, this.searchPipelines, this.lagging]) m.clear();
    this.requests.length = 0;
    this.nextTaskOutcomes.length = 0;
    this.taskPolls = 1;
    this.undeployLag = 0;
    this.requiredAuthorization = undefined;
  }

  /** Number of resources of every kind the double holds (an empty cluster has only zeros). */
  counts(): Record<string, number> {
    return {
      connectors: this.connectors.size,
      models: this.models.size,
      model_groups: this.modelGroups.size,
      agents: this.agents.size,
      indexes: this.indexes.size,
      ingest_pipelines: this.ingestPipelines.size,
      search_pipelines: this.searchPipelines.size,
    };
  }

  // -------------------------------------------------------------------------------------------------------------

  private handle(req: IncomingMessage, raw: string): Reply {
    const url = new URL(req.url ?? '/', 'http://double');
    const method = req.method ?? 'GET';
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const query = Object.fromEntries(url.searchParams);
    let body: any;
    if (raw) {
      try {
        body = JSON.parse(raw);
      } catch (e) {
        this.requests.push({ method, path, query, headers: req.headers, body: raw });
        return osError(400, 'parse_exception', `Failed to parse content to map: ${(e as Error).message}`);
      }
    }
    this.requests.push({ method, path, query, headers: req.headers, body });
    if (this.requiredAuthorization !== undefined && req.headers.authorization !== this.requiredAuthorization) {
      return osError(401, 'security_exception', 'Authentication finally failed');
    }
    const seg = path.split('/').filter(Boolean).map(decodeURIComponent);

    if (path === '/' && method === 'GET') return this.info();
    if (path.startsWith(`${ML}/`)) return this.ml(method, seg.slice(2), query, body) ?? this.noHandler(method, path);
    if (seg[0] === '_ingest' && seg[1] === 'pipeline' && seg[2]) return this.pipeline(this.ingestPipelines, 'ingest', method, seg[2], body) ?? this.noHandler(method, path);
    if (seg[0] === '_search' && seg[1] === 'pipeline' && seg[2]) return this.pipeline(this.searchPipelines, 'search', method, seg[2], body) ?? this.noHandler(method, path);
    if (method === 'POST' && path === '/_reindex') return this.reindex(body);
    if (seg[0] && !seg[0].startsWith('_')) return this.index(method, seg, body) ?? this.noHandler(method, path);
    return this.noHandler(method, path);
  }

  private noHandler(method: string, path: string): Reply {
    return { status: 400, json: { error: `no handler found for uri [${path}] and method [${method}]` } };
  }

  private info(): Reply {
    return {
      status: 200,
      json: {
        name: 'opensearch-double',
        cluster_name: 'opensearch-double',
        version: { distribution: 'opensearch', number: '3.0.0' },
        tagline: 'This is a TEST DOUBLE of an OpenSearch cluster (Stepwise test support), not OpenSearch',
      },
    };
  }

  // ---- ML Commons ------------------------------------------------------------------------------------------------

  private ml(method: string, seg: string[], query: Record<string, string>, body: any): Reply | undefined {
    const [kind, id, action] = seg;
    if (kind === 'connectors') {
      if (method === 'POST' && id === '_create') return this.createConnector(body);
      if (!id || action) return undefined;
      const connector = this.connectors.get(id);
      if (method === 'GET') return connector ? { status: 200, json: withoutCredential(connector) } : osError(404, 'status_exception', 'Failed to find connector');
      if (method === 'DELETE') {
        if (!connector) return osError(404, 'status_exception', `Failed to find connector to delete with the provided connector id: ${id}`);
        const users = [...this.models.values()].filter((m) => m.connector_id === id).map((m) => m.model_id);
        if (users.length) {
          return osError(409, 'status_exception', `${users.length} models are still using this connector, please delete or update the models first: [${users.join(', ')}]`);
        }
        this.connectors.delete(id);
        return deleted('.plugins-ml-connector', id);
      }
      return undefined;
    }
    if (kind === 'models') {
      if (method === 'POST' && id === '_register') return this.registerModel(body, query.deploy === 'true');
      if (!id) return undefined;
      const model = this.models.get(id);
      if (!model) return osError(404, 'status_exception', 'Failed to find model');
      if (method === 'GET' && !action) return { status: 200, json: { model_id: model.model_id, name: model.name, function_name: model.function_name, model_state: this.visibleState(model), connector_id: model.connector_id } };
      if (method === 'POST' && action === '_deploy') return this.deploy(model);
      if (method === 'POST' && action === '_undeploy') return this.undeploy(model);
      if (method === 'DELETE' && !action) return this.deleteModel(model);
      return undefined;
    }
    if (kind === 'tasks' && method === 'GET' && id && !action) return this.readTask(id);
    if (kind === 'model_groups') {
      if (method === 'POST' && id === '_register') return this.registerModelGroup(body);
      if (method === 'DELETE' && id && !action) {
        if (!this.modelGroups.delete(id)) return osError(404, 'status_exception', 'Failed to find model group');
        return deleted('.plugins-ml-model-group', id);
      }
      return undefined;
    }
    if (kind === 'agents') {
      if (method === 'POST' && id === '_register') return this.registerAgent(body);
      if (!id || action) return undefined;
      const agent = this.agents.get(id);
      if (!agent) return osError(404, 'status_exception', 'Failed to find agent with the provided agent id: ' + id);
      if (method === 'GET') return { status: 200, json: agent };
      if (method === 'DELETE') {
        this.agents.delete(id);
        return deleted('.plugins-ml-agent', id);
      }
    }
    return undefined;
  }

  private createConnector(body: any): Reply {
    if (!body || typeof body !== 'object') return osError(400, 'illegal_argument_exception', 'Request body is empty');
    for (const field of ['name', 'protocol']) {
      if (typeof body[field] !== 'string' || !body[field]) return osError(400, 'illegal_argument_exception', `Connector ${field} is null`);
    }
    if (!['http', 'aws_sigv4'].includes(body.protocol)) return osError(400, 'illegal_argument_exception', `Unsupported connector protocol. Please use one of [aws_sigv4, http]`);
    const connector_id = newId();
    this.connectors.set(connector_id, { ...body, connector_id });
    return { status: 200, json: { connector_id } };
  }

  private registerModel(body: any, deploy: boolean): Reply {
    if (!body?.name) return osError(400, 'illegal_argument_exception', 'model name is null');
    const fn = String(body.function_name ?? 'TEXT_EMBEDDING').toUpperCase();
    if (body.model_group_id !== undefined && !this.modelGroups.has(body.model_group_id)) return osError(404, 'status_exception', 'Failed to find model group');
    const model_id = newId();
    if (fn === 'REMOTE') {
      if (!body.connector_id) return osError(400, 'illegal_argument_exception', 'The connector ID field is required for remote models');
      if (!this.connectors.has(body.connector_id)) return osError(404, 'status_exception', 'Failed to find connector');
      this.models.set(model_id, { model_id, name: body.name, function_name: fn, connector_id: body.connector_id, model_group_id: body.model_group_id, model_state: deploy ? 'DEPLOYED' : 'REGISTERED', request: body });
      const task_id = newId();
      this.tasks.set(task_id, { task_id, task_type: 'REGISTER_MODEL', model_id, state: 'COMPLETED', pollsLeft: 0, outcome: { state: 'COMPLETED' } });
      return { status: 200, json: { task_id, status: 'CREATED', model_id } };
    }
    for (const field of ['version', 'model_format']) {
      if (!body[field]) return osError(400, 'illegal_argument_exception', `${field} is null`);
    }
    this.models.set(model_id, { model_id, name: body.name, function_name: fn, model_group_id: body.model_group_id, model_state: 'REGISTERING', request: body });
    const task = this.newTask('REGISTER_MODEL', model_id);
    task.deploy = deploy;
    return { status: 200, json: { task_id: task.task_id, status: 'CREATED' } };
  }

  private newTask(type: DoubleTask['task_type'], modelId: string): DoubleTask {
    const task: DoubleTask = {
      task_id: newId(),
      task_type: type,
      model_id: modelId,
      state: 'CREATED',
      pollsLeft: this.taskPolls,
      outcome: this.nextTaskOutcomes.shift() ?? { state: 'COMPLETED' },
    };
    this.tasks.set(task.task_id, task);
    return task;
  }

  private readTask(id: string): Reply {
    const task = this.tasks.get(id);
    if (!task) return osError(404, 'status_exception', 'Failed to find task');
    if (['CREATED', 'RUNNING'].includes(task.state)) {
      if (task.pollsLeft > 0 || task.outcome.state === 'RUNNING') {
        task.pollsLeft = Math.max(0, task.pollsLeft - 1);
        task.state = 'RUNNING';
      } else this.finishTask(task);
    }
    const model = this.models.get(task.model_id);
    return {
      status: 200,
      json: {
        ...(task.state === 'COMPLETED' || task.task_type === 'DEPLOY_MODEL' ? { model_id: task.model_id } : {}),
        task_type: task.task_type,
        function_name: model?.function_name,
        state: task.state,
        worker_node: ['double-node-1'],
        create_time: Date.now(),
        last_update_time: Date.now(),
        is_async: true,
        ...(task.error ? { error: task.error } : {}),
      },
    };
  }

  private finishTask(task: DoubleTask): void {
    task.state = task.outcome.state as DoubleTask['state'];
    task.error = task.outcome.error;
    const model = this.models.get(task.model_id);
    if (!model) return;
    const ok = task.state === 'COMPLETED';
    if (task.task_type === 'REGISTER_MODEL') {
      if (!ok) this.models.delete(model.model_id);
      else model.model_state = task.deploy ? 'DEPLOYED' : 'REGISTERED';
    } else {
      model.model_state = ok ? 'DEPLOYED' : 'REGISTERED';
    }
  }

  private deploy(model: DoubleModel): Reply {
    if (model.model_state === 'REGISTERING') return osError(400, 'illegal_argument_exception', 'Model is not registered yet');
    if (model.function_name === 'REMOTE') {
      // Remote models deploy at once; the task is already complete.
      model.model_state = 'DEPLOYED';
      const task_id = newId();
      this.tasks.set(task_id, { task_id, task_type: 'DEPLOY_MODEL', model_id: model.model_id, state: 'COMPLETED', pollsLeft: 0, outcome: { state: 'COMPLETED' } });
      return { status: 200, json: { task_id, task_type: 'DEPLOY_MODEL', status: 'COMPLETED' } };
    }
    model.model_state = 'DEPLOYING';
    const task = this.newTask('DEPLOY_MODEL', model.model_id);
    return { status: 200, json: { task_id: task.task_id, task_type: 'DEPLOY_MODEL', status: 'CREATED' } };
  }

  private undeploy(model: DoubleModel): Reply {
    model.model_state = 'UNDEPLOYED';
    if (this.undeployLag > 0) this.lagging.set(model.model_id, this.undeployLag);
    return { status: 200, json: { 'double-node-1': { stats: { [model.model_id]: 'UNDEPLOYED' } } } };
  }

  /** The state reads show: UNDEPLOYING while an undeploy is still lagging. */
  private visibleState(model: DoubleModel): ModelState {
    return this.lagging.has(model.model_id) ? 'UNDEPLOYING' : model.model_state;
  }

  private deleteModel(model: DoubleModel): Reply {
    const lag = this.lagging.get(model.model_id);
    if (lag !== undefined) {
      if (lag <= 1) this.lagging.delete(model.model_id);
      else this.lagging.set(model.model_id, lag - 1);
    }
    if (lag !== undefined || ['DEPLOYED', 'DEPLOYING'].includes(model.model_state)) {
      return osError(400, 'illegal_argument_exception', 'Model cannot be deleted in deploying or deployed state. Try undeploy model first then delete');
    }
    this.models.delete(model.model_id);
    return deleted('.plugins-ml-model', model.model_id);
  }

  private registerModelGroup(body: any): Reply {
    if (!body?.name) return osError(400, 'illegal_argument_exception', 'model group name is null');
    const taken = [...this.modelGroups.values()].find((g) => g.name === body.name);
    if (taken) return osError(400, 'illegal_argument_exception', `The name you provided is already being used by a model group with ID: ${taken.model_group_id}.`);
    const model_group_id = newId();
    this.modelGroups.set(model_group_id, { ...body, model_group_id });
    return { status: 200, json: { model_group_id, status: 'CREATED' } };
  }

  private registerAgent(body: any): Reply {
    if (!body?.name) return osError(400, 'illegal_argument_exception', 'agent name is null');
    const types = ['flow', 'conversational', 'conversational_flow', 'plan_execute_and_reflect'];
    if (!types.includes(String(body.type).toLowerCase())) return osError(400, 'illegal_argument_exception', `${body.type} is not a valid Agent Type`);
    for (const tool of body.tools ?? []) {
      if (!tool?.type) return osError(400, 'illegal_argument_exception', 'tool type is null');
    }
    const agent_id = newId();
    this.agents.set(agent_id, { ...body, agent_id });
    return { status: 200, json: { agent_id } };
  }

  // ---- indexes, pipelines, reindex -------------------------------------------------------------------------------

  private index(method: string, seg: string[], body: any): Reply | undefined {
    const [name, action, docId] = seg;
    const index = this.indexes.get(name);
    const missing = () => osError(404, 'index_not_found_exception', `no such index [${name}]`);
    if (!action) {
      if (method === 'PUT') return this.createIndex(name, body);
      if (method === 'GET') return index ? { status: 200, json: { [name]: { aliases: index.aliases, mappings: index.mappings, settings: index.settings } } } : missing();
      if (method === 'HEAD') return { status: index ? 200 : 404, json: undefined };
      if (method === 'DELETE') {
        if (!index) return missing();
        this.indexes.delete(name);
        return { status: 200, json: { acknowledged: true } };
      }
      return undefined;
    }
    if (action === '_settings') {
      if (!index) return missing();
      if (method === 'GET') return { status: 200, json: { [name]: { settings: { ...index.settings }, defaults: { 'index.refresh_interval': '1s', 'index.knn': 'false' } } } };
      if (method === 'PUT') {
        const source = body?.settings ?? body ?? {};
        const flat = flatSettings(source);
        for (const key of ['index.number_of_shards']) {
          if (key in flat) return osError(400, 'illegal_argument_exception', `Can't update non dynamic settings [[${key}]] for open indices [[${name}/${index.uuid}]]`);
        }
        Object.assign(index.settings, flat);
        return { status: 200, json: { acknowledged: true } };
      }
      return undefined;
    }
    if (action === '_doc' && (method === 'POST' || method === 'PUT')) {
      const target = index ?? this.newIndex(name, {});
      const id = docId ?? newId();
      target.docs = target.docs.filter((d) => d._id !== id);
      target.docs.push({ _id: id, _source: body ?? {} });
      return { status: 201, json: { _index: name, _id: id, result: 'created' } };
    }
    return undefined;
  }

  private createIndex(name: string, body: any): Reply {
    if (name !== name.toLowerCase() || /[\\/*?"<>| ,#:]/.test(name)) {
      return osError(400, 'invalid_index_name_exception', `Invalid index name [${name}], must be lowercase`);
    }
    const existing = this.indexes.get(name);
    if (existing) return osError(400, 'resource_already_exists_exception', `index [${name}/${existing.uuid}] already exists`);
    const mappings = body?.mappings ?? {};
    const typed = Object.keys(mappings).length === 1 && '_doc' in mappings;
    if (typed) return osError(400, 'mapper_parsing_exception', 'Root mapping definition has unsupported parameters:  [_doc : {}]');
    this.newIndex(name, body ?? {});
    return { status: 200, json: { acknowledged: true, shards_acknowledged: true, index: name } };
  }

  private newIndex(name: string, body: Json): DoubleIndex {
    const index: DoubleIndex = {
      settings: { 'index.number_of_shards': '1', 'index.number_of_replicas': '1', ...flatSettings(body.settings ?? {}) },
      mappings: body.mappings ?? {},
      aliases: body.aliases ?? {},
      docs: [],
      uuid: randomUUID().replace(/-/g, '').slice(0, 22),
    };
    this.indexes.set(name, index);
    return index;
  }

  private pipeline(store: Map<string, Json>, kind: 'ingest' | 'search', method: string, id: string, body: any): Reply | undefined {
    if (method === 'PUT') {
      if (!body || typeof body !== 'object') return osError(400, 'parse_exception', 'request body is required');
      if (kind === 'ingest' && !Array.isArray(body.processors)) return osError(400, 'parse_exception', '[processors] required property is missing');
      store.set(id, body);
      return { status: 200, json: { acknowledged: true } };
    }
    if (method === 'GET') return store.has(id) ? { status: 200, json: { [id]: store.get(id) } } : { status: 404, json: {} };
    if (method === 'DELETE') {
      if (!store.delete(id)) return osError(404, 'resource_not_found_exception', `pipeline [${id}] is missing`);
      return { status: 200, json: { acknowledged: true } };
    }
    return undefined;
  }

  private reindex(body: any): Reply {
    const sources: string[] = [body?.source?.index ?? []].flat();
    const dest: string | undefined = body?.dest?.index;
    if (!sources.length || !dest) return osError(400, 'action_request_validation_exception', 'Validation Failed: 1: use _all if you really want to copy from all existing indexes;');
    for (const s of sources) if (!this.indexes.has(s)) return osError(404, 'index_not_found_exception', `no such index [${s}]`);
    const target = this.indexes.get(dest) ?? this.newIndex(dest, {});
    let docs = sources.flatMap((s) => this.indexes.get(s)!.docs);
    if (typeof body.max_docs === 'number') docs = docs.slice(0, body.max_docs);
    let created = 0;
    let updated = 0;
    for (const doc of docs) {
      const had = target.docs.some((d) => d._id === doc._id);
      target.docs = target.docs.filter((d) => d._id !== doc._id);
      target.docs.push(structuredClone(doc));
      if (had) updated++;
      else created++;
    }
    return {
      status: 200,
      json: { took: 1, timed_out: false, total: docs.length, updated, created, deleted: 0, batches: 1, version_conflicts: 0, noops: 0, retries: { bulk: 0, search: 0 }, failures: [] },
    };
  }
}

function deleted(index: string, id: string): Reply {
  return { status: 200, json: { _index: index, _id: id, _version: 2, result: 'deleted', _shards: { total: 1, successful: 1, failed: 0 }, _seq_no: 1, _primary_term: 1 } };
}

function withoutCredential(connector: Json): Json {
  const { credential: _hidden, ...rest } = connector;
  return rest;
}

/** Index settings as `flat_settings=true` shows them: dotted keys with `index.` prefix, string values. */
export function flatSettings(settings: Json): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (prefix: string, value: Json) => {
    for (const [k, v] of Object.entries(value)) {
      const key = prefix ? `${prefix}.${k}` : k;
      if (v && typeof v === 'object' && !Array.isArray(v)) walk(key, v);
      else out[key.startsWith('index.') ? key : `index.${key}`] = Array.isArray(v) ? JSON.stringify(v) : String(v);
    }
  };
  walk('', settings);
  return out;
}
