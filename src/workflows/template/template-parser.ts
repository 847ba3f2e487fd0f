/**
 * Template parsing with Flow Framework's rules and messages (Template.parse, Workflow.parse, WorkflowNode.parse,
 * WorkflowEdge.parse, PipelineProcessor.parse). Where FF would fail with its generic 400
 * ("IOException: template content invalid for specified Content-Type.") because a value has the wrong JSON type,
 * we answer its "Unable to parse field [x] in a … object." instead, so the caller learns which field is wrong.
 */
import YAML from 'yaml';
import { invalidTemplate } from '../../common/errors/app-error';
import { inferEdges } from './template-graph';
import { indentQuotedContinuations } from './yaml-repair';
import {
  CREDENTIAL_FIELD,
  type TemplateFieldUpdate,
  type TemplateVersion,
  type WorkflowEdge,
  type WorkflowGraph,
  type WorkflowNode,
  type WorkflowTemplate,
} from './template.types';

/** FF's answer to any body it cannot read (RestCreateWorkflowAction's catch-all). */
export const CONTENT_INVALID = 'IOException: template content invalid for specified Content-Type.';

type JsonObject = Record<string, unknown>;
type ObjectKind = 'a template' | 'a version' | 'a workflow' | 'a node' | 'an edge' | 'a pipeline processor';

const unableToParse = (field: string, kind: ObjectKind) =>
  invalidTemplate(`Unable to parse field [${field}] in ${kind} object.`);

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Read-only fields FF writes into stored templates; its parser accepts them, and create/update overwrite them. */
const STORED_FIELDS = new Set([
  'user',
  'created_time',
  'last_updated_time',
  'last_provisioned_time',
  'tenant_id',
  'all_shared_principals',
]);
const UPDATABLE_FIELDS = new Set(['name', 'description', 'use_case', 'version', 'ui_metadata']);
/** user_inputs objects FF stores as JSON text (WorkflowNode.parse). */
const JSON_STRING_INPUTS = new Set(['configurations', 'interface', 'llm']);

// ---------------------------------------------------------------------------------------------------------------
// YAML

const YAML_OPTIONS = {
  uniqueKeys: false, // last one wins, like JSON.parse; an upstream sample template repeats a key
  strict: false,
  logLevel: 'error',
  maxAliasCount: 100, // bounds alias expansion ("billion laughs")
} as const;

