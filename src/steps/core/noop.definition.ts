import type { StepDefinition } from '../sdk/step-definition';

export const NOOP_STEP: StepDefinition = {
  name: 'noop',
  inputs: [],
  optionalInputs: ['delay'],
  outputs: [],
  requiredPlugins: [],
  resourceTypes: [],
  timeout: '10s',
  idempotent: true,
  updatable: true,
};
