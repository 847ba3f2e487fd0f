import { Injectable } from '@nestjs/common';
import { parseTimeValue } from '../../common/http/query-params';
import type { DeprovisionOutcome, StepContext, StepResult, StepType } from '../sdk/step-type';
import { StepTypeProvider } from '../sdk/step-type';
import { abortableDelay } from '../sdk/abortable-delay';
import { NOOP_STEP } from './noop.definition';

/** Does nothing, optionally after `delay` (a duration such as `500ms` or `2s`); creates no resource. */
@StepTypeProvider()
@Injectable()
export class NoopStep implements StepType {
  readonly definition = NOOP_STEP;

  async provision(ctx: StepContext): Promise<StepResult> {
    const delay = ctx.inputs.delay;
    if (delay !== undefined) await abortableDelay(parseTimeValue(String(delay), 'delay'), ctx.signal);
    return { outputs: {}, resources: [] };
  }

  update(ctx: StepContext): Promise<StepResult> {
    return this.provision(ctx);
  }

  async deprovision(): Promise<DeprovisionOutcome> {
    return 'deleted';
  }
}
