import { Client } from '@opensearch-project/opensearch';
import { FakeRestTarget, thingNode } from '../support/fake-rest-target';
import { call, eventually, startTestApp, TestApp } from '../support/test-app';

const WF = '/_plugins/_flow_framework/workflow';

describe('provisioning engine (api + worker in process, real PostgreSQL and pg-boss, local REST target)', () => {
  let app: TestApp;
  let target: FakeRestTarget;
  let client: Client;

  beforeAll(async () => {
    target = await new FakeRestTarget().start();
    app = await startTestApp({ worker: true });
    client = new Client({ node: app.url, maxRetries: 0 });
  });
  afterAll(async () => {
    await client?.close();
    await app?.close();
    await target?.stop();
  });

  const waitForEnd = (id: string) =>
    eventually(async () => {
      const { body } = await client.flowFramework.getStatus({ workflow_id: id, all: true });
      return ['COMPLETED', 'FAILED'].includes(String(body.state)) && (body as Record<string, any>);
    }, 30_000);

  it('opensearch-js: create → provision (202) → getStatus until COMPLETED, resources in creation order', async () => {
    const template = {
      name: 'client-run',
      workflows: {
        provision: {
          nodes: [
            thingNode(target, 'first', { outputs: { key: '$.key' } }),
            { ...thingNode(target, 'second'), previous_node_inputs: { first: 'thing_id' } },
          ],
        },
      },
    };
    const created = await client.flowFramework.create({ body: template as never });
    expect(created.statusCode).toBe(201);
    const id = created.body.workflow_id;
    const provisioned = await client.flowFramework.provision({ workflow_id: id });
    expect(provisioned.statusCode).toBe(202);
    expect(provisioned.body).toEqual({ workflow_id: id });

    const all = await waitForEnd(id);
    const ids = [...target.things.entries()].filter(([, t]) => ['first', 'second'].includes(t.key)).map(([thingId]) => thingId);
    expect(all).toEqual({
      workflow_id: id,
      state: 'COMPLETED',
      provisioning_progress: 'DONE',
      provision_start_time: expect.any(Number),
      provision_end_time: expect.any(Number),
      user_outputs: {
        first: { status_code: 201, key: 'first', resource_id: ids[0], thing_id: ids[0] },
        second: { status_code: 201, resource_id: ids[1], thing_id: ids[1] },
      },
      resources_created: [
        { workflow_step_name: 'http_request', workflow_step_id: 'first', resource_type: 'thing_id', resource_id: ids[0] },
        { workflow_step_name: 'http_request', workflow_step_id: 'second', resource_type: 'thing_id', resource_id: ids[1] },
      ],
    });
    for (const r of all.resources_created as object[]) expect(Object.keys(r)).toEqual(['workflow_step_name', 'workflow_step_id', 'resource_type', 'resource_id']);
    expect((all.provision_end_time as number) >= (all.provision_start_time as number)).toBe(true);

    const summary = await client.flowFramework.getStatus({ workflow_id: id });
    expect(Object.keys(summary.body)).toEqual(['workflow_id', 'state', 'resources_created']);
  });

  it('a failing middle node: FAILED/FAILED with Flow Framework error, independent branch done, dependents never ran', async () => {
    target.failCreate.set('mid', 500);
    const nodes = [
      thingNode(target, 'head'),
      { ...thingNode(target, 'mid'), previous_node_inputs: { head: 'thing_id' } },
      { ...thingNode(target, 'tail'), previous_node_inputs: { mid: 'thing_id' } },
      thingNode(target, 'side'),
      { ...thingNode(target, 'side2'), previous_node_inputs: { side: 'thing_id' } },
    ];
    const { body } = await call(app.url, 'POST', WF, { name: 'failing', workflows: { provision: { nodes } } });
    await call(app.url, 'POST', `${WF}/${body.workflow_id}/_provision`);
    const all = await waitForEnd(body.workflow_id);
    expect(all.state).toBe('FAILED');
    expect(all.provisioning_progress).toBe('FAILED');
    expect(all.error).toBe(
      `WorkflowStepException during step mid, POST ${target.url}/things/mid answered 500: {"error":"create of mid refused"}, restStatus: INTERNAL_SERVER_ERROR`,
    );
    const created = (all.resources_created as { workflow_step_id: string }[]).map((r) => r.workflow_step_id).sort();
    expect(created).toEqual(['head', 'side', 'side2']);
    expect(target.creates.get('tail')).toBeUndefined();
    const runs = await app.db.query(
      `SELECT s.node_id, s.status FROM step_runs s JOIN executions e ON e.id = s.execution_id WHERE e.workflow_id = $1 ORDER BY s.node_id`,
      [body.workflow_id],
    );
    expect(runs).toEqual([
      { node_id: 'head', status: 'SUCCEEDED' },
      { node_id: 'mid', status: 'FAILED' },
      { node_id: 'side', status: 'SUCCEEDED' },
      { node_id: 'side2', status: 'SUCCEEDED' },
      { node_id: 'tail', status: 'SKIPPED' },
    ]);
  });

  it('two concurrent _provision calls → exactly one 202 and one 400 NOT_STARTED message, 50 times', async () => {
    for (let round = 0; round < 50; round++) {
      const { body } = await call(app.url, 'POST', WF, { name: `race-${round}`, workflows: { provision: { nodes: [{ id: 'a', type: 'noop' }] } } });
      const id = body.workflow_id;
      const results = await Promise.all([call(app.url, 'POST', `${WF}/${id}/_provision`), call(app.url, 'POST', `${WF}/${id}/_provision`)]);
      const statuses = results.map((r) => r.status).sort();
      expect(statuses).toEqual([202, 400]);
      const refused = results.find((r) => r.status === 400)!;
      expect(refused.body.error).toMatch(
        new RegExp(`^The workflow provisioning state is (IN_PROGRESS|DONE) and can not be provisioned unless its state is NOT_STARTED: ${id}\\. Deprovision the workflow to reset the state\\.$`),
      );
      const [{ n }] = await app.db.query('SELECT count(*)::int AS n FROM executions WHERE workflow_id = $1', [id]);
      expect(n).toBe(1);
    }
  });

  it('wait_for_completion_timeout: a slow run answers 202 PROVISIONING after about T and goes on', async () => {
    const { body } = await call(app.url, 'POST', WF, {
      name: 'slow',
      workflows: { provision: { nodes: [{ id: 'slow', type: 'noop', user_inputs: { delay: '3s' } }] } },
    });
    const t0 = Date.now();
    const res = await call(app.url, 'POST', `${WF}/${body.workflow_id}/_provision?wait_for_completion_timeout=1s`);
    const elapsed = Date.now() - t0;
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ workflow_id: body.workflow_id, state: 'PROVISIONING' });
    expect(elapsed).toBeGreaterThanOrEqual(950);
    expect(elapsed).toBeLessThan(2900);
    expect((await waitForEnd(body.workflow_id)).state).toBe('COMPLETED');
  });

  it('wait_for_completion_timeout on a failing run answers the failure with its own status', async () => {
    target.failCreate.set('broken', 400);
    const res = await call(app.url, 'POST', `${WF}?provision=true&wait_for_completion_timeout=10s`, {
      name: 'fails-fast',
      workflows: { provision: { nodes: [thingNode(target, 'broken')] } },
    });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      error: `WorkflowStepException during step broken, POST ${target.url}/things/broken answered 400: {"error":"create of broken refused"}, restStatus: BAD_REQUEST`,
    });
  });

  it('substitutes provision parameters and predecessor outputs; per-node timeout fails the node', async () => {
    const { body } = await call(app.url, 'POST', WF, {
      name: 'subst',
      workflows: {
        provision: {
          nodes: [
            thingNode(target, 'p1', { body: '{"owner":"${{ owner }}"}' }),
            { ...thingNode(target, 'p2', { body: '{"parent":"${{ p1.thing_id }}"}' }), previous_node_inputs: { p1: 'thing_id' } },
            { id: 'sleepy', type: 'noop', user_inputs: { delay: '5s', node_timeout: '200ms' } },
          ],
        },
      },
    });
    await call(app.url, 'POST', `${WF}/${body.workflow_id}/_provision?owner=alice`);
    const all = await waitForEnd(body.workflow_id);
    expect(all.error).toBe('TimeoutException during step sleepy, The step did not finish within 200ms, restStatus: INTERNAL_SERVER_ERROR');
    const p1 = [...target.things.values()].find((t) => t.key === 'p1')!;
    const p1Id = [...target.things.entries()].find(([, t]) => t.key === 'p1')![0];
    expect(p1.body).toEqual({ owner: 'alice' });
    expect([...target.things.values()].find((t) => t.key === 'p2')!.body).toEqual({ parent: p1Id });
  });

  it('_provision errors: unknown id 404, body that is not a flat string map 400, duplicate key 400', async () => {
    expect(await call(app.url, 'POST', `${WF}/nope/_provision`)).toMatchObject({
      status: 404,
      body: { error: 'Failed to retrieve template (nope) from global context.' },
    });
    const { body } = await call(app.url, 'POST', WF, { name: 'p', workflows: { provision: { nodes: [{ id: 'a', type: 'noop' }] } } });
    expect((await call(app.url, 'POST', `${WF}/${body.workflow_id}/_provision`, { a: 1 })).body).toEqual({ error: 'Request body fields must have string values' });
    expect((await call(app.url, 'POST', `${WF}/${body.workflow_id}/_provision?a=x`, { a: 'y' })).body).toEqual({ error: 'Duplicate key a' });
    expect((await call(app.url, 'POST', `${WF}/${body.workflow_id}/_provision`, [1])).body).toEqual({ error: 'Request body parsing failed' });
    expect((await call(app.url, 'GET', `${WF}/nope/_status`))).toMatchObject({ status: 404, body: { error: 'Fail to find workflow status of nope' } });
  });
});
