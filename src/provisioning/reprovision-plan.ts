import { AppError, invalidArgument } from '../common/errors/app-error';
import type { StepDefinition } from '../steps/sdk/step-definition';
import type { WorkflowNode } from '../workflows/template/template.types';

export interface ReprovisionPlan {
  added: string[];
  updated: string[];
  unchanged: string[];
}

/**
 * Reprovision's diff (API.md §2.3, Flow Framework's createReprovisionSequence): nodes matched by id; a removed node
 * is refused; a node whose type, user_inputs or previous_node_inputs changed runs its step type's update (refused
 * when the type has none); new nodes are provisioned; no change at all is refused. `before` has plain credentials.
 */
export function planReprovision(before: WorkflowNode[], after: WorkflowNode[], definition: (type: string) => StepDefinition | undefined): ReprovisionPlan {
  const old = new Map(before.map((n) => [n.id, n]));
  const next = new Set(after.map((n) => n.id));
  if (before.some((n) => !next.has(n.id))) throw invalidArgument('Workflow Step deletion is not supported when reprovisioning a template.');
  const plan: ReprovisionPlan = { added: [], updated: [], unchanged: [] };
  for (const node of after) {
    const previous = old.get(node.id);
    if (!previous) {
      plan.added.push(node.id);
      continue;
    }
    const same =
      previous.type === node.type &&
      sameJson(previous.user_inputs, node.user_inputs) &&
      sameJson(previous.previous_node_inputs, node.previous_node_inputs);
    if (same) {
      plan.unchanged.push(node.id);
      continue;
    }
    if (previous.type !== node.type || !definition(node.type)?.updatable) {
      throw invalidArgument(`Workflow Step ${node.id} does not support updates when reprovisioning.`);
    }
    plan.updated.push(node.id);
  }
  if (!plan.added.length && !plan.updated.length) throw new AppError('InvalidArgument', 'Template does not contain any modifications');
  return plan;
}

/** JSON equality regardless of key order (jsonb does not keep it) and of where the objects were made. */
export function sameJson(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}
