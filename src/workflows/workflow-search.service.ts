import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Caller } from '../common/caller';
import { addSourceExcludes, applySourceFilter, FieldSpec, SearchIndexSpec, TranslatedSearch, translateSearch } from '../search/search-query';
import { WorkflowEntity, WorkflowStateEntity } from '../database/entities';
import { renderState, ResourceCreated } from '../status/state-document';
import { renderWorkflow } from './template-view';
import { AccessPolicy } from '../auth/access-policy';

export const TEMPLATES_INDEX = '.plugins-flow-framework-templates';
export const STATE_INDEX = '.plugins-flow-framework-state';

const SAFE_PATH = /^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$/;
/** A dotted path into a jsonb column as a text expression; segments are checked, so they are safe inside SQL. */
const jsonPath = (column: string, path: string): string | undefined =>
  SAFE_PATH.test(path) ? `(${column} #>> '{${path.split('.').join(',')}}')` : undefined;

const TEMPLATE_FIELDS: Record<string, FieldSpec> = {
  _id: { sql: 'w.id', kind: 'keyword' },
  workflow_id: { sql: 'w.id', kind: 'keyword' },
  name: { sql: 'w.name', kind: 'text' },
  'name.keyword': { sql: 'w.name', kind: 'keyword' },
  description: { sql: "(w.template ->> 'description')", kind: 'text' },
  use_case: { sql: "(w.template ->> 'use_case')", kind: 'keyword' },
  'version.template': { sql: "(w.template #>> '{version,template}')", kind: 'keyword' },
  created_time: { sql: 'w.created_time', kind: 'date' },
  last_updated_time: { sql: 'w.last_updated_time', kind: 'date' },
  last_provisioned_time: { sql: 'w.last_provisioned_time', kind: 'date' },
  tenant_id: { sql: 'w.tenant_id', kind: 'keyword' },
};

const TEMPLATE_INDEX: SearchIndexSpec = {
  resolveField: (name) => {
    if (TEMPLATE_FIELDS[name]) return TEMPLATE_FIELDS[name];
    const field = name.replace(/\.keyword$/, '');
    if (field.startsWith('user.')) return withKind(jsonPath('w.owner', field.slice(5)));
    // Anything inside the template document (e.g. workflows.provision.nodes.type) as a keyword; credentials never.
    return field.includes('credential') ? undefined : withKind(jsonPath('w.template', field));
  },
  idSql: 'w.id',
  defaultSort: 'w.created_time ASC',
};

const STATE_FIELDS: Record<string, FieldSpec> = {
  _id: { sql: 's.workflow_id', kind: 'keyword' },
  workflow_id: { sql: 's.workflow_id', kind: 'keyword' },
  state: { sql: 's.state', kind: 'keyword' },
  provisioning_progress: { sql: 's.provisioning_progress', kind: 'keyword' },
  error: { sql: 's.error', kind: 'text' },
  provision_start_time: { sql: 's.provision_start_time', kind: 'date' },
  provision_end_time: { sql: 's.provision_end_time', kind: 'date' },
  tenant_id: { sql: 's.tenant_id', kind: 'keyword' },
};

const STATE_INDEX_SPEC: SearchIndexSpec = {
  resolveField: (name) => {
    if (STATE_FIELDS[name]) return STATE_FIELDS[name];
    const field = name.replace(/\.keyword$/, '');
    if (field.startsWith('user.')) return withKind(jsonPath('s."user"', field.slice(5)));
    return STATE_FIELDS[field];
  },
  idSql: 's.workflow_id',
  defaultSort: 's.workflow_id ASC',
};

function withKind(sql: string | undefined): FieldSpec | undefined {
  return sql ? { sql, kind: 'keyword' } : undefined;
}

/** Flow Framework always hides these from `_source` (reference §1.8). */
const ALWAYS_EXCLUDED = ['workflows.*.nodes.user_inputs.credential'];

interface SearchHit {
  _index: string;
  _id: string;
  _version: number;
  _seq_no: number;
  _primary_term: number;
  _score: number | null;
  _source?: Record<string, unknown>;
}

