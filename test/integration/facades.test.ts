import { AccessKeysService } from '../../src/auth/access-keys.service';
import { signedHeaders } from '../../src/auth/request-signing';
import { FakeRestTarget, thingNode } from '../support/fake-rest-target';
import { call, eventually, startTestApp, TestApp, settledStatus } from '../support/test-app';

const WF = '/_plugins/_flow_framework/workflow';

describe('vendor facades (api + worker in process, real PostgreSQL, local REST target)', () => {
  let app: TestApp;
  let target: FakeRestTarget;
  let n = 0;

  beforeAll(async () => {
    target = await new FakeRestTarget().start();
    app = await startTestApp({ worker: true, config: { bodyLimitBytes: 64 * 1024 } });
  });
  afterAll(async () => {
    await app?.close();
    await target?.stop();
  });

  const settled = (id: string) => settledStatus(app.url, id);
  const create = async (template: object, provision = false) => {
    const res = await call(app.url, 'POST', `${WF}${provision ? '?provision=true' : ''}`, template);
    if (provision) await settled(res.body.workflow_id);
    return res.body.workflow_id as string;
  };
  const noop = (name: string, useCase = 'TEST') => ({ name, use_case: useCase, workflows: { provision: { nodes: [{ id: 'a', type: 'noop' }] } } });

  describe('Alibaba Serverless Workflow DeleteFlow', () => {
    it("the seed's request gives the seed's response and deletes the flow", async () => {
      const id = await create(noop('flow'));
      const res = await call(app.url, 'GET', '/?Action=DeleteFlow&Name=flow&RequestId=testRequestId');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ RequestId: 'testRequestId' });
      expect(res.headers.get('x-request-id')).toBe('testRequestId');
      expect((await call(app.url, 'GET', `${WF}/${id}`)).status).toBe(404);
    });

    it('POST works too, with a generated RequestId', async () => {
      await create(noop('flow-post'));
      const res = await call(app.url, 'POST', '/?Action=DeleteFlow&Name=flow-post');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ RequestId: res.headers.get('x-request-id') });
    });

    it.each([
      ['/?Action=DeleteFlow&Name=nope&RequestId=r1', 404, 'FlowNotExists', 'Flow nope does not exist.'],
      ['/?Action=DeleteFlow&RequestId=r1', 400, 'MissingRequiredParams', "The HTTP query 'Name' must be specified."],
      ['/?Action=CreateFlow&Name=x&RequestId=r1', 400, 'ActionNotSupported', "The requested API operation 'CreateFlow' is incorrect. Please check."],
    ])('%s → %i %s in Alibaba\'s envelope', async (path, status, code, message) => {
      const res = await call(app.url, 'GET', path);
      expect(res.status).toBe(status);
      expect(res.body).toEqual({ RequestId: 'r1', Code: code, Message: message });
      expect(res.headers.get('x-error-code')).toBe(code);
    });

    it('UnsupportedMediaType 415 and EntityTooLarge 400 (Alibaba status) in the envelope', async () => {
      const media = await call(app.url, 'POST', '/?Action=DeleteFlow&Name=x&RequestId=r2', 'hello', { 'content-type': 'text/plain' });
      expect(media.status).toBe(415);
      expect(media.body).toMatchObject({ RequestId: 'r2', Code: 'UnsupportedMediaType' });
      const big = await call(app.url, 'POST', '/?Action=DeleteFlow&Name=x&RequestId=r3', JSON.stringify({ pad: 'x'.repeat(70 * 1024) }));
      expect(big.status).toBe(400);
      expect(big.body).toMatchObject({ RequestId: 'r3', Code: 'EntityTooLarge' });
    });

    it('a name held by two workflows is refused, not guessed', async () => {
      await create(noop('twin'));
      await create(noop('twin'));
      const res = await call(app.url, 'GET', '/?Action=DeleteFlow&Name=twin&RequestId=r4');
      expect(res.status).toBe(400);
      expect(res.body.Code).toBe('InvalidArgument');
    });

    it('DeleteFlow and the Flow Framework DELETE leave the database in the same state', async () => {
      const snapshot = async (id: string) => {
        const rows = async (sql: string) => (await app.db.query(sql, [id])).length;
        return {
          workflows: await rows('SELECT 1 FROM workflows WHERE id = $1'),
          states: await app.db.query('SELECT state, provisioning_progress, error FROM workflow_states WHERE workflow_id = $1', [id]),
          resources: await app.db.query('SELECT workflow_step_id, resource_type FROM resources WHERE workflow_id = $1 ORDER BY id', [id]),
          executions: await rows('SELECT 1 FROM executions WHERE workflow_id = $1'),
        };
      };
      const template = (name: string) => ({ name, workflows: { provision: { nodes: [thingNode(target, `eq-${name}`)] } } });
      const viaFacade = await create(template('eq-facade'), true);
      const viaFf = await create(template('eq-ff'), true);
      await call(app.url, 'GET', '/?Action=DeleteFlow&Name=eq-facade');
      await call(app.url, 'DELETE', `${WF}/${viaFf}`);
      // Both keep the state (resources remain) and purge the run history in the background.
      await eventually(async () => (await snapshot(viaFacade)).executions === 0 && (await snapshot(viaFf)).executions === 0);
      const a = await snapshot(viaFacade);
      const b = await snapshot(viaFf);
      expect(a.resources.map((r: { resource_type: string }) => r.resource_type)).toEqual(b.resources.map((r: { resource_type: string }) => r.resource_type));
      expect({ ...a, resources: a.resources.length }).toEqual({ ...b, resources: b.resources.length });
      expect(a.workflows).toBe(0);
    });
  });

  describe('Huawei OBS Data+ resume', () => {
    const failing = (name: string) => ({ name, workflows: { provision: { nodes: [thingNode(target, `ok-${name}`), { ...thingNode(target, `hw-${name}`), previous_node_inputs: { [`ok-${name}`]: 'thing_id' } }] } } });

    it("the seed's request resumes the failed run and answers the seed's shape; same outcome as _resume", async () => {
      target.failCreate.set('hw-graph-a', 503);
      target.failCreate.set('hw-graph-b', 503);
      const a = await create(failing('graph-a'), true);
      const b = await create(failing('graph-b'), true);
      target.failCreate.clear();
      const res = await call(app.url, 'PUT', '/v2/workflowexecutions/provision-1?x-workflow-graph-name=graph-a', undefined, { 'content-length': '0' });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        execution_urn: 'urn:fgs:local:stepwise:execution:graph-a:provision-1:default',
        execution_name: 'provision-1',
        restored_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      });
      expect(res.headers.get('x-request-id')).toBeTruthy();
      expect((await call(app.url, 'POST', `${WF}/${b}/_resume`)).status).toBe(202);
      const [sa, sb] = [await settled(a), await settled(b)];
      expect(sa.state).toBe('COMPLETED');
      expect({ ...sb, workflow_id: a, resources_created: undefined, provision_start_time: 0, provision_end_time: 0, user_outputs: undefined }).toEqual({
        ...sa,
        resources_created: undefined,
        provision_start_time: 0,
        provision_end_time: 0,
        user_outputs: undefined,
      });
      expect(target.creates.get('ok-graph-a')).toBe(1);
      expect(target.creates.get('ok-graph-b')).toBe(1);
    });

    it('404 for an unknown graph or execution, 409 when the run is not failed, in Huawei\'s error shape', async () => {
      await create(noop('done-graph'), true);
      const graph = await call(app.url, 'PUT', '/v2/workflowexecutions/provision-1?x-workflow-graph-name=no-graph');
      expect(graph.status).toBe(404);
      expect(graph.body).toEqual({ code: 'FlowNotExists', message: 'The workflow graph no-graph does not exist.', request_id: graph.headers.get('x-request-id') });
      const execution = await call(app.url, 'PUT', '/v2/workflowexecutions/provision-9?x-workflow-graph-name=done-graph');
      expect(execution.status).toBe(404);
      expect(execution.body.code).toBe('ExecutionNotExists');
      const notFailed = await call(app.url, 'PUT', '/v2/workflowexecutions/provision-1?x-workflow-graph-name=done-graph');
      expect(notFailed.status).toBe(409);
      expect(Object.keys(notFailed.body)).toEqual(['code', 'message', 'request_id']);
      expect(notFailed.body.code).toBe('ExecutionNotResumable');
    });
  });

  describe('Alibaba OpenSearch task deletion', () => {
    const path = (group: string, fn: string, instance: string, generation: string) =>
      `/v4/openapi/app-groups/${group}/functions/${fn}/instances/${instance}/tasks/${generation}`;

    it("the seed's request deletes a finished run and answers the seed's envelope", async () => {
      const id = await create(noop(`ctr_test_${++n}`, 'ctr'), true);
      const res = await call(app.url, 'DELETE', path('default', 'ctr', `ctr_test_${n}`, '1'));
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ requestId: res.headers.get('x-request-id'), status: 'OK', httpCode: 200, code: '', message: '', latency: expect.any(Number), result: {} });
      expect((await call(app.url, 'GET', `${WF}/${id}/executions/1`)).status).toBe(404);
    });

    it('a run in progress → Task.UnableDelete; unknown instance, function, task; another app group → AccessDenied', async () => {
      await call(app.url, 'POST', `${WF}?provision=true`, {
        name: 'busy',
        use_case: 'ctr',
        workflows: { provision: { nodes: [{ id: 'slow', type: 'noop', user_inputs: { delay: '2s' } }] } },
      });
      const busy = await call(app.url, 'DELETE', path('default', 'ctr', 'busy', '1'));
      expect(busy.status).toBe(409);
      expect(busy.body).toMatchObject({ status: 'FAIL', httpCode: 409, code: 'Task.UnableDelete', result: {} });
      expect(typeof busy.body.latency).toBe('number');
      expect((await call(app.url, 'DELETE', path('default', 'ctr', 'nobody', '1'))).body.code).toBe('Instance.NotFound');
      expect((await call(app.url, 'DELETE', path('default', 'other', 'busy', '1'))).body.code).toBe('Function.NotFound');
      expect((await call(app.url, 'DELETE', path('default', 'ctr', 'busy', '7'))).body.code).toBe('Task.NotFound');
      const denied = await call(app.url, 'DELETE', path('someone-else', 'ctr', 'busy', '1'));
      expect(denied.status).toBe(403);
      expect(denied.body).toMatchObject({ code: 'AccessDenied', message: "The resources doesn't belong to you." });
    });
  });
});

