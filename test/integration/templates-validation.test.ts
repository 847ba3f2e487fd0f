/**
 * Issue 3, acceptance 2: every validation message of API.md §2.2, §2.3 (404 template, NOT_STARTED rule, update_fields
 * rule) and §2.11, produced through HTTP, with the exact `{"error": "..."}` body and status. Provision/reprovision-only
 * messages (and the run-time "Missing required inputs" one) are not covered here.
 */
import { call, startTestApp, TestApp } from '../support/test-app';

const WF = '/_plugins/_flow_framework/workflow';
const CONTENT_INVALID = 'IOException: template content invalid for specified Content-Type.';
const TEMPLATE_PARAMS = '[validation, provision, use_case, wait_for_completion_timeout, update_fields, reprovision]';

type Json = Record<string, unknown>;
const node = (id: string, extra: Json = {}) => ({ id, type: 'noop', ...extra });
const withNodes = (nodes: unknown[], edges?: unknown[], name = 'validation') => ({
  name,
  workflows: { provision: { nodes, ...(edges ? { edges } : {}) } },
});
const valid = () => withNodes([node('a'), node('b', { previous_node_inputs: { a: 'out' } })]);

interface Case {
  title: string;
  query?: string;
  body: unknown;
  status: number;
  error: string;
  code: string;
}

