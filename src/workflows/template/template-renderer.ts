/**
 * The GET `…/workflow/{id}` body, shaped like Flow Framework's Template#toXContent after
 * EncryptorUtils#redactTemplateSecuredFields, and the credential walk used to encrypt/decrypt at rest.
 */
import { invalidTemplate } from '../../common/errors/app-error';
import { inferEdges } from './template-graph';
import {
  CREDENTIAL_FIELD,
  type CredentialPath,
  type TemplateTimes,
  type WorkflowGraph,
  type WorkflowNode,
  type WorkflowTemplate,
} from './template.types';

/**
 * Key order as FF writes it: name, description, use_case, version, workflows, ui_metadata, then the times.
 * `version` only when it names something, `ui_metadata` only when non-empty, `last_provisioned_time` only once set.
 */
export function renderTemplate(tpl: WorkflowTemplate, times: TemplateTimes): Record<string, unknown> {
  const body: Record<string, unknown> = {
    name: tpl.name,
    description: tpl.description ?? '',
    use_case: tpl.use_case ?? '',
  };
  const version = renderVersion(tpl);
  if (version) body.version = version;
  body.workflows = Object.fromEntries(Object.entries(tpl.workflows ?? {}).map(([name, g]) => [name, renderGraph(g)]));
  if (tpl.ui_metadata && Object.keys(tpl.ui_metadata).length > 0) body.ui_metadata = structuredClone(tpl.ui_metadata);
  body.created_time = times.created_time;
  body.last_updated_time = times.last_updated_time;
  if (times.last_provisioned_time != null) body.last_provisioned_time = times.last_provisioned_time;
  return body;
}

function renderVersion(tpl: WorkflowTemplate): Record<string, unknown> | undefined {
  const version: Record<string, unknown> = {};
  if (tpl.version?.template) version.template = tpl.version.template;
  if (tpl.version?.compatibility?.length) version.compatibility = [...tpl.version.compatibility];
  return Object.keys(version).length > 0 ? version : undefined;
}

function renderGraph(graph: WorkflowGraph): Record<string, unknown> {
  return {
    user_params: structuredClone(graph.user_params ?? {}),
    nodes: graph.nodes.map(renderNode),
    edges: inferEdges(graph).map(({ source, dest }) => ({ source, dest })),
  };
}

function renderNode(node: WorkflowNode): Record<string, unknown> {
  // Secrets never leave: the whole credential map goes, for every caller.
  const userInputs = Object.entries(node.user_inputs ?? {}).filter(([key]) => key !== CREDENTIAL_FIELD);
  return {
    id: node.id,
    type: node.type,
    previous_node_inputs: { ...(node.previous_node_inputs ?? {}) },
    user_inputs: structuredClone(Object.fromEntries(userInputs)),
  };
}

/** Whether any node of the template has a `credential` map (else there is nothing to encrypt or decrypt). */
export const hasCredentials = (tpl: WorkflowTemplate): boolean =>
  Object.values(tpl.workflows).some((graph) => graph.nodes.some((node) => node.user_inputs[CREDENTIAL_FIELD] !== undefined));

/**
 * A deep copy of the template with every value of every node's `user_inputs.credential` map replaced by
 * `fn(value, where)`; the caller encrypts before storing and decrypts before provisioning.
 */
export function mapCredentialValues(
  tpl: WorkflowTemplate,
  fn: (value: string, path: CredentialPath) => string,
): WorkflowTemplate {
  const copy = structuredClone(tpl);
  for (const [workflow, graph] of Object.entries(copy.workflows)) {
    for (const node of graph.nodes) {
      const credential = node.user_inputs[CREDENTIAL_FIELD];
      if (credential === undefined) continue;
      if (typeof credential !== 'object' || credential === null || Array.isArray(credential)) {
        throw invalidTemplate(`Unable to parse field [${CREDENTIAL_FIELD}] in a node object.`);
      }
      const entries = Object.entries(credential as Record<string, unknown>).map(([key, value]) => {
        if (typeof value !== 'string') {
          throw invalidTemplate(
            `Unable to parse field [${CREDENTIAL_FIELD}] in a node object: the value of [${key}] must be a string.`,
          );
        }
        return [key, fn(value, { workflow, nodeId: node.id, key })];
      });
      node.user_inputs[CREDENTIAL_FIELD] = Object.fromEntries(entries);
    }
  }
  return copy;
}
