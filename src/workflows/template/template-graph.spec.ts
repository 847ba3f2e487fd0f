import { AppError, type ErrorCode } from '../../common/errors/app-error';
import { inferEdges, sortWorkflow, validateSteps, validateTemplate } from './template-graph';
import type { StepCatalogue, WorkflowGraph, WorkflowNode } from './template.types';

function expectError(fn: () => unknown, message: string, code: ErrorCode = 'InvalidTemplate', status = 400): void {
  let thrown: unknown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(AppError);
  const error = thrown as AppError;
  expect({ message: error.message, code: error.code, status: error.status }).toEqual({ message, code, status });
}

const SETTING = 'stepwise.max_workflow_steps';
const opts = { maxNodes: 50, maxNodesSetting: SETTING };

const node = (id: string, type = 'noop', extra: Partial<WorkflowNode> = {}): WorkflowNode => ({
  id,
  type,
  previous_node_inputs: {},
  user_inputs: {},
  ...extra,
});

/** "A,B,C" and "A>B,B>C" to a graph. */
function graph(ids: string, edges = ''): WorkflowGraph {
  return {
    user_params: {},
    nodes: ids.split(',').map((id) => node(id)),
    edges: edges ? edges.split(',').map((e) => ({ source: e.split('>')[0], dest: e.split('>')[1] })) : [],
  };
}
const order = (g: WorkflowGraph) => sortWorkflow(g, opts).map((n) => n.id).join(' ');

describe('inferEdges', () => {
  it('adds one edge per previous_node_inputs key after the explicit edges, once', () => {
    const g: WorkflowGraph = {
      user_params: {},
      nodes: [node('a'), node('b', 'noop', { previous_node_inputs: { a: 'x' } }), node('c', 'noop', { previous_node_inputs: { a: 'y', b: 'z' } })],
      edges: [{ source: 'a', dest: 'b' }],
    };
    expect(inferEdges(g)).toEqual([
      { source: 'a', dest: 'b' },
      { source: 'a', dest: 'c' },
      { source: 'b', dest: 'c' },
    ]);
    expect(inferEdges({ ...g, edges: inferEdges(g) })).toEqual(inferEdges(g));
  });
});

describe('sortWorkflow', () => {
  it('orders predecessors first', () => {
    expect(order(graph('A,B,C', 'C>B,B>A'))).toBe('C B A');
    expect(order(graph('A,B,C,D,E', 'A>B,A>C,B>D,D>E,C>E'))).toMatch(/^A (B C|C B) D E$/);
    expect(order(graph('A,B'))).toBe('A B');
  });

  it('visits successors in FF order (Java HashSet iteration), pinned against the JVM', () => {
    expect(order(graph('A,B,C,D', 'A>D,A>C,A>B'))).toBe('A B D C');
    expect(order(graph('root,zeta,alpha,mid', 'root>zeta,root>alpha,root>mid'))).toBe('root mid alpha zeta');
    const hub = Array.from({ length: 15 }, (_, i) => `t${i}`);
    const big = graph(['hub', ...hub].join(','), hub.map((t) => `hub>${t}`).join(','));
    expect(order(big)).toBe('hub t14 t7 t8 t9 t3 t10 t4 t11 t5 t12 t6 t13 t0 t1 t2');
  });

  it('uses edges inferred from previous_node_inputs', () => {
    const g: WorkflowGraph = { user_params: {}, nodes: [node('b', 'noop', { previous_node_inputs: { a: 'x' } }), node('a')], edges: [] };
    expect(sortWorkflow(g, opts).map((n) => n.id)).toEqual(['a', 'b']);
  });

  it('refuses duplicate node ids', () => {
    expectError(() => order(graph('A,B,A')), 'Duplicate node id A.');
  });

  it('refuses edges to or from unknown nodes, and self edges', () => {
    expectError(() => order(graph('A,B', 'C>B')), 'Edge source C does not correspond to a node.');
    expectError(() => order(graph('A,B', 'A>C')), 'Edge destination C does not correspond to a node.');
    expectError(() => order(graph('A,B', 'A>B,B>B')), 'Edge connects node B to itself.');
    const g: WorkflowGraph = { user_params: {}, nodes: [node('b', 'noop', { previous_node_inputs: { ghost: 'x' } })], edges: [] };
    expectError(() => sortWorkflow(g, opts), 'Edge source ghost does not correspond to a node.');
  });

  it('needs a start node', () => {
    expectError(() => order(graph('A,B', 'A>B,B>A')), 'No start node detected: all nodes have a predecessor.');
  });

  it('lists the edges left in a cycle as FF prints its HashSet', () => {
    expectError(() => order(graph('A,B,C', 'A>B,B>C,C>B')), 'Cycle detected: [B->C, C->B]');
    expectError(() => order(graph('A,B,C,D', 'A>B,B>C,C>D,D>B')), 'Cycle detected: [B->C, C->D, D->B]');
    expectError(() => order(graph('start,zeta,alpha', 'start>zeta,zeta>alpha,alpha>zeta')), 'Cycle detected: [alpha->zeta, zeta->alpha]');
    expectError(() => order(graph('root,n1,n2,n3', 'root>n3,n3>n2,n2>n1,n1>n3')), 'Cycle detected: [n3->n2, n2->n1, n1->n3]');
    const ids = Array.from({ length: 14 }, (_, i) => `n${i}`);
    const ring = graph(['s', ...ids].join(','), ['s>n0', ...ids.slice(1).map((id, i) => `${ids[i]}>${id}`), 'n13>n0'].join(','));
    expectError(
      () => order(ring),
      'Cycle detected: [n1->n2, n3->n4, n5->n6, n7->n8, n13->n0, n11->n12, n0->n1, n2->n3, n4->n5, n6->n7, n8->n9, n9->n10, n10->n11, n12->n13]',
    );
  });

  it('limits the number of nodes and says how to raise the limit', () => {
    const g = graph('A,B,C');
    expectError(
      () => sortWorkflow(g, { maxNodes: 2, maxNodesSetting: SETTING, workflowId: 'wf1' }),
      `Workflow wf1 has 3 nodes, which exceeds the maximum of 2. Change the setting [${SETTING}] to increase this.`,
    );
    expectError(
      () => sortWorkflow(g, { maxNodes: 2, maxNodesSetting: SETTING }),
      `Workflow null has 3 nodes, which exceeds the maximum of 2. Change the setting [${SETTING}] to increase this.`,
    );
    expect(sortWorkflow(g, { maxNodes: 3, maxNodesSetting: SETTING })).toHaveLength(3);
  });

  it('checks the limit, then denylisted types, before the graph', () => {
    const g = graph('A,A');
    expectError(() => sortWorkflow(g, { maxNodes: 1, maxNodesSetting: SETTING }), `Workflow null has 2 nodes, which exceeds the maximum of 1. Change the setting [${SETTING}] to increase this.`);
    const denied: WorkflowGraph = { user_params: {}, nodes: [node('x', 'delete_index'), node('x')], edges: [] };
    expectError(
      () => sortWorkflow(denied, { ...opts, denylist: ['delete_index'] }),
      'The step type [delete_index] for node [x] can not be used in a workflow.',
      'AccessDenied',
      403,
    );
  });
});

