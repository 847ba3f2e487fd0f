// GENERATED from the Flow Framework plugin resources (opensearch-project/flow-framework, commit
// 5ff55cd6892990712a053e8bd4784f411f707314, Apache-2.0): src/main/resources/defaults/*.json and
// src/main/resources/substitutionTemplates/*.json, keyed by their resource paths as DefaultUseCases names them.
// Do not edit by hand: catalogue.spec.ts checks every entry against the copies in ../shared/fixtures/flow-framework/.

/** Each use case's defaults: a flat map of "dotted.key": "value", in file order. */
export const USE_CASE_DEFAULTS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  "defaults/agentic-search-with-conversational-agent-defaults.json": {
    "template.name": "agentic_search_with_conversational_agent",
    "template.description": "Setting up agentic search with a conversational agent and Bedrock Claude",
    "create_connector.name": "Amazon Bedrock Connector: Claude 4 Sonnet",
    "create_connector.description": "Connector to Amazon Bedrock Claude model for conversational agentic search",
    "create_connector.protocol": "aws_sigv4",
    "create_connector.region": "us-west-2",
    "create_connector.model": "us.anthropic.claude-sonnet-4-20250514-v1:0",
    "create_connector.credential.access_key": "",
    "create_connector.credential.secret_key": "",
    "create_connector.credential.session_token": "",
    "create_connector.actions.url": "https://bedrock-runtime.${parameters.region}.amazonaws.com/model/${parameters.model}/converse",
    "create_connector.actions.request_body": "{ \"system\": [{\"text\": \"${parameters.system_prompt}\"}], \"messages\": [${parameters._chat_history:-}{\"role\":\"user\",\"content\":[{\"text\":\"${parameters.user_prompt}\"}]}${parameters._interactions:-}]${parameters.tool_configs:-} }",
    "register_remote_model.name": "Bedrock Claude model for conversational agentic search",
    "register_remote_model.description": "Model used for conversational agent in agentic search",
    "register_agent.name": "Conversational Agent for Agentic Search",
    "register_agent.description": "Conversational agent for agentic search with memory",
    "register_agent.type": "conversational",
    "register_agent.llm_interface": "bedrock/converse/claude",
    "register_agent.max_iteration": "20",
    "query_planning_tool.response_filter": "$.output.message.content[0].text",
    "create_search_pipeline.pipeline_id": "agentic-search-conversational-pipeline"
  },
  "defaults/agentic-search-with-flow-agent-defaults.json": {
    "template.name": "agentic_search_with_flow_agent",
    "template.description": "Setting up agentic search with a flow agent and Bedrock Claude",
    "create_connector.name": "Amazon Bedrock Connector: Claude 4 Sonnet",
    "create_connector.description": "Connector to Amazon Bedrock Claude model for agentic search",
    "create_connector.protocol": "aws_sigv4",
    "create_connector.region": "us-west-2",
    "create_connector.model": "us.anthropic.claude-sonnet-4-20250514-v1:0",
    "create_connector.credential.access_key": "",
    "create_connector.credential.secret_key": "",
    "create_connector.credential.session_token": "",
    "create_connector.actions.url": "https://bedrock-runtime.${parameters.region}.amazonaws.com/model/${parameters.model}/converse",
    "create_connector.actions.request_body": "{ \"system\": [{\"text\": \"${parameters.system_prompt}\"}], \"messages\": [${parameters._chat_history:-}{\"role\":\"user\",\"content\":[{\"text\":\"${parameters.user_prompt}\"}]}${parameters._interactions:-}]${parameters.tool_configs:-} }",
    "register_remote_model.name": "Bedrock Claude model for agentic search",
    "register_remote_model.description": "Model used for query planning in agentic search",
    "register_agent.name": "Flow Agent for Agentic Search",
    "register_agent.description": "Flow agent for agentic search",
    "register_agent.type": "flow",
    "query_planning_tool.response_filter": "$.output.message.content[0].text",
    "create_search_pipeline.pipeline_id": "agentic-search-pipeline"
  },
  "defaults/bedrock-titan-embedding-defaults.json": {
    "template.name": "bedrock_titan_embedding_model_deploy",
    "template.description": "Deploying Amazon Bedrock Titan embedding model ",
    "create_connector.name": "Amazon Bedrock Connector: embedding",
    "create_connector.description": "The connector to bedrock Titan embedding model",
    "create_connector.region": "us-east-1",
    "create_connector.credential.access_key": "123",
    "create_connector.credential.secret_key": "123",
    "create_connector.credential.session_token": "123",
    "create_connector.actions.url": "https://bedrock-runtime.${parameters.region}.amazonaws.com/model/amazon.titan-embed-text-v1/invoke",
    "create_connector.actions.request_body": "{ \"inputText\": \"${parameters.inputText}\" }",
    "create_connector.actions.pre_process_function": "\n    StringBuilder builder = new StringBuilder();\n    builder.append(\"\\\"\");\n    String first = params.text_docs[0];\n    builder.append(first);\n    builder.append(\"\\\"\");\n    def parameters = \"{\" +\"\\\"inputText\\\":\" + builder + \"}\";\n    return  \"{\" +\"\\\"parameters\\\":\" + parameters + \"}\";",
    "create_connector.actions.post_process_function": "\n      def name = \"sentence_embedding\";\n      def dataType = \"FLOAT32\";\n      if (params.embedding == null || params.embedding.length == 0) {\n        return params.message;\n      }\n      def shape = [params.embedding.length];\n      def json = \"{\" +\n                 \"\\\"name\\\":\\\"\" + name + \"\\\",\" +\n                 \"\\\"data_type\\\":\\\"\" + dataType + \"\\\",\" +\n                 \"\\\"shape\\\":\" + shape + \",\" +\n                 \"\\\"data\\\":\" + params.embedding +\n                 \"}\";\n      return json;\n    ",
    "register_remote_model.name": "Bedrock embedding model",
    "register_remote_model.description": "bedrock-embedding-model"
  },
  "defaults/bedrock-titan-multimodal-defaults.json": {
    "template.name": "bedrock_titan_multimodal_model_deploy",
    "template.description": "Deploying Amazon Bedrock Titan multimodal embedding model ",
    "create_connector.name": "Amazon Bedrock Connector: multi-modal embedding",
    "create_connector.description": "The connector to bedrock Titan multi-modal embedding model",
    "create_connector.region": "us-east-1",
    "create_connector.input_docs_processed_step_size": "2",
    "create_connector.credential.access_key": "123",
    "create_connector.credential.secret_key": "123",
    "create_connector.credential.session_token": "123",
    "create_connector.actions.url": "https://bedrock-runtime.${parameters.region}.amazonaws.com/model/amazon.titan-embed-image-v1/invoke",
    "create_connector.actions.request_body": "{ \"inputText\": \"${parameters.inputText:-null}\", \"inputImage\": \"${parameters.inputImage:-null}\" }",
    "create_connector.actions.pre_process_function": "\n    StringBuilder parametersBuilder = new StringBuilder(\"{\");\n    if (params.text_docs.length > 0 && params.text_docs[0] != null) {\n      parametersBuilder.append(\"\\\"inputText\\\":\");\n      parametersBuilder.append(\"\\\"\");\n      parametersBuilder.append(params.text_docs[0]);\n      parametersBuilder.append(\"\\\"\");\n      \n      if (params.text_docs.length > 1 && params.text_docs[1] != null) {\n        parametersBuilder.append(\",\");\n      }\n    }\n    \n    \n    if (params.text_docs.length > 1 && params.text_docs[1] != null) {\n      parametersBuilder.append(\"\\\"inputImage\\\":\");\n      parametersBuilder.append(\"\\\"\");\n      parametersBuilder.append(params.text_docs[1]);\n      parametersBuilder.append(\"\\\"\");\n    }\n    parametersBuilder.append(\"}\");\n    \n    return  \"{\" +\"\\\"parameters\\\":\" + parametersBuilder + \"}\";",
    "create_connector.actions.post_process_function": "\n      def name = \"sentence_embedding\";\n      def dataType = \"FLOAT32\";\n      if (params.embedding == null || params.embedding.length == 0) {\n          return null;\n      }\n      def shape = [params.embedding.length];\n      def json = \"{\" +\n                 \"\\\"name\\\":\\\"\" + name + \"\\\",\" +\n                 \"\\\"data_type\\\":\\\"\" + dataType + \"\\\",\" +\n                 \"\\\"shape\\\":\" + shape + \",\" +\n                 \"\\\"data\\\":\" + params.embedding +\n                 \"}\";\n      return json;\n    ",
    "register_remote_model.name": "Bedrock multi-modal embedding model",
    "register_remote_model.description": "bedrock-multi-modal-embedding-model"
  },
  "defaults/cohere-chat-defaults.json": {
    "template.name": "cohere_chat_model_deploy",
    "template.description": "Deploying a Cohere chat model",
    "create_connector.name": "Cohere Chat Model",
    "create_connector.description": "The connector to Cohere's public chat API",
    "create_connector.protocol": "http",
    "create_connector.model": "command",
    "create_connector.endpoint": "api.cohere.ai",
    "create_connector.credential.key": "123",
    "create_connector.actions.url": "https://api.cohere.ai/v1/chat",
    "create_connector.actions.request_body": "{ \"message\": \"${parameters.message}\", \"model\": \"${parameters.model}\" }",
    "register_remote_model.name": "Cohere chat model",
    "register_remote_model.description": "cohere-chat-model"
  },
  "defaults/cohere-embedding-defaults.json": {
    "template.name": "cohere_embedding_model_deploy",
    "template.description": "Deploying a Cohere embedding model",
    "create_connector.name": "cohere-embedding-connector",
    "create_connector.description": "The connector to Cohere's public embed API",
    "create_connector.protocol": "http",
    "create_connector.model": "embed-english-v3.0",
    "create_connector.input_type": "search_document",
    "create_connector.truncate": "end",
    "create_connector.credential.key": "123",
    "create_connector.actions.url": "https://api.cohere.ai/v1/embed",
    "create_connector.actions.request_body": "{ \"texts\": ${parameters.texts}, \"truncate\": \"${parameters.truncate}\", \"model\": \"${parameters.model}\", \"input_type\": \"${parameters.input_type}\" }",
    "create_connector.actions.pre_process_function": "connector.pre_process.cohere.embedding",
    "create_connector.actions.post_process_function": "connector.post_process.cohere.embedding",
    "register_remote_model.name": "Cohere english embed model",
    "register_remote_model.description": "cohere-embedding-model"
  },
  "defaults/cohere-embedding-semantic-search-defaults.json": {
    "template.name": "semantic search with cohere embedding",
    "template.description": "Setting up semantic search, with a Cohere embedding model",
    "create_connector.name": "cohere-embedding-connector",
    "create_connector.description": "The connector to Cohere's public embed API",
    "create_connector.protocol": "http",
    "create_connector.model": "embed-english-v3.0",
    "create_connector.input_type": "search_document",
    "create_connector.truncate": "end",
    "create_connector.credential.key": "123",
    "create_connector.actions.url": "https://api.cohere.ai/v1/embed",
    "create_connector.actions.request_body": "{ \"texts\": ${parameters.texts}, \"truncate\": \"${parameters.truncate}\", \"model\": \"${parameters.model}\", \"input_type\": \"${parameters.input_type}\" }",
    "create_connector.actions.pre_process_function": "connector.pre_process.cohere.embedding",
    "create_connector.actions.post_process_function": "connector.post_process.cohere.embedding",
    "register_remote_model.name": "Cohere english embed model",
    "register_remote_model.description": "cohere-embedding-model",
    "create_ingest_pipeline.pipeline_id": "nlp-ingest-pipeline",
    "create_ingest_pipeline.description": "A text embedding pipeline",
    "text_embedding.field_map.input": "passage_text",
    "text_embedding.field_map.output": "passage_embedding",
    "create_index.name": "my-nlp-index",
    "create_index.settings.number_of_shards": "2",
    "create_index.mappings.method.engine": "lucene",
    "create_index.mappings.method.space_type": "l2",
    "create_index.mappings.method.name": "hnsw",
    "text_embedding.field_map.output.dimension": "1024",
    "create_search_pipeline.pipeline_id": "default_model_pipeline"
  },
  "defaults/cohere-embedding-semantic-search-with-query-enricher-defaults.json": {
    "template.name": "semantic search with cohere embedding",
    "template.description": "Setting up semantic search, with a Cohere embedding model",
    "create_connector.name": "cohere-embedding-connector",
    "create_connector.description": "The connector to Cohere's public embed API",
    "create_connector.protocol": "http",
    "create_connector.model": "embed-english-v3.0",
    "create_connector.input_type": "search_document",
    "create_connector.truncate": "end",
    "create_connector.credential.key": "123",
    "create_connector.actions.url": "https://api.cohere.ai/v1/embed",
    "create_connector.actions.request_body": "{ \"texts\": ${parameters.texts}, \"truncate\": \"${parameters.truncate}\", \"model\": \"${parameters.model}\", \"input_type\": \"${parameters.input_type}\" }",
    "create_connector.actions.pre_process_function": "connector.pre_process.cohere.embedding",
    "create_connector.actions.post_process_function": "connector.post_process.cohere.embedding",
    "register_remote_model.name": "Cohere english embed model",
    "register_remote_model.description": "cohere-embedding-model",
    "create_ingest_pipeline.pipeline_id": "nlp-ingest-pipeline",
    "create_ingest_pipeline.description": "A text embedding pipeline",
    "text_embedding.field_map.input": "passage_text",
    "text_embedding.field_map.output": "passage_embedding",
    "create_index.name": "my-nlp-index",
    "create_index.settings.number_of_shards": "2",
    "create_index.mappings.method.engine": "lucene",
    "create_index.mappings.method.space_type": "l2",
    "create_index.mappings.method.name": "hnsw",
    "text_embedding.field_map.output.dimension": "1024",
    "create_search_pipeline.pipeline_id": "default_model_pipeline"
  },
  "defaults/conversational-search-defaults.json": {
    "template.name": "deploy-cohere-chat-model",
    "template.description": "A template to deploy a Cohere chat model",
    "create_connector.name": "Cohere Chat Model",
    "create_connector.description": "The connector to Cohere's public chat API",
    "create_connector.protocol": "http",
    "create_connector.model": "command",
    "create_connector.endpoint": "api.cohere.ai",
    "create_connector.credential.key": "123",
    "create_connector.actions.url": "https://api.cohere.ai/v1/chat",
    "create_connector.actions.request_body": "{ \"message\": \"${parameters.message}\", \"model\": \"${parameters.model}\" }",
    "register_remote_model.name": "Cohere chat model",
    "register_remote_model.description": "cohere-chat-model",
    "create_search_pipeline.pipeline_id": "rag-pipeline",
    "create_search_pipeline.retrieval_augmented_generation.tag": "openai_pipeline_demo",
    "create_search_pipeline.retrieval_augmented_generation.description": "Demo pipeline using a Cohere chat model",
    "create_search_pipeline.retrieval_augmented_generation.context_field_list": "[\"text\"]",
    "create_search_pipeline.retrieval_augmented_generation.system_prompt": "You are a helpful assistant",
    "create_search_pipeline.retrieval_augmented_generation.user_instructions": "Generate a concise and informative answer in less than 100 words for the given question"
  },
  "defaults/conversational-search-rag-tool-defaults.json": {
    "template.name": "deploy-bedrock-chat-model",
    "template.description": "A template to deploy a Bedrock chat model",
    "create_bedrock_connector.name": "Amazon Bedrock Connector: Claude Instant V1",
    "create_bedrock_connector.description": "The connector to bedrock Claude model",
    "create_bedrock_connector.protocol": "aws_sigv4",
    "create_bedrock_connector.actions.url": "https://bedrock-runtime.${parameters.region}.amazonaws.com/model/anthropic.claude-instant-v1/invoke",
    "create_bedrock_connector.actions.request_body": "{\"prompt\":\"${parameters.prompt}\", \"max_tokens_to_sample\":${parameters.max_tokens_to_sample}, \"temperature\":${parameters.temperature},  \"anthropic_version\":\"${parameters.anthropic_version}\" }",
    "create_bedrock_connector.credential.access_key": "",
    "create_bedrock_connector.credential.secret_key": "",
    "create_bedrock_connector.credential.session_token": "",
    "create_bedrock_connector.region": "us-west-2",
    "create_embedding_connector.name": "Amazon Bedrock Connector: embedding",
    "create_embedding_connector.description": "The connector to bedrock Titan embedding model",
    "create_embedding_connector.protocol": "aws_sigv4",
    "create_embedding_connector.actions.url": "https://bedrock-runtime.${parameters.region}.amazonaws.com/model/amazon.titan-embed-text-v2:0/invoke",
    "create_embedding_connector.actions.request_body": "{ \"inputText\": \"${parameters.inputText}\" }",
    "register_bedrock_model.name": "anthropic.claude-v2",
    "register_bedrock_model.description": "bedrock-chat-model",
    "register_bedrock_embedding_model.name": "Bedrock embedding model v2",
    "register_bedrock_embedding_model.description": "Bedrock embedding model v2",
    "create_ingest_pipeline.pipeline_id": "nlp-ingest-pipeline",
    "create_ingest_pipeline.description": "A neural ingest pipeline",
    "text_embedding.field_map.input": "passage_text",
    "text_embedding.field_map.output": "passage_embedding",
    "create_index.name": "my-nlp-index",
    "create_index.mappings.method.engine": "lucene",
    "create_index.mappings.method.space_type": "l2",
    "create_index.mappings.method.name": "hnsw",
    "text_embedding.field_map.output.dimension": "1024",
    "rag_tool.parameters.prompt": "\n\nHuman:You are a professional data analysist. You will always answer question based on the given context first. If the answer is not directly shown in the context, you will analyze the data and find the answer. If you don't know the answer, just say don't know. \n\n Context:\n${parameters.output_field:-}\n\n\nHuman:${parameters.question}\n\nAssistant:",
    "root_agent.parameters.parameters": "Answer the question as best you can.",
    "root_agent.name": "Root agent",
    "root_agent.description": "this is the root agent"
  },
  "defaults/hybrid-search-defaults.json": {
    "template.name": "hybrid-search",
    "template.description": "Setting up hybrid search, ingest pipeline and index",
    "create_ingest_pipeline.pipeline_id": "nlp-ingest-pipeline",
    "create_ingest_pipeline.description": "A text embedding pipeline",
    "create_ingest_pipeline.model_id": "123",
    "text_embedding.field_map.input": "passage_text",
    "text_embedding.field_map.output": "passage_embedding",
    "create_index.name": "my-nlp-index",
    "create_index.settings.number_of_shards": "2",
    "create_index.mappings.method.engine": "lucene",
    "create_index.mappings.method.space_type": "l2",
    "create_index.mappings.method.name": "hnsw",
    "text_embedding.field_map.output.dimension": "1024",
    "create_search_pipeline.pipeline_id": "nlp-search-pipeline",
    "normalization-processor.normalization.technique": "min_max",
    "normalization-processor.combination.technique": "arithmetic_mean"
  },
  "defaults/hybrid-search-with-local-model-defaults.json": {
    "template.name": "hybrid-search",
    "template.description": "Setting up hybrid search, ingest pipeline and index",
    "register_local_pretrained_model.name": "huggingface/sentence-transformers/paraphrase-MiniLM-L3-v2",
    "register_local_pretrained_model.description": "This is a sentence transformer model",
    "register_local_pretrained_model.model_format": "TORCH_SCRIPT",
    "register_local_pretrained_model.deploy": "true",
    "register_local_pretrained_model.version": "1.0.2",
    "create_ingest_pipeline.pipeline_id": "nlp-ingest-pipeline",
    "create_ingest_pipeline.description": "A text embedding pipeline",
    "create_ingest_pipeline.model_id": "123",
    "text_embedding.field_map.input": "passage_text",
    "text_embedding.field_map.output": "passage_embedding",
    "create_index.name": "my-nlp-index",
    "create_index.settings.number_of_shards": "2",
    "create_index.mappings.method.engine": "lucene",
    "create_index.mappings.method.space_type": "l2",
    "create_index.mappings.method.name": "hnsw",
    "text_embedding.field_map.output.dimension": "768",
    "create_search_pipeline.pipeline_id": "nlp-search-pipeline",
    "normalization-processor.normalization.technique": "min_max",
    "normalization-processor.combination.technique": "arithmetic_mean"
  },
  "defaults/local-sparse-search-biencoder-defaults.json": {
    "template.name": "local_neural_sparse_search_bi_encoder",
    "template.description": "Setting up neural sparse search with pretrained local model",
    "register_local_sparse_encoding_model.name": "amazon/neural-sparse/opensearch-neural-sparse-encoding-v1",
    "register_local_sparse_encoding_model.description": "This is a neural sparse encoding model",
    "register_local_sparse_encoding_model.model_format": "TORCH_SCRIPT",
    "register_local_sparse_encoding_model.deploy": "true",
    "register_local_sparse_encoding_model.version": "1.0.1",
    "create_ingest_pipeline.pipeline_id": "nlp-ingest-pipeline-sparse",
    "create_ingest_pipeline.description": "A sparse encoding ingest pipeline",
    "create_ingest_pipeline.text_embedding.field_map.input": "passage_text",
    "create_ingest_pipeline.text_embedding.field_map.output": "passage_embedding",
    "create_index.name": "my-nlp-index"
  },
  "defaults/multi-modal-search-defaults.json": {
    "template.name": "multimodal_search",
    "template.description": "Setting up multimodal search, ingest pipeline and index",
    "create_ingest_pipeline.pipeline_id": "nlp-multimodal-ingest-pipeline",
    "create_ingest_pipeline.description": "A text/image embedding pipeline",
    "create_ingest_pipeline.model_id": "123",
    "text_image_embedding.embedding": "vector_embedding",
    "text_image_embedding.field_map.text": "image_description",
    "text_image_embedding.field_map.image": "image_binary",
    "create_index.name": "my-multimodal-nlp-index",
    "create_index.settings.number_of_shards": "2",
    "text_image_embedding.field_map.output.dimension": "1024",
    "create_index.mappings.method.engine": "lucene",
    "create_index.mappings.method.name": "hnsw",
    "text_image_embedding.field_map.image.type": "text",
    "text_image_embedding.field_map.text.type": "text"
  },
  "defaults/multimodal-search-bedrock-titan-defaults.json": {
    "template.name": "multimodal_search_with_bedrock_titan",
    "template.description": "Setting up multimodal search with Amazon Bedrock Titan embedding model deployment",
    "create_connector.name": "Amazon Bedrock Connector: multi-modal embedding",
    "create_connector.description": "The connector to bedrock Titan multi-modal embedding model",
    "create_connector.region": "us-east-1",
    "create_connector.input_docs_processed_step_size": "2",
    "create_connector.endpoint": "api.openai.com",
    "create_connector.credential.access_key": "123",
    "create_connector.credential.secret_key": "123",
    "create_connector.credential.session_token": "123",
    "create_connector.actions.url": "https://bedrock-runtime.${parameters.region}.amazonaws.com/model/amazon.titan-embed-image-v1/invoke",
    "create_connector.actions.request_body": "{ \"inputText\": \"${parameters.inputText:-null}\", \"inputImage\": \"${parameters.inputImage:-null}\" }",
    "create_connector.actions.pre_process_function": "\n    StringBuilder parametersBuilder = new StringBuilder(\"{\");\n    if (params.text_docs.length > 0 && params.text_docs[0] != null) {\n      parametersBuilder.append(\"\\\"inputText\\\":\");\n      parametersBuilder.append(\"\\\"\");\n      parametersBuilder.append(params.text_docs[0]);\n      parametersBuilder.append(\"\\\"\");\n      \n      if (params.text_docs.length > 1 && params.text_docs[1] != null) {\n        parametersBuilder.append(\",\");\n      }\n    }\n    \n    \n    if (params.text_docs.length > 1 && params.text_docs[1] != null) {\n      parametersBuilder.append(\"\\\"inputImage\\\":\");\n      parametersBuilder.append(\"\\\"\");\n      parametersBuilder.append(params.text_docs[1]);\n      parametersBuilder.append(\"\\\"\");\n    }\n    parametersBuilder.append(\"}\");\n    \n    return  \"{\" +\"\\\"parameters\\\":\" + parametersBuilder + \"}\";",
    "create_connector.actions.post_process_function": "\n      def name = \"sentence_embedding\";\n      def dataType = \"FLOAT32\";\n      if (params.embedding == null || params.embedding.length == 0) {\n          return null;\n      }\n      def shape = [params.embedding.length];\n      def json = \"{\" +\n                 \"\\\"name\\\":\\\"\" + name + \"\\\",\" +\n                 \"\\\"data_type\\\":\\\"\" + dataType + \"\\\",\" +\n                 \"\\\"shape\\\":\" + shape + \",\" +\n                 \"\\\"data\\\":\" + params.embedding +\n                 \"}\";\n      return json;\n    ",
    "register_remote_model.name": "Bedrock multi-modal embedding model",
    "register_remote_model.description": "bedrock-multi-modal-embedding-model",
    "create_ingest_pipeline.pipeline_id": "nlp-multimodal-ingest-pipeline",
    "create_ingest_pipeline.description": "A text/image embedding pipeline",
    "text_image_embedding.embedding": "vector_embedding",
    "text_image_embedding.field_map.text": "image_description",
    "text_image_embedding.field_map.image": "image_binary",
    "create_index.name": "my-multimodal-nlp-index",
    "create_index.settings.number_of_shards": "2",
    "text_image_embedding.field_map.output.dimension": "1024",
    "create_index.mappings.method.engine": "lucene",
    "create_index.mappings.method.name": "hnsw",
    "text_image_embedding.field_map.image.type": "text",
    "text_image_embedding.field_map.text.type": "text"
  },
  "defaults/openai-chat-defaults.json": {
    "template.name": "openai_chat_model_deploy",
    "template.description": "Deploying an OpenAI chat model",
    "create_connector.name": "OpenAI Chat Connector",
    "create_connector.description": "Connector to public OpenAI model",
    "create_connector.protocol": "http",
    "create_connector.model": "gpt-3.5-turbo",
    "create_connector.endpoint": "api.openai.com",
    "create_connector.credential.key": "123",
    "create_connector.actions.url": "https://${parameters.endpoint}/v1/chat/completions",
    "create_connector.actions.request_body": "{ \"model\": \"${parameters.model}\", \"messages\": ${parameters.messages} }",
    "register_remote_model_1.name": "OpenAI chat model",
    "register_remote_model_1.description": "openai-chat-model"
  },
  "defaults/openai-embedding-defaults.json": {
    "template.name": "open_ai_embedding_model_deploy",
    "template.description": "Deploying an OpenAI embedding model",
    "create_connector.name": "OpenAI-embedding-connector",
    "create_connector.description": "Connector to public OpenAI model",
    "create_connector.protocol": "http",
    "create_connector.model": "text-embedding-ada-002",
    "create_connector.endpoint": "api.openai.com",
    "create_connector.credential.key": "123",
    "create_connector.actions.url": "https://api.openai.com/v1/embeddings",
    "create_connector.actions.request_body": "{ \"input\": ${parameters.input}, \"model\": \"${parameters.model}\" }",
    "create_connector.actions.pre_process_function": "connector.pre_process.openai.embedding",
    "create_connector.actions.post_process_function": "connector.post_process.openai.embedding",
    "register_remote_model_1.name": "OpenAI embedding model",
    "register_remote_model_1.description": "openai-embedding-model"
  },
  "defaults/semantic-search-defaults.json": {
    "template.name": "semantic_search",
    "template.description": "Setting up semantic search, ingest pipeline and index",
    "create_ingest_pipeline.pipeline_id": "nlp-ingest-pipeline",
    "create_ingest_pipeline.description": "A text embedding pipeline",
    "create_ingest_pipeline.model_id": "123",
    "text_embedding.field_map.input": "passage_text",
    "text_embedding.field_map.output": "passage_embedding",
    "create_index.name": "my-nlp-index",
    "create_index.settings.number_of_shards": "2",
    "create_index.mappings.method.engine": "lucene",
    "create_index.mappings.method.space_type": "l2",
    "create_index.mappings.method.name": "hnsw",
    "text_embedding.field_map.output.dimension": "1024"
  },
  "defaults/semantic-search-query-enricher-defaults.json": {
    "template.name": "semantic_search",
    "template.description": "Setting up semantic search, ingest pipeline and index",
    "create_ingest_pipeline.pipeline_id": "nlp-ingest-pipeline",
    "create_ingest_pipeline.description": "A text embedding pipeline",
    "create_ingest_pipeline.model_id": "123",
    "text_embedding.field_map.input": "passage_text",
    "text_embedding.field_map.output": "passage_embedding",
    "create_index.name": "my-nlp-index",
    "create_index.settings.number_of_shards": "2",
    "create_index.mappings.method.engine": "lucene",
    "create_index.mappings.method.space_type": "l2",
    "create_index.mappings.method.name": "hnsw",
    "text_embedding.field_map.output.dimension": "1024",
    "create_search_pipeline.pipeline_id": "default_model_pipeline"
  },
  "defaults/semantic-search-with-local-model-defaults.json": {
    "template.name": "semantic search with local pretrained model",
    "template.description": "Setting up semantic search, with a local pretrained embedding model",
    "register_local_pretrained_model.name": "huggingface/sentence-transformers/paraphrase-MiniLM-L3-v2",
    "register_local_pretrained_model.description": "This is a sentence transformer model",
    "register_local_pretrained_model.model_format": "TORCH_SCRIPT",
    "register_local_pretrained_model.deploy": "true",
    "register_local_pretrained_model.version": "1.0.2",
    "create_ingest_pipeline.pipeline_id": "nlp-ingest-pipeline",
    "create_ingest_pipeline.description": "A text embedding pipeline",
    "text_embedding.field_map.input": "passage_text",
    "text_embedding.field_map.output": "passage_embedding",
    "create_index.name": "my-nlp-index",
    "create_index.settings.number_of_shards": "2",
    "create_index.mappings.method.engine": "lucene",
    "create_index.mappings.method.space_type": "l2",
    "create_index.mappings.method.name": "hnsw",
    "text_embedding.field_map.output.dimension": "384",
    "create_search_pipeline.pipeline_id": "default_model_pipeline"
  },
  "defaults/semantic-search-with-reindex-defaults.json": {
    "template.name": "semantic search with cohere embedding",
    "template.description": "Setting up semantic search, with a Cohere embedding model",
    "create_connector.name": "cohere-embedding-connector",
    "create_connector.description": "The connector to Cohere's public embed API",
    "create_connector.protocol": "http",
    "create_connector.model": "embed-english-v3.0",
    "create_connector.input_type": "search_document",
    "create_connector.truncate": "end",
    "create_connector.credential.key": "123",
    "create_connector.actions.url": "https://api.cohere.ai/v1/embed",
    "create_connector.actions.request_body": "{ \"texts\": ${parameters.texts}, \"truncate\": \"${parameters.truncate}\", \"model\": \"${parameters.model}\", \"input_type\": \"${parameters.input_type}\" }",
    "create_connector.actions.pre_process_function": "connector.pre_process.cohere.embedding",
    "create_connector.actions.post_process_function": "connector.post_process.cohere.embedding",
    "register_remote_model.name": "Cohere english embed model",
    "register_remote_model.description": "cohere-embedding-model",
    "create_ingest_pipeline.pipeline_id": "nlp-ingest-pipeline",
    "create_ingest_pipeline.description": "A text embedding pipeline",
    "text_embedding.field_map.input": "passage_text",
    "text_embedding.field_map.output": "passage_embedding",
    "create_index.name": "my-nlp-index",
    "create_index.settings.number_of_shards": "2",
    "create_index.mappings.method.engine": "lucene",
    "create_index.mappings.method.space_type": "l2",
    "create_index.mappings.method.name": "hnsw",
    "text_embedding.field_map.output.dimension": "1024",
    "create_search_pipeline.pipeline_id": "default_model_pipeline",
    "reindex.source_index": "",
    "reindex.requests_per_second": "-1",
    "reindex.slices": "1"
  },
};

