/**
 * The OpenSearch step pack (Flow Framework's step types) end to end: the real api and worker in process, a real
 * PostgreSQL, and the OpenSearch TEST DOUBLE (test/support/opensearch-double.ts) as the cluster.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OpenSearchDouble } from '../support/opensearch-double';
import { call, startTestApp, TestApp, settledStatus } from '../support/test-app';

const WF = '/_plugins/_flow_framework/workflow';
const SAMPLES = join(__dirname, '../../../shared/fixtures/flow-framework/sample-templates');

interface Entry {
  workflow_step_name: string;
  workflow_step_id: string;
  resource_type: string;
  resource_id: string;
}
interface FfNode {
  id: string;
  type: string;
  previous_node_inputs?: Record<string, string>;
  user_inputs?: Record<string, any>;
}

/** `_steps` of Flow Framework 3.8 (WorkflowStepFactory.WorkflowSteps), without the denylisted delete_* types. */
const ML = ['opensearch-ml'];
const FF_STEPS: Record<string, { inputs: string[]; outputs: string[]; required_plugins: string[]; timeout?: string }> = {
  noop: { inputs: [], outputs: [], required_plugins: [] },
  create_index: { inputs: ['index_name', 'configurations'], outputs: ['index_name'], required_plugins: [] },
  reindex: { inputs: ['source_index', 'destination_index'], outputs: ['reindex'], required_plugins: [] },
  create_connector: {
    inputs: ['name', 'description', 'version', 'protocol', 'parameters', 'credential', 'actions'],
    outputs: ['connector_id'],
    required_plugins: ML,
    timeout: '1m',
  },
  register_local_custom_model: {
    inputs: ['name', 'version', 'model_format', 'function_name', 'model_content_hash_value', 'url', 'model_type', 'embedding_dimension', 'framework_type'],
    outputs: ['model_id', 'register_model_status'],
    required_plugins: ML,
    timeout: '1m',
  },
  register_local_sparse_encoding_model: {
    inputs: ['name', 'version', 'model_format'],
    outputs: ['model_id', 'register_model_status', 'function_name', 'model_content_hash_value', 'url'],
    required_plugins: ML,
    timeout: '1m',
  },
  register_local_pretrained_model: { inputs: ['name', 'version', 'model_format'], outputs: ['model_id', 'register_model_status'], required_plugins: ML, timeout: '1m' },
  register_remote_model: { inputs: ['name', 'connector_id'], outputs: ['model_id', 'register_model_status'], required_plugins: ML },
  register_model_group: { inputs: ['name'], outputs: ['model_group_id', 'model_group_status'], required_plugins: ML },
  deploy_model: { inputs: ['model_id'], outputs: ['model_id'], required_plugins: ML, timeout: '15s' },
  undeploy_model: { inputs: ['model_id'], outputs: ['success'], required_plugins: ML },
  delete_model: { inputs: ['model_id'], outputs: ['model_id'], required_plugins: ML },
  delete_connector: { inputs: ['connector_id'], outputs: ['connector_id'], required_plugins: ML },
  register_agent: { inputs: ['name', 'type'], outputs: ['agent_id'], required_plugins: ML },
  delete_agent: { inputs: ['agent_id'], outputs: ['agent_id'], required_plugins: ML },
  create_tool: { inputs: ['type'], outputs: ['tools'], required_plugins: ML },
  create_ingest_pipeline: { inputs: ['pipeline_id', 'configurations'], outputs: ['pipeline_id'], required_plugins: [] },
  create_search_pipeline: { inputs: ['pipeline_id', 'configurations'], outputs: ['pipeline_id'], required_plugins: [] },
  update_ingest_pipeline: { inputs: ['pipeline_id', 'configurations'], outputs: ['pipeline_id'], required_plugins: [] },
  update_search_pipeline: { inputs: ['pipeline_id', 'configurations'], outputs: ['pipeline_id'], required_plugins: [] },
  update_index: { inputs: ['index_name', 'configurations'], outputs: ['index_name'], required_plugins: [] },
};

