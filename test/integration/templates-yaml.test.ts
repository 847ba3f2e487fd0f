/**
 * Issue 3, acceptance 3: a YAML template (application/yaml, application/x-yaml, text/yaml) is stored exactly like its
 * JSON twin, and so is every Flow Framework sample template (created with ?validation=off: their OpenSearch step
 * types are not in the catalogue yet).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import YAML from 'yaml';
import { call, startTestApp, TestApp } from '../support/test-app';

const WF = '/_plugins/_flow_framework/workflow';
const SAMPLES = join(__dirname, '../../../shared/fixtures/flow-framework/sample-templates');
const CONTENT_INVALID = 'IOException: template content invalid for specified Content-Type.';
const YAML_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml', 'application/yaml; charset=utf-8'];

const jsonTemplate = {
  name: 'yaml twin',
  description: 'A template: with "quotes", colons and unicode — ü',
  use_case: 'YAML_TEST',
  version: { template: '1.0.0', compatibility: ['2.19.0', '3.0.0'] },
  workflows: {
    provision: {
      user_params: { region: 'us-east-1', retries: '3' },
      nodes: [
        { id: 'first', type: 'noop', user_inputs: { delay: '0s', count: 2, ratio: 0.5, flag: false, params: { k: 'v', n: '1' } } },
        {
          id: 'second',
          type: 'noop',
          previous_node_inputs: { first: 'out' },
          user_inputs: {
            actions: [{ method: 'POST', url: 'https://example.test/${parameters.x}' }],
            credential: { api_key: 'yaml-secret-value' },
            text: 'line one\nline two',
          },
        },
        { id: 'third', type: 'noop' },
      ],
      edges: [{ source: 'first', dest: 'third' }],
    },
  },
  ui_metadata: { type: 'custom', config: { nested: [1, 'two', { three: 3 }] } },
};

/** The same template written by hand, the way people write YAML (comments, plain scalars, block styles). */
const handWrittenYaml = `# a comment before the document
---
name: yaml twin
description: 'A template: with "quotes", colons and unicode — ü'
use_case: YAML_TEST
version:
  template: 1.0.0
  compatibility:
  - 2.19.0
  - 3.0.0
workflows:
  provision:
    user_params:
      region: us-east-1
      retries: '3'
    nodes:
    # the start node
    - id: first
      type: noop
      user_inputs:
        delay: 0s
        count: 2
        ratio: 0.5
        flag: false
        params: { k: v, n: '1' }
    - id: second
      type: noop
      previous_node_inputs:
        first: out
      user_inputs:
        actions:
        - method: POST
          url: https://example.test/\${parameters.x}
        credential:
          api_key: yaml-secret-value
        text: |-
          line one
          line two
    - id: third
      type: noop
    edges:
    - source: first
      dest: third
ui_metadata:
  type: custom
  config:
    nested: [1, two, { three: 3 }]
`;

const withoutTimes = (body: Record<string, unknown>) => {
  const { created_time: _c, last_updated_time: _u, last_provisioned_time: _p, ...rest } = body;
  return rest;
};

