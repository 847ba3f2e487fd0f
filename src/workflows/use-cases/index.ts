/**
 * `POST …/workflow?use_case=<name>`: Flow Framework's default use cases (RestCreateWorkflowAction + DefaultUseCases +
 * ParseUtils), reproduced step by step:
 *
 * 1. The name must be one of DEFAULT_USE_CASES (case-sensitive), else 400
 *    `Unable to find substitution ready file for use case: <name>`.
 * 2. No body: if the use case has required parameters, 400 listing all of them.
 * 3. A body must be a JSON/YAML object; each value is turned into a string the way FF's parseStringToObjectMap and
 *    Object#toString do it: a string as is; a number, boolean or null as its text; an array as `["a", "b", 1]`; an
 *    object (of scalars) as `{k=v, k2=v2}` in Java HashMap order. Anything else (not an object; an array or object
 *    nested deeper) → 400 `failure parsing request body when a use case is given, …` (FF answers 500 when the
 *    nesting is deeper, because its parser throws an IllegalStateException there).
 * 4. The body's keys must include every required parameter (values are not checked), else 400 listing the missing
 *    ones in the use case's order: `Missing the following required parameters for use case [<name>] : [a, b]`.
 * 5. Body values replace defaults whose key already exists; other body keys are ignored.
 * 6. Each default, in Java HashMap order, replaces every `${{ key }}` (whitespace allowed inside the braces) in the
 *    template's JSON text, with `\`, `"` and newline escaped for JSON. Other control characters are not escaped,
 *    so they make the text invalid; so does a duplicate key (OpenSearch's JSON parser rejects them) → 400
 *    `IOException: template content invalid for specified Content-Type.` Placeholders without a default stay as they
 *    are (FF fills `${{ node.output }}` ones at provisioning time).
 *
 * The result is a plain template document for parseTemplate.
 */
import { invalidArgument, invalidTemplate } from '../../common/errors/app-error';
import { CONTENT_INVALID } from '../template/template-parser';
import { USE_CASE_DEFAULTS, USE_CASE_TEMPLATES } from './data/catalogue';
import { DEFAULT_USE_CASES, findUseCase, type DefaultUseCase } from './default-use-cases';
import { javaHashMapOrder, javaListToString, javaMapToString, javaNumberValueText, jsonNumberText } from './java-compat';

export { DEFAULT_USE_CASES, findUseCase, type DefaultUseCase };

export const BODY_NOT_A_STRING_MAP =
  'failure parsing request body when a use case is given, make sure to provide a map with values that are either Strings, Arrays, or Map of Strings to Strings';

const unknownUseCase = (name: string) => invalidArgument(`Unable to find substitution ready file for use case: ${name}`);
const missingParams = (name: string, keys: readonly string[]) =>
  invalidArgument(`Missing the following required parameters for use case [${name}] : ${javaListToString(keys)}`);

export function buildUseCaseTemplate(name: string, body: unknown): unknown {
  const useCase = findUseCase(name);
  if (!useCase) throw unknownUseCase(name);
  const defaults = new Map(Object.entries(USE_CASE_DEFAULTS[useCase.defaultsFile]));

  if (body === undefined) {
    if (useCase.requiredParams.length > 0) throw missingParams(name, useCase.requiredParams);
  } else {
    const userValues = readUserValues(body);
    const missing = useCase.requiredParams.filter((key) => !userValues.has(key));
    if (missing.length > 0) throw missingParams(name, missing);
    for (const [key, value] of userValues) if (defaults.has(key)) defaults.set(key, value);
  }

  const text = substitute(JSON.stringify(USE_CASE_TEMPLATES[useCase.templateFile]), defaults);
  return parseStrictJson(text);
}

// ---------------------------------------------------------------------------------------------------------------
// The request body (ParseUtils.parseStringToObjectMap, then Object#toString)

type Scalar = string | number | boolean | null;

const isScalar = (v: unknown): v is Scalar => v === null || ['string', 'number', 'boolean'].includes(typeof v);
const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** parser.text() of a scalar token. */
const scalarText = (v: Scalar) => (typeof v === 'number' ? jsonNumberText(v) : String(v));

/** The body as FF's map of key → string value. */
export function readUserValues(body: unknown): Map<string, string> {
  if (!isPlainObject(body)) throw invalidArgument(BODY_NOT_A_STRING_MAP);
  const values = new Map<string, string>();
  for (const [key, value] of Object.entries(body)) {
    if (isScalar(value)) values.set(key, scalarText(value));
    else if (Array.isArray(value)) values.set(key, javaListToString(value.map(arrayItemText)));
    else values.set(key, javaMapToString(new Map(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, mapValueText(v)]))));
  }
  return values;
}

/** An array item: a number via numberValue(), anything else as its text in double quotes (not escaped). */
function arrayItemText(item: unknown): string {
  if (!isScalar(item)) throw invalidArgument(BODY_NOT_A_STRING_MAP);
  return typeof item === 'number' ? javaNumberValueText(item) : `"${scalarText(item)}"`;
}

function mapValueText(value: unknown): string {
  if (!isScalar(value)) throw invalidArgument(BODY_NOT_A_STRING_MAP);
  return scalarText(value);
}

// ---------------------------------------------------------------------------------------------------------------
// Substitution (ParseUtils.conditionallySubstitute with params only) and parsing

/** Java's `\s` (without UNICODE_CHARACTER_CLASS). */
const JAVA_SPACE = '[ \\t\\n\\x0B\\f\\r]*';
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Only backslash, double quote and newline, as FF does. */
const escapeForJson = (s: string) => s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

/** Replaces `${{ key }}` for every key of `params`, one key after another in Java HashMap order. */
export function substitute(text: string, params: ReadonlyMap<string, string>): string {
  let result = text;
  for (const key of javaHashMapOrder(params.keys())) {
    const pattern = new RegExp(`\\$\\{\\{${JAVA_SPACE}${escapeRegExp(key)}${JAVA_SPACE}\\}\\}`, 'g');
    const replacement = escapeForJson(params.get(key)!);
    result = result.replace(pattern, () => replacement);
  }
  return result;
}

/** JSON.parse, but refusing duplicate keys like OpenSearch's parser (STRICT_DUPLICATE_DETECTION). */
export function parseStrictJson(text: string): unknown {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw invalidTemplate(`${CONTENT_INVALID} ${(error as Error).message}`);
  }
  const duplicate = findDuplicateKey(text);
  if (duplicate !== undefined) throw invalidTemplate(`${CONTENT_INVALID} Duplicate field '${duplicate}'`);
  return doc;
}

/** The first key that appears twice in one object of (valid) JSON text, or undefined. */
function findDuplicateKey(text: string): string | undefined {
  const objects: (Set<string> | null)[] = []; // null for arrays
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      let end = i + 1;
      while (text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      const raw = text.slice(i, end + 1);
      i = end;
      let next = end + 1;
      while (' \t\n\r'.includes(text[next])) next++;
      const keys = objects[objects.length - 1];
      if (text[next] === ':' && keys) {
        const key = JSON.parse(raw) as string;
        if (keys.has(key)) return key;
        keys.add(key);
      }
    } else if (c === '{') objects.push(new Set());
    else if (c === '[') objects.push(null);
    else if (c === '}' || c === ']') objects.pop();
  }
  return undefined;
}
