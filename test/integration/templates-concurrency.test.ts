/**
 * Issue 3, acceptance 6: 1,000 concurrent creates → 1,000 distinct ids, no errors, 1,000 rows (and 1,000 states).
 * At most 50 requests are in flight at once, so the client does not run out of sockets.
 */
import { startTestApp, TestApp } from '../support/test-app';

const WF = '/_plugins/_flow_framework/workflow';
const TOTAL = 1000;
const IN_FLIGHT = 50;

/** Runs `task(0..count-1)` with at most `limit` running at a time; results in index order. */
async function pool<T>(count: number, limit: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const results = new Array<T>(count);
  let next = 0;
  let running = 0;
  let peak = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      running++;
      peak = Math.max(peak, running);
      try {
        results[i] = await task(i);
      } finally {
        running--;
      }
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  expect(peak).toBe(limit); // it really was concurrent
  return results;
}

describe('1,000 concurrent creates', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('all succeed with 201 and distinct ids, and every one is stored with its state', async () => {
    const results = await pool(TOTAL, IN_FLIGHT, async (i) => {
      const res = await fetch(app.url + WF, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          name: `concurrent ${i}`,
          workflows: { provision: { nodes: [{ id: 'a', type: 'noop' }, { id: 'b', type: 'noop', previous_node_inputs: { a: 'x' } }] } },
        }),
      });
      const text = await res.text();
      return { i, status: res.status, text };
    });

    const failures = results.filter((r) => r.status !== 201);
    expect(failures.slice(0, 5)).toEqual([]);
    const ids = results.map((r) => {
      const body = JSON.parse(r.text);
      expect(Object.keys(body)).toEqual(['workflow_id']);
      expect(body.workflow_id).toMatch(/^[A-Za-z0-9_-]{20}$/);
      return body.workflow_id as string;
    });
    expect(new Set(ids).size).toBe(TOTAL);

    const [counts] = await app.db.query(
      'SELECT (SELECT count(*) FROM workflows)::int AS w, (SELECT count(*) FROM workflow_states)::int AS s, (SELECT count(DISTINCT name) FROM workflows)::int AS names',
    );
    expect(counts).toEqual({ w: TOTAL, s: TOTAL, names: TOTAL });

    // every answered id is the row that holds that request's template
    const rows: { id: string; name: string }[] = await app.db.query('SELECT id, name FROM workflows');
    const nameById = new Map(rows.map((r) => [r.id, r.name]));
    for (const [i, id] of ids.entries()) expect(nameById.get(id)).toBe(`concurrent ${i}`);
  });
});