describe('validateSteps', () => {
  const steps: Record<string, { inputs: string[]; outputs: string[] }> = {
    noop: { inputs: [], outputs: [] },
    create_connector: { inputs: ['name', 'credential'], outputs: ['connector_id'] },
    register_remote_model: { inputs: ['name', 'connector_id'], outputs: ['model_id', 'register_model_status'] },
    deploy_model: { inputs: ['model_id'], outputs: ['model_id'] },
  };
  const catalogue: StepCatalogue = (type) => steps[type];

  const chain = (): WorkflowGraph => ({
    user_params: {},
    nodes: [
      node('connector', 'create_connector', { user_inputs: { name: 'c', credential: { key: 'k' } } }),
      node('model', 'register_remote_model', { previous_node_inputs: { connector: 'connector_id' }, user_inputs: { name: 'm' } }),
      node('deploy', 'deploy_model', { previous_node_inputs: { model: 'model_id' } }),
    ],
    edges: [],
  });

  it('passes when every required input is a user input or a predecessor output', () => {
    expect(() => validateSteps(chain(), catalogue)).not.toThrow();
  });

  it('answers 501 for an unknown step type', () => {
    const g = chain();
    g.nodes[2].type = 'unimplemented_step';
    expectError(() => validateSteps(g, catalogue), 'Workflow step type [unimplemented_step] is not implemented.', 'StepNotImplemented', 501);
  });

  it('lists the missing required inputs of the first failing node in sort order', () => {
    const g = chain();
    g.nodes[1].previous_node_inputs = {};
    g.nodes[1].user_inputs = {};
    expectError(() => validateSteps(g, catalogue), 'Invalid workflow, node [model] missing the following required inputs : [name, connector_id]');
  });

  it('counts outputs of predecessors joined by explicit edges too', () => {
    const g = chain();
    g.nodes[1].previous_node_inputs = {};
    g.edges = [{ source: 'connector', dest: 'model' }];
    expect(() => validateSteps(g, catalogue)).not.toThrow();
  });

  it('does not count user_params or previous_node_inputs values, like FF', () => {
    const g: WorkflowGraph = {
      user_params: { model_id: 'm' },
      nodes: [node('a'), node('deploy', 'deploy_model', { previous_node_inputs: { a: 'model_id' } })],
      edges: [],
    };
    expectError(() => validateSteps(g, catalogue), 'Invalid workflow, node [deploy] missing the following required inputs : [model_id]');
  });

  it('validateTemplate checks every workflow of the template', () => {
    const bad = chain();
    bad.nodes[0].user_inputs = {};
    const tpl = { name: 't', description: '', use_case: '', workflows: { provision: chain(), other: bad } };
    expectError(() => validateTemplate(tpl, catalogue, opts), 'Invalid workflow, node [connector] missing the following required inputs : [name, credential]');
  });
});
