import { AppError } from '../common/errors/app-error';
import type { StepDefinition } from '../steps/sdk/step-definition';
import type { WorkflowNode } from '../workflows/template/template.types';
import { planReprovision, sameJson } from './reprovision-plan';

const node = (id: string, type = 'up', user_inputs: Record<string, unknown> = {}): WorkflowNode => ({ id, type, previous_node_inputs: {}, user_inputs });
const def = (name: string): StepDefinition | undefined =>
  ({ up: { updatable: true }, fixed: { updatable: false } } as Record<string, Partial<StepDefinition>>)[name] as StepDefinition | undefined;
const messageOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as AppError).message;
  }
  return 'no error';
};

describe('planReprovision', () => {
  it('sorts nodes into added, updated and unchanged', () => {
    const plan = planReprovision([node('a'), node('b', 'up', { x: 1 })], [node('a'), node('b', 'up', { x: 2 }), node('c')], def);
    expect(plan).toEqual({ added: ['c'], updated: ['b'], unchanged: ['a'] });
  });

  it('refuses removals, non-updatable changes, type changes and no change, with Flow Framework messages', () => {
    expect(messageOf(() => planReprovision([node('a'), node('b')], [node('a')], def))).toBe(
      'Workflow Step deletion is not supported when reprovisioning a template.',
    );
    expect(messageOf(() => planReprovision([node('a', 'fixed')], [node('a', 'fixed', { x: 1 })], def))).toBe(
      'Workflow Step a does not support updates when reprovisioning.',
    );
    expect(messageOf(() => planReprovision([node('a', 'up')], [node('a', 'fixed')], def))).toBe('Workflow Step a does not support updates when reprovisioning.');
    expect(messageOf(() => planReprovision([node('a')], [node('a')], def))).toBe('Template does not contain any modifications');
  });
});

describe('sameJson', () => {
  it('ignores key order but not values', () => {
    expect(sameJson({ a: 1, b: { c: [1, { d: 2, e: 3 }] } }, { b: { c: [1, { e: 3, d: 2 }] }, a: 1 })).toBe(true);
    expect(sameJson({ a: 1 }, { a: '1' })).toBe(false);
    expect(sameJson([1, 2], [2, 1])).toBe(false);
  });
});
