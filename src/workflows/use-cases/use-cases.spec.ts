import { AppError } from '../../common/errors/app-error';
import { CONTENT_INVALID } from '../template/template-parser';
import { BODY_NOT_A_STRING_MAP, buildUseCaseTemplate, findUseCase, readUserValues, substitute } from '.';
import { javaHashMapOrder, javaMapToString, javaNumberValueText, javaStringHash, jsonNumberText } from './java-compat';

type Node = { id: string; type: string; user_inputs: Record<string, any> };
type Doc = { name: string; description: string; use_case: string; workflows: { provision: { nodes: Node[] } } };

const build = (name: string, body?: unknown) => buildUseCaseTemplate(name, body) as Doc;
const node = (doc: Doc, id: string) => doc.workflows.provision.nodes.find((n) => n.id === id)!;

function errorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected an AppError');
}

const expectError = (fn: () => unknown, message: string, code = 'InvalidArgument') => {
  const error = errorOf(fn);
  expect({ status: error.status, code: error.code, message: error.message }).toEqual({ status: 400, code, message });
};

const AWS = {
  'create_connector.credential.access_key': 'AKIA',
  'create_connector.credential.secret_key': 'secret',
  'create_connector.credential.session_token': 'token',
};

describe('Java behaviour that shows in use-case output', () => {
  it('hashes strings like String#hashCode', () => {
    expect(javaStringHash('')).toBe(0);
    expect(javaStringHash('hello')).toBe(99162322);
    expect(javaStringHash('polygenelubricants')).toBe(-2147483648);
    expect(javaStringHash('Aa')).toBe(javaStringHash('BB'));
  });

  it('iterates like a HashMap: by bucket, then insertion order; the table grows past 12 keys', () => {
    expect(javaHashMapOrder(['c', 'a', 'b'])).toEqual(['a', 'b', 'c']);
    expect(javaHashMapOrder(['BB', 'Aa'])).toEqual(['BB', 'Aa']); // same hash: insertion order
    expect(javaHashMapOrder(['a', 'q'])).toEqual(['a', 'q']); // 97 and 113 share bucket 1 of 16
    expect(javaHashMapOrder(['q', 'a'])).toEqual(['q', 'a']);
    // 'p' (112) is bucket 0 of 16 but bucket 16 of 32; 'a' (97) is bucket 1 in both.
    expect(javaHashMapOrder(['a', 'p']).slice(0, 2)).toEqual(['p', 'a']);
    const thirteen = ['a', 'p', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l'];
    expect(javaHashMapOrder(thirteen)).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'p']);
    expect(javaHashMapOrder(['a', 'a', 'b'])).toEqual(['a', 'b']);
  });

  it('prints maps and numbers like Java', () => {
    expect(javaMapToString(new Map([['b', '2'], ['a', '1']]))).toBe('{a=1, b=2}');
    expect(javaMapToString(new Map())).toBe('{}');
    expect(javaNumberValueText(3)).toBe('3');
    expect(javaNumberValueText(-0)).toBe('0');
    expect(javaNumberValueText(1.5)).toBe('1.5');
    expect(javaNumberValueText(0.001)).toBe('0.001');
    expect(javaNumberValueText(1e-7)).toBe('1.0E-7');
    expect(javaNumberValueText(12345678.5)).toBe('1.23456785E7');
    expect(javaNumberValueText(1e21)).toBe('1000000000000000000000');
    expect(jsonNumberText(0.5)).toBe('0.5');
    expect(jsonNumberText(1e21)).toBe('1000000000000000000000');
  });
});

describe('reading the body (a flat map)', () => {
  it('turns each value into FF’s string', () => {
    const values = readUserValues({
      s: 'text',
      n: 1024,
      f: 0.25,
      t: true,
      z: null,
      list: ['a', 1, 1.5, true, null, 'q"x'],
      empty: [],
      map: { b: 2, a: 'x', c: null },
    });
    expect(Object.fromEntries(values)).toEqual({
      s: 'text',
      n: '1024',
      f: '0.25',
      t: 'true',
      z: 'null',
      list: '["a", 1, 1.5, "true", "null", "q"x"]',
      empty: '[]',
      map: '{a=x, b=2, c=null}',
    });
  });

  it.each([
    ['an array', [1]],
    ['a string', 'text'],
    ['a number', 3],
    ['null', null],
    ['an array in an array', { a: [['x']] }],
    ['an object in an array', { a: [{ x: 'y' }] }],
    ['an object in an object', { a: { x: { y: 'z' } } }],
    ['an array in an object', { a: { x: ['y'] } }],
  ])('refuses %s with FF’s message', (_label, body) => {
    expectError(() => readUserValues(body), BODY_NOT_A_STRING_MAP);
  });
});

