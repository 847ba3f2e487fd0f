import { FakeRestTarget, thingNode } from '../support/fake-rest-target';
import { call, eventually, startTestApp, TestApp, settledStatus } from '../support/test-app';

const WF = '/_plugins/_flow_framework/workflow';

describe('teardown and run lifecycle (api + worker in process, real PostgreSQL, local REST target)', () => {
  let app: TestApp;
  let target: FakeRestTarget;

  beforeAll(async () => {
    target = await new FakeRestTarget().start();
    app = await startTestApp({ worker: true, config: { deprovisionWaitMs: 30_000 } });
  });
  afterAll(async () => {
    await app?.close();
    await target?.stop();
  });
  afterEach(() => {
    target.down = false;
    target.blockers = () => [];
    target.failCreate.clear();
    target.createDelayMs = 0;
  });

  const status = async (id: string) => (await call(app.url, 'GET', `${WF}/${id}/_status?all=true`)).body;
  const settled = (id: string) => settledStatus(app.url, id);
  const provisioned = async (name: string, nodes: object[]) => {
    const { body } = await call(app.url, 'POST', `${WF}?provision=true`, { name, workflows: { provision: { nodes } } });
    const s = await settled(body.workflow_id);
    return { id: body.workflow_id as string, state: s };
  };
  const thingIdOf = (key: string) => [...target.things.entries()].find(([, t]) => t.key === key)?.[0];
  const runs = async (id: string) => (await call(app.url, 'GET', `${WF}/${id}/executions`)).body;

  it('dependency retry: B is deleted, then A in a later pass; 200; NOT_STARTED; the history shows the passes', async () => {
    const { id, state } = await provisioned('dep', [
      thingNode(target, 'depA'),
      { ...thingNode(target, 'depB'), previous_node_inputs: { depA: 'thing_id' } },
      { ...thingNode(target, 'depC'), previous_node_inputs: { depB: 'thing_id' } },
    ]);
    expect(state.state).toBe('COMPLETED');
    const [a, b, c] = ['depA', 'depB', 'depC'].map((k) => thingIdOf(k)!);
    // Reverse order is C, B, A. B is busy on its first delete; the target refuses to delete A while B exists.
    target.refuseDeleteOnce.add(b);
    target.blockers = (thing) => (thing === a ? [b] : []);

    const res = await call(app.url, 'POST', `${WF}/${id}/_deprovision`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ workflow_id: id });
    expect([a, b, c].some((t) => target.things.has(t))).toBe(false);
    expect(await status(id)).toEqual({ workflow_id: id, state: 'NOT_STARTED', provisioning_progress: 'NOT_STARTED' });

    const deprovision = (await runs(id)).executions.find((e: { kind: string }) => e.kind === 'deprovision');
    const run = (await call(app.url, 'GET', `${WF}/${id}/executions/${deprovision.generation}`)).body;
    expect(run.status).toBe('SUCCEEDED');
    expect(run.steps.map((s: { node_id: string; status: string }) => `${s.node_id} ${s.status}`)).toEqual([
      `pass 1: thing_id ${c} SUCCEEDED`,
      `pass 1: thing_id ${b} FAILED`,
      `pass 1: thing_id ${a} FAILED`,
      `pass 2: thing_id ${b} SUCCEEDED`,
      `pass 2: thing_id ${a} SUCCEEDED`,
    ]);
  });

  it('a resource that keeps failing → 202 naming it, COMPLETED/DONE listing only it; after recovery → 200', async () => {
    const { id } = await provisioned('stuck', [thingNode(target, 'okOne'), { ...thingNode(target, 'stuckOne'), previous_node_inputs: { okOne: 'thing_id' } }]);
    const stuck = thingIdOf('stuckOne')!;
    target.blockers = (thing) => (thing === stuck ? ['forever'] : []);
    target.things.set('forever', { key: 'forever', body: null });
    const res = await call(app.url, 'POST', `${WF}/${id}/_deprovision`);
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ error: `Failed to deprovision some resources: [thing_id ${stuck}].` });
    const s = await status(id);
    expect(s.state).toBe('COMPLETED');
    expect(s.provisioning_progress).toBe('DONE');
    expect(s.resources_created).toEqual([{ workflow_step_name: 'http_request', workflow_step_id: 'stuckOne', resource_type: 'thing_id', resource_id: stuck }]);

    target.things.delete('forever');
    const again = await call(app.url, 'POST', `${WF}/${id}/_deprovision`);
    expect(again).toMatchObject({ status: 200, body: { workflow_id: id } });
  });

  it('allow_delete: protected resources are skipped (403 alone, suffix when mixed) and deleted when allowed', async () => {
    const { id } = await provisioned('protected', [
      thingNode(target, 'data', { protected: 'true' }),
      { ...thingNode(target, 'plain'), previous_node_inputs: { data: 'thing_id' } },
    ]);
    const data = thingIdOf('data')!;
    const plain = thingIdOf('plain')!;
    target.blockers = (thing) => (thing === plain ? ['pin'] : []);
    target.things.set('pin', { key: 'pin', body: null });
    const mixed = await call(app.url, 'POST', `${WF}/${id}/_deprovision`);
    expect(mixed.status).toBe(202);
    expect(mixed.body).toEqual({
      error: `Failed to deprovision some resources: [thing_id ${plain}]. These resources require the allow_delete parameter to deprovision: [thing_id ${data}].`,
    });
    target.things.delete('pin');
    const onlyProtected = await call(app.url, 'POST', `${WF}/${id}/_deprovision`);
    expect(onlyProtected.status).toBe(403);
    expect(onlyProtected.body).toEqual({ error: `These resources require the allow_delete parameter to deprovision: [thing_id ${data}].` });
    expect(target.things.has(data)).toBe(true);
    const allowed = await call(app.url, 'POST', `${WF}/${id}/_deprovision?allow_delete=${data}`);
    expect(allowed).toMatchObject({ status: 200, body: { workflow_id: id } });
    expect(target.things.has(data)).toBe(false);
  });

  it('delete during a running provision: answers within 1 s; no node starts after; STOPPED; history purged; same name starts at generation 1', async () => {
    const nodes = Array.from({ length: 6 }, (_, i) => ({
      id: `d${i}`,
      type: 'noop',
      user_inputs: { delay: '400ms' },
      ...(i ? { previous_node_inputs: { [`d${i - 1}`]: 'x' } } : {}),
    }));
    const { body } = await call(app.url, 'POST', `${WF}?provision=true`, { name: 'doomed', workflows: { provision: { nodes } } });
    const id = body.workflow_id;
    const runRow = async () => (await app.db.query('SELECT id, status FROM executions WHERE workflow_id = $1', [id]))[0];
    await eventually(async () => {
      const [{ n }] = await app.db.query(`SELECT count(*)::int AS n FROM step_runs s JOIN executions e ON e.id = s.execution_id WHERE e.workflow_id = $1 AND s.status = 'SUCCEEDED'`, [id]);
      return n >= 1;
    });
    const t0 = Date.now();
    const del = await call(app.url, 'DELETE', `${WF}/${id}`);
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(del.body.result).toBe('deleted');
    const startedAtDelete: number = (await app.db.query(
      `SELECT count(*)::int AS n FROM step_runs s JOIN executions e ON e.id = s.execution_id WHERE e.workflow_id = $1 AND s.status <> 'PENDING'`,
      [id],
    ))[0].n;
    await eventually(async () => (await runRow())?.status === 'STOPPED' || (await runRow()) === undefined);
    const startedAfter: number = (await app.db.query(
      `SELECT count(*)::int AS n FROM step_runs s JOIN executions e ON e.id = s.execution_id WHERE e.workflow_id = $1 AND s.status IN ('SUCCEEDED', 'RUNNING', 'FAILED')`,
      [id],
    ))[0]?.n ?? 0;
    expect(startedAfter).toBeLessThanOrEqual(startedAtDelete);
    await eventually(async () => (await runRow()) === undefined, 60_000, 200); // purged by the purge job
    const again = await call(app.url, 'POST', `${WF}?provision=true`, { name: 'doomed', workflows: { provision: { nodes: [{ id: 'x', type: 'noop' }] } } });
    await settled(again.body.workflow_id);
    expect((await runs(again.body.workflow_id)).executions.map((e: { generation: number }) => e.generation)).toEqual([1]);
  });

  it('resume: fails at node 5 of 8 (target down), target back, _resume → COMPLETED; nodes 1–4 called once; same generation', async () => {
    const nodes = Array.from({ length: 8 }, (_, i) => ({ ...thingNode(target, `r${i}`), ...(i ? { previous_node_inputs: { [`r${i - 1}`]: 'thing_id' } } : {}) }));
    target.failCreate.set('r4', 503);
    const { id, state } = await provisioned('resumable', nodes);
    expect(state.state).toBe('FAILED');
    target.failCreate.clear();
    const resumed = await call(app.url, 'POST', `${WF}/${id}/_resume`);
    expect(resumed.status).toBe(202);
    expect(resumed.body).toEqual({ workflow_id: id, execution_name: 'provision-1', generation: 1, restored_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    expect((await settled(id)).state).toBe('COMPLETED');
    for (let i = 0; i < 4; i++) expect(target.creates.get(`r${i}`)).toBe(1);
    expect(target.creates.get('r4')).toBe(2);
    expect((await runs(id)).executions.map((e: { generation: number }) => e.generation)).toEqual([1]);
    const again = await call(app.url, 'POST', `${WF}/${id}/_resume`);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('ExecutionNotResumable');
    expect(again.headers.get('x-error-code')).toBe('ExecutionNotResumable');
  });

  it('deleting a running run → 409 ExecutionInProgress; a finished run without live resources → 200 and it is gone', async () => {
    const { body } = await call(app.url, 'POST', `${WF}?provision=true`, {
      name: 'running',
      workflows: { provision: { nodes: [{ id: 'slow', type: 'noop', user_inputs: { delay: '1500ms' } }] } },
    });
    const id = body.workflow_id;
    const refused = await call(app.url, 'DELETE', `${WF}/${id}/executions/1`);
    expect(refused.status).toBe(409);
    expect(refused.body).toEqual({ error: `The execution 1 of workflow ${id} is in progress and cannot be deleted.`, code: 'ExecutionInProgress' });
    await settled(id);
    const deleted = await call(app.url, 'DELETE', `${WF}/${id}/executions/1`);
    expect(deleted).toMatchObject({ status: 200, body: { workflow_id: id, generation: 1, result: 'deleted' } });
    expect((await call(app.url, 'GET', `${WF}/${id}/executions/1`)).body.code).toBe('ExecutionNotExists');

    const withResources = await provisioned('owns', [thingNode(target, 'owned')]);
    const kept = await call(app.url, 'DELETE', `${WF}/${withResources.id}/executions/1`);
    expect(kept.status).toBe(409);
    expect(kept.body.code).toBe('ExecutionHasResources');
  });

  it('stop: the run stops after its current node; FAILED "Stopped by request"; resources kept; deprovision removes them', async () => {
    target.createDelayMs = 300;
    const nodes = Array.from({ length: 6 }, (_, i) => ({ ...thingNode(target, `s${i}`), ...(i ? { previous_node_inputs: { [`s${i - 1}`]: 'thing_id' } } : {}) }));
    const { body } = await call(app.url, 'POST', `${WF}?provision=true`, { name: 'stoppable', workflows: { provision: { nodes } } });
    const id = body.workflow_id;
    await eventually(async () => (await status(id)).resources_created?.length >= 1);
    const stop = await call(app.url, 'POST', `${WF}/${id}/_stop`);
    expect(stop.status).toBe(202);
    const s = await settled(id);
    expect(s.state).toBe('FAILED');
    expect(s.error).toBe('Stopped by request');
    const created = s.resources_created.length;
    expect(created).toBeGreaterThanOrEqual(1);
    expect(created).toBeLessThan(6);
    expect([...target.creates.keys()].filter((k) => /^s\d$/.test(k)).length).toBeLessThanOrEqual(created + 1);
    expect((await call(app.url, 'POST', `${WF}/${id}/_stop`)).body.code).toBe('NoRunningExecution');
    const dep = await call(app.url, 'POST', `${WF}/${id}/_deprovision`);
    expect(dep.status).toBe(200);
    for (let i = 0; i < 6; i++) expect(thingIdOf(`s${i}`)).toBeUndefined();
  });

  it('reprovision: an added node runs alone; a changed http_request runs its update; no change → 400', async () => {
    const update = { method: 'PUT', url: `${target.url}/things/\${{ resource_id }}`, body: '{"v":2}' };
    const base = [thingNode(target, 'rp1', { update })];
    const { id } = await provisioned('reprov', base);
    const first = thingIdOf('rp1')!;
    const creates = target.creates.get('rp1');

    const added = await call(app.url, 'PUT', `${WF}/${id}?reprovision=true`, {
      name: 'reprov',
      workflows: { provision: { nodes: [...base, { ...thingNode(target, 'rp2'), previous_node_inputs: { rp1: 'thing_id' } }] } },
    });
    expect(added).toMatchObject({ status: 202, body: { workflow_id: id } });
    expect((await settled(id)).state).toBe('COMPLETED');
    expect(target.creates.get('rp1')).toBe(creates);
    expect(target.creates.get('rp2')).toBe(1);

    const changed = await call(app.url, 'PUT', `${WF}/${id}?reprovision=true`, {
      name: 'reprov',
      workflows: {
        provision: {
          nodes: [thingNode(target, 'rp1', { update, body: '{"node":"rp1","v":2}' }), { ...thingNode(target, 'rp2'), previous_node_inputs: { rp1: 'thing_id' } }],
        },
      },
    });
    expect(changed.status).toBe(202);
    expect((await settled(id)).state).toBe('COMPLETED');
    expect(target.things.get(first)!.body).toEqual({ v: 2 });
    expect(target.creates.get('rp1')).toBe(creates);

    const same = await call(app.url, 'PUT', `${WF}/${id}?reprovision=true`, {
      name: 'reprov',
      workflows: {
        provision: {
          nodes: [thingNode(target, 'rp1', { update, body: '{"node":"rp1","v":2}' }), { ...thingNode(target, 'rp2'), previous_node_inputs: { rp1: 'thing_id' } }],
        },
      },
    });
    expect(same).toMatchObject({ status: 400, body: { error: 'Template does not contain any modifications' } });
  });

  it('SSE: node events in order and a final event when the run ends', async () => {
    const nodes = Array.from({ length: 3 }, (_, i) => ({
      id: `e${i}`,
      type: 'noop',
      user_inputs: { delay: '300ms' },
      ...(i ? { previous_node_inputs: { [`e${i - 1}`]: 'x' } } : {}),
    }));
    const { body } = await call(app.url, 'POST', `${WF}?provision=true`, { name: 'sse', workflows: { provision: { nodes } } });
    const res = await fetch(`${app.url}${WF}/${body.workflow_id}/_status/stream`);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const text = await res.text(); // the server ends the stream after the final event
    const events = text
      .trim()
      .split('\n\n')
      .map((chunk) => ({ event: /^event: (.*)$/m.exec(chunk)![1], data: JSON.parse(/^data: (.*)$/m.exec(chunk)![1]) }));
    expect(events[events.length - 1]).toMatchObject({ event: 'end', data: { state: 'COMPLETED', run_status: 'SUCCEEDED' } });
    const succeeded = events.filter((e) => e.event === 'node' && e.data.status === 'SUCCEEDED').map((e) => e.data.node_id);
    expect(succeeded).toEqual(['e0', 'e1', 'e2']);
  });
});
