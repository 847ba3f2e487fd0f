import { Inject, Injectable, Logger } from '@nestjs/common';
import { AppConfig, CONFIG } from '../config/app-config';
import { parseTimeValue } from '../common/http/query-params';
import { SecretBox } from '../common/crypto/secret-box';
import { ExecutionEntity, ResourceEntity } from '../database/entities';
import { openResource } from './resource-secrets';
import { ClaimedRun, ExecutionRepository } from '../executions/execution.repository';
import type { RecordedResource, StepContext, StepResult } from '../steps/sdk/step-type';
import { StepError } from '../steps/sdk/step-type';
import { sortWorkflow } from '../workflows/template/template-graph';
import { hasCredentials, mapCredentialValues } from '../workflows/template/template-renderer';
import type { WorkflowGraph, WorkflowNode } from '../workflows/template/template.types';
import { PROVISION_WORKFLOW } from '../workflows/workflows.service';
import { CheckpointWriter } from './checkpoint-writer';
import { redactText, redactValue, SECRET_KEY_PATTERN } from '../common/redaction';
import { formatStepError, StepTimeoutError } from './step-error-format';
import { StepRegistry } from './step-registry';
import { resolveInputs } from './substitution';

export const STOPPED_BY_REQUEST = 'Stopped by request';

/** The worker is stopping: the run is handed back to the queue, interrupted nodes run again on the next attempt. */
export class RunInterrupted extends Error {}

type NodeStatus = 'pending' | 'running' | 'succeeded' | 'failed' | 'skipped';

/**
 * Runs one provision execution: every node whose predecessors succeeded starts (independent branches in parallel,
 * at most NODE_CONCURRENCY at once); each node's result is checkpointed before its dependents start. Safe to run
 * again after a crash: SUCCEEDED nodes are skipped (their recorded outputs feed their dependents), interrupted ones
 * run again.
 */
@Injectable()
export class ProvisionRunner {
  private readonly logger = new Logger(ProvisionRunner.name);

  constructor(
    @Inject(CONFIG) private readonly config: AppConfig,
    private readonly executions: ExecutionRepository,
    private readonly steps: StepRegistry,
    private readonly secrets: SecretBox,
    private readonly checkpoints: CheckpointWriter,
  ) {}

  async run(executionId: string, jobSignal: AbortSignal): Promise<void> {
    const claimed = await this.checkpoints.claim(executionId);
    if (!claimed) return; // already finished: a duplicate delivery
    const { execution, template } = claimed;
    const graph = template?.workflows[PROVISION_WORKFLOW];
    if (!template || !graph || execution.stopRequested) {
      await this.stop(execution, graph?.nodes.map((n) => n.id) ?? []);
      return;
    }
    const plain = hasCredentials(template) ? mapCredentialValues(template, (v) => (SecretBox.isCiphertext(v) ? this.secrets.decrypt(v) : v)) : template;
    const run = new GraphRun(plain.workflows[PROVISION_WORKFLOW]);
    run.restore(claimed.stepRuns);
    const params = this.openParams(execution);
    run.secrets = secretValues(plain.workflows[PROVISION_WORKFLOW], params);

    const interrupt = new AbortController();
    const onJobAbort = () => interrupt.abort(new RunInterrupted('the worker is stopping'));
    jobSignal.addEventListener('abort', onJobAbort, { once: true });
    try {
      await this.schedule(execution, run, params, interrupt);
    } finally {
      jobSignal.removeEventListener('abort', onJobAbort);
    }
    if (interrupt.signal.aborted) throw new RunInterrupted('the worker stopped before the run ended; it will be resumed');

    if (run.stopped) return this.stop(execution, run.unfinished());
    const failure = run.firstFailure();
    await this.checkpoints.finish(execution, {
      ...(failure ? { status: 'FAILED', error: failure, state: 'FAILED', progress: 'FAILED' } : { status: 'SUCCEEDED', error: null, state: 'COMPLETED', progress: 'DONE' }),
      notRun: run.skipped(),
      notRunStatus: 'SKIPPED',
    });
  }

