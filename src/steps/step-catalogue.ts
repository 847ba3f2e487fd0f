import { Injectable } from '@nestjs/common';
import { AppError } from '../common/errors/app-error';
import { NOOP_STEP } from './core/noop.definition';
import { HTTP_REQUEST_STEP } from './http/http-request.definition';
import { OPENSEARCH_STEP_DEFINITIONS } from './opensearch/definitions';
import { POSTGRES_STEP_DEFINITIONS } from './postgres/postgres.definition';
import { renderStepDefinition, StepDefinition } from './sdk/step-definition';

/** Every step type's declaration. The api process reads only these (no code that talks to targets is loaded). */
export const STEP_DEFINITIONS: StepDefinition[] = [NOOP_STEP, HTTP_REQUEST_STEP, ...OPENSEARCH_STEP_DEFINITIONS, ...POSTGRES_STEP_DEFINITIONS];

@Injectable()
export class StepCatalogue {
  private readonly byName = new Map(STEP_DEFINITIONS.map((d) => [d.name, d]));

  constructor() {
    if (this.byName.size !== STEP_DEFINITIONS.length) throw new Error('two step definitions share a name');
  }

  get(name: string): StepDefinition | undefined {
    return this.byName.get(name);
  }

  all(): StepDefinition[] {
    return [...this.byName.values()];
  }

  /** The `_steps` response, optionally limited to `names`; an unknown name → 400 as Flow Framework. */
  render(names?: string[]): Record<string, unknown> {
    const selected = names?.length ? names : [...this.byName.keys()];
    const out: Record<string, unknown> = {};
    for (const name of selected) {
      const def = this.byName.get(name);
      if (!def) throw new AppError('InvalidArgument', 'Failed to retrieve workflow step json.');
      out[name] = renderStepDefinition(def);
    }
    return out;
  }
}
