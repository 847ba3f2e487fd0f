/**
 * Flow Framework's `DefaultUseCases` enum: every name accepted by `?use_case=`, the defaults file and the
 * substitution-ready template it uses (resource paths, the keys of ./data/catalogue.ts), and the parameters the
 * request body must name. Names, files and required lists are FF's, including its oddities: one name is hyphenated,
 * and that use case requires `create_connector.credential.*` keys although its template reads
 * `create_bedrock_connector.credential.*` (so the required keys are checked and then ignored).
 */

const KEY = 'create_connector.credential.key';
const ACCESS_KEY = 'create_connector.credential.access_key';
const SECRET_KEY = 'create_connector.credential.secret_key';
const SESSION_TOKEN = 'create_connector.credential.session_token';
const INGEST_MODEL_ID = 'create_ingest_pipeline.model_id';
const REINDEX_SOURCE_INDEX = 'reindex.source_index';
const AWS_KEYS = [ACCESS_KEY, SECRET_KEY, SESSION_TOKEN] as const;

export interface DefaultUseCase {
  /** The `use_case` query parameter value. */
  readonly name: string;
  /** Key of USE_CASE_DEFAULTS (FF: `defaults/<file>`). */
  readonly defaultsFile: string;
  /** Key of USE_CASE_TEMPLATES (FF: `substitutionTemplates/<file>`). */
  readonly templateFile: string;
  /** Body keys that must be present, in FF's order (it prints the missing ones in this order). */
  readonly requiredParams: readonly string[];
}

const useCase = (name: string, defaults: string, template: string, requiredParams: readonly string[]): DefaultUseCase => ({
  name,
  defaultsFile: `defaults/${defaults}.json`,
  templateFile: `substitutionTemplates/${template}.json`,
  requiredParams,
});

/** In the enum's declaration order. */
export const DEFAULT_USE_CASES: readonly DefaultUseCase[] = [
  useCase('open_ai_embedding_model_deploy', 'openai-embedding-defaults', 'deploy-remote-model-template', [KEY]),
  useCase('cohere_embedding_model_deploy', 'cohere-embedding-defaults', 'deploy-remote-model-extra-params-template', [KEY]),
  useCase('bedrock_titan_embedding_model_deploy', 'bedrock-titan-embedding-defaults', 'deploy-remote-bedrock-model-template', AWS_KEYS),
  useCase('bedrock_titan_multimodal_model_deploy', 'bedrock-titan-multimodal-defaults', 'deploy-remote-bedrock-model-template', AWS_KEYS),
  useCase('cohere_chat_model_deploy', 'cohere-chat-defaults', 'deploy-remote-model-chat-template', [KEY]),
  useCase('openai_chat_model_deploy', 'openai-chat-defaults', 'deploy-remote-model-chat-template', [KEY]),
  useCase('local_neural_sparse_search_bi_encoder', 'local-sparse-search-biencoder-defaults', 'neural-sparse-local-biencoder-template', []),
  useCase('semantic_search', 'semantic-search-defaults', 'semantic-search-template', [INGEST_MODEL_ID]),
  useCase('multimodal_search', 'multi-modal-search-defaults', 'multi-modal-search-template', [INGEST_MODEL_ID]),
  useCase('multimodal_search_with_bedrock_titan', 'multimodal-search-bedrock-titan-defaults', 'multi-modal-search-with-bedrock-titan-template', AWS_KEYS),
  useCase('semantic_search_with_query_enricher', 'semantic-search-query-enricher-defaults', 'semantic-search-with-query-enricher-template', [INGEST_MODEL_ID]),
  useCase('semantic_search_with_cohere_embedding', 'cohere-embedding-semantic-search-defaults', 'semantic-search-with-model-template', [KEY]),
  useCase(
    'semantic_search_with_cohere_embedding_query_enricher',
    'cohere-embedding-semantic-search-with-query-enricher-defaults',
    'semantic-search-with-model-and-query-enricher-template',
    [KEY],
  ),
  useCase('hybrid_search', 'hybrid-search-defaults', 'hybrid-search-template', [INGEST_MODEL_ID]),
  useCase('conversational_search_with_llm_deploy', 'conversational-search-defaults', 'conversational-search-with-cohere-model-template', [KEY]),
  useCase('semantic_search_with_local_model', 'semantic-search-with-local-model-defaults', 'semantic-search-with-local-model-template', []),
  useCase('hybrid_search_with_local_model', 'hybrid-search-with-local-model-defaults', 'hybrid-search-with-local-model-template', []),
  useCase('semantic_search_with_reindex', 'semantic-search-with-reindex-defaults', 'semantic-search-with-reindex-template', [KEY, REINDEX_SOURCE_INDEX]),
  useCase('conversational-search-with-bedrock-rag-tool', 'conversational-search-rag-tool-defaults', 'conversational-search-with-bedrock-rag-tool-template', AWS_KEYS),
  useCase('agentic_search_with_flow_agent', 'agentic-search-with-flow-agent-defaults', 'agentic-search-with-flow-agent-template', AWS_KEYS),
  useCase(
    'agentic_search_with_conversational_agent',
    'agentic-search-with-conversational-agent-defaults',
    'agentic-search-with-conversational-agent-template',
    AWS_KEYS,
  ),
];

const BY_NAME = new Map(DEFAULT_USE_CASES.map((u) => [u.name, u]));

/** The use case of that exact name (case-sensitive, like FF), or undefined. */
export const findUseCase = (name: string): DefaultUseCase | undefined => BY_NAME.get(name);