  private async schedule(execution: ExecutionEntity, run: GraphRun, params: Record<string, string>, interrupt: AbortController): Promise<void> {
    const running = new Map<string, Promise<void>>();
    let infraError: unknown;
    const launch = (node: WorkflowNode, alreadyStarted: boolean) => {
      const task = this.runNode(execution, run, node, params, interrupt.signal, alreadyStarted, () => this.config.nodeConcurrency - running.size + 1)
        .then((next) => next.forEach((n) => launch(n, true)))
        .catch((err) => {
          // The database failed us (not the step): stop the others and let the job be retried.
          infraError ??= err;
          interrupt.abort(new RunInterrupted('a checkpoint could not be written'));
        })
        .finally(() => running.delete(node.id));
      running.set(node.id, task);
    };
    for (;;) {
      run.skipBlocked();
      if (!run.stopped && !interrupt.signal.aborted && infraError === undefined) {
        for (const node of run.ready(this.config.nodeConcurrency - running.size)) {
          run.status.set(node.id, 'running');
          launch(node, false);
        }
      }
      if (running.size === 0) break;
      await Promise.race(running.values());
    }
    if (infraError !== undefined) throw infraError;
  }

  /**
   * One node: RUNNING checkpoint (unless a predecessor's checkpoint already wrote it), inputs, the step under its
   * timeout, then the SUCCEEDED (or FAILED) checkpoint, which also starts the dependents this node makes ready.
   * Returns those started dependents. Only the step's own errors fail the node; an error writing a checkpoint
   * propagates (the job is retried).
   */
  private async runNode(
    execution: ExecutionEntity,
    run: GraphRun,
    node: WorkflowNode,
    params: Record<string, string>,
    interrupt: AbortSignal,
    alreadyStarted: boolean,
    freeSlots: () => number,
  ): Promise<WorkflowNode[]> {
    const ref = { executionId: execution.id, workflowId: execution.workflowId, nodeId: node.id };
    if (!alreadyStarted && !(await this.checkpoints.running(ref))) {
      // Stop or delete asked the run to stop: this node does not start.
      run.status.set(node.id, 'pending');
      run.stopped = true;
      return [];
    }
    let result: StepResult;
    try {
      const step = this.steps.get(node.type);
      if (!step) throw new StepError(`Workflow step type [${node.type}] is not implemented.`, 'FlowFrameworkException', 'NOT_IMPLEMENTED');
      const inputs = resolveInputs(step.definition, {
        workflowId: execution.workflowId,
        node,
        userParams: run.graph.user_params,
        predecessorOutputs: run.predecessorOutputs(node.id),
        params,
      });
      const timeout = String(node.user_inputs.node_timeout ?? step.definition.timeout);
      // A reprovision runs the step type's update for the nodes it changed (planReprovision).
      const updating = ((execution.params as { update_nodes?: string[] }).update_nodes ?? []).includes(node.id);
      const previous = updating ? await this.recordedResources(execution.workflowId, node.id) : [];
      const wiring = { previousNodeInputs: node.previous_node_inputs, predecessorOutputs: Object.fromEntries(run.predecessorOutputs(node.id)) };
      result = await this.withTimeout(
        (ctx) => (updating && step.update ? step.update(ctx, previous) : step.provision(ctx)),
        node,
        { inputs, ...wiring },
        execution,
        timeout,
        interrupt,
      );
    } catch (err) {
      if (interrupt.aborted) return []; // left RUNNING: the next attempt runs it again
      const error = redactText(formatStepError(node.id, err).error, run.secrets);
      this.logger.warn({ executionId: execution.id, nodeId: node.id, error }, 'step failed');
      await this.checkpoints.failed(ref, error);
      run.fail(node.id, error);
      return [];
    }
    if (interrupt.aborted) return [];
    const next = run.claimReadyAfter(node.id, freeSlots());
    const started = await this.checkpoints.succeeded(
      ref,
      node.type,
      redactValue(result.outputs, run.secrets),
      this.sealResources(result),
      next.map((n) => ({ ...ref, nodeId: n.id })),
    );
    run.succeed(node.id, result.outputs);
    const startedIds = new Set(started.map((r) => r.nodeId));
    const notStarted = next.filter((n) => !startedIds.has(n.id));
    if (notStarted.length) {
      notStarted.forEach((n) => run.status.set(n.id, 'pending'));
      run.stopped = true;
    }
    return next.filter((n) => startedIds.has(n.id));
  }