/** Each substitution-ready template, with its `${{ dotted.key }}` placeholders still in place. */
export const USE_CASE_TEMPLATES: Readonly<Record<string, object>> = {
  "substitutionTemplates/agentic-search-with-conversational-agent-template.json": {
    "name": "${{template.name}}",
    "description": "${{template.description}}",
    "use_case": "AGENTIC_SEARCH_WITH_CONVERSATIONAL_AGENT",
    "version": {
      "template": "1.0.0",
      "compatibility": [
        "3.2.0",
        "3.6.0"
      ]
    },
    "workflows": {
      "provision": {
        "nodes": [
          {
            "id": "create_connector",
            "type": "create_connector",
            "user_inputs": {
              "name": "${{create_connector.name}}",
              "description": "${{create_connector.description}}",
              "version": "1",
              "protocol": "${{create_connector.protocol}}",
              "parameters": {
                "region": "${{create_connector.region}}",
                "service_name": "bedrock",
                "model": "${{create_connector.model}}"
              },
              "credential": {
                "access_key": "${{create_connector.credential.access_key}}",
                "secret_key": "${{create_connector.credential.secret_key}}",
                "session_token": "${{create_connector.credential.session_token}}"
              },
              "actions": [
                {
                  "action_type": "predict",
                  "method": "POST",
                  "url": "${{create_connector.actions.url}}",
                  "headers": {
                    "content-type": "application/json"
                  },
                  "request_body": "${{create_connector.actions.request_body}}"
                }
              ]
            }
          },
          {
            "id": "register_model",
            "type": "register_remote_model",
            "previous_node_inputs": {
              "create_connector": "parameters"
            },
            "user_inputs": {
              "name": "${{register_remote_model.name}}",
              "function_name": "remote",
              "description": "${{register_remote_model.description}}",
              "deploy": true
            }
          },
          {
            "id": "query_planning_tool",
            "type": "create_tool",
            "previous_node_inputs": {
              "register_model": "model_id"
            },
            "user_inputs": {
              "type": "QueryPlanningTool",
              "name": "QueryPlanningTool",
              "parameters": {
                "model_id": "${{register_model.model_id}}",
                "response_filter": "${{query_planning_tool.response_filter}}"
              }
            }
          },
          {
            "id": "list_index_tool",
            "type": "create_tool",
            "user_inputs": {
              "type": "ListIndexTool",
              "name": "ListIndexTool"
            }
          },
          {
            "id": "index_mapping_tool",
            "type": "create_tool",
            "user_inputs": {
              "type": "IndexMappingTool",
              "name": "IndexMappingTool"
            }
          },
          {
            "id": "register_agent",
            "type": "register_agent",
            "previous_node_inputs": {
              "register_model": "model_id",
              "query_planning_tool": "tools",
              "list_index_tool": "tools",
              "index_mapping_tool": "tools"
            },
            "user_inputs": {
              "name": "${{register_agent.name}}",
              "type": "${{register_agent.type}}",
              "description": "${{register_agent.description}}",
              "llm": {
                "parameters": {
                  "max_iteration": "${{register_agent.max_iteration}}"
                }
              },
              "memory": {
                "type": "conversation_index"
              },
              "parameters": {
                "_llm_interface": "${{register_agent.llm_interface}}"
              }
            }
          },
          {
            "id": "create_search_pipeline",
            "type": "create_search_pipeline",
            "previous_node_inputs": {
              "register_agent": "agent_id"
            },
            "user_inputs": {
              "pipeline_id": "${{create_search_pipeline.pipeline_id}}",
              "configurations": {
                "request_processors": [
                  {
                    "agentic_query_translator": {
                      "agent_id": "${{register_agent.agent_id}}"
                    }
                  }
                ],
                "response_processors": [
                  {
                    "agentic_context": {
                      "agent_steps_summary": true,
                      "dsl_query": true
                    }
                  }
                ]
              }
            }
          }
        ],
        "edges": [
          {
            "source": "create_connector",
            "dest": "register_model"
          },
          {
            "source": "register_model",
            "dest": "query_planning_tool"
          },
          {
            "source": "query_planning_tool",
            "dest": "register_agent"
          },
          {
            "source": "list_index_tool",
            "dest": "register_agent"
          },
          {
            "source": "index_mapping_tool",
            "dest": "register_agent"
          },
          {
            "source": "register_model",
            "dest": "register_agent"
          },
          {
            "source": "register_agent",
            "dest": "create_search_pipeline"
          }
        ]
      }
    }
  },
  "substitutionTemplates/agentic-search-with-flow-agent-template.json": {
    "name": "${{template.name}}",
    "description": "${{template.description}}",
    "use_case": "AGENTIC_SEARCH_WITH_FLOW_AGENT",
    "version": {
      "template": "1.0.0",
      "compatibility": [
        "3.2.0",
        "3.6.0"
      ]
    },
    "workflows": {
      "provision": {
        "nodes": [
          {
            "id": "create_connector",
            "type": "create_connector",
            "user_inputs": {
              "name": "${{create_connector.name}}",
              "description": "${{create_connector.description}}",
              "version": "1",
              "protocol": "${{create_connector.protocol}}",
              "parameters": {
                "region": "${{create_connector.region}}",
                "service_name": "bedrock",
                "model": "${{create_connector.model}}"
              },
              "credential": {
                "access_key": "${{create_connector.credential.access_key}}",
                "secret_key": "${{create_connector.credential.secret_key}}",
                "session_token": "${{create_connector.credential.session_token}}"
              },
              "actions": [
                {
                  "action_type": "predict",
                  "method": "POST",
                  "url": "${{create_connector.actions.url}}",
                  "headers": {
                    "content-type": "application/json"
                  },
                  "request_body": "${{create_connector.actions.request_body}}"
                }
              ]
            }
          },
          {
            "id": "register_model",
            "type": "register_remote_model",
            "previous_node_inputs": {
              "create_connector": "parameters"
            },
            "user_inputs": {
              "name": "${{register_remote_model.name}}",
              "function_name": "remote",
              "description": "${{register_remote_model.description}}",
              "deploy": true
            }
          },
          {
            "id": "query_planning_tool",
            "type": "create_tool",
            "previous_node_inputs": {
              "register_model": "model_id"
            },
            "user_inputs": {
              "type": "QueryPlanningTool",
              "name": "QueryPlanningTool",
              "parameters": {
                "model_id": "${{register_model.model_id}}",
                "response_filter": "${{query_planning_tool.response_filter}}"
              }
            }
          },
          {
            "id": "register_agent",
            "type": "register_agent",
            "previous_node_inputs": {
              "register_model": "model_id",
              "query_planning_tool": "tools"
            },
            "user_inputs": {
              "name": "${{register_agent.name}}",
              "type": "${{register_agent.type}}",
              "description": "${{register_agent.description}}"
            }
          },
          {
            "id": "create_search_pipeline",
            "type": "create_search_pipeline",
            "previous_node_inputs": {
              "register_agent": "agent_id"
            },
            "user_inputs": {
              "pipeline_id": "${{create_search_pipeline.pipeline_id}}",
              "configurations": {
                "request_processors": [
                  {
                    "agentic_query_translator": {
                      "agent_id": "${{register_agent.agent_id}}"
                    }
                  }
                ],
                "response_processors": [
                  {
                    "agentic_context": {
                      "dsl_query": true
                    }
                  }
                ]
              }
            }
          }
        ],
        "edges": [
          {
            "source": "create_connector",
            "dest": "register_model"
          },
          {
            "source": "register_model",
            "dest": "query_planning_tool"
          },
          {
            "source": "query_planning_tool",
            "dest": "register_agent"
          },
          {
            "source": "register_model",
            "dest": "register_agent"
          },
          {
            "source": "register_agent",
            "dest": "create_search_pipeline"
          }
        ]
      }
    }
  },
  "substitutionTemplates/conversational-search-with-bedrock-rag-tool-template.json": {
    "name": "${{template.name}}",
    "description": "${{template.description}}",
    "use_case": "CONVERSATION_SEARCH",
    "version": {
      "template": "1.0.0",
      "compatibility": [
        "2.12.0",
        "3.0.0"
      ]
    },
    "workflows": {
      "provision": {
        "nodes": [
          {
            "id": "create_bedrock_connector",
            "type": "create_connector",
            "user_inputs": {
              "name": "${{create_bedrock_connector.name}}",
              "description": "Test connector for Amazon Bedrock",
              "version": "1",
              "protocol": "${{create_bedrock_connector.protocol}}",
              "credential": {
                "access_key": "${{create_bedrock_connector.credential.access_key}}",
                "secret_key": "${{create_bedrock_connector.credential.secret_key}}",
                "session_token": "${{create_bedrock_connector.credential.session_token}}"
              },
              "parameters": {
                "max_tokens_to_sample": "8000",
                "service_name": "bedrock",
                "temperature": "1.0E-4",
                "response_filter": "$.completion",
                "region": "${{create_bedrock_connector.region}}",
                "anthropic_version": "bedrock-2023-05-31"
              },
              "actions": [
                {
                  "action_type": "PREDICT",
                  "method": "POST",
                  "url": "${{create_bedrock_connector.actions.url}}",
                  "headers": {
                    "x-amz-content-sha256": "required",
                    "content-type": "application/json"
                  },
                  "request_body": "${{create_bedrock_connector.actions.request_body}}"
                }
              ]
            }
          },
          {
            "id": "create_embedding_connector",
            "type": "create_connector",
            "user_inputs": {
              "name": "${{create_embedding_connector.name}}",
              "description": "${{create_embedding_connector.description}}",
              "version": "1",
              "protocol": "${{create_embedding_connector.protocol}}",
              "credential": {
                "access_key": "${{create_bedrock_connector.credential.access_key}}",
                "secret_key": "${{create_bedrock_connector.credential.secret_key}}",
                "session_token": "${{create_bedrock_connector.credential.session_token}}"
              },
              "parameters": {
                "service_name": "bedrock",
                "model": "amazon.titan-embed-text-v2:0",
                "region": "us-west-2",
                "anthropic_version": "bedrock-2023-05-31"
              },
              "actions": [
                {
                  "action_type": "PREDICT",
                  "method": "POST",
                  "url": "${{create_embedding_connector.actions.url}}",
                  "headers": {
                    "x-amz-content-sha256": "required",
                    "content-type": "application/json"
                  },
                  "request_body": "${{create_embedding_connector.actions.request_body}}",
                  "pre_process_function": "connector.pre_process.bedrock.embedding",
                  "post_process_function": "connector.post_process.bedrock.embedding"
                }
              ]
            }
          },
          {
            "id": "register_bedrock_model",
            "type": "register_remote_model",
            "previous_node_inputs": {
              "create_bedrock_connector": "connector_id"
            },
            "user_inputs": {
              "name": "${{register_bedrock_model.name}}",
              "function_name": "remote",
              "description": "${{register_bedrock_model.description}}",
              "deploy": true
            }
          },
          {
            "id": "register_bedrock_embedding_model",
            "type": "register_remote_model",
            "previous_node_inputs": {
              "create_embedding_connector": "connector_id"
            },
            "user_inputs": {
              "name": "${{register_bedrock_embedding_model.name}}",
              "description": "${{register_bedrock_embedding_model.description}}",
              "function_name": "remote",
              "deploy": true
            }
          },
          {
            "id": "create_ingest_pipeline",
            "type": "create_ingest_pipeline",
            "previous_node_inputs": {
              "register_bedrock_embedding_model": "model_id"
            },
            "user_inputs": {
              "pipeline_id": "${{create_ingest_pipeline.pipeline_id}}",
              "configurations": {
                "description": "${{create_ingest_pipeline.description}}",
                "processors": [
                  {
                    "text_embedding": {
                      "model_id": "${{register_bedrock_embedding_model.model_id}}",
                      "field_map": {
                        "${{text_embedding.field_map.input}}": "${{text_embedding.field_map.output}}"
                      }
                    }
                  }
                ]
              }
            }
          },
          {
            "id": "create_index",
            "type": "create_index",
            "previous_node_inputs": {
              "create_ingest_pipeline": "pipeline_id"
            },
            "user_inputs": {
              "index_name": "${{create_index.name}}",
              "configurations": {
                "settings": {
                  "index": {
                    "default_pipeline": "${{create_ingest_pipeline.pipeline_id}}",
                    "knn": "true"
                  }
                },
                "mappings": {
                  "properties": {
                    "${{text_embedding.field_map.input}}": {
                      "type": "text"
                    },
                    "${{text_embedding.field_map.output}}": {
                      "type": "knn_vector",
                      "method": {
                        "engine": "${{create_index.mappings.method.engine}}",
                        "space_type": "${{create_index.mappings.method.space_type}}",
                        "name": "${{create_index.mappings.method.name}}",
                        "parameters": {}
                      },
                      "dimension": "${{text_embedding.field_map.output.dimension}}"
                    }
                  }
                }
              }
            }
          },
          {
            "id": "rag_tool",
            "type": "create_tool",
            "previous_node_inputs": {
              "register_bedrock_model": "model_id",
              "register_bedrock_embedding_model": "model_id"
            },
            "user_inputs": {
              "type": "RAGTool",
              "name": "RAGTool",
              "parameters": {
                "inference_model_id": "${{register_bedrock_model.model_id}}",
                "embedding_model_id": "${{register_bedrock_embedding_model.model_id}}",
                "index": "${{create_index.name}}",
                "embedding_field": "${{text_embedding.field_map.output}}",
                "source_field": "[\"${{text_embedding.field_map.input}}\"]",
                "query_type": "neural",
                "input": "${parameters.question}",
                "prompt": "${{rag_tool.parameters.prompt}}",
                "include_output_in_agent_response": true
              }
            }
          },
          {
            "id": "root_agent",
            "type": "register_agent",
            "previous_node_inputs": {
              "rag_tool": "tools"
            },
            "user_inputs": {
              "parameters": {
                "prompt": "${{root_agent.parameters.parameters}}"
              },
              "app_type": "chatbot",
              "name": "${{root_agent.name}}",
              "description": "${{root_agent.description}}",
              "tools_order": [
                "rag_tool"
              ],
              "memory": {
                "type": "conversation_index"
              },
              "type": "flow"
            }
          }
        ]
      }
    }
  },
  "substitutionTemplates/conversational-search-with-cohere-model-template.json": {
    "name": "${{template.name}}",
    "description": "${{template.description}}",
    "use_case": "CONVERSATION_SEARCH",
    "version": {
      "template": "1.0.0",
      "compatibility": [
        "2.12.0",
        "3.0.0"
      ]
    },
    "workflows": {
      "provision": {
        "nodes": [
          {
            "id": "create_connector",
            "type": "create_connector",
            "user_inputs": {
              "name": "${{create_connector.name}}",
              "description": "${{create_connector.description}}",
              "version": "1",
              "protocol": "${{create_connector.protocol}}",
              "parameters": {
                "endpoint": "${{create_connector.endpoint}}",
                "model": "${{create_connector.model}}"
              },
              "credential": {
                "key": "${{create_connector.credential.key}}"
              },
              "actions": [
                {
                  "action_type": "predict",
                  "method": "POST",
                  "url": "${{create_connector.actions.url}}",
                  "headers": {
                    "Authorization": "Bearer ${credential.key}"
                  },
                  "request_body": "${{create_connector.actions.request_body}}"
                }
              ]
            }
          },
          {
            "id": "register_model",
            "type": "register_remote_model",
            "previous_node_inputs": {
              "create_connector": "parameters"
            },
            "user_inputs": {
              "name": "${{register_remote_model.name}}",
              "function_name": "remote",
              "description": "${{register_remote_model.description}}",
              "deploy": true
            }
          },
          {
            "id": "create_search_pipeline",
            "type": "create_search_pipeline",
            "previous_node_inputs": {
              "register_model": "model_id"
            },
            "user_inputs": {
              "pipeline_id": "${{create_search_pipeline.pipeline_id}}",
              "configurations": {
                "response_processors": [
                  {
                    "retrieval_augmented_generation": {
                      "tag": "${{create_search_pipeline.retrieval_augmented_generation.tag}}",
                      "description": "${{create_search_pipeline.retrieval_augmented_generation.description}}",
                      "model_id": "${{register_model.model_id}}",
                      "context_field_list": "${{create_search_pipeline.retrieval_augmented_generation.context_field_list}}",
                      "system_prompt": "${{create_search_pipeline.retrieval_augmented_generation.system_prompt}}",
                      "user_instructions": "${{create_search_pipeline.retrieval_augmented_generation.user_instructions}}"
                    }
                  }
                ]
              }
            }
          }
        ]
      }
    }
  },
  "substitutionTemplates/deploy-remote-bedrock-model-template.json": {
    "name": "${{template.name}}",
    "description": "${{template.description}}",
    "use_case": "",
    "version": {
      "template": "1.0.0",
      "compatibility": [
        "2.12.0",
        "3.0.0"
      ]
    },
    "workflows": {
      "provision": {
        "nodes": [
          {
            "id": "create_connector",
            "type": "create_connector",
            "user_inputs": {
              "name": "${{create_connector.name}}",
              "description": "${{create_connector.description}}",
              "version": "1",
              "protocol": "aws_sigv4",
              "parameters": {
                "region": "${{create_connector.region}}",
                "service_name": "bedrock",
                "input_docs_processed_step_size": "${{create_connector.input_docs_processed_step_size}}"
              },
              "credential": {
                "access_key": "${{create_connector.credential.access_key}}",
                "secret_key": "${{create_connector.credential.secret_key}}",
                "session_token": "${{create_connector.credential.session_token}}"
              },
              "actions": [
                {
                  "action_type": "predict",
                  "method": "POST",
                  "url": "${{create_connector.actions.url}}",
                  "headers": {
                    "content-type": "application/json",
                    "x-amz-content-sha256": "required"
                  },
                  "request_body": "${{create_connector.actions.request_body}}",
                  "pre_process_function": "${{create_connector.actions.pre_process_function}}",
                  "post_process_function": "${{create_connector.actions.post_process_function}}"
                }
              ]
            }
          },
          {
            "id": "register_model",
            "type": "register_remote_model",
            "previous_node_inputs": {
              "create_connector": "parameters"
            },
            "user_inputs": {
              "name": "${{register_remote_model.name}}",
              "function_name": "remote",
              "description": "${{register_remote_model.description}}"
            }
          },
          {
            "id": "deploy_model",
            "type": "deploy_model",
            "previous_node_inputs": {
              "register_model": "model_id"
            }
          }
        ],
        "edges": [
          {
            "source": "create_connector",
            "dest": "register_model"
          },
          {
            "source": "register_model",
            "dest": "deploy_model"
          }
        ]
      }
    }
  },
  "substitutionTemplates/deploy-remote-model-chat-template.json": {
    "name": "${{template.name}}",
    "description": "${{template.description}}",
    "use_case": "",
    "version": {
      "template": "1.0.0",
      "compatibility": [
        "2.12.0",
        "3.0.0"
      ]
    },
    "workflows": {
      "provision": {
        "nodes": [
          {
            "id": "create_connector",
            "type": "create_connector",
            "user_inputs": {
              "name": "${{create_connector.name}}",
              "description": "${{create_connector.description}}",
              "version": "1",
              "protocol": "${{create_connector.protocol}}",
              "parameters": {
                "endpoint": "${{create_connector.endpoint}}",
                "model": "${{create_connector.model}}"
              },
              "credential": {
                "key": "${{create_connector.credential.key}}"
              },
              "actions": [
                {
                  "action_type": "predict",
                  "method": "POST",
                  "url": "${{create_connector.actions.url}}",
                  "headers": {
                    "Authorization": "Bearer ${credential.key}"
                  },
                  "request_body": "${{create_connector.actions.request_body}}"
                }
              ]
            }
          },
          {
            "id": "register_model",
            "type": "register_remote_model",
            "previous_node_inputs": {
              "create_connector": "parameters"
            },
            "user_inputs": {
              "name": "${{register_remote_model.name}}",
              "function_name": "remote",
              "description": "${{register_remote_model.description}}"
            }
          },
          {
            "id": "deploy_model",
            "type": "deploy_model",
            "previous_node_inputs": {
              "register_model": "model_id"
            }
          }
        ],
        "edges": [
          {
            "source": "create_connector",
            "dest": "register_model"
          },
          {
            "source": "register_model",
            "dest": "deploy_model"
          }
        ]
      }
    }
  },
  "substitutionTemplates/deploy-remote-model-extra-params-template.json": {
    "name": "${{template.name}}",
    "description": "${{template.description}}",
    "use_case": "",
    "version": {
      "template": "1.0.0",
      "compatibility": [
        "2.12.0",
        "3.0.0"
      ]
    },
    "workflows": {
      "provision": {
        "nodes": [
          {
            "id": "create_connector",
            "type": "create_connector",
            "user_inputs": {
              "name": "${{create_connector.name}}",
              "description": "${{create_connector.description}}",
              "version": "1",
              "protocol": "${{create_connector.protocol}}",
              "parameters": {
                "endpoint": "${{create_connector.endpoint}}",
                "model": "${{create_connector.model}}",
                "input_type": "search_document",
                "truncate": "END"
              },
              "credential": {
                "key": "${{create_connector.credential.key}}"
              },
              "actions": [
                {
                  "action_type": "predict",
                  "method": "POST",
                  "url": "${{create_connector.actions.url}}",
                  "headers": {
                    "Authorization": "Bearer ${credential.key}",
                    "Request-Source": "unspecified:opensearch"
                  },
                  "request_body": "${{create_connector.actions.request_body}}",
                  "pre_process_function": "${{create_connector.actions.pre_process_function}}",
                  "post_process_function": "${{create_connector.actions.post_process_function}}"
                }
              ]
            }
          },
          {
            "id": "register_model",
            "type": "register_remote_model",
            "previous_node_inputs": {
              "create_connector": "parameters"
            },
            "user_inputs": {
              "name": "${{register_remote_model.name}}",
              "function_name": "remote",
              "description": "${{register_remote_model.description}}"
            }
          },
          {
            "id": "deploy_model",
            "type": "deploy_model",
            "previous_node_inputs": {
              "register_model": "model_id"
            }
          }
        ],
        "edges": [
          {
            "source": "create_connector",
            "dest": "register_model"
          },
          {
            "source": "register_model",
            "dest": "deploy_model"
          }
        ]
      }
    }
  },
  "substitutionTemplates/deploy-remote-model-template.json": {
    "name": "${{template.name}}",
    "description": "${{template.description}}",
    "use_case": "",
    "version": {
      "template": "1.0.0",
      "compatibility": [
        "2.12.0",
        "3.0.0"
      ]
    },
    "workflows": {
      "provision": {
        "nodes": [
          {
            "id": "create_connector",
            "type": "create_connector",
            "user_inputs": {
              "name": "${{create_connector.name}}",
              "description": "${{create_connector.description}}",
              "version": "1",
              "protocol": "${{create_connector.protocol}}",
              "parameters": {
                "endpoint": "${{create_connector.endpoint}}",
                "model": "${{create_connector.model}}"
              },
              "credential": {
                "key": "${{create_connector.credential.key}}"
              },
              "actions": [
                {
                  "action_type": "predict",
                  "method": "POST",
                  "url": "${{create_connector.actions.url}}",
                  "headers": {
                    "Authorization": "Bearer ${credential.key}"
                  },
                  "request_body": "${{create_connector.actions.request_body}}",
                  "pre_process_function": "${{create_connector.actions.pre_process_function}}",
                  "post_process_function": "${{create_connector.actions.post_process_function}}"
                }
              ]
            }
          },
          {
            "id": "register_model",
            "type": "register_remote_model",
            "previous_node_inputs": {
              "create_connector": "parameters"
            },
            "user_inputs": {
              "name": "${{register_remote_model.name}}",
              "function_name": "remote",
              "description": "${{register_remote_model.description}}"
            }
          },
          {
            "id": "deploy_model",
            "type": "deploy_model",
            "previous_node_inputs": {
              "register_model": "model_id"
            }
          }
        ],
        "edges": [
          {
            "source": "create_connector",
            "dest": "register_model"
          },
          {
            "source": "register_model",
            "dest": "deploy_model"
          }
        ]
      }
    }
  },
  "substitutionTemplates/hybrid-search-template.json": {
    "name": "${{template.name}}",
    "description": "${{template.description}}",
    "use_case": "HYBRID_SEARCH",
    "version": {
      "template": "1.0.0",
      "compatibility": [
        "2.12.0",
        "3.0.0"
      ]
    },
    "workflows": {
      "provision": {
        "nodes": [
          {
            "id": "create_ingest_pipeline",
            "type": "create_ingest_pipeline",
            "user_inputs": {
              "pipeline_id": "${{create_ingest_pipeline.pipeline_id}}",
              "configurations": {
                "description": "${{create_ingest_pipeline.description}}",
                "processors": [
                  {
                    "text_embedding": {
                      "model_id": "${{create_ingest_pipeline.model_id}}",
                      "field_map": {
                        "${{text_embedding.field_map.input}}": "${{text_embedding.field_map.output}}"
                      }
                    }
                  }
                ]
              }
            }
          },
          {
            "id": "create_index",
            "type": "create_index",
            "previous_node_inputs": {
              "create_ingest_pipeline": "pipeline_id"
            },
            "user_inputs": {
              "index_name": "${{create_index.name}}",
              "configurations": {
                "settings": {
                  "index.knn": true,
                  "default_pipeline": "${{create_ingest_pipeline.pipeline_id}}",
                  "number_of_shards": "${{create_index.settings.number_of_shards}}",
                  "index.search.default_pipeline": "${{create_search_pipeline.pipeline_id}}"
                },
                "mappings": {
                  "properties": {
                    "${{text_embedding.field_map.output}}": {
                      "type": "knn_vector",
                      "dimension": "${{text_embedding.field_map.output.dimension}}",
                      "method": {
                        "engine": "${{create_index.mappings.method.engine}}",
                        "space_type": "${{create_index.mappings.method.space_type}}",
                        "name": "${{create_index.mappings.method.name}}",
                        "parameters": {}
                      }
                    },
                    "${{text_embedding.field_map.input}}": {
                      "type": "text"
                    }
                  }
                }
              }
            }
          },
          {
            "id": "create_search_pipeline",
            "type": "create_search_pipeline",
            "user_inputs": {
              "pipeline_id": "${{create_search_pipeline.pipeline_id}}",
              "configurations": {
                "description": "Post processor for hybrid search",
                "phase_results_processors": [
                  {
                    "normalization-processor": {
                      "normalization": {
                        "technique": "${{normalization-processor.normalization.technique}}"
                      },
                      "combination": {
                        "technique": "${{normalization-processor.combination.technique}}"
                      }
                    }
                  }
                ]
              }
            }
          }
        ]
      }
    }
  },
  "substitutionTemplates/hybrid-search-with-local-model-template.json": {
    "name": "${{template.name}}",
    "description": "${{template.description}}",
    "use_case": "HYBRID_SEARCH",
    "version": {
      "template": "1.0.0",
      "compatibility": [
        "2.12.0",
        "3.0.0"
      ]
    },
    "workflows": {
      "provision": {
        "nodes": [
          {
            "id": "register_local_pretrained_model",
            "type": "register_local_pretrained_model",
            "user_inputs": {
              "name": "${{register_local_pretrained_model.name}}",
              "version": "${{register_local_pretrained_model.version}}",
              "description": "${{register_local_pretrained_model.description}}",
              "model_format": "${{register_local_pretrained_model.model_format}}",
              "deploy": true
            }
          },
          {
            "id": "create_ingest_pipeline",
            "type": "create_ingest_pipeline",
            "previous_node_inputs": {
              "register_local_pretrained_model": "model_id"
            },
            "user_inputs": {
              "pipeline_id": "${{create_ingest_pipeline.pipeline_id}}",
              "configurations": {
                "description": "${{create_ingest_pipeline.description}}",
                "processors": [
                  {
                    "text_embedding": {
                      "model_id": "${{register_local_pretrained_model.model_id}}",
                      "field_map": {
                        "${{text_embedding.field_map.input}}": "${{text_embedding.field_map.output}}"
                      }
                    }
                  }
                ]
              }
            }
          },
          {
            "id": "create_index",
            "type": "create_index",
            "previous_node_inputs": {
              "create_ingest_pipeline": "pipeline_id"
            },
            "user_inputs": {
              "index_name": "${{create_index.name}}",
              "configurations": {
                "settings": {
                  "index.knn": true,
                  "default_pipeline": "${{create_ingest_pipeline.pipeline_id}}",
                  "number_of_shards": "${{create_index.settings.number_of_shards}}",
                  "index.search.default_pipeline": "${{create_search_pipeline.pipeline_id}}"
                },
                "mappings": {
                  "properties": {
                    "${{text_embedding.field_map.output}}": {
                      "type": "knn_vector",
                      "dimension": "${{text_embedding.field_map.output.dimension}}",
                      "method": {
                        "engine": "${{create_index.mappings.method.engine}}",
                        "space_type": "${{create_index.mappings.method.space_type}}",
                        "name": "${{create_index.mappings.method.name}}",
                        "parameters": {}
                      }
                    },
                    "${{text_embedding.field_map.input}}": {
                      "type": "text"
                    }
                  }
                }
              }
            }
          },
          {
            "id": "create_search_pipeline",
            "type": "create_search_pipeline",
            "user_inputs": {
              "pipeline_id": "${{create_search_pipeline.pipeline_id}}",
              "configurations": {
                "description": "Post processor for hybrid search",
                "phase_results_processors": [
                  {
                    "normalization-processor": {
                      "normalization": {
                        "technique": "${{normalization-processor.normalization.technique}}"
                      },
                      "combination": {
                        "technique": "${{normalization-processor.combination.technique}}"
                      }
                    }
                  }
                ]
              }
            }
          }
        ]
      }
    }
  },
  "substitutionTemplates/multi-modal-search-template.json": {
    "name": "${{template.name}}",
    "description": "${{template.description}}",
    "use_case": "MULTIMODAL_SEARCH",
    "version": {
      "template": "1.0.0",
      "compatibility": [
        "2.12.0",
        "3.0.0"
      ]
    },
    "workflows": {
      "provision": {
        "nodes": [
          {
            "id": "create_ingest_pipeline",
            "type": "create_ingest_pipeline",
            "user_inputs": {
              "pipeline_id": "${{create_ingest_pipeline.pipeline_id}}",
              "configurations": {
                "description": "${{create_ingest_pipeline.description}}",
                "processors": [
                  {
                    "text_image_embedding": {
                      "model_id": "${{create_ingest_pipeline.model_id}}",
                      "embedding": "${{text_image_embedding.embedding}}",
                      "field_map": {
                        "text": "${{text_image_embedding.field_map.text}}",
                        "image": "${{text_image_embedding.field_map.image}}"
                      }
                    }
                  }
                ]
              }
            }
          },
          {
            "id": "create_index",
            "type": "create_index",
            "previous_node_inputs": {
              "create_ingest_pipeline": "pipeline_id"
            },
            "user_inputs": {
              "index_name": "${{create_index.name}}",
              "configurations": {
                "settings": {
                  "index.knn": true,
                  "default_pipeline": "${{create_ingest_pipeline.pipeline_id}}",
                  "number_of_shards": "${{create_index.settings.number_of_shards}}"
                },
                "mappings": {
                  "properties": {
                    "${{text_image_embedding.embedding}}": {
                      "type": "knn_vector",
                      "dimension": "${{text_image_embedding.field_map.output.dimension}}",
                      "method": {
                        "engine": "${{create_index.mappings.method.engine}}",
                        "name": "${{create_index.mappings.method.name}}",
                        "parameters": {}
                      }
                    },
                    "${{text_image_embedding.field_map.text}}": {
                      "type": "${{text_image_embedding.field_map.text.type}}"
                    },
                    "${{text_image_embedding.field_map.image}}": {
                      "type": "${{text_image_embedding.field_map.image.type}}"
                    }
                  }
                }
              }
            }
          }
        ]
      }
    }
  },
  "substitutionTemplates/multi-modal-search-with-bedrock-titan-template.json": {
    "name": "${{template.name}}",
    "description": "${{template.description}}",
    "use_case": "MULTIMODAL_SEARCH",
    "version": {
      "template": "1.0.0",
      "compatibility": [
        "2.12.0",
        "3.0.0"
      ]
    },
    "workflows": {
      "provision": {
        "nodes": [
          {
            "id": "create_connector",
            "type": "create_connector",
            "user_inputs": {
              "name": "${{create_connector.name}}",
              "description": "${{create_connector.description}}",
              "version": "1",
              "protocol": "aws_sigv4",
              "parameters": {
                "region": "${{create_connector.region}}",
                "service_name": "bedrock",
                "input_docs_processed_step_size": "${{create_connector.input_docs_processed_step_size}}"
              },
              "credential": {
                "access_key": "${{create_connector.credential.access_key}}",
                "secret_key": "${{create_connector.credential.secret_key}}",
                "session_token": "${{create_connector.credential.session_token}}"
              },
              "actions": [
                {
                  "action_type": "predict",
                  "method": "POST",
                  "url": "${{create_connector.actions.url}}",
                  "headers": {
                    "content-type": "application/json",
                    "x-amz-content-sha256": "required"
                  },
                  "request_body": "${{create_connector.actions.request_body}}",
                  "pre_process_function": "${{create_connector.actions.pre_process_function}}",
                  "post_process_function": "${{create_connector.actions.post_process_function}}"
                }
              ]
            }
          },
          {
            "id": "register_model",
            "type": "register_remote_model",
            "previous_node_inputs": {
              "create_connector": "parameters"
            },
            "user_inputs": {
              "name": "${{register_remote_model.name}}",
              "function_name": "remote",
              "description": "${{register_remote_model.description}}",
              "deploy": true
            }
          },
          {
            "id": "create_ingest_pipeline",
            "type": "create_ingest_pipeline",
            "previous_node_inputs": {
              "register_model": "model_id"
            },
            "user_inputs": {
              "pipeline_id": "${{create_ingest_pipeline.pipeline_id}}",
              "configurations": {
                "description": "${{create_ingest_pipeline.description}}",
                "processors": [
                  {
                    "text_image_embedding": {
                      "model_id": "${{register_model.model_id}}",
                      "embedding": "${{text_image_embedding.embedding}}",
                      "field_map": {
                        "text": "${{text_image_embedding.field_map.text}}",
                        "image": "${{text_image_embedding.field_map.image}}"
                      }
                    }
                  }
                ]
              }
            }
          },
          {
            "id": "create_index",
            "type": "create_index",
            "previous_node_inputs": {
              "create_ingest_pipeline": "pipeline_id"
            },
            "user_inputs": {
              "index_name": "${{create_index.name}}",
              "configurations": {
                "settings": {
                  "index.knn": true,
                  "default_pipeline": "${{create_ingest_pipeline.pipeline_id}}",
                  "number_of_shards": "${{create_index.settings.number_of_shards}}"
                },
                "mappings": {
                  "properties": {
                    "${{text_image_embedding.embedding}}": {
                      "type": "knn_vector",
                      "dimension": "${{text_image_embedding.field_map.output.dimension}}",
                      "method": {
                        "engine": "${{create_index.mappings.method.engine}}",
                        "name": "${{create_index.mappings.method.name}}",
                        "parameters": {}
                      }
                    },
                    "${{text_image_embedding.field_map.text}}": {
                      "type": "${{text_image_embedding.field_map.text.type}}"
                    },
                    "${{text_image_embedding.field_map.image}}": {
                      "type": "${{text_image_embedding.field_map.image.type}}"
                    }
                  }
                }
              }
            }
          }
        ]
      }
    }
  },
  "substitutionTemplates/neural-sparse-local-biencoder-template.json": {
    "name": "${{template.name}}",
    "description": "${{template.description}}",
    "use_case": "",
    "version": {
      "template": "1.0.0",
      "compatibility": [
        "2.12.0",
        "3.0.0"
      ]
    },
    "workflows": {
      "provision": {
        "nodes": [
          {
            "id": "register_local_sparse_encoding_model",
            "type": "register_local_sparse_encoding_model",
            "user_inputs": {
              "name": "${{register_local_sparse_encoding_model.name}}",
              "version": "${{register_local_sparse_encoding_model.version}}",
              "description": "${{register_local_sparse_encoding_model.description}}",
              "model_format": "${{register_local_sparse_encoding_model.model_format}}",
              "deploy": true
            }
          },
          {
            "id": "create_ingest_pipeline",
            "type": "create_ingest_pipeline",
            "previous_node_inputs": {
              "register_local_sparse_encoding_model": "model_id"
            },
            "user_inputs": {
              "pipeline_id": "${{create_ingest_pipeline.pipeline_id}}",
              "configurations": {
                "description": "${{create_ingest_pipeline.description}}",
                "processors": [
                  {
                    "sparse_encoding": {
                      "model_id": "${{register_local_sparse_encoding_model.model_id}}",
                      "field_map": {
                        "${{create_ingest_pipeline.text_embedding.field_map.input}}": "${{create_ingest_pipeline.text_embedding.field_map.output}}"
                      }
                    }
                  }
                ]
              }
            }
          },
          {
            "id": "create_index",
            "type": "create_index",
            "previous_node_inputs": {
              "create_ingest_pipeline": "pipeline_id"
            },
            "user_inputs": {
              "index_name": "${{create_index.name}}",
              "configurations": {
                "settings": {
                  "default_pipeline": "${{create_ingest_pipeline.pipeline_id}}"
                },
                "mappings": {
                  "properties": {
                    "${{create_ingest_pipeline.text_embedding.field_map.output}}": {
                      "type": "rank_features"
                    },
                    "${{create_ingest_pipeline.text_embedding.field_map.input}}": {
                      "type": "text"
                    }
                  }
                }
              }
            }
          }
        ]
      }
    }
  },
  "substitutionTemplates/semantic-search-template.json": {
    "name": "${{template.name}}",
    "description": "${{template.description}}",
    "use_case": "SEMANTIC_SEARCH",
    "version": {
      "template": "1.0.0",
      "compatibility": [
        "2.12.0",
        "3.0.0"
      ]
    },
    "workflows": {
      "provision": {
        "nodes": [
          {
            "id": "create_ingest_pipeline",
            "type": "create_ingest_pipeline",
            "user_inputs": {
              "pipeline_id": "${{create_ingest_pipeline.pipeline_id}}",
              "configurations": {
                "description": "${{create_ingest_pipeline.description}}",
                "processors": [
                  {
                    "text_embedding": {
                      "model_id": "${{create_ingest_pipeline.model_id}}",
                      "field_map": {
                        "${{text_embedding.field_map.input}}": "${{text_embedding.field_map.output}}"
                      }
                    }
                  }
                ]
              }
            }
          },
          {
            "id": "create_index",
            "type": "create_index",
            "previous_node_inputs": {
              "create_ingest_pipeline": "pipeline_id"
            },
            "user_inputs": {
              "index_name": "${{create_index.name}}",
              "configurations": {
                "settings": {
                  "index.knn": true,
                  "default_pipeline": "${{create_ingest_pipeline.pipeline_id}}",
                  "number_of_shards": "${{create_index.settings.number_of_shards}}"
                },
                "mappings": {
                  "properties": {
                    "${{text_embedding.field_map.output}}": {
                      "type": "knn_vector",
                      "dimension": "${{text_embedding.field_map.output.dimension}}",
                      "method": {
                        "engine": "${{create_index.mappings.method.engine}}",
                        "space_type": "${{create_index.mappings.method.space_type}}",
                        "name": "${{create_index.mappings.method.name}}",
                        "parameters": {}
                      }
                    },
                    "${{text_embedding.field_map.input}}": {
                      "type": "text"
                    }
                  }
                }
              }
            }
          }
        ]
      }
    }
  },
  "substitutionTemplates/semantic-search-with-local-model-template.json": {
    "name": "${{template.name}}",
    "description": "${{template.description}}",
    "use_case": "SEMANTIC_SEARCH",
    "version": {
      "template": "1.0.0",
      "compatibility": [
        "2.12.0",
        "3.0.0"
      ]
    },
    "workflows": {
      "provision": {
        "nodes": [
          {
            "id": "register_local_pretrained_model",
            "type": "register_local_pretrained_model",
            "user_inputs": {
              "name": "${{register_local_pretrained_model.name}}",
              "version": "${{register_local_pretrained_model.version}}",
              "description": "${{register_local_pretrained_model.description}}",
              "model_format": "${{register_local_pretrained_model.model_format}}",
              "deploy": true
            }
          },
          {
            "id": "create_ingest_pipeline",
            "type": "create_ingest_pipeline",
            "previous_node_inputs": {
              "register_local_pretrained_model": "model_id"
            },
            "user_inputs": {
              "pipeline_id": "${{create_ingest_pipeline.pipeline_id}}",
              "configurations": {
                "description": "${{create_ingest_pipeline.description}}",
                "processors": [
                  {
                    "text_embedding": {
                      "model_id": "${{register_local_pretrained_model.model_id}}",
                      "field_map": {
                        "${{text_embedding.field_map.input}}": "${{text_embedding.field_map.output}}"
                      }
                    }
                  }
                ]
              }
            }
          },
          {
            "id": "create_index",
            "type": "create_index",
            "previous_node_inputs": {
              "create_ingest_pipeline": "pipeline_id"
            },
            "user_inputs": {
              "index_name": "${{create_index.name}}",
              "configurations": {
                "settings": {
                  "index.knn": true,
                  "default_pipeline": "${{create_ingest_pipeline.pipeline_id}}",
                  "number_of_shards": "${{create_index.settings.number_of_shards}}"
                },
                "mappings": {
                  "properties": {
                    "${{text_embedding.field_map.output}}": {
                      "type": "knn_vector",
                      "dimension": "${{text_embedding.field_map.output.dimension}}",
                      "method": {
                        "engine": "${{create_index.mappings.method.engine}}",
                        "space_type": "${{create_index.mappings.method.space_type}}",
                        "name": "${{create_index.mappings.method.name}}",
                        "parameters": {}
                      }
                    },
                    "${{text_embedding.field_map.input}}": {
                      "type": "text"
                    }
                  }
                }
              }
            }
          }
        ]
      }
    }
  },
  "substitutionTemplates/semantic-search-with-model-and-query-enricher-template.json": {
    "name": "${{template.name}}",
    "description": "${{template.description}}",
    "use_case": "SEMANTIC_SEARCH",
    "version": {
      "template": "1.0.0",
      "compatibility": [
        "2.12.0",
        "3.0.0"
      ]
    },
    "workflows": {
      "provision": {
        "nodes": [
          {
            "id": "create_connector",
            "type": "create_connector",
            "user_inputs": {
              "name": "${{create_connector.name}}",
              "description": "${{create_connector.description}}",
              "version": "1",
              "protocol": "${{create_connector.protocol}}",
              "parameters": {
                "endpoint": "${{create_connector.endpoint}}",
                "model": "${{create_connector.model}}",
                "input_type": "search_document",
                "truncate": "END"
              },
              "credential": {
                "key": "${{create_connector.credential.key}}"
              },
              "actions": [
                {
                  "action_type": "predict",
                  "method": "POST",
                  "url": "${{create_connector.actions.url}}",
                  "headers": {
                    "Authorization": "Bearer ${credential.key}",
                    "Request-Source": "unspecified:opensearch"
                  },
                  "request_body": "${{create_connector.actions.request_body}}",
                  "pre_process_function": "${{create_connector.actions.pre_process_function}}",
                  "post_process_function": "${{create_connector.actions.post_process_function}}"
                }
              ]
            }
          },
          {
            "id": "register_model",
            "type": "register_remote_model",
            "previous_node_inputs": {
              "create_connector": "parameters"
            },
            "user_inputs": {
              "name": "${{register_remote_model.name}}",
              "function_name": "remote",
              "description": "${{register_remote_model.description}}",
              "deploy": true
            }
          },
          {
            "id": "create_ingest_pipeline",
            "type": "create_ingest_pipeline",
            "previous_node_inputs": {
              "register_model": "model_id"
            },
            "user_inputs": {
              "pipeline_id": "${{create_ingest_pipeline.pipeline_id}}",
              "configurations": {
                "description": "${{create_ingest_pipeline.description}}",
                "processors": [
                  {
                    "text_embedding": {
                      "model_id": "${{register_model.model_id}}",
                      "field_map": {
                        "${{text_embedding.field_map.input}}": "${{text_embedding.field_map.output}}"
                      }
                    }
                  }
                ]
              }
            }
          },
          {
            "id": "create_index",
            "type": "create_index",
            "previous_node_inputs": {
              "create_ingest_pipeline": "pipeline_id"
            },
            "user_inputs": {
              "index_name": "${{create_index.name}}",
              "configurations": {
                "settings": {
                  "index.knn": true,
                  "default_pipeline": "${{create_ingest_pipeline.pipeline_id}}",
                  "number_of_shards": "${{create_index.settings.number_of_shards}}",
                  "index.search.default_pipeline": "${{create_search_pipeline.pipeline_id}}"
                },
                "mappings": {
                  "properties": {
                    "${{text_embedding.field_map.output}}": {
                      "type": "knn_vector",
                      "dimension": "${{text_embedding.field_map.output.dimension}}",
                      "method": {
                        "engine": "${{create_index.mappings.method.engine}}",
                        "space_type": "${{create_index.mappings.method.space_type}}",
                        "name": "${{create_index.mappings.method.name}}",
                        "parameters": {}
                      }
                    },
                    "${{text_embedding.field_map.input}}": {
                      "type": "text"
                    }
                  }
                }
              }
            }
          },
          {
            "id": "create_search_pipeline",
            "type": "create_search_pipeline",
            "previous_node_inputs": {
              "register_model": "model_id"
            },
            "user_inputs": {
              "pipeline_id": "${{create_search_pipeline.pipeline_id}}",
              "configurations": {
                "request_processors": [
                  {
                    "neural_query_enricher": {
                      "description": "Sets the default model ID at index and field levels",
                      "default_model_id": "${{register_model.model_id}}"
                    }
                  }
                ]
              }
            }
          }
        ]
      }
    }
  },
  "substitutionTemplates/semantic-search-with-model-template.json": {
    "name": "${{template.name}}",
    "description": "${{template.description}}",
    "use_case": "SEMANTIC_SEARCH",
    "version": {
      "template": "1.0.0",
      "compatibility": [
        "2.12.0",
        "3.0.0"
      ]
    },
    "workflows": {
      "provision": {
        "nodes": [
          {
            "id": "create_connector",
            "type": "create_connector",
            "user_inputs": {
              "name": "${{create_connector.name}}",
              "description": "${{create_connector.description}}",
              "version": "1",
              "protocol": "${{create_connector.protocol}}",
              "parameters": {
                "endpoint": "${{create_connector.endpoint}}",
                "model": "${{create_connector.model}}",
                "input_type": "search_document",
                "truncate": "END"
              },
              "credential": {
                "key": "${{create_connector.credential.key}}"
              },
              "actions": [
                {
                  "action_type": "predict",
                  "method": "POST",
                  "url": "${{create_connector.actions.url}}",
                  "headers": {
                    "Authorization": "Bearer ${credential.key}",
                    "Request-Source": "unspecified:opensearch"
                  },
                  "request_body": "${{create_connector.actions.request_body}}",
                  "pre_process_function": "${{create_connector.actions.pre_process_function}}",
                  "post_process_function": "${{create_connector.actions.post_process_function}}"
                }
              ]
            }
          },
          {
            "id": "register_model",
            "type": "register_remote_model",
            "previous_node_inputs": {
              "create_connector": "parameters"
            },
            "user_inputs": {
              "name": "${{register_remote_model.name}}",
              "function_name": "remote",
              "description": "${{register_remote_model.description}}",
              "deploy": true
            }
          },
          {
            "id": "create_ingest_pipeline",
            "type": "create_ingest_pipeline",
            "previous_node_inputs": {
              "register_model": "model_id"
            },
            "user_inputs": {
              "pipeline_id": "${{create_ingest_pipeline.pipeline_id}}",
              "configurations": {
                "description": "${{create_ingest_pipeline.description}}",
                "processors": [
                  {
                    "text_embedding": {
                      "model_id": "${{register_model.model_id}}",
                      "field_map": {
                        "${{text_embedding.field_map.input}}": "${{text_embedding.field_map.output}}"
                      }
                    }
                  }
                ]
              }
            }
          },
          {
            "id": "create_index",
            "type": "create_index",
            "previous_node_inputs": {
              "create_ingest_pipeline": "pipeline_id"
            },
            "user_inputs": {
              "index_name": "${{create_index.name}}",
              "configurations": {
                "settings": {
                  "index.knn": true,
                  "default_pipeline": "${{create_ingest_pipeline.pipeline_id}}",
                  "number_of_shards": "${{create_index.settings.number_of_shards}}"
                },
                "mappings": {
                  "properties": {
                    "${{text_embedding.field_map.output}}": {
                      "type": "knn_vector",
                      "dimension": "${{text_embedding.field_map.output.dimension}}",
                      "method": {
                        "engine": "${{create_index.mappings.method.engine}}",
                        "space_type": "${{create_index.mappings.method.space_type}}",
                        "name": "${{create_index.mappings.method.name}}",
                        "parameters": {}
                      }
                    },
                    "${{text_embedding.field_map.input}}": {
                      "type": "text"
                    }
                  }
                }
              }
            }
          }
        ]
      }
    }
  },
  "substitutionTemplates/semantic-search-with-query-enricher-template.json": {
    "name": "${{template.name}}",
    "description": "${{template.description}}",
    "use_case": "SEMANTIC_SEARCH",
    "version": {
      "template": "1.0.0",
      "compatibility": [
        "2.12.0",
        "3.0.0"
      ]
    },
    "workflows": {
      "provision": {
        "nodes": [
          {
            "id": "create_ingest_pipeline",
            "type": "create_ingest_pipeline",
            "user_inputs": {
              "pipeline_id": "${{create_ingest_pipeline.pipeline_id}}",
              "configurations": {
                "description": "${{create_ingest_pipeline.description}}",
                "processors": [
                  {
                    "text_embedding": {
                      "model_id": "${{create_ingest_pipeline.model_id}}",
                      "field_map": {
                        "${{text_embedding.field_map.input}}": "${{text_embedding.field_map.output}}"
                      }
                    }
                  }
                ]
              }
            }
          },
          {
            "id": "create_search_pipeline",
            "type": "create_search_pipeline",
            "user_inputs": {
              "pipeline_id": "${{create_search_pipeline.pipeline_id}}",
              "configurations": {
                "request_processors": [
                  {
                    "neural_query_enricher": {
                      "description": "Sets the default model ID at index and field levels",
                      "default_model_id": "${{create_ingest_pipeline.model_id}}"
                    }
                  }
                ]
              }
            }
          },
          {
            "id": "create_index",
            "type": "create_index",
            "previous_node_inputs": {
              "create_ingest_pipeline": "pipeline_id"
            },
            "user_inputs": {
              "index_name": "${{create_index.name}}",
              "configurations": {
                "settings": {
                  "index.knn": true,
                  "default_pipeline": "${{create_ingest_pipeline.pipeline_id}}",
                  "number_of_shards": "${{create_index.settings.number_of_shards}}",
                  "index.search.default_pipeline": "${{create_search_pipeline.pipeline_id}}"
                },
                "mappings": {
                  "properties": {
                    "${{text_embedding.field_map.output}}": {
                      "type": "knn_vector",
                      "dimension": "${{text_embedding.field_map.output.dimension}}",
                      "method": {
                        "engine": "${{create_index.mappings.method.engine}}",
                        "space_type": "${{create_index.mappings.method.space_type}}",
                        "name": "${{create_index.mappings.method.name}}",
                        "parameters": {}
                      }
                    },
                    "${{text_embedding.field_map.input}}": {
                      "type": "text"
                    }
                  }
                }
              }
            }
          }
        ]
      }
    }
  },
  "substitutionTemplates/semantic-search-with-reindex-template.json": {
    "name": "${{template.name}}",
    "description": "${{template.description}}",
    "use_case": "SEMANTIC_SEARCH",
    "version": {
      "template": "1.0.0",
      "compatibility": [
        "2.12.0",
        "3.0.0"
      ]
    },
    "workflows": {
      "provision": {
        "nodes": [
          {
            "id": "create_connector",
            "type": "create_connector",
            "user_inputs": {
              "name": "${{create_connector.name}}",
              "description": "${{create_connector.description}}",
              "version": "1",
              "protocol": "${{create_connector.protocol}}",
              "parameters": {
                "endpoint": "${{create_connector.endpoint}}",
                "model": "${{create_connector.model}}",
                "input_type": "search_document",
                "truncate": "END"
              },
              "credential": {
                "key": "${{create_connector.credential.key}}"
              },
              "actions": [
                {
                  "action_type": "predict",
                  "method": "POST",
                  "url": "${{create_connector.actions.url}}",
                  "headers": {
                    "Authorization": "Bearer ${credential.key}",
                    "Request-Source": "unspecified:opensearch"
                  },
                  "request_body": "${{create_connector.actions.request_body}}",
                  "pre_process_function": "${{create_connector.actions.pre_process_function}}",
                  "post_process_function": "${{create_connector.actions.post_process_function}}"
                }
              ]
            }
          },
          {
            "id": "register_model",
            "type": "register_remote_model",
            "previous_node_inputs": {
              "create_connector": "connector_id"
            },
            "user_inputs": {
              "name": "${{register_remote_model.name}}",
              "function_name": "remote",
              "description": "${{register_remote_model.description}}",
              "deploy": true
            }
          },
          {
            "id": "create_ingest_pipeline",
            "type": "create_ingest_pipeline",
            "previous_node_inputs": {
              "register_model": "model_id"
            },
            "user_inputs": {
              "pipeline_id": "${{create_ingest_pipeline.pipeline_id}}",
              "configurations": {
                "description": "${{create_ingest_pipeline.description}}",
                "processors": [
                  {
                    "text_embedding": {
                      "model_id": "${{register_model.model_id}}",
                      "field_map": {
                        "${{text_embedding.field_map.input}}": "${{text_embedding.field_map.output}}"
                      }
                    }
                  }
                ]
              }
            }
          },
          {
            "id": "create_index",
            "type": "create_index",
            "previous_node_inputs": {
              "create_ingest_pipeline": "pipeline_id"
            },
            "user_inputs": {
              "index_name": "${{create_index.name}}",
              "configurations": {
                "settings": {
                  "index.knn": true,
                  "default_pipeline": "${{create_ingest_pipeline.pipeline_id}}",
                  "number_of_shards": "${{create_index.settings.number_of_shards}}"
                },
                "mappings": {
                  "properties": {
                    "${{text_embedding.field_map.output}}": {
                      "type": "knn_vector",
                      "dimension": "${{text_embedding.field_map.output.dimension}}",
                      "method": {
                        "engine": "${{create_index.mappings.method.engine}}",
                        "space_type": "${{create_index.mappings.method.space_type}}",
                        "name": "${{create_index.mappings.method.name}}",
                        "parameters": {}
                      }
                    },
                    "${{text_embedding.field_map.input}}": {
                      "type": "text"
                    }
                  }
                }
              }
            }
          },
          {
            "id": "reindex",
            "type": "reindex",
            "previous_node_inputs": {
              "create_index": "index_name"
            },
            "user_inputs": {
              "source_index": "${{reindex.source_index}}",
              "destination_index": "${{create_index.name}}",
              "refresh": false,
              "requests_per_second": "${{reindex.requests_per_second}}",
              "slices": "${{reindex.slices}}"
            }
          }
        ]
      }
    }
  },
};