describe('YAML templates are stored like their JSON twins', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  const createRaw = async (text: string, contentType: string, query = '') => {
    const res = await call(app.url, 'POST', `${WF}${query}`, text, { 'content-type': contentType });
    return res;
  };
  const getBody = async (id: string) => {
    const res = await call(app.url, 'GET', `${WF}/${id}`);
    expect(res.status).toBe(200);
    return res.body as Record<string, unknown>;
  };

  let jsonBody: Record<string, unknown>;
  beforeAll(async () => {
    const res = await call(app.url, 'POST', WF, jsonTemplate);
    expect(res.status).toBe(201);
    jsonBody = await getBody(res.body.workflow_id);
  });

  it('the JSON twin is stored as expected (the reference for the YAML tests)', () => {
    expect(withoutTimes(jsonBody)).toEqual({
      name: jsonTemplate.name,
      description: jsonTemplate.description,
      use_case: 'YAML_TEST',
      version: jsonTemplate.version,
      workflows: {
        provision: {
          user_params: { region: 'us-east-1', retries: '3' },
          nodes: [
            { id: 'first', type: 'noop', previous_node_inputs: {}, user_inputs: jsonTemplate.workflows.provision.nodes[0].user_inputs },
            {
              id: 'second',
              type: 'noop',
              previous_node_inputs: { first: 'out' },
              user_inputs: { actions: [{ method: 'POST', url: 'https://example.test/${parameters.x}' }], text: 'line one\nline two' },
            },
            { id: 'third', type: 'noop', previous_node_inputs: {}, user_inputs: {} },
          ],
          edges: [
            { source: 'first', dest: 'third' },
            { source: 'first', dest: 'second' },
          ],
        },
      },
      ui_metadata: jsonTemplate.ui_metadata,
    });
  });

  it.each(YAML_TYPES)('hand-written YAML sent as %s is stored exactly like the JSON twin', async (type) => {
    const res = await createRaw(handWrittenYaml, type);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ workflow_id: expect.stringMatching(/^[A-Za-z0-9_-]{20}$/) });
    expect(withoutTimes(await getBody(res.body.workflow_id))).toEqual(withoutTimes(jsonBody));
  });

  it.each(YAML_TYPES)('machine-written YAML (YAML.stringify of the JSON) sent as %s is stored like the JSON twin', async (type) => {
    const res = await createRaw(YAML.stringify(jsonTemplate), type);
    expect(res.status).toBe(201);
    expect(withoutTimes(await getBody(res.body.workflow_id))).toEqual(withoutTimes(jsonBody));
  });

  it('JSON written as YAML flow style (YAML is a superset of JSON) is stored like the JSON twin', async () => {
    const res = await createRaw(JSON.stringify(jsonTemplate), 'application/yaml');
    expect(res.status).toBe(201);
    expect(withoutTimes(await getBody(res.body.workflow_id))).toEqual(withoutTimes(jsonBody));
  });

  it('encrypts YAML credentials like JSON ones, and never returns them', async () => {
    const res = await createRaw(handWrittenYaml, 'application/yaml');
    const [row] = await app.db.query('SELECT template::text AS t FROM workflows WHERE id = $1', [res.body.workflow_id]);
    expect(row.t).not.toContain('yaml-secret-value');
    expect(row.t).toContain('enc:v1:');
    expect(JSON.stringify(await getBody(res.body.workflow_id))).not.toContain('yaml-secret-value');
  });

  it('a full update (PUT) with a YAML body replaces the template like its JSON twin would', async () => {
    const created = await call(app.url, 'POST', WF, { name: 'before', workflows: { provision: { nodes: [{ id: 'x', type: 'noop' }] } } });
    const id = created.body.workflow_id;
    const put = await call(app.url, 'PUT', `${WF}/${id}`, handWrittenYaml, { 'content-type': 'text/yaml' });
    expect(put.status).toBe(201);
    expect(put.body).toEqual({ workflow_id: id });
    expect(withoutTimes(await getBody(id))).toEqual(withoutTimes(jsonBody));
  });

  it('update_fields accepts a YAML body', async () => {
    const created = await call(app.url, 'POST', WF, jsonTemplate);
    const id = created.body.workflow_id;
    const put = await call(app.url, 'PUT', `${WF}/${id}?update_fields=true`, 'name: renamed in yaml\ndescription: new\n', {
      'content-type': 'application/x-yaml',
    });
    expect(put.status).toBe(201);
    expect(withoutTimes(await getBody(id))).toEqual({ ...withoutTimes(jsonBody), name: 'renamed in yaml', description: 'new' });
  });

  it.each([
    ['an unclosed flow sequence', 'name: x\nworkflows: [\n'],
    ['a mapping value where none is allowed', 'name: x: y\n'],
    ['bad indentation', 'name: x\n  description: y\n workflows: {}\n'],
    ['an undefined alias', 'name: *nowhere\n'],
    ['a tab as indentation', 'name: x\nworkflows:\n\tprovision: {}\n'],
  ])('refuses bad YAML (%s) with a 400 naming the problem, and stores nothing', async (_title, text) => {
    const [before] = await app.db.query('SELECT count(*)::int AS n FROM workflows');
    const res = await createRaw(text, 'application/yaml');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: expect.stringMatching(/^IOException: template content invalid for specified Content-Type\. Invalid YAML: \S/) });
    const [after] = await app.db.query('SELECT count(*)::int AS n FROM workflows');
    expect(after.n).toBe(before.n);
  });

  it.each([
    ['a list', '- name: x\n'],
    ['a scalar', 'just a string\n'],
    ['a number', '42\n'],
    ['null', '~\n'],
  ])('refuses a YAML document that is %s', async (_title, text) => {
    const res = await createRaw(text, 'application/yaml');
    expect({ status: res.status, body: res.body }).toEqual({ status: 400, body: { error: CONTENT_INVALID } });
  });

  it('refuses an alias bomb quickly instead of expanding it', async () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
    lines.push('name: *a11');
    const res = await createRaw(lines.join('\n'), 'application/yaml');
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.body).toEqual({ error: expect.any(String) });
  });

  it('validates a YAML template like a JSON one (same messages)', async () => {
    const yaml = 'name: dup\nworkflows:\n  provision:\n    nodes:\n    - {id: a, type: noop}\n    - {id: a, type: noop}\n';
    const res = await createRaw(yaml, 'application/yaml');
    expect({ status: res.status, body: res.body }).toEqual({ status: 400, body: { error: 'Duplicate node id a.' } });
    const unknown = await createRaw('name: t\nworkflows:\n  provision:\n    nodes:\n    - {id: a, type: frobnicate}\n', 'text/yaml');
    expect({ status: unknown.status, body: unknown.body }).toEqual({ status: 501, body: { error: 'Workflow step type [frobnicate] is not implemented.' } });
  });

  describe('Flow Framework sample templates (JSON and YAML twins)', () => {
    const names = readdirSync(SAMPLES)
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.replace(/\.json$/, ''))
      .sort();

    /**
     * Where the published twins really differ (not Stepwise's doing), both sides are brought to the JSON's intent:
     * the data-summary YAML names a node that does not exist; the text-to-visualization prompts are another revision.
     */
    const patchYaml = (name: string, text: string) =>
      name === 'query-assist-data-summary-agent-claude-tested'
        ? text.replace('create_alert_summary_ml_model_tool: tools', 'create_query_assist_data_summary_ml_model_tool: tools')
        : text;
    const normalise = (name: string, body: Record<string, unknown>) => {
      const copy = structuredClone(withoutTimes(body)) as any;
      if (name === 'text-to-visualization-claude') {
        for (const n of copy.workflows.provision.nodes) delete n.user_inputs?.parameters?.prompt;
      }
      return copy;
    };

    it('finds the twelve samples', () => {
      expect(names).toHaveLength(12);
    });

    it.each(names)('%s: the JSON and the YAML twin are both accepted (validation=off) and stored alike', async (name) => {
      const json = readFileSync(join(SAMPLES, `${name}.json`), 'utf8');
      const yaml = patchYaml(name, readFileSync(join(SAMPLES, `${name}.yml`), 'utf8'));
      const a = await createRaw(json, 'application/json', '?validation=off');
      const b = await createRaw(yaml, 'application/yaml', '?validation=off');
      expect({ json: a.status, yaml: b.status, yamlBody: b.body }).toEqual({ json: 201, yaml: 201, yamlBody: { workflow_id: expect.any(String) } });
      const fromJson = await getBody(a.body.workflow_id);
      const fromYaml = await getBody(b.body.workflow_id);
      expect(normalise(name, fromYaml)).toEqual(normalise(name, fromJson));
      // the JSON sample's name and nodes came through
      const source = JSON.parse(json);
      expect(fromJson.name).toBe(source.name);
      expect((fromJson.workflows as any).provision.nodes.map((n: { id: string }) => n.id)).toEqual(
        source.workflows.provision.nodes.map((n: { id: string }) => n.id),
      );
      // and their credentials never come back
      const text = JSON.stringify([fromJson, fromYaml]);
      expect(text).not.toContain('"credential"');
      for (const node of source.workflows.provision.nodes) {
        for (const secret of Object.values<string>(node.user_inputs?.credential ?? {})) expect(text).not.toContain(secret);
      }
    });

    it('with validation on, a sample (OpenSearch step types) is accepted as JSON and as YAML', async () => {
      const json = readFileSync(join(SAMPLES, 'deploy-openai-model.json'), 'utf8');
      const yaml = readFileSync(join(SAMPLES, 'deploy-openai-model.yml'), 'utf8');
      const a = await createRaw(json, 'application/json');
      const b = await createRaw(yaml, 'application/yaml');
      for (const res of [a, b]) expect({ status: res.status, body: res.body }).toEqual({ status: 201, body: { workflow_id: expect.any(String) } });
    });

    it('with validation on, an unknown step type is refused with 501', async () => {
      const res = await createRaw(JSON.stringify({ name: 'x', workflows: { provision: { nodes: [{ id: 'a', type: 'create_widget' }] } } }), 'application/json');
      expect({ status: res.status, body: res.body }).toEqual({ status: 501, body: { error: 'Workflow step type [create_widget] is not implemented.' } });
    });
  });
});
