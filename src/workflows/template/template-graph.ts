/**
 * Graph checks and ordering of one workflow, as Flow Framework's WorkflowProcessSorter does them
 * (sortProcessNodes + validateGraph), with the plugin's messages.
 */
import { AppError, invalidTemplate } from '../../common/errors/app-error';
import { JavaHashSet, javaEdgeHash } from './java-hash-order';
import type {
  SortOptions,
  StepCatalogue,
  WorkflowEdge,
  WorkflowGraph,
  WorkflowNode,
  WorkflowTemplate,
} from './template.types';

// Node ids cannot hold NUL (PostgreSQL cannot store it; the body parser refuses it), so it separates unambiguously.
const edgeKey = (edge: WorkflowEdge): string => `${edge.source}\u0000${edge.dest}`;

/**
 * The explicit edges followed by one edge per `previous_node_inputs` key, minus those already present
 * (Workflow.parse). Explicit edges are kept as written; inferring twice changes nothing.
 */
export function inferEdges(graph: Pick<WorkflowGraph, 'nodes' | 'edges'>): WorkflowEdge[] {
  const edges = (graph.edges ?? []).map(({ source, dest }) => ({ source, dest }));
  const seen = new Set(edges.map(edgeKey));
  for (const node of graph.nodes) {
    for (const source of Object.keys(node.previous_node_inputs ?? {})) {
      const edge = { source, dest: node.id };
      if (!seen.has(edgeKey(edge))) {
        seen.add(edgeKey(edge));
        edges.push(edge);
      }
    }
  }
  return edges;
}

/**
 * The nodes in Flow Framework's execution order, after its checks in its order: node limit, denylisted types,
 * duplicate ids, dangling or self edges, no start node, cycles.
 */
export function sortWorkflow(graph: WorkflowGraph, opts: SortOptions, edges = inferEdges(graph)): WorkflowNode[] {
  if (graph.nodes.length > opts.maxNodes) {
    // FF prints the id with Java string concatenation: "null" before the workflow has one.
    throw invalidTemplate(
      `Workflow ${opts.workflowId ?? 'null'} has ${graph.nodes.length} nodes, which exceeds the maximum of ` +
        `${opts.maxNodes}. Change the setting [${opts.maxNodesSetting}] to increase this.`,
    );
  }
  for (const node of graph.nodes) {
    if (opts.denylist?.includes(node.type)) {
      throw new AppError(
        'AccessDenied',
        `The step type [${node.type}] for node [${node.id}] can not be used in a workflow.`,
      );
    }
  }
  return topologicalSort(graph.nodes, edges);
}

/**
 * Create-time step checks (after the sort, like FF): every type must exist (501), then every node's required inputs
 * must be among its own `user_inputs` keys or the declared outputs of its predecessors' step types. Like FF's
 * validateGraph, `user_params`, `${{ }}` placeholders and previous_node_inputs values are not looked at
 * (a previous_node_inputs key does make its node a predecessor, so that node's outputs count).
 * `_workflowId` is accepted for the callers' symmetry; FF's create-time messages name no workflow.
 */
export function validateSteps(graph: WorkflowGraph, catalogue: StepCatalogue, _workflowId?: string): void {
  const edges = inferEdges(graph);
  checkSteps(graph.nodes, topologicalSort(graph.nodes, edges), edges, catalogue);
}

function checkSteps(nodes: WorkflowNode[], sorted: WorkflowNode[], edges: WorkflowEdge[], catalogue: StepCatalogue): void {
  for (const node of sorted) {
    if (!catalogue(node.type)) {
      throw new AppError('StepNotImplemented', `Workflow step type [${node.type}] is not implemented.`, 501);
    }
  }
  const byId = new Map(nodes.map((node) => [node.id, node]));
  for (const node of sorted) {
    const available = new Set(Object.keys(node.user_inputs ?? {}));
    for (const edge of edges) {
      if (edge.dest !== node.id) continue;
      const predecessor = byId.get(edge.source)!;
      for (const output of catalogue(predecessor.type)!.outputs) available.add(output);
    }
    const missing = catalogue(node.type)!.inputs.filter((input) => !available.has(input));
    if (missing.length > 0) {
      throw invalidTemplate(
        `Invalid workflow, node [${node.id}] missing the following required inputs : [${missing.join(', ')}]`,
      );
    }
  }
}

/** Create-time validation (`validation=all`): every workflow of the template, not only `provision`. */
export function validateTemplate(template: WorkflowTemplate, catalogue: StepCatalogue, opts: SortOptions): void {
  for (const graph of Object.values(template.workflows)) {
    const edges = inferEdges(graph);
    checkSteps(graph.nodes, sortWorkflow(graph, opts, edges), edges, catalogue);
  }
}

/** Kahn's algorithm exactly as FF runs it, Java HashSet iteration order included. */
function topologicalSort(nodes: WorkflowNode[], edges: WorkflowEdge[]): WorkflowNode[] {
  const byId = new Map<string, WorkflowNode>();
  for (const node of nodes) {
    if (byId.has(node.id)) throw invalidTemplate(`Duplicate node id ${node.id}.`);
    byId.set(node.id, node);
  }
  for (const { source, dest } of edges) {
    if (!byId.has(source)) throw invalidTemplate(`Edge source ${source} does not correspond to a node.`);
    if (!byId.has(dest)) throw invalidTemplate(`Edge destination ${dest} does not correspond to a node.`);
    if (source === dest) throw invalidTemplate(`Edge connects node ${source} to itself.`);
  }

  // The same sets FF builds: successors per node, incoming edges per node, and the whole graph.
  const newSet = () => new JavaHashSet(javaEdgeHash, edgeKey);
  const incoming = new Map<string, JavaHashSet<WorkflowEdge>>();
  const outgoing = new Map<string, JavaHashSet<WorkflowEdge>>();
  for (const edge of edges) {
    if (!incoming.has(edge.dest)) incoming.set(edge.dest, newSet());
    if (!outgoing.has(edge.source)) outgoing.set(edge.source, newSet());
    incoming.get(edge.dest)!.add(edge);
    outgoing.get(edge.source)!.add(edge);
  }
  const remaining = JavaHashSet.copyOf(edges, javaEdgeHash, edgeKey);

  const sorted: WorkflowNode[] = [];
  const queue = nodes.filter((node) => !incoming.has(node.id));
  if (queue.length === 0) throw invalidTemplate('No start node detected: all nodes have a predecessor.');

  // A node is ready once none of its incoming edges remains: counted rather than looked up (the sets hold no duplicates).
  const waitingOn = new Map([...incoming].map(([dest, set]) => [dest, set.size]));
  while (queue.length > 0) {
    const node = queue.shift()!;
    sorted.push(node);
    for (const edge of outgoing.get(node.id)?.values() ?? []) {
      if (remaining.delete(edge)) waitingOn.set(edge.dest, waitingOn.get(edge.dest)! - 1);
      if (waitingOn.get(edge.dest) === 0) queue.push(byId.get(edge.dest)!);
    }
  }

  if (remaining.size > 0) {
    // FF prints the set itself: "[b->c, c->b]".
    throw invalidTemplate(`Cycle detected: [${remaining.values().map((e) => `${e.source}->${e.dest}`).join(', ')}]`);
  }
  return sorted;
}
