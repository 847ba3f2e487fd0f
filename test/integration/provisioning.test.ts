import { call, eventually, startTestApp, TestApp } from '../support/test-app';

const WF = '/_plugins/_flow_framework/workflow';
const chain = (n: number, delay = '10ms') => ({
  name: `chain-${n}`,
  workflows: {
    provision: {
      nodes: Array.from({ length: n }, (_, i) => ({
        id: `n${i}`,
        type: 'noop',
        ...(i ? { previous_node_inputs: { [`n${i - 1}`]: 'x' } } : {}),
        user_inputs: { delay },
      })),
    },
  },
});

describe('provisioning (api + worker in process, real PostgreSQL and pg-boss)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ worker: true });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('provisions a noop chain to COMPLETED', async () => {
    const { body } = await call(app.url, 'POST', WF, chain(3));
    const id = body.workflow_id;
    const prov = await call(app.url, 'POST', `${WF}/${id}/_provision`);
    expect(prov).toMatchObject({ status: 202, body: { workflow_id: id } });
    const status = await eventually(async () => {
      const s = await call(app.url, 'GET', `${WF}/${id}/_status`);
      return s.body.state === 'COMPLETED' && s;
    });
    expect(status.body).toEqual({ workflow_id: id, state: 'COMPLETED' });
    const all = await call(app.url, 'GET', `${WF}/${id}/_status?all=true`);
    expect(all.body).toEqual({
      workflow_id: id,
      state: 'COMPLETED',
      provisioning_progress: 'DONE',
      provision_start_time: expect.any(Number),
      provision_end_time: expect.any(Number),
    });
  });

  it('wait_for_completion_timeout returns the short COMPLETED status for a quick run', async () => {
    const res = await call(app.url, 'POST', `${WF}?provision=true&wait_for_completion_timeout=5s`, chain(2));
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ workflow_id: expect.any(String), state: 'COMPLETED' });
  });
});
