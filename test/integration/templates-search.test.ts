/**
 * Issue 3, acceptance 7: `…/workflow/_search` and `…/workflow/state/_search` (API.md §2.9): match_all with size/from
 * paging, ids, term on name.keyword and on state, bool, sort by created_time, hits.total.value, and whole-body
 * assertions of the response envelope.
 *
 * Semantics are checked with GET + JSON body (what opensearch-js sends for a bodiless search and what curl users
 * send); POST is checked separately, so a routing problem of one verb does not hide the other's results.
 */
import { request } from 'node:http';
import { call, startTestApp, TestApp } from '../support/test-app';

const WF = '/_plugins/_flow_framework/workflow';
const TEMPLATES_INDEX = '.plugins-flow-framework-templates';
const STATE_INDEX = '.plugins-flow-framework-state';
const N = 25;
const BASE_TIME = Date.parse('2024-03-01T00:00:00.000Z');
const SHARDS = { total: 1, successful: 1, skipped: 0, failed: 0 };

interface Seeded {
  id: string;
  name: string;
  useCase: string;
  created: number;
  state: string;
  progress: string;
}

function send(baseUrl: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const text = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = text === undefined ? {} : { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) };
    const req = request(baseUrl + path, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        let parsed: unknown = raw;
        try {
          parsed = JSON.parse(raw);
        } catch {
          // keep the text
        }
        resolve({ status: res.statusCode ?? 0, body: parsed });
      });
    });
    req.on('error', reject);
    req.end(text);
  });
}