  /** Runs the step with the node's timeout; the step gets an AbortSignal that fires on timeout or worker stop. */
  private async withTimeout(
    call: (ctx: StepContext) => Promise<StepResult>,
    node: WorkflowNode,
    data: Pick<StepContext, 'inputs' | 'previousNodeInputs' | 'predecessorOutputs'>,
    execution: ExecutionEntity,
    timeout: string,
    interrupt: AbortSignal,
  ): Promise<StepResult> {
    const timeoutMs = parseTimeValue(timeout, 'node_timeout');
    // One controller aborted by the timer or by the run's interrupt (AbortSignal.any costs more than a step of noop).
    const abort = new AbortController();
    const onInterrupt = () => abort.abort(interrupt.reason);
    if (interrupt.aborted) onInterrupt();
    else interrupt.addEventListener('abort', onInterrupt, { once: true });
    const handle = setTimeout(() => abort.abort(new StepTimeoutError(timeout)), timeoutMs);
    const { signal } = abort;
    try {
      const ctx: StepContext = { workflowId: execution.workflowId, executionId: execution.id, nodeId: node.id, ...data, signal };
      // A step that ignores its signal still cannot hold the run past the timeout.
      return await Promise.race([
        call(ctx),
        new Promise<never>((_, reject) => {
          if (signal.aborted) reject(signal.reason);
          else signal.addEventListener('abort', () => reject(signal.reason), { once: true });
        }),
      ]);
    } finally {
      clearTimeout(handle);
      interrupt.removeEventListener('abort', onInterrupt);
    }
  }

  private async recordedResources(workflowId: string, nodeId: string): Promise<RecordedResource[]> {
    const rows = await this.executions.dataSource.manager.find(ResourceEntity, { where: { workflowId, workflowStepId: nodeId }, order: { id: 'ASC' } });
    return rows.map((r) => openResource(r, this.secrets));
  }

  /** Secrets a step kept for deprovision (`credential` maps) are stored encrypted. */
  private sealResources(result: StepResult) {
    return result.resources.map((r) => {
      const credential = r.deprovision?.credential as Record<string, string> | undefined;
      if (!credential) return r;
      const sealed = Object.fromEntries(Object.entries(credential).map(([k, v]) => [k, this.secrets.encrypt(String(v))]));
      return { ...r, deprovision: { ...r.deprovision, credential: sealed } };
    });
  }

  private openParams(execution: ExecutionEntity): Record<string, string> {
    const sealed = execution.params?.sealed;
    return sealed ? JSON.parse(this.secrets.decrypt(sealed)) : {};
  }

  private async stop(execution: ExecutionEntity, unfinished: string[]): Promise<void> {
    await this.checkpoints.finish(execution, {
      status: 'STOPPED',
      error: STOPPED_BY_REQUEST,
      state: 'FAILED',
      progress: 'FAILED',
      notRun: unfinished,
      notRunStatus: 'STOPPED',
    });
  }
}

/** The in-memory picture of one run's graph: node statuses, outputs, failures. */
class GraphRun {
  readonly order: WorkflowNode[];
  readonly status = new Map<string, NodeStatus>();
  /** Secret values of this run (credentials, secret parameters): never written to errors or outputs. */
  secrets: string[] = [];
  private readonly outputs = new Map<string, Record<string, unknown>>();
  private readonly errors = new Map<string, string>();
  private readonly predecessors = new Map<string, string[]>();
  stopped = false;