/** FF builds these lists from Java Sets: their order is not part of the contract. */
const unordered = (entry: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(entry).map(([k, v]) => [k, Array.isArray(v) ? [...v].sort() : v]));

/**
 * The resources Flow Framework records for a node (§3): its resource type; a register_* with `deploy: true` adds a
 * second `deploy_model` entry for the same model.
 */
function expectedEntries(node: FfNode): Omit<Entry, 'resource_id'>[] {
  const type = { create_connector: 'connector_id', deploy_model: 'model_id', register_agent: 'agent_id' }[node.type] ?? (node.type.startsWith('register_') && node.type.endsWith('_model') ? 'model_id' : undefined);
  if (!type) return [];
  const entries = [{ workflow_step_name: node.type, workflow_step_id: node.id, resource_type: type }];
  if (type === 'model_id' && node.type !== 'deploy_model' && String(node.user_inputs?.deploy) === 'true') {
    entries.push({ workflow_step_name: 'deploy_model', workflow_step_id: node.id, resource_type: 'model_id' });
  }
  return entries;
}

const byKey = (a: Omit<Entry, 'resource_id'>, b: Omit<Entry, 'resource_id'>) =>
  `${a.workflow_step_id}/${a.workflow_step_name}`.localeCompare(`${b.workflow_step_id}/${b.workflow_step_name}`);

