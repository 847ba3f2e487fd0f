/**
 * Flow Framework's default use cases (`?use_case=`), created with validation on, provisioned against the OpenSearch
 * TEST DOUBLE (test/support/opensearch-double.ts) and deprovisioned again: the OpenSearch step pack on the
 * templates FF itself ships (indexes, pipelines, reindex, local and remote models, tools, agents).
 */
import { OpenSearchDouble } from '../support/opensearch-double';
import { call, eventually, startTestApp, TestApp } from '../support/test-app';

const WF = '/_plugins/_flow_framework/workflow';

const KEY = { 'create_connector.credential.key': 'secret-key' };
const AWS = {
  'create_connector.credential.access_key': 'AKIA-test',
  'create_connector.credential.secret_key': 'secret-test',
  'create_connector.credential.session_token': 'token-test',
};
const MODEL = { 'create_ingest_pipeline.model_id': 'existing-model-id' };

/** Use case → its required parameters (FF's DefaultUseCases). */
const USE_CASES: [string, Record<string, string>][] = [
  ['open_ai_embedding_model_deploy', KEY],
  ['cohere_embedding_model_deploy', KEY],
  ['bedrock_titan_embedding_model_deploy', AWS],
  ['bedrock_titan_multimodal_model_deploy', AWS],
  ['cohere_chat_model_deploy', KEY],
  ['openai_chat_model_deploy', KEY],
  ['local_neural_sparse_search_bi_encoder', {}],
  ['semantic_search', MODEL],
  ['multimodal_search', MODEL],
  ['multimodal_search_with_bedrock_titan', AWS],
  ['semantic_search_with_query_enricher', MODEL],
  ['semantic_search_with_cohere_embedding', KEY],
  ['semantic_search_with_cohere_embedding_query_enricher', KEY],
  ['hybrid_search', MODEL],
  ['conversational_search_with_llm_deploy', KEY],
  ['semantic_search_with_local_model', {}],
  ['hybrid_search_with_local_model', {}],
  ['semantic_search_with_reindex', { ...KEY, 'reindex.source_index': 'legacy-docs' }],
  ['conversational-search-with-bedrock-rag-tool', AWS],
  ['agentic_search_with_flow_agent', AWS],
  ['agentic_search_with_conversational_agent', AWS],
];

/** Resource types that hold data (allow_delete needed). */
const PROTECTED = ['index_name', 'pipeline_id'];

describe('Flow Framework use cases against the OpenSearch test double (validation on)', () => {
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

  it.each(USE_CASES)('%s: provisions to COMPLETED and deprovisions (allow_delete) to NOT_STARTED', async (useCase, params) => {
    double.indexes.set('legacy-docs', { settings: {}, mappings: {}, aliases: {}, docs: [{ _id: 'a', _source: { passage_text: 'hello' } }], uuid: 'legacy' });
    const created = await call(app.url, 'POST', `${WF}?use_case=${encodeURIComponent(useCase)}`, params);
    expect(created).toMatchObject({ status: 201, body: { workflow_id: expect.any(String) } });
    const id = created.body.workflow_id;

    const started = await call(app.url, 'POST', `${WF}/${id}/_provision`);
    expect(started.status).toBe(202);
    const done = await eventually(async () => {
      const s = await status(id);
      return s.state !== 'PROVISIONING' && s;
    }, 30_000);
    expect({ state: done.state, error: done.error }).toEqual({ state: 'COMPLETED', error: undefined });

    const entries: { resource_type: string; resource_id: string }[] = done.resources_created;
    expect(entries.length).toBeGreaterThan(0);
    const stores: Record<string, Map<string, unknown>> = {
      connector_id: double.connectors,
      model_id: double.models,
      agent_id: double.agents,
      index_name: double.indexes,
      model_group_id: double.modelGroups,
    };
    for (const e of entries) {
      if (e.resource_type === 'pipeline_id') expect(double.ingestPipelines.has(e.resource_id) || double.searchPipelines.has(e.resource_id)).toBe(true);
      else expect(stores[e.resource_type].has(e.resource_id)).toBe(true);
    }
    if (useCase === 'semantic_search_with_reindex') {
      const target = entries.find((e) => e.resource_type === 'index_name')!.resource_id;
      expect(double.indexes.get(target)!.docs.map((d) => d._id)).toEqual(['a']);
    }

    const allow = entries.filter((e) => PROTECTED.includes(e.resource_type)).map((e) => e.resource_id);
    const query = allow.length ? `?allow_delete=${allow.map(encodeURIComponent).join(',')}` : '';
    const teardown = await call(app.url, 'POST', `${WF}/${id}/_deprovision${query}`);
    expect(teardown).toMatchObject({ status: 200, body: { workflow_id: id } });
    expect(await status(id)).toEqual({ workflow_id: id, state: 'NOT_STARTED', provisioning_progress: 'NOT_STARTED' });
    double.indexes.delete('legacy-docs');
    const { model_groups: _kept, ...left } = double.counts();
    expect(left).toEqual({ connectors: 0, models: 0, agents: 0, indexes: 0, ingest_pipelines: 0, search_pipelines: 0 });
  });
});