describe('vendor facades with authentication on (signed requests and keys, real PostgreSQL)', () => {
  let app: TestApp;
  let signing: { accessKeyId: string; secret: string };
  let reader: string;
  beforeAll(async () => {
    app = await startTestApp({ env: { AUTH_MODE: 'api_key,signed' } });
    const keys = app.api.get(AccessKeysService);
    signing = await keys.createSigningKey({ tenant: 'default', user: 'ops' });
    reader = (await keys.createApiKey({ tenant: 'default', user: 'viewer', roles: ['read_only'] })).token;
  });
  afterAll(async () => {
    await app?.close();
  });
  const deleteFlow = (query: Record<string, string>, opts: { date?: string; keyId?: string; tamper?: boolean } = {}) => {
    const qs = new URLSearchParams(query).toString();
    const headers = signedHeaders(opts.keyId ?? signing.accessKeyId, signing.secret, { method: 'GET', path: '/', query, body: '', date: opts.date });
    return call(app.url, 'GET', `/?${qs}${opts.tamper ? '&Extra=1' : ''}`, undefined, headers);
  };

  it('a signed DeleteFlow passes; the signature codes and AccessDenied come in Alibaba\'s envelope', async () => {
    const ok = await deleteFlow({ Action: 'DeleteFlow', Name: 'nope', RequestId: 's1' });
    expect(ok).toMatchObject({ status: 404, body: { RequestId: 's1', Code: 'FlowNotExists' } }); // authenticated, then not found
    const tampered = await deleteFlow({ Action: 'DeleteFlow', Name: 'x', RequestId: 's2' }, { tamper: true });
    expect(tampered).toMatchObject({ status: 403, body: { RequestId: 's2', Code: 'SignatureNotMatch' } });
    const skewed = await deleteFlow({ Action: 'DeleteFlow', Name: 'x', RequestId: 's3' }, { date: new Date(Date.now() - 16 * 60_000).toISOString() });
    expect(skewed).toMatchObject({ status: 403, body: { RequestId: 's3', Code: 'RequestTimeTooSkewed' } });
    const unknown = await deleteFlow({ Action: 'DeleteFlow', Name: 'x', RequestId: 's4' }, { keyId: 'SWUNKNOWN' });
    expect(unknown).toMatchObject({ status: 403, body: { RequestId: 's4', Code: 'InvalidAccessKeyID', Message: 'The AccessKey ID SWUNKNOWN is invalid.' } });
    const denied = await call(app.url, 'GET', '/?Action=DeleteFlow&Name=x&RequestId=s5', undefined, { authorization: `Bearer ${reader}` });
    expect(denied).toMatchObject({ status: 403, body: { RequestId: 's5', Code: 'AccessDenied' } });
    const anonymous = await call(app.url, 'GET', '/?Action=DeleteFlow&Name=x&RequestId=s6');
    expect(anonymous).toMatchObject({ status: 401, body: { RequestId: 's6', Code: 'Unauthenticated' } });
    expect((await call(app.url, 'GET', '/')).status).toBe(200); // the info document stays public
  });
});
