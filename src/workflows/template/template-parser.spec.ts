import { AppError } from '../../common/errors/app-error';
import {
  applyUpdateFields,
  CONTENT_INVALID,
  parseTemplate,
  parseUpdateFields,
  parseYaml,
} from './template-parser';
import type { WorkflowTemplate } from './template.types';

function expectInvalid(fn: () => unknown, message: string): void {
  let thrown: unknown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(AppError);
  const { code, status } = thrown as AppError;
  expect({ message: (thrown as AppError).message, code, status }).toEqual({ message, code: 'InvalidTemplate', status: 400 });
}

const node = (id: string, extra: Record<string, unknown> = {}) => ({ id, type: 'noop', ...extra });
const template = (extra: Record<string, unknown> = {}) => ({
  name: 'test',
  workflows: { provision: { nodes: [node('a')] } },
  ...extra,
});
const withNode = (n: Record<string, unknown>) => template({ workflows: { provision: { nodes: [n] } } });
const withWorkflow = (w: Record<string, unknown>) => template({ workflows: { provision: w } });

describe('parseYaml', () => {
  it('reads YAML into plain data', () => {
    expect(parseYaml('name: x\nversion:\n  template: 1.0.0\nlist:\n- a\n- 2\n')).toEqual({
      name: 'x',
      version: { template: '1.0.0' },
      list: ['a', 2],
    });
  });

  it('names the YAML problem and where it is', () => {
    expectInvalid(
      () => parseYaml('name: a\n  bad: b\n'),
      `${CONTENT_INVALID} Invalid YAML: Nested mappings are not allowed in compact mappings at line 1, column 7.`,
    );
    expectInvalid(
      () => parseYaml('name: "open\n'),
      `${CONTENT_INVALID} Invalid YAML: Missing closing "quote at line 2, column 1.`,
    );
  });

  it('lets a repeated key win like JSON.parse does', () => {
    expect(parseYaml('a: 1\na: 2\n')).toEqual({ a: 2 });
  });

  it('accepts under-indented continuation lines of a quoted scalar, as SnakeYAML does', () => {
    const text = ["a:", "  body: '{\"x\":", "1}'", "  next: y", ''].join('\n');
    expect(parseYaml(text)).toEqual({ a: { body: '{"x": 1}', next: 'y' } });
  });

  it('does not expand aliases without bound', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]', 'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]'].join('\n');
    expect(() => parseYaml(bomb)).toThrow(AppError);
  });
});

