import type { StepDefinition } from '../sdk/step-definition';

/**
 * A generic REST resource: a create request, the id read from its response, and the request that deletes it
 * (and optionally the one that updates it on reprovision).
 */
export const HTTP_REQUEST_STEP: StepDefinition = {
  name: 'http_request',
  inputs: ['url'],
  optionalInputs: ['method', 'headers', 'body', 'credential', 'resource_type', 'resource_id', 'outputs', 'success_codes', 'deprovision', 'update', 'protected'],
  outputs: ['resource_id', 'status_code'],
  requiredPlugins: [],
  resourceTypes: [{ name: 'http_resource' }],
  timeout: '30s',
  showTimeout: true,
  idempotent: false,
  updatable: true,
};