/** Requests that must be refused identically by POST …/workflow and by PUT …/workflow/{id} (full update). */
const TEMPLATE_CASES: Case[] = [
  // §2.2 parameter rules
  {
    title: 'an unknown query parameter without provision',
    query: 'foo=bar',
    body: valid(),
    status: 400,
    error: `Only the parameters ${TEMPLATE_PARAMS} are permitted unless the provision parameter is set to true.`,
    code: 'InvalidArgument',
  },
  {
    title: 'provision together with update_fields',
    query: 'provision=true&update_fields=true',
    body: valid(),
    status: 400,
    error: 'You can not use both the provision and update_fields parameters in the same request.',
    code: 'InvalidArgument',
  },
  {
    title: 'wait_for_completion_timeout without provision or reprovision',
    query: 'wait_for_completion_timeout=2s',
    body: valid(),
    status: 400,
    error: "Request parameter 'wait_for_completion_timeout' is not allowed unless the 'provision' or 'reprovision' parameter is set to true.",
    code: 'InvalidArgument',
  },
  // §2.2 parse errors
  { title: 'an empty object', body: {}, status: 400, error: 'A template object requires a name.', code: 'InvalidTemplate' },
  { title: 'a template without name', body: { description: 'd', workflows: {} }, status: 400, error: 'A template object requires a name.', code: 'InvalidTemplate' },
  { title: 'a JSON array body', body: [valid()], status: 400, error: CONTENT_INVALID, code: 'InvalidTemplate' },
  { title: 'a JSON string body', body: JSON.stringify('just text'), status: 400, error: CONTENT_INVALID, code: 'InvalidTemplate' },
  {
    title: 'an unknown template field',
    body: { ...valid(), bogus: 1 },
    status: 400,
    error: 'Unable to parse field [bogus] in a template object.',
    code: 'InvalidTemplate',
  },
  { title: 'a name that is an object', body: { name: { x: 1 } }, status: 400, error: 'Unable to parse field [name] in a template object.', code: 'InvalidTemplate' },
  { title: 'a name that is null', body: { name: null }, status: 400, error: 'Unable to parse field [name] in a template object.', code: 'InvalidTemplate' },
  {
    title: 'a description that is an array',
    body: { name: 'x', description: ['a'] },
    status: 400,
    error: 'Unable to parse field [description] in a template object.',
    code: 'InvalidTemplate',
  },
  { title: 'workflows that is an array', body: { name: 'x', workflows: [] }, status: 400, error: 'Unable to parse field [workflows] in a template object.', code: 'InvalidTemplate' },
  { title: 'ui_metadata that is a string', body: { name: 'x', ui_metadata: 'ui' }, status: 400, error: 'Unable to parse field [ui_metadata] in a template object.', code: 'InvalidTemplate' },
  { title: 'a version that is a string', body: { name: 'x', version: '1.0.0' }, status: 400, error: 'Unable to parse field [version] in a template object.', code: 'InvalidTemplate' },
  {
    title: 'an unknown key inside version',
    body: { name: 'x', version: { template: '1.0.0', bogus: 'y' } },
    status: 400,
    error: 'Unable to parse field [version] in a version object.',
    code: 'InvalidTemplate',
  },
  {
    title: 'a version.template that is an object',
    body: { name: 'x', version: { template: { major: 1 } } },
    status: 400,
    error: 'Unable to parse field [template] in a version object.',
    code: 'InvalidTemplate',
  },
  {
    title: 'a version.compatibility that is not a list',
    body: { name: 'x', version: { compatibility: '3.0.0' } },
    status: 400,
    error: 'Unable to parse field [compatibility] in a version object.',
    code: 'InvalidTemplate',
  },
  ...['1.0', 'v1.0.0', '1.0.0-beta', '1.0.0.0', 'latest', ' 1.0.0'].map<Case>((v) => ({
    title: `a bad version string ${JSON.stringify(v)}`,
    body: { name: 'x', version: { template: v } },
    status: 400,
    error: CONTENT_INVALID,
    code: 'InvalidTemplate',
  })),
  {
    title: 'a bad compatibility version string',
    body: { name: 'x', version: { template: '1.0.0', compatibility: ['3.0.0', '3.x'] } },
    status: 400,
    error: CONTENT_INVALID,
    code: 'InvalidTemplate',
  },
  {
    title: 'an unknown workflow key',
    body: { name: 'x', workflows: { provision: { nodes: [node('a')], steps: [] } } },
    status: 400,
    error: 'Unable to parse field [steps] in a workflow object.',
    code: 'InvalidTemplate',
  },
  {
    title: 'nodes that is an object',
    body: { name: 'x', workflows: { provision: { nodes: { a: node('a') } } } },
    status: 400,
    error: 'Unable to parse field [nodes] in a workflow object.',
    code: 'InvalidTemplate',
  },
  {
    title: 'an unknown node field',
    body: withNodes([node('a', { bogus: true })]),
    status: 400,
    error: 'Unable to parse field [bogus] in a node object.',
    code: 'InvalidTemplate',
  },
  {
    title: 'a node id that is an object',
    body: withNodes([{ id: { x: 1 }, type: 'noop' }]),
    status: 400,
    error: 'Unable to parse field [id] in a node object.',
    code: 'InvalidTemplate',
  },
  {
    title: 'previous_node_inputs that is a list',
    body: withNodes([node('a', { previous_node_inputs: ['x'] })]),
    status: 400,
    error: 'Unable to parse field [previous_node_inputs] in a node object.',
    code: 'InvalidTemplate',
  },
  {
    title: 'user_inputs that is a string',
    body: withNodes([node('a', { user_inputs: 'x' })]),
    status: 400,
    error: 'Unable to parse field [user_inputs] in a node object.',
    code: 'InvalidTemplate',
  },
  {
    title: 'a user_inputs value that is null',
    body: withNodes([node('a', { user_inputs: { delay: null } })]),
    status: 400,
    error: 'Unable to parse field [delay] in a node object.',
    code: 'InvalidTemplate',
  },
  {
    title: 'an unknown edge field',
    body: withNodes([node('a'), node('b')], [{ source: 'a', dest: 'b', weight: 1 }]),
    status: 400,
    error: 'Unable to parse field [weight] in an edge object.',
    code: 'InvalidTemplate',
  },
  {
    title: 'an edge source that is a list',
    body: withNodes([node('a'), node('b')], [{ source: ['a'], dest: 'b' }]),
    status: 400,
    error: 'Unable to parse field [source] in an edge object.',
    code: 'InvalidTemplate',
  },
  { title: 'an empty node list', body: withNodes([]), status: 400, error: 'A workflow must have at least one node.', code: 'InvalidTemplate' },
  {
    title: 'a workflow without nodes',
    body: { name: 'x', workflows: { provision: {} } },
    status: 400,
    error: 'A workflow must have at least one node.',
    code: 'InvalidTemplate',
  },
  {
    title: 'a node without type',
    body: withNodes([{ id: 'a' }]),
    status: 400,
    error: 'An node object requires both an id and type field.',
    code: 'InvalidTemplate',
  },
  {
    title: 'a node without id',
    body: withNodes([{ type: 'noop' }]),
    status: 400,
    error: 'An node object requires both an id and type field.',
    code: 'InvalidTemplate',
  },
  {
    title: 'an edge without dest',
    body: withNodes([node('a'), node('b')], [{ source: 'a' }]),
    status: 400,
    error: 'An edge object requires both a source and dest field.',
    code: 'InvalidTemplate',
  },
  {
    title: 'an edge without source',
    body: withNodes([node('a'), node('b')], [{ dest: 'b' }]),
    status: 400,
    error: 'An edge object requires both a source and dest field.',
    code: 'InvalidTemplate',
  },
  // §2.11 graph validation
  {
    title: 'a duplicate node id',
    body: withNodes([node('a'), node('b'), node('a')]),
    status: 400,
    error: 'Duplicate node id a.',
    code: 'InvalidTemplate',
  },
  {
    title: 'an edge from an unknown node',
    body: withNodes([node('a'), node('b')], [{ source: 'ghost', dest: 'b' }]),
    status: 400,
    error: 'Edge source ghost does not correspond to a node.',
    code: 'InvalidTemplate',
  },
  {
    title: 'previous_node_inputs naming an unknown node',
    body: withNodes([node('a'), node('b', { previous_node_inputs: { ghost: 'x' } })]),
    status: 400,
    error: 'Edge source ghost does not correspond to a node.',
    code: 'InvalidTemplate',
  },
  {
    title: 'an edge to an unknown node',
    body: withNodes([node('a'), node('b')], [{ source: 'a', dest: 'ghost' }]),
    status: 400,
    error: 'Edge destination ghost does not correspond to a node.',
    code: 'InvalidTemplate',
  },
  {
    title: 'an edge from a node to itself',
    body: withNodes([node('a'), node('b')], [{ source: 'b', dest: 'b' }]),
    status: 400,
    error: 'Edge connects node b to itself.',
    code: 'InvalidTemplate',
  },
  {
    title: 'a graph in which every node has a predecessor',
    body: withNodes([node('a'), node('b')], [{ source: 'a', dest: 'b' }, { source: 'b', dest: 'a' }]),
    status: 400,
    error: 'No start node detected: all nodes have a predecessor.',
    code: 'InvalidTemplate',
  },
  {
    title: 'a cycle behind a start node',
    body: withNodes(
      [node('a'), node('b'), node('c')],
      [
        { source: 'a', dest: 'b' },
        { source: 'b', dest: 'c' },
        { source: 'c', dest: 'b' },
      ],
    ),
    status: 400,
    error: 'Cycle detected: [b->c, c->b]',
    code: 'InvalidTemplate',
  },
  {
    title: 'a cycle made with previous_node_inputs',
    body: withNodes([node('a'), node('b', { previous_node_inputs: { a: 'x', c: 'y' } }), node('c', { previous_node_inputs: { b: 'z' } })]),
    status: 400,
    error: 'Cycle detected: [b->c, c->b]',
    code: 'InvalidTemplate',
  },
  {
    title: 'an unknown step type',
    body: withNodes([node('a'), { id: 'b', type: 'frobnicate' }]),
    status: 501,
    error: 'Workflow step type [frobnicate] is not implemented.',
    code: 'StepNotImplemented',
  },
  {
    title: 'an unknown step type in a workflow other than provision',
    body: { name: 'x', workflows: { provision: { nodes: [node('a')] }, teardown: { nodes: [{ id: 't', type: 'no_such_step' }] } } },
    status: 501,
    error: 'Workflow step type [no_such_step] is not implemented.',
    code: 'StepNotImplemented',
  },
  {
    title: 'a graph error in a workflow other than provision',
    body: { name: 'x', workflows: { provision: { nodes: [node('a')] }, other: { nodes: [node('x'), node('x')] } } },
    status: 400,
    error: 'Duplicate node id x.',
    code: 'InvalidTemplate',
  },
];