describe('OpenSearch step pack (api + worker in process, real PostgreSQL, OpenSearch test double)', () => {
  let app: TestApp;
  let double: OpenSearchDouble;

  beforeAll(async () => {
    double = await new OpenSearchDouble().start();
    app = await startTestApp({ worker: true, config: { opensearchUrl: double.url, deprovisionWaitMs: 30_000 } });
  });
  afterAll(async () => {
    await app?.close();
    await double?.stop();
  });
  afterEach(() => double.reset());

  const status = async (id: string) => (await call(app.url, 'GET', `${WF}/${id}/_status?all=true`)).body;
  const settled = (id: string) => settledStatus(app.url, id);
  const create = async (body: string | object, contentType = 'application/json', query = '') => {
    const res = await call(app.url, 'POST', `${WF}${query}`, body, { 'content-type': contentType });
    expect(res).toMatchObject({ status: 201, body: { workflow_id: expect.any(String) } });
    return res.body.workflow_id as string;
  };
  const provision = async (id: string, params?: Record<string, string>) => {
    const res = await call(app.url, 'POST', `${WF}/${id}/_provision`, params);
    expect(res).toMatchObject({ status: 202, body: { workflow_id: id } });
    return settled(id);
  };
  const lastRun = async (id: string, kind: string) => {
    const runs = (await call(app.url, 'GET', `${WF}/${id}/executions`)).body.executions;
    const run = runs.find((e: { kind: string }) => e.kind === kind);
    return (await call(app.url, 'GET', `${WF}/${id}/executions/${run.generation}`)).body;
  };
  const empty = { connectors: 0, models: 0, agents: 0, indexes: 0, ingest_pipelines: 0, search_pipelines: 0 };
  const held = () => {
    const { model_groups: _kept, ...rest } = double.counts();
    return rest;
  };

  describe('_steps', () => {
    it('lists every Flow Framework step type with its inputs, outputs, required plugins and timeout', async () => {
      const res = await call(app.url, 'GET', `${WF}/_steps`);
      expect(res.status).toBe(200);
      for (const [type, expected] of Object.entries(FF_STEPS)) {
        expect({ type, entry: unordered(res.body[type] ?? {}) }).toEqual({ type, entry: unordered(expected) });
      }
      for (const denied of ['delete_index', 'delete_ingest_pipeline', 'delete_search_pipeline']) expect(res.body).not.toHaveProperty(denied);
    });

    it('the denylisted delete_* types are refused in templates (403)', async () => {
      const res = await call(app.url, 'POST', WF, {
        name: 'denied',
        workflows: { provision: { nodes: [{ id: 'drop', type: 'delete_index', user_inputs: { index_name: 'x' } }] } },
      });
      expect(res).toEqual(expect.objectContaining({ status: 403, body: { error: 'The step type [delete_index] for node [drop] can not be used in a workflow.' } }));
    });

    it('filters by workflow_step', async () => {
      const res = await call(app.url, 'GET', `${WF}/_steps?workflow_step=deploy_model,create_tool`);
      expect(res).toMatchObject({ status: 200 });
      expect(Object.keys(res.body).sort()).toEqual(['create_tool', 'deploy_model']);
    });
  });

  describe('Flow Framework sample templates provision against the double and deprovision back to NOT_STARTED', () => {
    const names = readdirSync(SAMPLES)
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.replace(/\.json$/, ''))
      .sort();
    const cases = names.flatMap((name) => [
      [name, 'json'],
      [name, 'yml'],
    ]);

    it('finds the twelve samples', () => expect(names).toHaveLength(12));

    it.each(cases)('%s (%s)', async (name, format) => {
      let text = readFileSync(join(SAMPLES, `${name}.${format}`), 'utf8');
      // The published YAML twin names a node that does not exist (FF refuses it too: "Edge source … does not
      // correspond to a node."); it is brought to its JSON twin's intent.
      if (name === 'query-assist-data-summary-agent-claude-tested' && format === 'yml') {
        text = text.replace('create_alert_summary_ml_model_tool: tools', 'create_query_assist_data_summary_ml_model_tool: tools');
      }
      const nodes: FfNode[] = JSON.parse(readFileSync(join(SAMPLES, `${name}.json`), 'utf8')).workflows.provision.nodes;
      const id = await create(text, format === 'json' ? 'application/json' : 'application/yaml');

      const done = await provision(id);
      expect({ state: done.state, error: done.error }).toEqual({ state: 'COMPLETED', error: undefined });
      const entries: Entry[] = done.resources_created;

      // What FF records, node by node…
      const projected = entries.map(({ resource_id: _id, ...rest }) => rest).sort(byKey);
      expect(projected).toEqual(nodes.flatMap(expectedEntries).sort(byKey));
      // …in an order where every node's resources follow those of its predecessors, a deploy entry right after its
      // register entry.
      const position = (nodeId: string) => entries.findIndex((e) => e.workflow_step_id === nodeId);
      for (const node of nodes) {
        for (const predecessor of Object.keys(node.previous_node_inputs ?? {})) {
          if (position(predecessor) >= 0 && position(node.id) >= 0) expect(position(predecessor)).toBeLessThan(position(node.id));
        }
      }
      entries.forEach((e, i) => {
        const type = nodes.find((n) => n.id === e.workflow_step_id)!.type;
        if (e.workflow_step_name === 'deploy_model' && type !== 'deploy_model') expect(entries[i - 1]).toEqual({ ...e, workflow_step_name: type });
      });

      // The cluster holds what was recorded, deployed where FF deploys, and the agents are wired like FF wires them.
      const idOf = (nodeId: string, type: string) => entries.find((e) => e.workflow_step_id === nodeId && e.resource_type === type)?.resource_id;
      for (const e of entries) {
        const store = { connector_id: double.connectors, model_id: double.models, agent_id: double.agents }[e.resource_type]!;
        expect(store.has(e.resource_id)).toBe(true);
        if (e.workflow_step_name === 'deploy_model') expect(double.models.get(e.resource_id)!.model_state).toBe('DEPLOYED');
      }
      for (const node of nodes.filter((n) => n.type === 'register_agent')) {
        const agent = double.agents.get(idOf(node.id, 'agent_id')!)!;
        const pni = node.previous_node_inputs ?? {};
        const toolNodes = Object.keys(pni).filter((k) => pni[k] === 'tools').map((k) => nodes.find((n) => n.id === k)!);
        expect(agent.tools.map((t: { type: string }) => t.type).sort()).toEqual(toolNodes.map((t) => t.user_inputs!.type).sort());
        const order: string[] = node.user_inputs?.tools_order ?? [];
        expect(agent.tools.slice(0, order.length).map((t: { type: string }) => t.type)).toEqual(order.map((o) => nodes.find((n) => n.id === o)!.user_inputs!.type));
        for (const tool of agent.tools) {
          const source = toolNodes.find((t) => t.user_inputs!.name === tool.name && t.user_inputs!.type === tool.type)!;
          const from = Object.entries(source.previous_node_inputs ?? {}).find(([, key]) => key === 'model_id')?.[0];
          if (from) expect(tool.parameters.model_id).toBe(idOf(from, 'model_id'));
        }
        const llmFrom = Object.entries(pni).find(([, key]) => key === 'model_id')?.[0];
        if (llmFrom) expect(agent.llm).toEqual({ model_id: idOf(llmFrom, 'model_id'), parameters: {} });
      }
      // Connectors get their credential decrypted and their actions as written (request bodies stay text); local
      // models their model_config as a map again.
      for (const node of nodes.filter((n) => n.type === 'create_connector')) {
        const connector = double.connectors.get(idOf(node.id, 'connector_id')!)!;
        expect({ credential: connector.credential, actions: connector.actions }).toEqual({ credential: node.user_inputs!.credential, actions: node.user_inputs!.actions });
      }
      for (const node of nodes.filter((n) => n.type === 'register_local_custom_model')) {
        const config = node.user_inputs!.model_config;
        expect(double.models.get(idOf(node.id, 'model_id')!)!.request.model_config).toEqual({ ...config, embedding_dimension: Number(config.embedding_dimension) });
      }

      const teardown = await call(app.url, 'POST', `${WF}/${id}/_deprovision`);
      expect(teardown).toMatchObject({ status: 200, body: { workflow_id: id } });
      expect(await status(id)).toEqual({ workflow_id: id, state: 'NOT_STARTED', provisioning_progress: 'NOT_STARTED' });
      expect(held()).toEqual(empty);
    });
  });

  it('deprovision of connector → deployed model succeeds through retry passes (undeploy, delete model, delete connector)', async () => {
    const id = await create({
      name: 'retry passes',
      workflows: {
        provision: {
          nodes: [
            {
              id: 'connector',
              type: 'create_connector',
              user_inputs: {
                name: 'OpenAI',
                description: 'chat',
                version: '1',
                protocol: 'http',
                parameters: { endpoint: 'api.openai.com', model: 'gpt-4o' },
                credential: { openAI_key: '${{ openai_key }}' },
                actions: [{ action_type: 'predict', method: 'POST', url: 'https://${parameters.endpoint}/v1/chat/completions' }],
              },
            },
            { id: 'model', type: 'register_remote_model', previous_node_inputs: { connector: 'connector_id' }, user_inputs: { name: 'gpt', deploy: true } },
          ],
        },
      },
    });
    const done = await provision(id, { openai_key: 'sk-from-provision-params' });
    expect(done.state).toBe('COMPLETED');
    const [c, m] = [done.resources_created[0].resource_id, done.resources_created[1].resource_id];
    expect(done.resources_created).toEqual([
      { workflow_step_name: 'create_connector', workflow_step_id: 'connector', resource_type: 'connector_id', resource_id: c },
      { workflow_step_name: 'register_remote_model', workflow_step_id: 'model', resource_type: 'model_id', resource_id: m },
      { workflow_step_name: 'deploy_model', workflow_step_id: 'model', resource_type: 'model_id', resource_id: m },
    ]);
    expect(double.connectors.get(c)!.credential).toEqual({ openAI_key: 'sk-from-provision-params' });
    expect(double.models.get(m)!.model_state).toBe('DEPLOYED');

    // The undeploy is answered before the model index says so (as ML Commons can): the delete right after it is
    // refused, and so is the connector's while the model exists. The next pass deletes both.
    double.undeployLag = 1;
    const res = await call(app.url, 'POST', `${WF}/${id}/_deprovision`);
    expect(res).toMatchObject({ status: 200, body: { workflow_id: id } });
    expect(await status(id)).toEqual({ workflow_id: id, state: 'NOT_STARTED', provisioning_progress: 'NOT_STARTED' });
    expect(held()).toEqual(empty);

    const run = await lastRun(id, 'deprovision');
    expect(run.status).toBe('SUCCEEDED');
    const history = run.steps.map((s: { node_id: string; step_type: string; status: string; error: string | null }) => ({
      pass: Number(/^pass (\d+): /.exec(s.node_id)?.[1]),
      resource: /^pass \d+: (\S+ \S+)/.exec(s.node_id)?.[1],
      step: s.step_type,
      status: s.status,
      error: s.error,
    }));
    expect(history).toEqual([
      { pass: 1, resource: `model_id ${m}`, step: 'deploy_model', status: 'SUCCEEDED', error: null },
      {
        pass: 1,
        resource: `model_id ${m}`,
        step: 'register_remote_model',
        status: 'FAILED',
        error:
          'WorkflowStepException during step (deprovision_register_remote_model) model, Model cannot be deleted in deploying or deployed state. Try undeploy model first then delete, restStatus: BAD_REQUEST',
      },
      {
        pass: 1,
        resource: `connector_id ${c}`,
        step: 'create_connector',
        status: 'FAILED',
        error: `WorkflowStepException during step (deprovision_create_connector) connector, 1 models are still using this connector, please delete or update the models first: [${m}], restStatus: CONFLICT`,
      },
      { pass: 2, resource: `model_id ${m}`, step: 'register_remote_model', status: 'SUCCEEDED', error: null },
      { pass: 2, resource: `connector_id ${c}`, step: 'create_connector', status: 'SUCCEEDED', error: null },
    ]);
    // Each step run is named after its pass and resource.
    for (const s of run.steps) expect(s.node_id).toMatch(/^pass [12]: (model_id|connector_id) \S+/);
  });

  it('indexes and pipelines: reindex, reprovision updates settings, allow_delete guards the data', async () => {
    double.indexes.set('source-docs', { settings: {}, mappings: {}, aliases: {}, docs: [{ _id: '1', _source: { text: 'a' } }, { _id: '2', _source: { text: 'b' } }], uuid: 'src' });
    const template = (replicas: number, description = 'embed') => ({
      name: 'search stack',
      workflows: {
        provision: {
          nodes: [
            {
              id: 'ingest',
              type: 'create_ingest_pipeline',
              user_inputs: {
                pipeline_id: 'nlp-ingest',
                configurations: { description, processors: [{ text_embedding: { model_id: 'm1', field_map: { text: 'embedding' } } }] },
              },
            },
            {
              id: 'index',
              type: 'create_index',
              previous_node_inputs: { ingest: 'pipeline_id' },
              user_inputs: {
                index_name: 'nlp-index',
                configurations: { settings: { 'index.knn': true, default_pipeline: '${{ingest.pipeline_id}}', number_of_replicas: replicas }, mappings: { properties: { text: { type: 'text' } } } },
              },
            },
            {
              id: 'search',
              type: 'create_search_pipeline',
              user_inputs: { pipeline_id: 'nlp-search', configurations: { request_processors: [{ neural_query_enricher: { default_model_id: 'm1' } }] } },
            },
            { id: 'copy', type: 'reindex', previous_node_inputs: { index: 'index_name' }, user_inputs: { source_index: 'source-docs', destination_index: 'nlp-index', requests_per_second: -1 } },
          ],
        },
      },
    });
    const id = await create(template(1));
    const done = await provision(id);
    expect(done.state).toBe('COMPLETED');
    expect([...done.resources_created].sort((a: Entry, b: Entry) => a.workflow_step_id.localeCompare(b.workflow_step_id))).toEqual([
      { workflow_step_name: 'create_index', workflow_step_id: 'index', resource_type: 'index_name', resource_id: 'nlp-index' },
      { workflow_step_name: 'create_ingest_pipeline', workflow_step_id: 'ingest', resource_type: 'pipeline_id', resource_id: 'nlp-ingest' },
      { workflow_step_name: 'create_search_pipeline', workflow_step_id: 'search', resource_type: 'pipeline_id', resource_id: 'nlp-search' },
    ]);
    const index = double.indexes.get('nlp-index')!;
    expect(index.settings).toMatchObject({ 'index.knn': 'true', 'index.default_pipeline': 'nlp-ingest', 'index.number_of_replicas': '1' });
    expect(index.docs.map((d) => d._id).sort()).toEqual(['1', '2']);
    expect(double.ingestPipelines.get('nlp-ingest')).toEqual(template(1).workflows.provision.nodes[0].user_inputs.configurations);
    const reindex = double.requests.find((r) => r.path === '/_reindex')!;
    expect({ query: reindex.query, body: reindex.body }).toEqual({
      query: { requests_per_second: '-1' },
      body: { source: { index: ['source-docs'] }, dest: { index: 'nlp-index' } },
    });

    // Reprovision with more replicas and another pipeline description: create_index runs its update (only the
    // changed setting is sent), create_ingest_pipeline replaces the pipeline.
    const re = await call(app.url, 'PUT', `${WF}/${id}?reprovision=true`, template(2, 'embed v2'));
    expect(re.status).toBe(202);
    expect((await settled(id)).state).toBe('COMPLETED');
    expect(double.ingestPipelines.get('nlp-ingest')!.description).toBe('embed v2');
    expect(index.settings['index.number_of_replicas']).toBe('2');
    const update = double.requests.filter((r) => r.method === 'PUT' && r.path === '/nlp-index/_settings');
    expect(update.map((r) => r.body)).toEqual([{ 'index.number_of_replicas': 2 }]);

    // The index and pipelines hold data: only allow_delete lets deprovision remove them.
    const refused = await call(app.url, 'POST', `${WF}/${id}/_deprovision`);
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatch(/^These resources require the allow_delete parameter to deprovision: \[/);
    expect(double.indexes.has('nlp-index')).toBe(true);
    const allowed = await call(app.url, 'POST', `${WF}/${id}/_deprovision?allow_delete=nlp-index,nlp-ingest,nlp-search`);
    expect(allowed).toMatchObject({ status: 200, body: { workflow_id: id } });
    expect([double.indexes.has('nlp-index'), double.ingestPipelines.size, double.searchPipelines.size]).toEqual([false, 0, 0]);
  });

  it('local model: the register and deploy tasks are polled; a failed or cancelled task fails the node as FF does', async () => {
    const local = (deploy: Record<string, unknown> = {}) => ({
      name: 'local',
      workflows: {
        provision: {
          nodes: [
            { id: 'group', type: 'register_model_group', user_inputs: { name: `group-${Math.random()}` } },
            {
              id: 'register',
              type: 'register_local_pretrained_model',
              previous_node_inputs: { group: 'model_group_id' },
              user_inputs: { name: 'huggingface/sentence-transformers/all-MiniLM-L6-v2', version: '1.0.1', model_format: 'TORCH_SCRIPT' },
            },
            { id: 'deploy', type: 'deploy_model', previous_node_inputs: { register: 'model_id' }, user_inputs: deploy },
          ],
        },
      },
    });
    double.taskPolls = 2;
    const ok = await create(local());
    const done = await provision(ok);
    expect(done.state).toBe('COMPLETED');
    const model = done.resources_created.find((e: Entry) => e.workflow_step_id === 'register').resource_id;
    expect(double.models.get(model)).toMatchObject({ model_state: 'DEPLOYED', model_group_id: done.resources_created[0].resource_id });
    expect(double.requests.filter((r) => r.path.startsWith('/_plugins/_ml/tasks/')).length).toBe(6); // 2 tasks × (2 RUNNING + 1 end)
    expect((await call(app.url, 'POST', `${WF}/${ok}/_deprovision`)).status).toBe(200);
    expect(double.models.size).toBe(0);
    expect(double.modelGroups.size).toBe(1); // FF keeps model groups (deprovision is noop)

    double.taskPolls = 0;
    double.nextTaskOutcomes.push({ state: 'COMPLETED' }, { state: 'FAILED', error: 'out of memory' });
    const failed = await provision(await create(local()));
    expect(failed.state).toBe('FAILED');
    expect(failed.error).toBe('FlowFrameworkException during step deploy, Deploy model failed with error : out of memory, restStatus: BAD_REQUEST');

    double.nextTaskOutcomes.push({ state: 'CANCELLED' });
    const cancelled = await provision(await create(local()));
    expect(cancelled.error).toBe('FlowFrameworkException during step register, Local model registration task was cancelled., restStatus: REQUEST_TIMEOUT');

    // A task that never ends is bounded by the node timeout.
    double.nextTaskOutcomes.push({ state: 'COMPLETED' }, { state: 'RUNNING' });
    const stuck = await provision(await create(local({ node_timeout: '1s' })));
    expect(stuck.error).toMatch(/^TimeoutException during step deploy, .*restStatus: INTERNAL_SERVER_ERROR$/);
  });

  it('cluster errors keep their reason and status, an unreachable cluster gives FF\'s generic message; configured credentials are sent', async () => {
    const group = (name: string) => ({ name, workflows: { provision: { nodes: [{ id: 'group', type: 'register_model_group', user_inputs: { name } }] } } });
    expect((await provision(await create(group('taken')))).state).toBe('COMPLETED');
    const clash = await provision(await create(group('taken')));
    expect(clash.error).toBe(
      `WorkflowStepException during step group, The name you provided is already being used by a model group with ID: ${[...double.modelGroups.keys()][0]}., restStatus: BAD_REQUEST`,
    );

    const missing = await provision(
      await create({ name: 'no connector', workflows: { provision: { nodes: [{ id: 'model', type: 'register_remote_model', user_inputs: { name: 'x', connector_id: 'nope' } }] } } }),
    );
    expect(missing.error).toBe('WorkflowStepException during step model, Failed to find connector, restStatus: NOT_FOUND');

    const url = app.config.opensearchUrl;
    try {
      app.config.opensearchUrl = 'http://127.0.0.1:1'; // nothing listens there
      const unreachable = await provision(await create(group('unreachable')));
      expect(unreachable.error).toBe('WorkflowStepException during step group, Failed to register model group, restStatus: INTERNAL_SERVER_ERROR');
      app.config.opensearchUrl = url;

      app.config.opensearchUsername = 'admin';
      app.config.opensearchPassword = 's3cret';
      double.requiredAuthorization = `Basic ${Buffer.from('admin:s3cret').toString('base64')}`;
      expect((await provision(await create(group('basic')))).state).toBe('COMPLETED');
      app.config.opensearchApiKey = 'key-123';
      double.requiredAuthorization = 'ApiKey key-123';
      expect((await provision(await create(group('apikey')))).state).toBe('COMPLETED');
      double.requiredAuthorization = 'ApiKey other';
      const denied = await provision(await create(group('denied')));
      expect(denied.error).toBe('WorkflowStepException during step group, Authentication finally failed, restStatus: UNAUTHORIZED');
    } finally {
      app.config.opensearchUrl = url;
      app.config.opensearchUsername = app.config.opensearchPassword = app.config.opensearchApiKey = undefined;
    }
  });
});
