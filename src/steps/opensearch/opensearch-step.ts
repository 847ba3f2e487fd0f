import { Inject } from '@nestjs/common';
import { AppConfig, CONFIG } from '../../config/app-config';
import type { StepDefinition } from '../sdk/step-definition';
import type { CreatedResource, DeprovisionOutcome, RecordedResource, StepContext, StepResult, StepType } from '../sdk/step-type';
import { OpenSearchClient } from './opensearch-client';

/** What every step type of the pack shares: the cluster client built from AppConfig. */
export abstract class OpenSearchStep implements StepType {
  abstract readonly definition: StepDefinition;
  protected readonly os: OpenSearchClient;

  constructor(@Inject(CONFIG) config: AppConfig) {
    this.os = new OpenSearchClient(config);
  }

  abstract provision(ctx: StepContext): Promise<StepResult>;

  /** Step types that record nothing are never asked to deprovision; the default has nothing to delete. */
  async deprovision(_resource: RecordedResource, _signal: AbortSignal): Promise<DeprovisionOutcome> {
    return 'deleted';
  }

  /** DELETE-like call for deprovision: 404 (or an ML Commons `result: not_found`) counts as gone. */
  protected async remove(method: string, path: string, signal: AbortSignal, failure: string): Promise<DeprovisionOutcome> {
    const res = await this.os.call(method, path, { signal, failure, accept: [404] });
    return res.status === 404 || res.json?.result === 'not_found' ? 'not_found' : 'deleted';
  }
}

/**
 * The `deploy_model` entry Flow Framework records after a register step's model_id when `deploy` is true (recorded
 * under that step name, so that deprovision undeploys the model before the register entry deletes it).
 */
export const simulatedDeploy = (modelId: string): CreatedResource => ({ type: 'model_id', id: modelId, stepName: 'deploy_model' });