describe('template validation messages through HTTP (API.md §2.2, §2.3, §2.11)', () => {
  let app: TestApp;
  let existing: string;
  let existingBody: unknown;

  const counts = async () => {
    const [row] = await app.db.query('SELECT (SELECT count(*) FROM workflows)::int AS w, (SELECT count(*) FROM workflow_states)::int AS s');
    return row as { w: number; s: number };
  };
  const send = (method: string, path: string, body: unknown) =>
    typeof body === 'string'
      ? call(app.url, method, path, body, { 'content-type': 'application/json' })
      : call(app.url, method, path, body);

  beforeAll(async () => {
    app = await startTestApp();
    const res = await call(app.url, 'POST', WF, valid());
    expect(res.status).toBe(201);
    existing = res.body.workflow_id;
    existingBody = (await call(app.url, 'GET', `${WF}/${existing}`)).body;
  });
  afterAll(async () => {
    await app?.close();
  });

  describe('POST …/workflow', () => {
    it.each(TEMPLATE_CASES)('refuses $title', async ({ query, body, status, error, code }) => {
      const before = await counts();
      const res = await send('POST', `${WF}${query ? `?${query}` : ''}`, body);
      expect({ status: res.status, body: res.body }).toEqual({ status, body: { error } });
      expect(res.headers.get('x-error-code')).toBe(code);
      expect(await counts()).toEqual(before);
    });

    it('refuses reprovision on create', async () => {
      const res = await call(app.url, 'POST', `${WF}?reprovision=true`, valid());
      expect({ status: res.status, body: res.body }).toEqual({
        status: 400,
        body: { error: 'You can not use the reprovision parameter to create a new template.' },
      });
    });

    it('refuses a template of too many nodes, naming the limit (no id yet: "null")', async () => {
      const small = await startTestApp({ config: { maxNodesPerWorkflow: 3 } });
      try {
        const res = await call(small.url, 'POST', WF, withNodes([node('a'), node('b'), node('c'), node('d')]));
        expect(res.status).toBe(400);
        expect(res.body).toEqual({ error: expect.stringMatching(/^Workflow null has 4 nodes, which exceeds the maximum of 3\. \S/) });
        // the limit itself is allowed
        const ok = await call(small.url, 'POST', WF, withNodes([node('a'), node('b'), node('c')]));
        expect(ok.status).toBe(201);
        // and the message names the workflow on update
        const put = await call(small.url, 'PUT', `${WF}/${ok.body.workflow_id}`, withNodes([node('a'), node('b'), node('c'), node('d')]));
        expect(put.status).toBe(400);
        expect(put.body).toEqual({
          error: expect.stringMatching(new RegExp(`^Workflow ${ok.body.workflow_id} has 4 nodes, which exceeds the maximum of 3\\. \\S`)),
        });
      } finally {
        await small.close();
      }
    });

    it('refuses a create above the per-tenant workflow limit with Flow Framework\'s message', async () => {
      const small = await startTestApp({ config: { maxWorkflowsPerTenant: 2 } });
      try {
        for (let i = 0; i < 2; i++) expect((await call(small.url, 'POST', WF, valid())).status).toBe(201);
        const res = await call(small.url, 'POST', WF, valid());
        expect({ status: res.status, body: res.body }).toEqual({ status: 400, body: { error: 'Maximum workflows limit reached: 2. Delete workflows, or raise MAX_WORKFLOWS_PER_TENANT.' } }); // Flow Framework's text, plus how to change the limit
        const [row] = await small.db.query('SELECT count(*)::int AS n FROM workflows');
        expect(row.n).toBe(2);
      } finally {
        await small.close();
      }
    });

    it('refuses a node missing the required inputs of its step type, and accepts it once user_inputs has them', async () => {
      // Whatever step type of the catalogue declares required inputs (the catalogue grows while packs are added).
      const steps = await call(app.url, 'GET', `${WF}/_steps`);
      const withInputs = Object.entries<{ inputs: string[] }>(steps.body).find(([, def]) => def.inputs.length > 0);
      expect(withInputs).toBeDefined();
      const [type, { inputs }] = withInputs!;
      const missing = await call(app.url, 'POST', WF, withNodes([node('a'), { id: 'needy', type, previous_node_inputs: { a: 'x' } }]));
      expect({ status: missing.status, body: missing.body }).toEqual({
        status: 400,
        body: { error: `Invalid workflow, node [needy] missing the following required inputs : [${inputs.join(', ')}]` },
      });
      expect(missing.headers.get('x-error-code')).toBe('InvalidTemplate');
      const userInputs = Object.fromEntries(inputs.map((input) => [input, `value of ${input}`]));
      const given = await call(app.url, 'POST', WF, withNodes([node('a'), { id: 'needy', type, previous_node_inputs: { a: 'x' }, user_inputs: userInputs }]));
      expect(given.status).toBe(201);
      // ${{ }} placeholders count as given: they are resolved at provision time
      const placeholders = Object.fromEntries(inputs.map((input) => [input, `\${{ ${input}_param }}`]));
      const later = await call(app.url, 'POST', WF, withNodes([{ id: 'needy', type, user_inputs: placeholders }]));
      expect(later.status).toBe(201);
    });

    it.each(['provision', 'reprovision', 'update_fields'])('refuses %s=TRUE (not a boolean), before storing anything', async (param) => {
      const before = await counts();
      const res = await call(app.url, 'POST', `${WF}?${param}=TRUE`, valid());
      expect({ status: res.status, body: res.body }).toEqual({
        status: 400,
        body: { error: 'Failed to parse value [TRUE] as only [true] or [false] are allowed.' },
      });
      expect(await counts()).toEqual(before);
    });

    it.each([
      ['a NUL character in the name', { name: 'a\u0000b' }],
      ['a NUL character in a user input', withNodes([node('a', { user_inputs: { delay: 'x\u0000' } })])],
      ['a NUL character in ui_metadata', { name: 'x', ui_metadata: { k: '\u0000' } }],
      ['a lone surrogate in the description', { name: 'x', description: 'bad \ud800 text' }],
    ])('stores or refuses (4xx) a template with %s, never a 5xx', async (_title, body) => {
      const before = await counts();
      const res = await call(app.url, 'POST', WF, body);
      if (res.status === 201) {
        // stored: then it must come back as sent
        const got = await call(app.url, 'GET', `${WF}/${res.body.workflow_id}`);
        expect(got.status).toBe(200);
        expect(got.body).toEqual(expect.objectContaining({ name: (body as { name: string }).name }));
      } else {
        expect({ status: res.status, body: res.body }).toEqual({ status: 400, body: { error: expect.stringMatching(/\S/) } });
        expect(await counts()).toEqual(before);
      }
    });

    it('with ?validation=off skips the graph and step checks but not the parse checks', async () => {
      const unknownType = await call(app.url, 'POST', `${WF}?validation=off`, withNodes([{ id: 'a', type: 'frobnicate' }]));
      expect(unknownType.status).toBe(201);
      const cycle = await call(
        app.url,
        'POST',
        `${WF}?validation=off`,
        withNodes([node('a'), node('b')], [{ source: 'a', dest: 'b' }, { source: 'b', dest: 'a' }]),
      );
      expect(cycle.status).toBe(201);
      const noNodes = await call(app.url, 'POST', `${WF}?validation=off`, withNodes([]));
      expect({ status: noNodes.status, body: noNodes.body }).toEqual({ status: 400, body: { error: 'A workflow must have at least one node.' } });
      const noName = await call(app.url, 'POST', `${WF}?validation=none`, { workflows: {} });
      expect({ status: noName.status, body: noName.body }).toEqual({ status: 400, body: { error: 'A template object requires a name.' } });
    });

    it('accepts ${{ }} placeholders at create time (they are resolved at provision)', async () => {
      const res = await call(
        app.url,
        'POST',
        WF,
        withNodes([node('a', { user_inputs: { delay: '${{ wait_for }}', params: { k: '${{ a.b.c }}' } } }), node('b', { user_inputs: { delay: '${{ a.out }}' } })]),
      );
      expect(res.status).toBe(201);
      const got = await call(app.url, 'GET', `${WF}/${res.body.workflow_id}`);
      expect(got.body.workflows.provision.nodes[0].user_inputs).toEqual({ delay: '${{ wait_for }}', params: { k: '${{ a.b.c }}' } });
    });
  });

  describe('PUT …/workflow/{id} (full update)', () => {
    it.each(TEMPLATE_CASES)('refuses $title and leaves the template as it was', async ({ query, body, status, error, code }) => {
      const res = await send('PUT', `${WF}/${existing}${query ? `?${query}` : ''}`, body);
      // The node-limit message names the workflow on update; nothing else differs from create.
      expect({ status: res.status, body: res.body }).toEqual({ status, body: { error } });
      expect(res.headers.get('x-error-code')).toBe(code);
      expect((await call(app.url, 'GET', `${WF}/${existing}`)).body).toEqual(existingBody);
    });

    it('refuses reprovision together with use_case', async () => {
      const res = await call(app.url, 'PUT', `${WF}/${existing}?reprovision=true&use_case=semantic_search`, valid());
      expect({ status: res.status, body: res.body }).toEqual({
        status: 400,
        body: { error: 'You cannot use the reprovision and use_case parameters in the same request.' },
      });
    });

    it('answers 404 for an unknown workflow, before looking at the body', async () => {
      const res = await call(app.url, 'PUT', `${WF}/noSuchWorkflow`, valid());
      expect({ status: res.status, body: res.body }).toEqual({
        status: 404,
        body: { error: 'Failed to retrieve template (noSuchWorkflow) from global context.' },
      });
      expect(res.headers.get('x-error-code')).toBe('FlowNotExists');
    });

    it('refuses a full update unless the workflow is NOT_STARTED', async () => {
      const res0 = await call(app.url, 'POST', WF, valid());
      const id = res0.body.workflow_id;
      await app.db.query(`UPDATE workflow_states SET state = 'COMPLETED', provisioning_progress = 'DONE' WHERE workflow_id = $1`, [id]);
      const res = await call(app.url, 'PUT', `${WF}/${id}`, valid());
      expect({ status: res.status, body: res.body }).toEqual({
        status: 400,
        body: { error: `The template can not be updated unless its provisioning state is NOT_STARTED: ${id}. Deprovision the workflow to reset the state.` },
      });
    });
  });

  describe('workflow ids that cannot exist', () => {
    it.each(['a%00b', '%00', '%F0%9F%98%80', 'x'.repeat(40)])('GET/PUT/DELETE of id %s answer like any unknown id, never 5xx', async (encoded) => {
      const get = await call(app.url, 'GET', `${WF}/${encoded}`);
      expect({ status: get.status, body: get.body }).toEqual({ status: 404, body: { error: expect.stringContaining('Failed to retrieve template (') } });
      const put = await call(app.url, 'PUT', `${WF}/${encoded}`, valid());
      expect({ status: put.status, body: put.body }).toEqual({ status: 404, body: { error: expect.stringContaining('Failed to retrieve template (') } });
      const del = await call(app.url, 'DELETE', `${WF}/${encoded}`);
      expect({ status: del.status, result: del.body?.result }).toEqual({ status: 200, result: 'not_found' });
    });
  });

  describe('PUT …/workflow/{id}?update_fields=true', () => {
    it.each(['workflows', 'user_params', 'nodes', 'created_time', 'anything'])(
      'refuses the field [%s], which needs a whole-template update',
      async (field) => {
        const res = await call(app.url, 'PUT', `${WF}/${existing}?update_fields=true`, { name: 'renamed', [field]: {} });
        expect({ status: res.status, body: res.body }).toEqual({
          status: 400,
          body: { error: `You can not update the field [${field}] without updating the whole template.` },
        });
        expect((await call(app.url, 'GET', `${WF}/${existing}`)).body).toEqual(existingBody);
      },
    );

    it('refuses a wrong type in an updatable field', async () => {
      const res = await call(app.url, 'PUT', `${WF}/${existing}?update_fields=true`, { name: ['x'] });
      expect({ status: res.status, body: res.body }).toEqual({ status: 400, body: { error: 'Unable to parse field [name] in a template object.' } });
    });

    it('refuses a bad version string', async () => {
      const res = await call(app.url, 'PUT', `${WF}/${existing}?update_fields=true`, { version: { template: 'one' } });
      expect({ status: res.status, body: res.body }).toEqual({ status: 400, body: { error: CONTENT_INVALID } });
    });
  });
});
