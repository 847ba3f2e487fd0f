import { StepError } from '../steps/sdk/step-type';
import type { StepDefinition } from '../steps/sdk/step-definition';
import { resolveInputs, substitute } from './substitution';

const def = (inputs: string[], optionalInputs: string[] = []): StepDefinition => ({
  name: 't',
  inputs,
  optionalInputs,
  outputs: [],
  requiredPlugins: [],
  resourceTypes: [],
  timeout: '10s',
  idempotent: true,
  updatable: false,
});

describe('substitute', () => {
  const outputs = new Map([['create_connector', { connector_id: 'c-1', count: 3 }]]);

  it('replaces predecessor outputs and parameters, keys with dots included', () => {
    expect(substitute('id=${{ create_connector.connector_id }}', outputs, {})).toBe('id=c-1');
    expect(substitute('${{create_connector.credential.key}}', outputs, { 'create_connector.credential.key': 'k' })).toBe('k');
  });

  it('leaves unresolved and non-string references as written', () => {
    expect(substitute('${{ other.x }}', outputs, {})).toBe('${{ other.x }}');
    expect(substitute('${{ create_connector.count }}', outputs, {})).toBe('${{ create_connector.count }}');
  });

  it('JSON-escapes parameter values', () => {
    expect(substitute('{"a":"${{ p }}"}', outputs, { p: 'say "hi"\n' })).toBe('{"a":"say \\"hi\\"\\n"}');
  });
});

describe('resolveInputs', () => {
  const node = { id: 'n', type: 't', previous_node_inputs: { a: 'model_id' }, user_inputs: { name: 'x ${{ p }}', model_id: 'from-user', extra: 1 } };

  it('prefers the named predecessor, then user_params, then user_inputs, then any predecessor', () => {
    const inputs = resolveInputs(def(['model_id', 'name'], ['other', 'list']), {
      workflowId: 'w',
      node: { ...node, user_inputs: { ...node.user_inputs, list: ['${{ p }}', 2] } },
      userParams: {},
      predecessorOutputs: new Map([
        ['a', { model_id: 'from-a' }],
        ['b', { other: 'from-b' }],
      ]),
      params: { p: 'P' },
    });
    expect(inputs).toEqual({ model_id: 'from-a', name: 'x P', other: 'from-b', list: ['P', 2] });
  });

  it('names every missing required input', () => {
    expect(() =>
      resolveInputs(def(['x', 'y']), { workflowId: 'w', node, userParams: {}, predecessorOutputs: new Map(), params: {} }),
    ).toThrow(new StepError('Missing required inputs [x, y] in workflow [w] node [n]'));
  });
});
