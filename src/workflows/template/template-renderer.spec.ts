import { AppError } from '../../common/errors/app-error';
import { parseTemplate } from './template-parser';
import { mapCredentialValues, renderTemplate } from './template-renderer';
import type { WorkflowTemplate } from './template.types';

const times = { created_time: 1_700_000_000_000, last_updated_time: 1_700_000_000_500 };

const connectorTemplate = (): WorkflowTemplate =>
  parseTemplate({
    name: 'Deploy',
    version: { template: '1.0.0', compatibility: ['2.12.0', '3.0.0'] },
    workflows: {
      provision: {
        user_params: { region: 'us-east-1' },
        nodes: [
          { id: 'connector', type: 'create_connector', user_inputs: { name: 'c', credential: { access_key: 'AK', secret_key: 'SK' } } },
          { id: 'model', type: 'register_remote_model', previous_node_inputs: { connector: 'connector_id' } },
        ],
      },
    },
    ui_metadata: { type: 'custom', config: { nodes: [{ x: 1 }] } },
  });

describe('renderTemplate', () => {
  it('answers FF GET body: key order, defaults, inferred edges, epoch-ms times', () => {
    const body = renderTemplate(connectorTemplate(), times);
    expect(Object.keys(body)).toEqual(['name', 'description', 'use_case', 'version', 'workflows', 'ui_metadata', 'created_time', 'last_updated_time']);
    expect(body).toEqual({
      name: 'Deploy',
      description: '',
      use_case: '',
      version: { template: '1.0.0', compatibility: ['2.12.0', '3.0.0'] },
      workflows: {
        provision: {
          user_params: { region: 'us-east-1' },
          nodes: [
            { id: 'connector', type: 'create_connector', previous_node_inputs: {}, user_inputs: { name: 'c' } },
            { id: 'model', type: 'register_remote_model', previous_node_inputs: { connector: 'connector_id' }, user_inputs: {} },
          ],
          edges: [{ source: 'connector', dest: 'model' }],
        },
      },
      ui_metadata: { type: 'custom', config: { nodes: [{ x: 1 }] } },
      created_time: 1_700_000_000_000,
      last_updated_time: 1_700_000_000_500,
    });
    const workflow = (body.workflows as Record<string, Record<string, unknown>>).provision;
    expect(Object.keys(workflow)).toEqual(['user_params', 'nodes', 'edges']);
    expect(Object.keys((workflow.nodes as object[])[0])).toEqual(['id', 'type', 'previous_node_inputs', 'user_inputs']);
  });

  it('never returns credentials', () => {
    const body = renderTemplate(connectorTemplate(), times);
    expect(JSON.stringify(body)).not.toMatch(/credential|AK|SK/);
  });

  it('keeps ui_metadata unchanged through parse and render', () => {
    const ui = { type: 'semantic_search', config: { ingest: { enabled: true, pipelineName: 'p' } }, list: [1, 'a', null] };
    const body = renderTemplate(parseTemplate({ name: 'n', ui_metadata: ui }), times);
    expect(body.ui_metadata).toEqual(ui);
  });

  it('adds last_provisioned_time only once provisioned, and omits empty version/ui_metadata', () => {
    const tpl = parseTemplate({ name: 'n' });
    expect(renderTemplate(tpl, { ...times, last_provisioned_time: null })).toEqual({ name: 'n', description: '', use_case: '', workflows: {}, ...times });
    const body = renderTemplate(tpl, { ...times, last_provisioned_time: 1_700_000_001_000 });
    expect(Object.keys(body).slice(-1)).toEqual(['last_provisioned_time']);
    expect(body.last_provisioned_time).toBe(1_700_000_001_000);
  });

  it('does not share objects with the stored template', () => {
    const tpl = connectorTemplate();
    const body = renderTemplate(tpl, times) as { ui_metadata: { type: string } };
    body.ui_metadata.type = 'changed';
    expect(tpl.ui_metadata).toEqual({ type: 'custom', config: { nodes: [{ x: 1 }] } });
  });
});

describe('mapCredentialValues', () => {
  it('maps every credential value and nothing else, on a copy', () => {
    const tpl = connectorTemplate();
    const paths: unknown[] = [];
    const sealed = mapCredentialValues(tpl, (value, path) => {
      paths.push(path);
      return `enc(${value})`;
    });
    expect(sealed.workflows.provision.nodes[0].user_inputs).toEqual({ name: 'c', credential: { access_key: 'enc(AK)', secret_key: 'enc(SK)' } });
    expect(paths).toEqual([
      { workflow: 'provision', nodeId: 'connector', key: 'access_key' },
      { workflow: 'provision', nodeId: 'connector', key: 'secret_key' },
    ]);
    expect(tpl.workflows.provision.nodes[0].user_inputs.credential).toEqual({ access_key: 'AK', secret_key: 'SK' });
    const opened = mapCredentialValues(sealed, (value) => value.slice(4, -1));
    expect(opened).toEqual(tpl);
  });

  it('refuses a credential that is not a map of strings', () => {
    const tpl = connectorTemplate();
    tpl.workflows.provision.nodes[0].user_inputs.credential = { key: 42 };
    expect(() => mapCredentialValues(tpl, (v) => v)).toThrow(AppError);
  });
});