describe('parseTemplate: shape and messages', () => {
  it('requires a name', () => {
    expectInvalid(() => parseTemplate({ description: 'no name' }), 'A template object requires a name.');
  });

  it('refuses unknown and wrongly typed template fields', () => {
    expectInvalid(() => parseTemplate(template({ badField: 1 })), 'Unable to parse field [badField] in a template object.');
    expectInvalid(() => parseTemplate(template({ name: { a: 1 } })), 'Unable to parse field [name] in a template object.');
    expectInvalid(() => parseTemplate(template({ description: null })), 'Unable to parse field [description] in a template object.');
    expectInvalid(() => parseTemplate(template({ workflows: [] })), 'Unable to parse field [workflows] in a template object.');
    expectInvalid(() => parseTemplate(template({ workflows: { provision: 'x' } })), 'Unable to parse field [workflows] in a template object.');
    expectInvalid(() => parseTemplate(template({ version: '1.0.0' })), 'Unable to parse field [version] in a template object.');
    expectInvalid(() => parseTemplate(template({ ui_metadata: [1] })), 'Unable to parse field [ui_metadata] in a template object.');
  });

  it('reports a bad field before a missing name, in document order like FF', () => {
    expectInvalid(() => parseTemplate({ badField: 1 }), 'Unable to parse field [badField] in a template object.');
  });

  it('answers FF catch-all when the body is not an object', () => {
    for (const doc of [null, 'text', [1], 3]) expectInvalid(() => parseTemplate(doc), CONTENT_INVALID);
  });

  it('accepts the read-only fields FF stores in templates, and drops them', () => {
    const parsed = parseTemplate(template({ created_time: 1, last_updated_time: 2, last_provisioned_time: 3, user: {}, tenant_id: 't', all_shared_principals: [] }));
    expect(Object.keys(parsed)).toEqual(['name', 'description', 'use_case', 'workflows']);
  });

  it('names the enclosing field for an unknown key in version, as FF does', () => {
    expectInvalid(() => parseTemplate(template({ version: { template: '1.0.0', badField: 'x' } })), 'Unable to parse field [version] in a version object.');
    expectInvalid(() => parseTemplate(template({ version: { compatibility: '2.0.0' } })), 'Unable to parse field [compatibility] in a version object.');
    expectInvalid(() => parseTemplate(template({ version: { template: { x: 1 } } })), 'Unable to parse field [template] in a version object.');
  });

  it('requires X.Y.Z versions and answers FF catch-all otherwise', () => {
    expectInvalid(() => parseTemplate(template({ version: { template: '1.0' } })), CONTENT_INVALID);
    expectInvalid(() => parseTemplate(template({ version: { template: 'latest' } })), CONTENT_INVALID);
    expectInvalid(() => parseTemplate(template({ version: { compatibility: ['2.12.0', '3.x'] } })), CONTENT_INVALID);
  });

  it('normalises versions like OpenSearch Version#toString', () => {
    const parsed = parseTemplate(template({ version: { template: '01.2.03', compatibility: ['2.12.0'] } }));
    expect(parsed.version).toEqual({ template: '1.2.3', compatibility: ['2.12.0'] });
    expect(parseTemplate(template({ version: {} })).version).toBeUndefined();
    expect(parseTemplate(template({ version: { compatibility: [] } })).version).toBeUndefined();
  });

  it('needs at least one node in every workflow given', () => {
    expectInvalid(() => parseTemplate(withWorkflow({ nodes: [] })), 'A workflow must have at least one node.');
    expectInvalid(() => parseTemplate(withWorkflow({ user_params: {} })), 'A workflow must have at least one node.');
    expect(parseTemplate({ name: 'only a name' }).workflows).toEqual({});
    expect(parseTemplate({ name: 'n', workflows: {} }).workflows).toEqual({});
  });

  it('refuses unknown and wrongly typed workflow fields', () => {
    expectInvalid(() => parseTemplate(withWorkflow({ nodes: [node('a')], node: [] })), 'Unable to parse field [node] in a workflow object.');
    expectInvalid(() => parseTemplate(withWorkflow({ nodes: { id: 'a' } })), 'Unable to parse field [nodes] in a workflow object.');
    expectInvalid(() => parseTemplate(withWorkflow({ nodes: ['a'] })), 'Unable to parse field [nodes] in a workflow object.');
    expectInvalid(() => parseTemplate(withWorkflow({ nodes: [node('a')], edges: {} })), 'Unable to parse field [edges] in a workflow object.');
    expectInvalid(() => parseTemplate(withWorkflow({ nodes: [node('a')], user_params: [] })), 'Unable to parse field [user_params] in a workflow object.');
    expectInvalid(() => parseTemplate(withWorkflow({ nodes: [node('a')], user_params: { k: { x: 1 } } })), 'Unable to parse field [user_params] in a workflow object.');
  });

  it('requires id and type on nodes and refuses other node fields', () => {
    expectInvalid(() => parseTemplate(withNode({ id: 'a' })), 'An node object requires both an id and type field.');
    expectInvalid(() => parseTemplate(withNode({ type: 'noop' })), 'An node object requires both an id and type field.');
    expectInvalid(() => parseTemplate(withNode({ ...node('a'), badField: 1 })), 'Unable to parse field [badField] in a node object.');
    expectInvalid(() => parseTemplate(withNode({ id: 7n as unknown, type: 'noop' })), 'Unable to parse field [id] in a node object.');
    expectInvalid(() => parseTemplate(withNode({ id: ['a'], type: 'noop' })), 'Unable to parse field [id] in a node object.');
    expectInvalid(() => parseTemplate(withNode({ id: 'a', type: null })), 'Unable to parse field [type] in a node object.');
    expectInvalid(() => parseTemplate(withNode({ ...node('a'), user_inputs: 'x' })), 'Unable to parse field [user_inputs] in a node object.');
    expectInvalid(() => parseTemplate(withNode({ ...node('a'), user_inputs: ['x'] })), 'Unable to parse field [user_inputs] in a node object.');
    expectInvalid(() => parseTemplate(withNode({ ...node('a'), previous_node_inputs: ['b'] })), 'Unable to parse field [previous_node_inputs] in a node object.');
    expectInvalid(() => parseTemplate(withNode({ ...node('a'), previous_node_inputs: { b: { x: 1 } } })), 'Unable to parse field [previous_node_inputs] in a node object.');
  });

  it('requires source and dest on edges and refuses other edge fields', () => {
    const nodes = [node('a'), node('b')];
    expectInvalid(() => parseTemplate(withWorkflow({ nodes, edges: [{ source: 'a' }] })), 'An edge object requires both a source and dest field.');
    expectInvalid(() => parseTemplate(withWorkflow({ nodes, edges: [{ source: 'a', dest: 'b', label: 'x' }] })), 'Unable to parse field [label] in an edge object.');
    expectInvalid(() => parseTemplate(withWorkflow({ nodes, edges: [{ source: 'a', dest: { id: 'b' } }] })), 'Unable to parse field [dest] in an edge object.');
  });

  it('reads scalar text fields the way FF parser.text() does', () => {
    const parsed = parseTemplate({ name: 123, use_case: true, workflows: { provision: { nodes: [{ id: 1, type: 'noop' }], user_params: { n: 5 } } } });
    expect(parsed.name).toBe('123');
    expect(parsed.use_case).toBe('true');
    expect(parsed.workflows.provision.nodes[0].id).toBe('1');
    expect(parsed.workflows.provision.user_params).toEqual({ n: '5' });
  });

  it('never rejects ${{ }} placeholders', () => {
    const parsed = parseTemplate(withNode({ ...node('a'), user_inputs: { name: '${{ name }}', parameters: { id: '${{ b.model_id }}' } } }));
    expect(parsed.workflows.provision.nodes[0].user_inputs).toEqual({ name: '${{ name }}', parameters: { id: '${{ b.model_id }}' } });
  });
});