/** YAML text to plain data. Bad YAML → 400 InvalidTemplate naming the problem and where it is. */
export function parseYaml(text: string): unknown {
  try {
    return YAML.parse(text, YAML_OPTIONS);
  } catch (error) {
    const repaired = indentQuotedContinuations(text);
    if (repaired !== text) {
      try {
        return YAML.parse(repaired, YAML_OPTIONS);
      } catch {
        // report the original problem, not one in our rewrite
      }
    }
    const detail = error instanceof Error ? error.message.split('\n')[0].replace(/:$/, '') : String(error);
    throw invalidTemplate(`${CONTENT_INVALID} Invalid YAML: ${detail}.`);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Template

/** A full template body (POST, PUT, reprovision) to a normalised WorkflowTemplate. */
export function parseTemplate(doc: unknown): WorkflowTemplate {
  const fields = readTemplateFields(doc, false);
  if (fields.name === undefined) throw invalidTemplate('A template object requires a name.');
  const template: WorkflowTemplate = {
    name: fields.name,
    description: fields.description ?? '',
    use_case: fields.use_case ?? '',
    workflows: fields.workflows ?? {},
  };
  if (fields.version) template.version = fields.version;
  if (fields.ui_metadata && Object.keys(fields.ui_metadata).length > 0) template.ui_metadata = fields.ui_metadata;
  return template;
}

/** A PUT `?update_fields=true` body: only name, description, use_case, version and ui_metadata. */
export function parseUpdateFields(doc: unknown): TemplateFieldUpdate {
  return readTemplateFields(doc, true); // the allowlist keeps `workflows` out
}

/**
 * Template.updateExistingTemplate: a non-null name replaces; description and use_case replace only when not blank;
 * version.template and a non-empty compatibility replace separately; ui_metadata replaces whole (`{}` clears it).
 */
export function applyUpdateFields(existing: WorkflowTemplate, update: TemplateFieldUpdate): WorkflowTemplate {
  const merged: WorkflowTemplate = structuredClone(existing);
  if (update.name !== undefined) merged.name = update.name;
  if (update.description?.trim()) merged.description = update.description;
  if (update.use_case?.trim()) merged.use_case = update.use_case;
  if (update.version?.template !== undefined || update.version?.compatibility?.length) {
    merged.version = { ...merged.version, ...update.version };
  }
  if (update.ui_metadata !== undefined) {
    if (Object.keys(update.ui_metadata).length > 0) merged.ui_metadata = structuredClone(update.ui_metadata);
    else delete merged.ui_metadata;
  }
  return merged;
}

function readTemplateFields(doc: unknown, fieldUpdate: boolean): TemplateFieldUpdate & {
  workflows?: Record<string, WorkflowGraph>;
} {
  if (!isObject(doc)) throw invalidTemplate(CONTENT_INVALID); // FF: the body is not a JSON/YAML object
  const fields: TemplateFieldUpdate & { workflows?: Record<string, WorkflowGraph> } = {};
  for (const [key, value] of Object.entries(doc)) {
    if (fieldUpdate && !UPDATABLE_FIELDS.has(key)) {
      throw invalidTemplate(`You can not update the field [${key}] without updating the whole template.`);
    }
    switch (key) {
      case 'name':
      case 'description':
      case 'use_case':
        fields[key] = text(value, () => unableToParse(key, 'a template'));
        break;
      case 'version':
        fields.version = parseVersion(value);
        break;
      case 'workflows':
        fields.workflows = parseWorkflows(value);
        break;
      case 'ui_metadata':
        // FF reads it with parser.map(), which turns null into {}.
        if (value !== null && !isObject(value)) throw unableToParse(key, 'a template');
        fields.ui_metadata = value === null ? {} : structuredClone(value);
        break;
      default:
        if (!STORED_FIELDS.has(key)) throw unableToParse(key, 'a template');
    }
  }
  return fields;
}

/** FF's parser.text(): strings, numbers and booleans read as text; anything else is an error. */
function text(value: unknown, error: () => Error): string {
  if (typeof value === 'string') return value;
  if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean') return String(value);
  throw error();
}

/** `undefined` when the version object names nothing (FF then stores no version at all). */
function parseVersion(value: unknown): TemplateVersion | undefined {
  if (!isObject(value)) throw unableToParse('version', 'a template');
  const version: TemplateVersion = {};
  for (const [key, item] of Object.entries(value)) {
    if (key === 'template') {
      version.template = versionString(text(item, () => unableToParse(key, 'a version')));
    } else if (key === 'compatibility') {
      if (!Array.isArray(item)) throw unableToParse(key, 'a version');
      version.compatibility = item.map((v) => versionString(text(v, () => unableToParse(key, 'a version'))));
    } else {
      // FF's message names the enclosing field, not the unknown key.
      throw unableToParse('version', 'a version');
    }
  }
  if (version.template === '') delete version.template;
  if (version.compatibility?.length === 0) delete version.compatibility;
  return version.template !== undefined || version.compatibility ? version : undefined;
}

/**
 * OpenSearch's Version.fromString wants "major.minor.revision"; anything else is an IllegalArgumentException, which
 * FF's REST layer answers with its catch-all message. An empty string is left for parseVersion to drop (OpenSearch
 * would substitute its own current version).
 */
function versionString(raw: string): string {
  if (raw === '') return raw;
  const parts = /^(\d+)\.(\d+)\.(\d+)$/.exec(raw)?.slice(1).map(Number);
  if (!parts || parts.some((part) => part > 2 ** 31 - 1)) throw invalidTemplate(CONTENT_INVALID); // Java int
  return parts.join('.'); // Version#toString drops leading zeros
}

function parseWorkflows(value: unknown): Record<string, WorkflowGraph> {
  if (!isObject(value)) throw unableToParse('workflows', 'a template');
  return Object.fromEntries(Object.entries(value).map(([name, graph]) => [name, parseWorkflow(graph)]));
}

function parseWorkflow(value: unknown): WorkflowGraph {
  if (!isObject(value)) throw unableToParse('workflows', 'a template');
  let userParams: Record<string, string> = {};
  let nodes: WorkflowNode[] = [];
  let edges: WorkflowEdge[] = [];
  for (const [key, item] of Object.entries(value)) {
    switch (key) {
      case 'user_params':
        userParams = stringMap(item, () => unableToParse(key, 'a workflow'));
        break;
      case 'nodes':
        nodes = objectList(item, () => unableToParse(key, 'a workflow')).map(parseNode);
        break;
      case 'edges':
        edges = objectList(item, () => unableToParse(key, 'a workflow')).map(parseEdge);
        break;
      default:
        // FF skips unknown workflow keys but then misreads any object or array after them; refuse them instead.
        throw unableToParse(key, 'a workflow');
    }
  }
  // Thrown while parsing, whatever the validation parameter says.
  if (nodes.length === 0) throw invalidTemplate('A workflow must have at least one node.');
  return { user_params: userParams, nodes, edges: inferEdges({ nodes, edges }) };
}

function objectList(value: unknown, error: () => Error): JsonObject[] {
  if (!Array.isArray(value) || !value.every(isObject)) throw error();
  return value;
}

/** FF's parseStringToStringMap: every value read as text. */
function stringMap(value: unknown, error: () => Error): Record<string, string> {
  if (!isObject(value)) throw error();
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, text(item, error)]));
}