describe('substitution', () => {
  it('fills every ${{ key }}, with Java whitespace inside the braces, and leaves unknown keys alone', () => {
    const params = new Map([['create_connector.credential.key', 'K']]);
    expect(substitute('${{create_connector.credential.key}} ${{ create_connector.credential.key }} ${{\tcreate_connector.credential.key\n}}', params)).toBe(
      'K K K',
    );
    expect(substitute('${{ create_connector.credential }} ${{create_connectorXcredential.key}} ${{ other }}', params)).toBe(
      '${{ create_connector.credential }} ${{create_connectorXcredential.key}} ${{ other }}',
    );
    expect(substitute('${{\u00a0create_connector.credential.key}}', params)).toBe('${{\u00a0create_connector.credential.key}}'); // not Java \s
  });

  it('escapes only backslash, quote and newline, and takes $ literally', () => {
    const params = new Map([['k', 'a\\b "c"\nd\te $& $1']]);
    expect(substitute('"${{k}}"', params)).toBe('"a\\\\b \\"c\\"\\nd\te $& $1"');
  });

  it('substitutes key after key in HashMap order, so a value may bring in a placeholder that stays', () => {
    // HashMap order is a, b whatever the insertion order.
    const params = new Map([
      ['b', '${{ a }}'],
      ['a', 'X'],
    ]);
    expect(substitute('${{b}}|${{a}}', params)).toBe('${{ a }}|X');
    const reversed = new Map([
      ['a', '${{ b }}'],
      ['b', 'Y'],
    ]);
    expect(substitute('${{a}}|${{b}}', reversed)).toBe('Y|Y');
  });
});