describe('parseTemplate: normalisation', () => {
  it('fills defaults', () => {
    expect(parseTemplate({ name: 'n', workflows: { provision: { nodes: [{ id: 'a', type: 'noop' }] } } })).toEqual({
      name: 'n',
      description: '',
      use_case: '',
      workflows: { provision: { user_params: {}, nodes: [{ id: 'a', type: 'noop', previous_node_inputs: {}, user_inputs: {} }], edges: [] } },
    });
  });

  it('appends edges inferred from previous_node_inputs after the explicit ones, without repeats', () => {
    const parsed = parseTemplate(withWorkflow({
      nodes: [node('a'), node('b', { previous_node_inputs: { a: 'x' } }), node('c', { previous_node_inputs: { a: 'x', b: 'y' } })],
      edges: [{ source: 'b', dest: 'c' }],
    }));
    expect(parsed.workflows.provision.edges).toEqual([
      { source: 'b', dest: 'c' },
      { source: 'a', dest: 'b' },
      { source: 'a', dest: 'c' },
    ]);
  });

  it('keeps ui_metadata as given, and drops an empty one like FF', () => {
    const ui = { type: 'x', config: { nested: [1, { deep: true }] } };
    expect(parseTemplate(template({ ui_metadata: ui })).ui_metadata).toEqual(ui);
    expect(parseTemplate(template({ ui_metadata: {} })).ui_metadata).toBeUndefined();
    expect(parseTemplate(template({ ui_metadata: null })).ui_metadata).toBeUndefined();
  });

  it('types user_inputs the way WorkflowNode.parse does', () => {
    const parsed = parseTemplate(withNode({
      ...node('a'),
      user_inputs: {
        text: 's',
        count: 3,
        ratio: 0.5,
        flag: false,
        configurations: { settings: { number_of_shards: 1 }, mappings: { properties: {} } },
        interface: { input: '{}' },
        llm: { model_id: 'm', parameters: { max: 1 } },
        guardrails: { type: 'local_regex', input_guardrail: { stop_words: [{ index_name: 'w', source_fields: ['t'] }] } },
        parameters: { endpoint: 'e', max_tokens: 100, execute: true, nested: { a: 1 } },
        processors: [{ type: 'text_embedding', params: { model_id: 'm', dims: 3 } }],
        tools_order: ['t1', 2],
        actions: [{ method: 'POST', headers: { 'content-type': 'json' }, list: ['a', 1, true], n: 1 }],
      },
    }));
    expect(parsed.workflows.provision.nodes[0].user_inputs).toEqual({
      text: 's',
      count: 3,
      ratio: 0.5,
      flag: false,
      configurations: '{"settings":{"number_of_shards":1},"mappings":{"properties":{}}}',
      interface: '{"input":"{}"}',
      llm: '{"model_id":"m","parameters":{"max":1}}',
      guardrails: { type: 'local_regex', input_guardrail: { stop_words: [{ index_name: 'w', source_fields: ['t'] }] } },
      parameters: { endpoint: 'e', max_tokens: '100', execute: 'true', nested: '{"a":1}' },
      processors: [{ type: 'text_embedding', params: { model_id: 'm', dims: '3' } }],
      tools_order: ['t1', '2'],
      actions: [{ method: 'POST', headers: { 'content-type': 'json' }, list: '["a", 1, "true"]', n: '1' }],
    });
  });

  it('refuses user_inputs values FF cannot read, naming the input', () => {
    expectInvalid(() => parseTemplate(withNode({ ...node('a'), user_inputs: { x: null } })), 'Unable to parse field [x] in a node object.');
    expectInvalid(() => parseTemplate(withNode({ ...node('a'), user_inputs: { x: { y: null } } })), 'Unable to parse field [x] in a node object.');
    expectInvalid(() => parseTemplate(withNode({ ...node('a'), user_inputs: { actions: ['GET'] } })), 'Unable to parse field [actions] in a node object.');
    expectInvalid(() => parseTemplate(withNode({ ...node('a'), user_inputs: { n: Infinity } })), 'Unable to parse field [n] in a node object.');
    expectInvalid(() => parseTemplate(withNode({ ...node('a'), user_inputs: { processors: [{ type: 't', params: { a: 'b' }, tag: 'x' }] } })), 'Unable to parse field [tag] in a pipeline processor object.');
    expectInvalid(() => parseTemplate(withNode({ ...node('a'), user_inputs: { processors: [{ params: {} }] } })), 'A processor object requires a type field.');
  });

  it('keeps credential values as text and refuses anything else', () => {
    const parsed = parseTemplate(withNode({ ...node('a'), user_inputs: { credential: { key: 'secret', pin: 1234 } } }));
    expect(parsed.workflows.provision.nodes[0].user_inputs.credential).toEqual({ key: 'secret', pin: '1234' });
    expectInvalid(() => parseTemplate(withNode({ ...node('a'), user_inputs: { credential: { key: { nested: 'x' } } } })),
      'Unable to parse field [credential] in a node object: the value of [key] must be a string.');
    expectInvalid(() => parseTemplate(withNode({ ...node('a'), user_inputs: { credential: 'secret' } })), 'Unable to parse field [credential] in a node object.');
  });

  it('keeps a __proto__ key as plain data', () => {
    const doc = JSON.parse('{"name":"n","workflows":{"provision":{"nodes":[{"id":"a","type":"noop","user_inputs":{"__proto__":"x"}}]}}}');
    const inputs = parseTemplate(doc).workflows.provision.nodes[0].user_inputs;
    expect(Object.getPrototypeOf(inputs)).toBe(Object.prototype);
    expect(Object.keys(inputs)).toEqual(['__proto__']);
  });
});