function parseEdge(value: JsonObject): WorkflowEdge {
  let source: string | undefined;
  let dest: string | undefined;
  for (const [key, item] of Object.entries(value)) {
    if (key === 'source') source = text(item, () => unableToParse(key, 'an edge'));
    else if (key === 'dest') dest = text(item, () => unableToParse(key, 'an edge'));
    else throw unableToParse(key, 'an edge');
  }
  if (source === undefined || dest === undefined) {
    throw invalidTemplate('An edge object requires both a source and dest field.');
  }
  return { source, dest };
}

function parseNode(value: JsonObject): WorkflowNode {
  let id: string | undefined;
  let type: string | undefined;
  let previousNodeInputs: Record<string, string> = {};
  let userInputs: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    switch (key) {
      case 'id':
        id = text(item, () => unableToParse(key, 'a node'));
        break;
      case 'type':
        type = text(item, () => unableToParse(key, 'a node'));
        break;
      case 'previous_node_inputs':
        previousNodeInputs = stringMap(item, () => unableToParse(key, 'a node'));
        break;
      case 'user_inputs':
        if (!isObject(item)) throw unableToParse(key, 'a node');
        userInputs = Object.fromEntries(Object.entries(item).map(([name, input]) => [name, userInput(name, input)]));
        break;
      default:
        throw unableToParse(key, 'a node');
    }
  }
  if (id === undefined || type === undefined) {
    throw invalidTemplate('An node object requires both an id and type field.'); // sic, FF's wording
  }
  return { id, type, previous_node_inputs: previousNodeInputs, user_inputs: userInputs };
}

/** One user_inputs value, typed as WorkflowNode.parse types it. Errors name the user_inputs key. */
function userInput(key: string, value: unknown): unknown {
  const error = () => unableToParse(key, 'a node');
  if (key === CREDENTIAL_FIELD) {
    if (!isObject(value)) throw error();
    return credentialMap(value);
  }
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw error(); // YAML .inf/.nan have no JSON form
    return value;
  }
  if (Array.isArray(value)) {
    if (key === 'processors') return objectList(value, error).map((processor) => parseProcessor(processor, error));
    if (key === 'tools_order') return value.map((item) => text(item, error));
    return objectList(value, error).map((item) => flatObjectMap(item, error));
  }
  if (!isObject(value)) throw error(); // null
  if (key === 'guardrails') return structuredClone(value); // FF parses it as ML Commons' Guardrails; kept as given
  if (JSON_STRING_INPUTS.has(key)) return JSON.stringify(value);
  return looseStringMap(value, error);
}

/**
 * A string map whose nested objects/arrays become JSON text. FF's parseStringToStringMap cannot read those at all
 * (its generic 400), yet FF's own observability sample nests `model_config.additional_config`; keeping them as
 * text keeps the map string-valued.
 */
function looseStringMap(value: JsonObject, error: () => Error): Record<string, string> {
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => {
      if (Array.isArray(item) || isObject(item)) return [key, JSON.stringify(item)];
      return [key, text(item, error)];
    }),
  );
}

/** FF's parseStringToObjectMap (items of list inputs such as `actions`): objects become string maps, lists text. */
function flatObjectMap(value: JsonObject, error: () => Error): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => {
      if (isObject(item)) return [key, looseStringMap(item, error)];
      if (Array.isArray(item)) return [key, javaListText(item, error)];
      return [key, text(item, error)];
    }),
  );
}

/** How FF flattens a list inside a list item: Java List#toString, strings quoted (unescaped), numbers bare. */
function javaListText(items: unknown[], error: () => Error): string {
  const parts = items.map((item) => {
    if (typeof item === 'number' && Number.isFinite(item)) return String(item);
    if (Array.isArray(item) || isObject(item)) return JSON.stringify(item);
    return `"${text(item, error)}"`;
  });
  return `[${parts.join(', ')}]`;
}

function parseProcessor(value: JsonObject, listError: () => Error): { type: string; params: Record<string, string> } {
  let type: string | undefined;
  let params: Record<string, string> = {};
  for (const [key, item] of Object.entries(value)) {
    if (key === 'type') {
      type = text(item, listError);
    } else if (key === 'params') {
      if (!isObject(item)) throw listError();
      params = looseStringMap(item, listError);
    } else {
      throw unableToParse(key, 'a pipeline processor');
    }
  }
  if (type === undefined) throw invalidTemplate('A processor object requires a type field.');
  return { type, params };
}

/** Credentials are encrypted value by value at rest, so each must be text (numbers/booleans are read as text). */
function credentialMap(value: JsonObject): Record<string, string> {
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key,
      text(item, () =>
        invalidTemplate(
          `Unable to parse field [${CREDENTIAL_FIELD}] in a node object: the value of [${key}] must be a string.`,
        ),
      ),
    ]),
  );
}