  constructor(readonly graph: WorkflowGraph) {
    this.order = sortWorkflow(graph, { maxNodes: Number.MAX_SAFE_INTEGER, maxNodesSetting: 'MAX_NODES_PER_WORKFLOW' });
    for (const node of this.order) {
      this.status.set(node.id, 'pending');
      this.predecessors.set(node.id, []);
    }
    for (const edge of graph.edges) this.predecessors.get(edge.dest)?.push(edge.source);
  }

  /** Takes over what earlier attempts recorded: SUCCEEDED and FAILED stay; RUNNING (interrupted) runs again. */
  restore(stepRuns: ClaimedRun['stepRuns']): void {
    for (const sr of stepRuns) {
      if (sr.status === 'SUCCEEDED') this.succeed(sr.nodeId, sr.outputs ?? {});
      else if (sr.status === 'FAILED') this.fail(sr.nodeId, sr.error ?? 'failed');
    }
  }

  succeed(nodeId: string, outputs: Record<string, unknown>): void {
    this.status.set(nodeId, 'succeeded');
    this.outputs.set(nodeId, outputs);
  }

  fail(nodeId: string, error: string): void {
    this.status.set(nodeId, 'failed');
    this.errors.set(nodeId, error);
  }

  /** Pending nodes with a failed or skipped predecessor will never run. */
  skipBlocked(): void {
    for (const node of this.order) {
      if (this.status.get(node.id) !== 'pending') continue;
      const blocked = this.predecessors.get(node.id)!.some((p) => ['failed', 'skipped'].includes(this.status.get(p)!));
      if (blocked) this.status.set(node.id, 'skipped');
    }
  }

  /**
   * The pending dependents of `nodeId` that become ready once it succeeds (at most `limit`), claimed (marked
   * running) so that no other path starts them too.
   */
  claimReadyAfter(nodeId: string, limit: number): WorkflowNode[] {
    const next = this.order
      .filter(
        (n) =>
          this.status.get(n.id) === 'pending' &&
          this.predecessors.get(n.id)!.includes(nodeId) &&
          this.predecessors.get(n.id)!.every((p) => p === nodeId || this.status.get(p) === 'succeeded'),
      )
      .slice(0, Math.max(0, limit));
    next.forEach((n) => this.status.set(n.id, 'running'));
    return next;
  }

  /** Up to `limit` pending nodes whose predecessors all succeeded, in sort order. */
  ready(limit: number): WorkflowNode[] {
    if (limit <= 0) return [];
    return this.order
      .filter((n) => this.status.get(n.id) === 'pending' && this.predecessors.get(n.id)!.every((p) => this.status.get(p) === 'succeeded'))
      .slice(0, limit);
  }

  predecessorOutputs(nodeId: string): Map<string, Record<string, unknown>> {
    return new Map(this.predecessors.get(nodeId)!.map((p) => [p, this.outputs.get(p) ?? {}]));
  }

  skipped(): string[] {
    return this.order.filter((n) => this.status.get(n.id) === 'skipped').map((n) => n.id);
  }

  unfinished(): string[] {
    return this.order.filter((n) => ['pending', 'running', 'skipped'].includes(this.status.get(n.id)!)).map((n) => n.id);
  }

  /** The first failure in sort order (Flow Framework reports that one). */
  firstFailure(): string | undefined {
    const node = this.order.find((n) => this.errors.has(n.id));
    return node && this.errors.get(node.id);
  }
}

/** The run's secret values: every credential value, and parameters whose names look secret. */
function secretValues(graph: WorkflowGraph, params: Record<string, string>): string[] {
  const credentials = graph.nodes.flatMap((n) => Object.values((n.user_inputs.credential as Record<string, string> | undefined) ?? {}));
  const secretParams = Object.entries(params)
    .filter(([k]) => SECRET_KEY_PATTERN.test(k))
    .map(([, v]) => v);
  return [...credentials, ...secretParams].filter((v) => typeof v === 'string' && v.length > 0);
}
