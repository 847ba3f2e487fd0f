import { invalidArgument } from '../../common/errors/app-error';

/**
 * `POST …/workflow?use_case=<name>`: the template of a Flow Framework use case with its defaults, overridden by the
 * request body (a flat map of "dotted.key": "value"). Returns the template document, ready for parseTemplate.
 */
export function buildUseCaseTemplate(name: string, body: unknown): unknown {
  void body;
  throw invalidArgument(`Unable to find substitution ready file for use case: ${name}`);
}