/** `…/workflow/_search` and `…/workflow/state/_search`: the DSL subset of API.md §2.9 run as SQL, caller's tenant only. */
@Injectable()
export class WorkflowSearchService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessPolicy,
  ) {}

  /** The caller's tenant, and with filter_by_backend_roles only workflows of users sharing a backend role. */
  private scope(caller: Caller, tenantSql: string, ownerSql: string, q: TranslatedSearch): { where: string; params: unknown[] } {
    const params: unknown[] = [caller.tenantId, ...q.params];
    let where = `${tenantSql} = $1 AND ${q.where}`;
    const roles = this.access.searchFilter(caller, ownerSql, params.length + 1);
    if (roles) {
      where += ` AND ${roles.sql}`;
      params.push(...roles.params);
    }
    return { where, params };
  }

  async searchTemplates(caller: Caller, body: unknown) {
    const started = Date.now();
    const q = translateSearch(body, TEMPLATE_INDEX, 2);
    const scoped = this.scope(caller, 'w.tenant_id', 'w.owner', q);
    const ids = await this.matchingIds('workflows w', 'w.id', scoped.where, scoped.params, q);
    const rows = ids.length ? await this.dataSource.getRepository(WorkflowEntity).findBy(ids.map((id) => ({ id }))) : [];
    const byId = new Map(rows.map((w) => [w.id, w]));
    const source = addSourceExcludes(q.source, q.sourceSpecified ? [...ALWAYS_EXCLUDED, 'user', 'ui_metadata'] : ALWAYS_EXCLUDED);
    const hits = ids.flatMap((id) => {
      const w = byId.get(id);
      return w ? [hit(TEMPLATES_INDEX, id, w.version, applySourceFilter(renderWorkflow(w), source), sorted(body))] : [];
    });
    const total = await this.count('workflows w', scoped.where, scoped.params, q.trackTotalHits);
    return response(started, total, hits);
  }

  async searchStates(caller: Caller, body: unknown) {
    const started = Date.now();
    const q = translateSearch(body, STATE_INDEX_SPEC, 2);
    const { where, params } = this.scope(caller, 's.tenant_id', 's."user"', q);
    const ids = await this.matchingIds('workflow_states s', 's.workflow_id', where, params, q);
    const states = ids.length ? await this.dataSource.getRepository(WorkflowStateEntity).findBy(ids.map((workflowId) => ({ workflowId }))) : [];
    const resources = await this.resourcesOf(ids);
    const byId = new Map(states.map((s) => [s.workflowId, s]));
    const hits = ids.flatMap((id) => {
      const state = byId.get(id);
      if (!state) return [];
      // The stored state document always carries resources_created, even when empty.
      const doc = { ...renderState(state, resources.get(id) ?? [], true), resources_created: resources.get(id) ?? [] };
      return [hit(STATE_INDEX, id, state.version, applySourceFilter(doc, q.source), sorted(body))];
    });
    const total = await this.count('workflow_states s', where, params, q.trackTotalHits);
    return response(started, total, hits);
  }

  private async matchingIds(from: string, idSql: string, where: string, params: unknown[], q: TranslatedSearch): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT ${idSql} AS id FROM ${from} WHERE ${where} ORDER BY ${q.orderBy} OFFSET ${q.from} LIMIT ${q.size}`,
      params,
    );
    return rows.map((r) => r.id);
  }

  private async resourcesOf(ids: string[]): Promise<Map<string, ResourceCreated[]>> {
    const out = new Map<string, ResourceCreated[]>();
    if (!ids.length) return out;
    const rows: (ResourceCreated & { workflow_id: string })[] = await this.dataSource.query(
      `SELECT workflow_id, workflow_step_name, workflow_step_id, resource_type, resource_id
         FROM resources WHERE workflow_id = ANY($1) ORDER BY id`,
      [ids],
    );
    for (const { workflow_id, ...r } of rows) out.set(workflow_id, [...(out.get(workflow_id) ?? []), r]);
    return out;
  }

  /** hits.total as OpenSearch counts it: exact up to `track_total_hits` (default 10,000), then `gte`. */
  private async count(from: string, where: string, params: unknown[], track: boolean | number): Promise<{ value: number; relation: string }> {
    if (track === false) return { value: 0, relation: 'eq' };
    const limit = track === true ? null : track;
    const sql =
      limit === null
        ? `SELECT count(*)::int AS n FROM ${from} WHERE ${where}`
        : `SELECT count(*)::int AS n FROM (SELECT 1 FROM ${from} WHERE ${where} LIMIT ${limit + 1}) t`;
    const [{ n }] = await this.dataSource.query(sql, params);
    return limit !== null && n > limit ? { value: limit, relation: 'gte' } : { value: n, relation: 'eq' };
  }
}

const sorted = (body: unknown) => typeof body === 'object' && body !== null && 'sort' in body;

/** OpenSearch scores every hit 1.0 for filter-like queries, and null when the results are sorted by a field. */
function hit(index: string, id: string, version: number, source: Record<string, unknown> | undefined, isSorted: boolean): SearchHit {
  return {
    _index: index,
    _id: id,
    _version: version,
    _seq_no: version - 1,
    _primary_term: 1,
    _score: isSorted ? null : 1,
    ...(source ? { _source: source } : {}),
  };
}

function response(started: number, total: { value: number; relation: string }, hits: SearchHit[]) {
  return {
    took: Date.now() - started,
    timed_out: false,
    _shards: { total: 1, successful: 1, skipped: 0, failed: 0 },
    hits: { total, max_score: hits.length && hits[0]._score !== null ? 1 : null, hits },
  };
}