describe('buildUseCaseTemplate', () => {
  it('refuses an unknown name with FF’s message (names are case-sensitive)', () => {
    expectError(() => build('nope', {}), 'Unable to find substitution ready file for use case: nope');
    expectError(() => build('SEMANTIC_SEARCH', {}), 'Unable to find substitution ready file for use case: SEMANTIC_SEARCH');
    expectError(() => build('', undefined), 'Unable to find substitution ready file for use case: ');
  });

  it('checks the name before the body', () => {
    expectError(() => build('nope', [1]), 'Unable to find substitution ready file for use case: nope');
  });

  it('without a body, lists every required parameter', () => {
    expectError(() => build('semantic_search'), 'Missing the following required parameters for use case [semantic_search] : [create_ingest_pipeline.model_id]');
    expectError(
      () => build('bedrock_titan_embedding_model_deploy'),
      'Missing the following required parameters for use case [bedrock_titan_embedding_model_deploy] : [create_connector.credential.access_key, create_connector.credential.secret_key, create_connector.credential.session_token]',
    );
  });

  it('with a body, lists the missing ones in the use case’s order; presence is enough', () => {
    expectError(() => build('semantic_search', {}), 'Missing the following required parameters for use case [semantic_search] : [create_ingest_pipeline.model_id]');
    expectError(
      () => build('agentic_search_with_flow_agent', { 'create_connector.credential.secret_key': 's' }),
      'Missing the following required parameters for use case [agentic_search_with_flow_agent] : [create_connector.credential.access_key, create_connector.credential.session_token]',
    );
    expectError(
      () => build('semantic_search_with_reindex', { 'create_connector.credential.key': 'k' }),
      'Missing the following required parameters for use case [semantic_search_with_reindex] : [reindex.source_index]',
    );
    expect(build('semantic_search', { 'create_ingest_pipeline.model_id': '' }).name).toBe('semantic_search');
    expect(build('semantic_search', { 'create_ingest_pipeline.model_id': null }).name).toBe('semantic_search');
  });

  it('reads the body before checking required parameters', () => {
    expectError(() => build('semantic_search', ['create_ingest_pipeline.model_id']), BODY_NOT_A_STRING_MAP);
    expectError(() => build('semantic_search', { x: { y: { z: 1 } } }), BODY_NOT_A_STRING_MAP);
  });

  it('uses the defaults when no body is needed or given', () => {
    const doc = build('semantic_search_with_local_model');
    expect(doc.name).toBe('semantic search with local pretrained model');
    expect(node(doc, 'register_local_pretrained_model').user_inputs).toMatchObject({
      name: 'huggingface/sentence-transformers/paraphrase-MiniLM-L3-v2',
      version: '1.0.2',
    });
    // A placeholder with no default is a previous node's output: it stays for provisioning time.
    expect(JSON.stringify(doc)).toContain('${{register_local_pretrained_model.model_id}}');
    expect(build('local_neural_sparse_search_bi_encoder', {}).name).toBe('local_neural_sparse_search_bi_encoder');
  });

  it('overrides only keys the defaults have; other body keys are ignored', () => {
    const doc = build('semantic_search', {
      'create_ingest_pipeline.model_id': 'model-42',
      'create_index.name': 'books',
      'text_embedding.field_map.output.dimension': 768,
      'template.description': 'mine',
      'not.a.default': 'ignored',
      'create_index.name.extra': 'ignored',
    });
    expect(doc.description).toBe('mine');
    expect(node(doc, 'create_ingest_pipeline').user_inputs.configurations.processors[0].text_embedding.model_id).toBe('model-42');
    const index = node(doc, 'create_index').user_inputs;
    expect(index.index_name).toBe('books');
    expect(index.configurations.mappings.properties.passage_embedding.dimension).toBe('768');
    expect(JSON.stringify(doc)).not.toContain('ignored');
  });

  it('fills credential keys like any other dotted key', () => {
    const doc = build('open_ai_embedding_model_deploy', { 'create_connector.credential.key': 'sk-123' });
    expect(node(doc, 'create_connector').user_inputs.credential).toEqual({ key: 'sk-123' });
    const bedrock = build('bedrock_titan_embedding_model_deploy', AWS);
    expect(node(bedrock, 'create_connector').user_inputs.credential).toEqual({ access_key: 'AKIA', secret_key: 'secret', session_token: 'token' });
  });

  it('keeps FF’s data quirks: the RAG-tool use case requires keys its template never reads', () => {
    const doc = build('conversational-search-with-bedrock-rag-tool', AWS);
    expect(node(doc, 'create_bedrock_connector').user_inputs.credential).toEqual({ access_key: '', secret_key: '', session_token: '' });
    const withBedrockKeys = build('conversational-search-with-bedrock-rag-tool', { ...AWS, 'create_bedrock_connector.credential.access_key': 'real' });
    expect(node(withBedrockKeys, 'create_bedrock_connector').user_inputs.credential.access_key).toBe('real');
    // The OpenAI defaults name register_remote_model_1.*, the template register_remote_model.*: the placeholder stays.
    const openai = build('open_ai_embedding_model_deploy', { 'create_connector.credential.key': 'k' });
    expect(node(openai, 'register_model').user_inputs.name).toBe('${{register_remote_model.name}}');
  });

  it('keeps values intact through JSON escaping', () => {
    const value = 'a "quoted" \\ back\nslash $& ${x}';
    const doc = build('semantic_search', { 'create_ingest_pipeline.model_id': 'm', 'template.name': value });
    expect(doc.name).toBe(value);
  });

  it('turns arrays and objects into FF’s strings', () => {
    const doc = build('conversational_search_with_llm_deploy', {
      'create_connector.credential.key': 'k',
      'create_search_pipeline.retrieval_augmented_generation.context_field_list': ['title', 'text'],
      'template.description': { b: 'two', a: 1 },
    });
    expect(JSON.stringify(doc)).toContain('"context_field_list":"[\\"title\\", \\"text\\"]"');
    expect(doc.description).toBe('{a=1, b=two}');
  });

  it('answers FF’s catch-all when a value makes the JSON invalid (an unescaped control character)', () => {
    const error = errorOf(() => build('semantic_search', { 'create_ingest_pipeline.model_id': 'm', 'template.name': 'tab\there' }));
    expect(error.status).toBe(400);
    expect(error.message.startsWith(CONTENT_INVALID)).toBe(true);
  });

  it('answers FF’s catch-all when values make two keys of one object equal', () => {
    const error = errorOf(() =>
      build('semantic_search', {
        'create_ingest_pipeline.model_id': 'm',
        'text_embedding.field_map.input': 'same',
        'text_embedding.field_map.output': 'same',
      }),
    );
    expect(error.status).toBe(400);
    expect(error.message).toBe(`${CONTENT_INVALID} Duplicate field 'same'`);
  });

  it('finds use cases by exact name', () => {
    expect(findUseCase('hybrid_search')?.requiredParams).toEqual(['create_ingest_pipeline.model_id']);
    expect(findUseCase('hybrid_search_with_local_model')?.requiredParams).toEqual([]);
    expect(findUseCase('Hybrid_Search')).toBeUndefined();
  });
});