describe('update_fields', () => {
  const existing: WorkflowTemplate = parseTemplate({
    name: 'one',
    description: 'description one',
    use_case: 'use case one',
    version: { template: '1.1.1', compatibility: ['1.1.1', '1.1.1'] },
    workflows: { provision: { nodes: [{ id: 'a', type: 'noop' }] } },
    ui_metadata: { ui: 'one' },
  });

  it('refuses any other field', () => {
    expectInvalid(() => parseUpdateFields({ name: 'x', workflows: {} }), 'You can not update the field [workflows] without updating the whole template.');
    expectInvalid(() => parseUpdateFields({ created_time: 1 }), 'You can not update the field [created_time] without updating the whole template.');
  });

  it('parses the allowed fields with the template rules, name not required', () => {
    expect(parseUpdateFields({ description: 'd' })).toEqual({ description: 'd' });
    expect(parseUpdateFields({ version: { template: '2.0.0' }, ui_metadata: { a: 1 } })).toEqual({ version: { template: '2.0.0' }, ui_metadata: { a: 1 } });
    expectInvalid(() => parseUpdateFields({ version: { template: 'x' } }), CONTENT_INVALID);
    expectInvalid(() => parseUpdateFields({ name: ['x'] }), 'Unable to parse field [name] in a template object.');
  });

  it('merges like Template.updateExistingTemplate', () => {
    let merged = applyUpdateFields(existing, parseUpdateFields({ name: 'two', description: 'description two', use_case: 'use case two' }));
    expect(merged).toEqual({ ...existing, name: 'two', description: 'description two', use_case: 'use case two' });

    merged = applyUpdateFields(existing, parseUpdateFields({ version: { template: '2.2.2', compatibility: ['2.2.2'] }, ui_metadata: { ui: 'two' } }));
    expect(merged).toEqual({ ...existing, version: { template: '2.2.2', compatibility: ['2.2.2'] }, ui_metadata: { ui: 'two' } });

    merged = applyUpdateFields(existing, parseUpdateFields({ version: { template: '3.0.0' } }));
    expect(merged.version).toEqual({ template: '3.0.0', compatibility: ['1.1.1', '1.1.1'] });
  });

  it('ignores blank description/use_case but not an empty name, and clears ui_metadata with {}', () => {
    const merged = applyUpdateFields(existing, parseUpdateFields({ name: '', description: '  ', use_case: '', ui_metadata: {} }));
    expect(merged.name).toBe('');
    expect(merged.description).toBe('description one');
    expect(merged.use_case).toBe('use case one');
    expect(merged.ui_metadata).toBeUndefined();
    expect(existing.ui_metadata).toEqual({ ui: 'one' }); // the original is not touched
  });
});
