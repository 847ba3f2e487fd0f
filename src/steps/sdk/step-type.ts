import { SetMetadata } from '@nestjs/common';
import type { StepDefinition } from './step-definition';

/** What a step's provision or update receives. */
export interface StepContext {
  workflowId: string;
  executionId: string;
  nodeId: string;
  /** Resolved inputs: user inputs, predecessor outputs and `${{ }}` substitutions already applied; secrets decrypted. */
  inputs: Record<string, unknown>;
  /** Aborted on node timeout or when the worker stops; a step passes it to every outbound call. */
  signal: AbortSignal;
  /** The node's `previous_node_inputs`: { predecessor node id: output key }. */
  previousNodeInputs?: Record<string, string>;
  /** The outputs of the node's direct predecessors, by node id (steps that wire several predecessors, e.g. register_agent). */
  predecessorOutputs?: Record<string, Record<string, unknown>>;
}

export interface CreatedResource {
  type: string;
  id: string;
  /**
   * Recorded as `workflow_step_name` (default: the node's step type), and whose deprovision deletes it: e.g. the
   * deployment that a `register_remote_model` node with `deploy: true` makes is recorded as `deploy_model`.
   */
  stepName?: string;
  /** What deleting it needs later, stored with the resource (so deprovision survives template changes). */
  deprovision?: Record<string, unknown>;
}

export interface StepResult {
  outputs: Record<string, unknown>;
  /** Resources created, in creation order. */
  resources: CreatedResource[];
}

/** A resource as recorded, handed to deprovision. */
export interface RecordedResource {
  workflowStepName: string;
  workflowStepId: string;
  resourceType: string;
  resourceId: string;
  deprovision: Record<string, unknown> | null;
}

export type DeprovisionOutcome = 'deleted' | 'not_found';

/** A step type implementation, discovered by the worker through @StepType. */
export interface StepType {
  readonly definition: StepDefinition;
  provision(ctx: StepContext): Promise<StepResult>;
  /** Deletes one resource of one of the declared resource types; throws when the target refuses. */
  deprovision(resource: RecordedResource, signal: AbortSignal): Promise<DeprovisionOutcome>;
  /** Reprovision of a changed node; only for `updatable` step types. */
  update?(ctx: StepContext, previous: RecordedResource[]): Promise<StepResult>;
}

export const STEP_TYPE = Symbol('StepType');

/** Marks a provider as a step type implementation; the worker finds every one at start-up. */
export const StepTypeProvider = () => SetMetadata(STEP_TYPE, true);

/**
 * A failure a step reports with a Flow Framework error name and REST status, which end up in the state's `error`:
 * `<name> during step <node>, <message>, restStatus: <status>`.
 */
export class StepError extends Error {
  constructor(
    message: string,
    readonly errorName = 'WorkflowStepException',
    readonly restStatus = 'BAD_REQUEST',
  ) {
    super(message);
    this.name = errorName;
  }
}