describe('template and state search (API.md §2.9)', () => {
  let app: TestApp;
  const seeded: Seeded[] = [];

  const templates = async (body: unknown, method = 'GET') => {
    const res = await send(app.url, method, `${WF}/_search`, body);
    expect({ status: res.status, error: res.body?.error }).toEqual({ status: 200, error: undefined });
    return res.body;
  };
  const states = async (body: unknown, method = 'GET') => {
    const res = await send(app.url, method, `${WF}/state/_search`, body);
    expect({ status: res.status, error: res.body?.error }).toEqual({ status: 200, error: undefined });
    return res.body;
  };
  const ids = (body: any): string[] => body.hits.hits.map((h: { _id: string }) => h._id);
  const inCreationOrder = () => [...seeded].sort((a, b) => a.created - b.created);

  beforeAll(async () => {
    app = await startTestApp();
    for (let i = 0; i < N; i++) {
      const name = `search demo ${String(i).padStart(2, '0')}`;
      const useCase = i % 2 === 0 ? 'EVEN_CASE' : 'ODD_CASE';
      const res = await call(app.url, 'POST', WF, {
        name,
        description: i % 3 === 0 ? 'fizz workflow' : 'plain workflow',
        use_case: useCase,
        version: { template: `1.0.${i}` },
        workflows: { provision: { nodes: [{ id: 'n', type: 'noop', user_inputs: { credential: { k: `secret-${i}` } } }] } },
      });
      expect(res.status).toBe(201);
      const [state, progress] = i % 5 === 1 ? ['COMPLETED', 'DONE'] : i % 5 === 2 ? ['FAILED', 'FAILED'] : ['NOT_STARTED', 'NOT_STARTED'];
      // Distinct creation times in a shuffled order (i * 7 mod 25), so that "sorted by created_time" is observable.
      const created = BASE_TIME + ((i * 7) % N) * 60_000;
      seeded.push({ id: res.body.workflow_id, name, useCase, created, state, progress });
    }
    for (const s of seeded) {
      await app.db.query('UPDATE workflows SET created_time = $2, last_updated_time = $2 WHERE id = $1', [s.id, new Date(s.created)]);
      await app.db.query('UPDATE workflow_states SET state = $2, provisioning_progress = $3 WHERE workflow_id = $1', [s.id, s.state, s.progress]);
    }
  });
  afterAll(async () => {
    await app?.close();
  });

  describe('the response envelope', () => {
    it.each(['GET', 'POST'])('%s …/workflow/_search: took, timed_out, _shards, hits with whole hit objects', async (method) => {
      const target = seeded[3];
      const body = await templates({ query: { ids: { values: [target.id] } } }, method);
      expect(body).toEqual({
        took: expect.any(Number),
        timed_out: false,
        _shards: SHARDS,
        hits: {
          total: { value: 1, relation: 'eq' },
          max_score: 1,
          hits: [
            {
              _index: TEMPLATES_INDEX,
              _id: target.id,
              _version: 1,
              _seq_no: 0,
              _primary_term: 1,
              _score: 1,
              _source: {
                name: target.name,
                description: 'fizz workflow',
                use_case: 'ODD_CASE',
                version: { template: '1.0.3' },
                workflows: {
                  provision: { user_params: {}, nodes: [{ id: 'n', type: 'noop', previous_node_inputs: {}, user_inputs: {} }], edges: [] },
                },
                created_time: target.created,
                last_updated_time: target.created,
              },
            },
          ],
        },
      });
      expect(body.took).toBeGreaterThanOrEqual(0);
    });

    it.each(['GET', 'POST'])('%s …/workflow/state/_search finds a workflow\'s state by workflow_id', async (method) => {
      const target = seeded[1];
      const body = await states({ query: { term: { workflow_id: target.id } } }, method);
      expect(body).toEqual({
        took: expect.any(Number),
        timed_out: false,
        _shards: SHARDS,
        hits: {
          total: { value: 1, relation: 'eq' },
          max_score: 1,
          hits: [
            {
              _index: STATE_INDEX,
              _id: target.id,
              _version: expect.any(Number),
              _seq_no: expect.any(Number),
              _primary_term: 1,
              _score: 1,
              _source: { workflow_id: target.id, state: 'COMPLETED', provisioning_progress: 'DONE', resources_created: [] },
            },
          ],
        },
      });
      const hit = body.hits.hits[0];
      expect(hit._seq_no).toBe(hit._version - 1);
    });

    it('a search without a body is match_all with size 10', async () => {
      const body = await templates(undefined);
      expect(body.hits.total).toEqual({ value: N, relation: 'eq' });
      expect(body.hits.hits).toHaveLength(10);
    });

    it('a sorted search scores null', async () => {
      const body = await templates({ query: { match_all: {} }, sort: [{ created_time: 'asc' }], size: 2 });
      expect(body.hits.max_score).toBeNull();
      for (const hit of body.hits.hits) expect(hit._score).toBeNull();
    });
  });

  describe('match_all and paging', () => {
    it('counts every workflow in hits.total.value, whatever the page size', async () => {
      for (const size of [0, 1, 10, 100]) {
        const body = await templates({ query: { match_all: {} }, size });
        expect(body.hits.total).toEqual({ value: N, relation: 'eq' });
        expect(body.hits.hits).toHaveLength(Math.min(size, N));
      }
    });

    it('pages with size/from through every workflow exactly once, in created_time order', async () => {
      const seen: string[] = [];
      for (let from = 0; from < N + 7; from += 7) {
        const body = await templates({ query: { match_all: {} }, size: 7, from, sort: [{ created_time: { order: 'asc' } }] });
        expect(body.hits.total.value).toBe(N);
        expect(body.hits.hits).toHaveLength(Math.max(0, Math.min(7, N - from)));
        seen.push(...ids(body));
      }
      expect(seen).toEqual(inCreationOrder().map((s) => s.id));
    });

    it('from beyond the end gives no hits but the full total', async () => {
      const body = await templates({ query: { match_all: {} }, from: 1000, size: 5 });
      expect(body.hits).toEqual({ total: { value: N, relation: 'eq' }, max_score: null, hits: [] });
    });
  });

  describe('sort', () => {
    it('by created_time descending', async () => {
      const body = await templates({ query: { match_all: {} }, size: N, sort: [{ created_time: 'desc' }] });
      expect(ids(body)).toEqual(inCreationOrder().reverse().map((s) => s.id));
      expect(body.hits.hits.map((h: any) => h._source.created_time)).toEqual(inCreationOrder().reverse().map((s) => s.created));
    });

    it('by name.keyword ascending', async () => {
      const body = await templates({ query: { match_all: {} }, size: N, sort: ['name.keyword'] });
      expect(body.hits.hits.map((h: any) => h._source.name)).toEqual(seeded.map((s) => s.name).sort());
    });

    it('refuses sorting on a text field, naming the fielddata problem', async () => {
      const res = await send(app.url, 'GET', `${WF}/_search`, { sort: ['name'] });
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ error: expect.stringContaining('Text fields are not optimised') });
    });
  });

  describe('ids, term, terms, match, bool, range', () => {
    it('ids returns exactly the existing ones', async () => {
      const wanted = [seeded[4].id, seeded[9].id, 'noSuchIdAtAll0000000'];
      const body = await templates({ query: { ids: { values: wanted } } });
      expect(body.hits.total.value).toBe(2);
      expect(ids(body).sort()).toEqual([seeded[4].id, seeded[9].id].sort());
    });

    it('term on name.keyword matches the whole name exactly (and is case-sensitive)', async () => {
      const exact = await templates({ query: { term: { 'name.keyword': 'search demo 07' } } });
      expect(exact.hits.total.value).toBe(1);
      expect(ids(exact)).toEqual([seeded[7].id]);
      const partial = await templates({ query: { term: { 'name.keyword': 'search demo' } } });
      expect(partial.hits.total.value).toBe(0);
      const upper = await templates({ query: { term: { 'name.keyword': { value: 'SEARCH DEMO 07' } } } });
      expect(upper.hits.total.value).toBe(0);
    });

    it('term on use_case', async () => {
      const body = await templates({ query: { term: { use_case: 'EVEN_CASE' } }, size: 100 });
      const expected = seeded.filter((s) => s.useCase === 'EVEN_CASE').map((s) => s.id);
      expect(body.hits.total.value).toBe(expected.length);
      expect(ids(body).sort()).toEqual(expected.sort());
    });

    it.each([
      ['COMPLETED', 'DONE'],
      ['FAILED', 'FAILED'],
      ['NOT_STARTED', 'NOT_STARTED'],
    ])('term on state %s in the state index', async (state, progress) => {
      const body = await states({ query: { term: { state } }, size: 100 });
      const expected = seeded.filter((s) => s.state === state);
      expect(body.hits.total.value).toBe(expected.length);
      expect(ids(body).sort()).toEqual(expected.map((s) => s.id).sort());
      for (const hit of body.hits.hits) {
        expect(hit._index).toBe(STATE_INDEX);
        expect(hit._source).toEqual({ workflow_id: hit._id, state, provisioning_progress: progress, resources_created: [] });
      }
    });

    it('terms on provisioning_progress', async () => {
      const body = await states({ query: { terms: { provisioning_progress: ['DONE', 'FAILED'] } }, size: 100 });
      expect(body.hits.total.value).toBe(seeded.filter((s) => s.state !== 'NOT_STARTED').length);
    });

    it('match on the description (text) matches words, not the whole value', async () => {
      const body = await templates({ query: { match: { description: 'FIZZ' } }, size: 100 });
      const expected = seeded.filter((_s, i) => i % 3 === 0).map((s) => s.id);
      expect(body.hits.total.value).toBe(expected.length);
      expect(ids(body).sort()).toEqual(expected.sort());
    });

    it('bool with must, filter, should and must_not', async () => {
      const query = {
        bool: {
          must: [{ match: { name: 'demo' } }],
          filter: [{ term: { use_case: 'ODD_CASE' } }],
          must_not: [{ ids: { values: [seeded[1].id, seeded[3].id] } }],
          should: [{ match: { description: 'fizz' } }, { term: { 'name.keyword': 'search demo 05' } }],
          minimum_should_match: 1,
        },
      };
      const body = await templates({ query, size: 100 });
      const expected = seeded
        .filter((s, i) => s.useCase === 'ODD_CASE' && i !== 1 && i !== 3 && (i % 3 === 0 || i === 5))
        .map((s) => s.id);
      expect(expected.length).toBeGreaterThan(0);
      expect(body.hits.total.value).toBe(expected.length);
      expect(ids(body).sort()).toEqual(expected.sort());
    });

    it('bool of only should needs one of them', async () => {
      const body = await templates({
        query: { bool: { should: [{ term: { 'name.keyword': 'search demo 00' } }, { term: { 'name.keyword': 'search demo 24' } }] } },
      });
      expect(ids(body).sort()).toEqual([seeded[0].id, seeded[24].id].sort());
    });

    it('range on created_time', async () => {
      const from = BASE_TIME + 5 * 60_000;
      const to = BASE_TIME + 9 * 60_000;
      const body = await templates({ query: { range: { created_time: { gte: from, lt: to } } }, size: 100, sort: [{ created_time: 'asc' }] });
      const expected = inCreationOrder().filter((s) => s.created >= from && s.created < to);
      expect(expected).toHaveLength(4);
      expect(ids(body)).toEqual(expected.map((s) => s.id));
      const iso = await templates({ query: { range: { created_time: { gte: new Date(from).toISOString(), lt: new Date(to).toISOString() } } } });
      expect(iso.hits.total.value).toBe(4);
    });

    it('combines a state query with paging and the total', async () => {
      const body = await states({ query: { bool: { must_not: { term: { state: 'NOT_STARTED' } } } }, size: 3, from: 0 });
      expect(body.hits.total.value).toBe(seeded.filter((s) => s.state !== 'NOT_STARTED').length);
      expect(body.hits.hits).toHaveLength(3);
    });
  });

  describe('_source filtering', () => {
    it('keeps only the included fields', async () => {
      const body = await templates({ query: { ids: { values: [seeded[2].id] } }, _source: ['name', 'use_case'] });
      expect(body.hits.hits[0]._source).toEqual({ name: seeded[2].name, use_case: 'EVEN_CASE' });
    });

    it('drops _source with _source: false', async () => {
      const body = await templates({ query: { ids: { values: [seeded[2].id] } }, _source: false });
      expect(body.hits.hits[0]).toEqual({ _index: TEMPLATES_INDEX, _id: seeded[2].id, _version: 1, _seq_no: 0, _primary_term: 1, _score: 1 });
    });
  });

  describe('refused searches', () => {
    it.each([
      ['an unsupported query clause', { query: { fuzzy: { name: 'x' } } }, 'fuzzy'],
      ['a negative size', { size: -1 }, 'size'],
      ['a from that is not a number', { from: 'ten' }, 'from'],
      ['an unsupported search option', { aggs: { x: { terms: { field: 'use_case' } } } }, 'aggs'],
      ['a bad sort order', { sort: [{ created_time: 'sideways' }] }, 'sideways'],
    ])('%s → 400 naming it', async (_title, body, named) => {
      for (const path of [`${WF}/_search`, `${WF}/state/_search`]) {
        const res = await send(app.url, 'GET', path, body);
        expect(res.status).toBe(400);
        expect(res.body).toEqual({ error: expect.stringContaining(named) });
      }
    });

    it('an unknown query parameter → 400 naming it', async () => {
      const res = await send(app.url, 'GET', `${WF}/_search?bogus_param=1`, { query: { match_all: {} } });
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ error: expect.stringContaining('[bogus_param]') });
    });
  });
});
