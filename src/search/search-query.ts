/**
 * Translates the subset of the OpenSearch query DSL that Flow Framework clients send to
 * `…/workflow/_search` and `…/workflow/state/_search` (API.md §2.9) into a parameterised PostgreSQL WHERE / ORDER BY.
 *
 * Pure: no NestJS, no database. Every value from the body goes into `params` as a bind parameter ($n); the only SQL
 * that does not come from this file is what `SearchIndexSpec` returns. Every client error is a 400 AppError.
 *
 * Semantics follow OpenSearch where that is cheap to do:
 * - text fields are matched on lower-cased word tokens (see TOKEN_SEPARATOR_SQL), keyword fields exactly;
 * - a field the index does not know matches nothing (OpenSearch answers no hits for unmapped fields);
 * - `bool.should` needs one match when there is no must/filter, otherwise none, unless `minimum_should_match` is set;
 * - a missing value sorts last in both directions, keywords sort in byte order (COLLATE "C").
 */
import { invalidArgument } from '../common/errors/app-error';

export type FieldKind = 'keyword' | 'text' | 'date' | 'number';

/** How a DSL field is stored. `sql` is an SQL expression: text for keyword/text, numeric for number, timestamptz for date. */
export interface FieldSpec {
  sql: string;
  kind: FieldKind;
}

export interface SearchIndexSpec {
  /** Maps a DSL field name (e.g. "name", "name.keyword", "provision_start_time") to SQL; undefined when unmapped. */
  resolveField(name: string): FieldSpec | undefined;
  /** Text-typed SQL expression of the document id: used by `ids`, `_id` (when resolveField does not map it) and as a tie-breaker. */
  idSql: string;
  /** ORDER BY used when the body has no sort (or only `_score`). */
  defaultSort: string;
}

/** `_source` filtering. `fetch: false` drops `_source`; empty `includes` means everything. Patterns use `*` and dotted paths. */
export interface SourceFilter {
  fetch: boolean;
  includes: string[];
  excludes: string[];
}

export interface TranslatedSearch {
  /** Boolean SQL expression, safe to combine with AND/OR (compound expressions come parenthesised). */
  where: string;
  params: unknown[];
  /** ORDER BY list without the keywords, always ending with a tie-breaker on the id. */
  orderBy: string;
  size: number;
  from: number;
  source: SourceFilter;
  /** Whether the body had `_source` (Flow Framework adds different excludes in each case, reference §1.8). */
  sourceSpecified: boolean;
  /** true: count all hits; false: do not count; a number: count accurately up to it (OpenSearch's default is 10000). */
  trackTotalHits: boolean | number;
}

export const DEFAULT_SIZE = 10;
export const MAX_RESULT_WINDOW = 10000;
export const DEFAULT_TRACK_TOTAL_HITS = 10000;
export const MAX_CLAUSE_COUNT = 1024;
export const MAX_QUERY_DEPTH = 20;
export const MAX_TERMS_COUNT = 65536;

/**
 * Word separators of text fields: every ASCII character except letters, digits and `_`. Non-ASCII characters are
 * always part of a word, so the split does not depend on the database locale. The TS regex below is the same class.
 */
const TOKEN_SEPARATOR_SQL = "'[\\x01-\\x2f\\x3a-\\x40\\x5b-\\x5e\\x60\\x7b-\\x7f]+'";
const TOKEN_SEPARATOR = /[\x00-\x2f\x3a-\x40\x5b-\x5e\x60\x7b-\x7f]+/;

const IGNORED_TOP_LEVEL_KEYS = new Set(['track_total_hits', 'seq_no_primary_term', 'version', 'timeout']);
/** OpenSearch search-body keys that Stepwise does not implement: named in a clearer error than an unknown key. */
const UNSUPPORTED_TOP_LEVEL_KEYS = new Set([
  'aggs', 'aggregations', 'collapse', 'derived', 'docvalue_fields', 'explain', 'ext', 'fields', 'highlight',
  'indices_boost', 'min_score', 'pit', 'post_filter', 'profile', 'rescore', 'script_fields', 'search_after',
  'slice', 'stats', 'stored_fields', 'suggest', 'terminate_after', 'track_scores',
]);

type Json = Record<string, unknown>;
type Scalar = string | number | boolean;

/** Translates a search body. `firstParam` is the number of the first placeholder; `now` anchors `now` date math. */
export function translateSearch(body: unknown, index: SearchIndexSpec, firstParam = 1, now = Date.now()): TranslatedSearch {
  if (body === undefined || body === null || body === '') body = {};
  if (!isObject(body)) fail(`The search request body must be a JSON object, found ${describe(body)}.`);

  for (const [key, value] of Object.entries(body)) {
    if (key === 'query' || key === 'size' || key === 'from' || key === 'sort' || key === '_source') continue;
    if (!IGNORED_TOP_LEVEL_KEYS.has(key)) {
      if (UNSUPPORTED_TOP_LEVEL_KEYS.has(key)) fail(`The search option [${key}] is not supported.`);
      fail(`Unknown key for a ${tokenName(value)} in [${key}].`);
    }
  }
  checkBooleanOption(body, 'seq_no_primary_term');
  checkBooleanOption(body, 'version');
  if (has(body, 'timeout') && typeof body.timeout !== 'string') fail(`[timeout] must be a time value such as "10s", found ${describe(body.timeout)}.`);

  const size = has(body, 'size') ? nonNegativeInt(body.size, 'size') : DEFAULT_SIZE;
  const from = has(body, 'from') ? nonNegativeInt(body.from, 'from') : 0;
  if (from + size > MAX_RESULT_WINDOW) {
    fail(
      `Result window is too large, from + size must be less than or equal to: [${MAX_RESULT_WINDOW}] but was [${from + size}]. ` +
        'See the scroll api for a more efficient way to request large data sets. ' +
        'This limit can be set by changing the [index.max_result_window] index level setting.',
    );
  }

  const translator = new QueryTranslator(index, now);
  const { where, params } = translator.bindParams(has(body, 'query') ? translator.query(body.query, 1) : 'TRUE', firstParam);
  return {
    where,
    params,
    orderBy: translator.orderBy(has(body, 'sort') ? body.sort : undefined),
    size,
    from,
    source: has(body, '_source') ? parseSource(body._source) : { fetch: true, includes: [], excludes: [] },
    sourceSpecified: has(body, '_source'),
    trackTotalHits: has(body, 'track_total_hits') ? parseTrackTotalHits(body.track_total_hits) : DEFAULT_TRACK_TOTAL_HITS,
  };
}

/** Marks a value in SQL under construction; `bindParams` turns the marks that survive into $n. */
const PARAM_MARK = /\u0000(\d+)\u0000/g;

class QueryTranslator {
  /** Values referenced by PARAM_MARKs, by position. */
  private readonly values: unknown[] = [];
  private clauses = 0;

  constructor(
    private readonly index: SearchIndexSpec,
    private readonly now: number,
  ) {}

  /**
   * Numbers the placeholders of the final condition from `firstParam`, in order. Done at the end because folding
   * (`FALSE AND x`, an optional should clause) drops conditions, and PostgreSQL rejects a parameter no SQL refers to.
   */
  bindParams(condition: string, firstParam: number): { where: string; params: unknown[] } {
    const params: unknown[] = [];
    const where = condition.replace(PARAM_MARK, (_, i: string) => {
      params.push(this.values[Number(i)]);
      return `$${firstParam + params.length - 1}`;
    });
    return { where, params };
  }

  /** One query object such as `{term: {...}}`: exactly one clause. */
  query(query: unknown, depth: number): string {
    if (!isObject(query)) fail(`A query must be an object such as {"match_all": {}}, found ${describe(query)}.`);
    const keys = Object.keys(query);
    if (keys.length === 0) fail('query malformed, empty clause found');
    if (keys.length > 1) fail(`A query object must contain exactly one clause, found [${keys.join(', ')}].`);
    if (depth > MAX_QUERY_DEPTH) fail(`The query is nested too deeply: the maximum depth is ${MAX_QUERY_DEPTH}.`);
    if (++this.clauses > MAX_CLAUSE_COUNT) fail(`The query has too many clauses: maxClauseCount is set to ${MAX_CLAUSE_COUNT}.`);

    const name = keys[0];
    const body = query[name];
    switch (name) {
      case 'match_all':
        checkKeys(name, objectBody(name, body), ['boost', '_name']);
        return 'TRUE';
      case 'match_none':
        checkKeys(name, objectBody(name, body), ['boost', '_name']);
        return 'FALSE';
      case 'ids':
        return this.ids(objectBody(name, body));
      case 'term':
        return this.term(body);
      case 'terms':
        return this.terms(body);
      case 'match':
        return this.match(body);
      case 'match_phrase':
        return this.matchPhrase(body);
      case 'prefix':
        return this.prefix(body);
      case 'wildcard':
        return this.wildcard(body);
      case 'exists':
        return this.exists(objectBody(name, body));
      case 'range':
        return this.range(body);
      case 'bool':
        return this.bool(objectBody(name, body), depth);
      default:
        return fail(`Unsupported query clause [${name}].`);
    }
  }

  orderBy(sort: unknown): string {
    const terms: string[] = [];
    let sortsById = false;
    if (sort !== undefined) {
      for (const entry of Array.isArray(sort) ? sort : [sort]) {
        const { field, order, missing, unmappedType } = parseSortEntry(entry);
        if (field === '_score') continue; // every hit scores the same here
        let expr: string;
        if (field === '_id' || field === '_doc') {
          expr = `(${this.index.idSql}) COLLATE "C"`;
          sortsById = true;
        } else {
          const spec = this.resolve(field);
          if (!spec) {
            if (unmappedType) continue;
            fail(`No mapping found for [${field}] in order to sort on`);
          }
          if (spec.kind === 'text') {
            fail(
              'Text fields are not optimised for operations that require per-document field data like aggregations and sorting, ' +
                `so these operations are disabled by default. Please use a keyword field instead. Alternatively, set fielddata=true on [${field}] ` +
                'in order to load field data by uninverting the inverted index. Note that this can use significant memory.',
            );
          }
          expr = spec.kind === 'keyword' ? `(${spec.sql}) COLLATE "C"` : spec.sql;
        }
        terms.push(`${expr} ${order.toUpperCase()} NULLS ${missing === '_first' ? 'FIRST' : 'LAST'}`);
      }
    }
    if (terms.length === 0) terms.push(this.index.defaultSort);
    if (!sortsById) terms.push(`${this.index.idSql} ASC`);
    return terms.join(', ');
  }

  // ---- clauses ---------------------------------------------------------------------------------------------------

  private ids(body: Json): string {
    checkKeys('ids', body, ['values', 'boost', '_name']);
    if (!has(body, 'values')) return 'FALSE';
    const values = scalarArray('ids', 'values', body.values).map(String);
    return values.length ? `${this.index.idSql} = ANY(${this.param(values)}::text[])` : 'FALSE';
  }

  private term(body: unknown): string {
    const [name, raw] = singleField('term', body);
    const opts = fieldOptions('term', name, raw, 'value', ['value', 'boost', 'case_insensitive', '_name']);
    if (!has(opts, 'value') || opts.value === null) fail('No value specified for term query');
    const value = scalar('term', name, opts.value);
    const caseInsensitive = optionalBoolean('term', 'case_insensitive', opts.case_insensitive);
    const field = this.resolve(name);
    if (!field) return 'FALSE';
    if (field.kind === 'text') {
      // Indexed text tokens are lower case: an upper-case term only matches when case_insensitive.
      return `${caseInsensitive ? `lower(${this.param(String(value))})` : this.param(String(value))} = ANY(${tokens(field.sql)})`;
    }
    if (field.kind === 'keyword' && caseInsensitive) return `lower(${field.sql}) = lower(${this.param(String(value))})`;
    return `${field.sql} = ${this.value(field, name, value, 'term')}`;
  }

  private terms(body: unknown): string {
    if (!isObject(body)) fail(`[terms] query malformed, expected an object, found ${describe(body)}.`);
    const fields = Object.keys(body).filter((k) => k !== 'boost' && k !== '_name');
    if (fields.length === 0) fail('[terms] query requires a field and an array of values.');
    if (fields.length > 1) fail(`[terms] query does not support multiple fields, found [${fields.join(', ')}].`);
    const name = fields[0];
    if (isObject(body[name])) fail('[terms] query: terms lookup is not supported, give an array of values.');
    const values = scalarArray('terms', name, body[name]);
    if (values.length > MAX_TERMS_COUNT) {
      fail(
        `The number of terms [${values.length}] used in the Terms Query request has exceeded the allowed maximum of [${MAX_TERMS_COUNT}]. ` +
          'This maximum can be set by changing the [index.max_terms_count] index level setting.',
      );
    }
    const field = this.resolve(name);
    if (!field || values.length === 0) return 'FALSE';
    switch (field.kind) {
      case 'text':
        return `${tokens(field.sql)} && ${this.param(values.map(String))}::text[]`;
      case 'keyword':
        return `${field.sql} = ANY(${this.param(values.map(String))}::text[])`;
      case 'number':
        return `${field.sql} = ANY(${this.param(values.map((v) => toNumber(v, name)))}::numeric[])`;
      case 'date':
        return `${field.sql} = ANY(${this.param(values.map((v) => this.toDate(v, name)))}::timestamptz[])`;
    }
  }

  private match(body: unknown): string {
    const [name, raw] = singleField('match', body);
    const opts = fieldOptions('match', name, raw, 'query', [
      'query', 'operator', 'zero_terms_query', 'analyzer', 'lenient', 'boost', '_name', 'auto_generate_synonyms_phrase_query',
    ]);
    const text = requiredScalar('match', name, opts.query);
    const operator = optionalEnum('match', 'operator', opts.operator, ['and', 'or']) ?? 'or';
    const zeroTerms = optionalEnum('match', 'zero_terms_query', opts.zero_terms_query, ['none', 'all']) ?? 'none';
    optionalBoolean('match', 'lenient', opts.lenient);
    optionalBoolean('match', 'auto_generate_synonyms_phrase_query', opts.auto_generate_synonyms_phrase_query);
    const field = this.resolve(name);
    if (!field) return 'FALSE';
    if (field.kind !== 'text') return `${field.sql} = ${this.value(field, name, text, 'match')}`;
    const words = tokenize(String(text));
    if (words.length === 0) return zeroTerms === 'all' ? 'TRUE' : 'FALSE';
    return `${tokens(field.sql)} ${operator === 'and' ? '@>' : '&&'} ${this.param(words)}::text[]`;
  }

  private matchPhrase(body: unknown): string {
    const [name, raw] = singleField('match_phrase', body);
    const opts = fieldOptions('match_phrase', name, raw, 'query', ['query', 'slop', 'analyzer', 'zero_terms_query', 'boost', '_name']);
    const text = requiredScalar('match_phrase', name, opts.query);
    const zeroTerms = optionalEnum('match_phrase', 'zero_terms_query', opts.zero_terms_query, ['none', 'all']) ?? 'none';
    if (has(opts, 'slop') && !isInteger(opts.slop)) fail(`[match_phrase] [slop] must be an integer, found ${describe(opts.slop)}.`);
    const field = this.resolve(name);
    if (!field) return 'FALSE';
    if (field.kind !== 'text') return `${field.sql} = ${this.value(field, name, text, 'match_phrase')}`;
    const words = tokenize(String(text));
    if (words.length === 0) return zeroTerms === 'all' ? 'TRUE' : 'FALSE';
    // The words, in order and adjacent: " w1 w2 " inside the field's words joined by single spaces.
    return `' ' || ${normalizedWords(field.sql)} || ' ' LIKE ${this.param(`% ${escapeLike(words.join(' '))} %`)}`;
  }

  private prefix(body: unknown): string {
    const [name, raw] = singleField('prefix', body);
    const opts = fieldOptions('prefix', name, raw, 'value', ['value', 'case_insensitive', 'rewrite', 'boost', '_name']);
    const value = String(requiredScalar('prefix', name, opts.value));
    const caseInsensitive = optionalBoolean('prefix', 'case_insensitive', opts.case_insensitive);
    return this.likeQuery('prefix', name, `${escapeLike(value)}%`, caseInsensitive);
  }

  private wildcard(body: unknown): string {
    const [name, raw] = singleField('wildcard', body);
    const opts = fieldOptions('wildcard', name, raw, 'value', ['value', 'wildcard', 'case_insensitive', 'rewrite', 'boost', '_name']);
    const value = String(requiredScalar('wildcard', name, has(opts, 'value') ? opts.value : opts.wildcard));
    const caseInsensitive = optionalBoolean('wildcard', 'case_insensitive', opts.case_insensitive);
    return this.likeQuery('wildcard', name, wildcardToLike(value), caseInsensitive);
  }

  /** prefix and wildcard: the whole value of a keyword field, or any word of a text field, is LIKE the pattern. */
  private likeQuery(clause: string, name: string, pattern: string, caseInsensitive: boolean): string {
    const field = this.resolve(name);
    if (!field) return 'FALSE';
    if (field.kind !== 'keyword' && field.kind !== 'text') {
      fail(`Can only use ${clause} queries on keyword and text fields - not on [${name}] which is of type [${field.kind}]`);
    }
    const like = caseInsensitive ? 'ILIKE' : 'LIKE';
    const p = this.param(pattern);
    if (field.kind === 'keyword') return `${field.sql} ${like} ${p}`;
    return `EXISTS (SELECT 1 FROM unnest(${tokens(field.sql)}) AS word(w) WHERE word.w ${like} ${p})`;
  }

  private exists(body: Json): string {
    checkKeys('exists', body, ['field', 'boost', '_name']);
    if (typeof body.field !== 'string' || body.field === '') fail('[exists] query requires a [field] string.');
    const field = this.resolve(body.field);
    return field ? `${field.sql} IS NOT NULL` : 'FALSE';
  }

  private range(body: unknown): string {
    const [name, spec] = singleField('range', body);
    if (!isObject(spec)) fail(`[range] query on field [${name}] must be an object with gt, gte, lt or lte, found ${describe(spec)}.`);
    checkKeys('range', spec, ['gt', 'gte', 'lt', 'lte', 'from', 'to', 'include_lower', 'include_upper', 'format', 'boost', '_name']);
    if (has(spec, 'format') && typeof spec.format !== 'string') fail(`[range] [format] must be a string, found ${describe(spec.format)}.`);
    const includeLower = optionalBoolean('range', 'include_lower', spec.include_lower, true);
    const includeUpper = optionalBoolean('range', 'include_upper', spec.include_upper, true);

    const bounds: Array<[string, unknown]> = [];
    const add = (op: string, value: unknown) => {
      if (value !== undefined && value !== null) bounds.push([op, value]);
    };
    add('>', spec.gt);
    add('>=', spec.gte);
    add('<', spec.lt);
    add('<=', spec.lte);
    add(includeLower ? '>=' : '>', spec.from);
    add(includeUpper ? '<=' : '<', spec.to);
    if (bounds.length === 0) fail(`[range] query on field [${name}] needs at least one bound: gt, gte, lt or lte.`);
    const values = bounds.map(([op, v]) => [op, scalar('range', name, v)] as const);

    const field = this.resolve(name);
    if (!field) return 'FALSE';
    if (field.kind === 'text') fail(`[range] queries on text field [${name}] are not supported; use a keyword, date or number field.`);
    const lhs = field.kind === 'keyword' ? `(${field.sql}) COLLATE "C"` : field.sql;
    return and(values.map(([op, v]) => `${lhs} ${op} ${this.value(field, name, v, 'range')}`));
  }

  private bool(body: Json, depth: number): string {
    checkKeys('bool', body, ['must', 'filter', 'should', 'must_not', 'minimum_should_match', 'boost', '_name', 'adjust_pure_negative']);
    optionalBoolean('bool', 'adjust_pure_negative', body.adjust_pure_negative);
    const list = (key: string) => this.clauseList(key, body[key], depth);
    const must = [...list('must'), ...list('filter')];
    const should = list('should');
    const mustNot = list('must_not').map(not);

    let minimumShouldMatch = must.length === 0 && should.length > 0 ? 1 : 0;
    if (has(body, 'minimum_should_match') && body.minimum_should_match !== null) {
      minimumShouldMatch = parseMinimumShouldMatch(body.minimum_should_match, should.length);
    }
    return and([...must, this.atLeast(minimumShouldMatch, should), ...mustNot]);
  }

  /** A bool clause: one query object or an array of them. */
  private clauseList(key: string, value: unknown, depth: number): string[] {
    if (value === undefined || value === null) return [];
    if (Array.isArray(value)) return value.map((q) => this.query(q, depth + 1));
    if (isObject(value)) return [this.query(value, depth + 1)];
    return fail(`[bool] [${key}] must be a query object or an array of query objects, found ${describe(value)}.`);
  }

  /** At least `n` of the conditions hold. */
  private atLeast(n: number, conditions: string[]): string {
    if (n <= 0) return 'TRUE';
    if (n > conditions.length) return 'FALSE';
    if (n === 1) return or(conditions);
    if (n === conditions.length) return and(conditions);
    const count = conditions.map((c) => `(CASE WHEN ${c} THEN 1 ELSE 0 END)`).join(' + ');
    return `(${count} >= ${this.param(n)}::int)`;
  }

  // ---- values ----------------------------------------------------------------------------------------------------

  private param(value: unknown): string {
    this.values.push(value);
    return `\u0000${this.values.length - 1}\u0000`;
  }

  /** A placeholder for a scalar compared with `field`, cast to the field's type. */
  private value(field: FieldSpec, name: string, value: Scalar, clause: string): string {
    switch (field.kind) {
      case 'number':
        return `${this.param(toNumber(value, name))}::numeric`;
      case 'date':
        return `${this.param(this.toDate(value, name))}::timestamptz`;
      default:
        if (clause === 'range' && typeof value === 'boolean') fail(`[range] bound of field [${name}] must be a string or a number.`);
        return this.param(String(value));
    }
  }

  private toDate(value: Scalar, name: string): string {
    const ms = parseDate(value, this.now);
    if (ms === undefined) {
      fail(`failed to parse date field [${String(value)}] of field [${name}]: use epoch milliseconds or an ISO-8601 date such as 2024-01-31T12:00:00Z.`);
    }
    return new Date(ms).toISOString();
  }

  /** The field's SQL, or undefined when unmapped (also when the spec returned is not a valid FieldSpec). */
  private resolve(name: string): FieldSpec | undefined {
    let spec = this.index.resolveField(name);
    if (spec === undefined && name === '_id') spec = { sql: this.index.idSql, kind: 'keyword' };
    if (!spec || typeof spec.sql !== 'string' || !['keyword', 'text', 'date', 'number'].includes(spec.kind)) return undefined;
    return spec;
  }
}

// ---- SQL helpers ---------------------------------------------------------------------------------------------------

/** The lower-cased words of a text field, as a text[]. */
function tokens(sql: string): string {
  return `regexp_split_to_array(lower(${sql}), ${TOKEN_SEPARATOR_SQL})`;
}

/** The lower-cased words of a text field joined by single spaces (with a space where the text starts or ends with a separator). */
function normalizedWords(sql: string): string {
  return `regexp_replace(lower(${sql}), ${TOKEN_SEPARATOR_SQL}, ' ', 'g')`;
}

/** The words of a query string, as the SQL side splits a text field. */
export function tokenize(text: string): string[] {
  return text.toLowerCase().split(TOKEN_SEPARATOR).filter((w) => w !== '');
}

function and(conditions: string[]): string {
  if (conditions.includes('FALSE')) return 'FALSE';
  const rest = conditions.filter((c) => c !== 'TRUE');
  if (rest.length === 0) return 'TRUE';
  return rest.length === 1 ? rest[0] : `(${rest.join(' AND ')})`;
}

function or(conditions: string[]): string {
  if (conditions.includes('TRUE')) return 'TRUE';
  const rest = conditions.filter((c) => c !== 'FALSE');
  if (rest.length === 0) return 'FALSE';
  return rest.length === 1 ? rest[0] : `(${rest.join(' OR ')})`;
}

/** Negation where NULL (an absent field) counts as "does not match", as in OpenSearch. */
function not(condition: string): string {
  if (condition === 'TRUE') return 'FALSE';
  if (condition === 'FALSE') return 'TRUE';
  return `NOT COALESCE(${condition}, FALSE)`;
}

/** Escapes LIKE metacharacters (PostgreSQL's default escape character is the backslash). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** OpenSearch wildcard (`*` any run, `?` one character, `\` escapes) to a LIKE pattern. */
export function wildcardToLike(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\' && i + 1 < pattern.length) out += escapeLike(pattern[++i]);
    else if (c === '*') out += '%';
    else if (c === '?') out += '_';
    else out += escapeLike(c);
  }
  return out;
}

// ---- body parsing helpers ------------------------------------------------------------------------------------------

function fail(message: string): never {
  throw invalidArgument(message);
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function has(obj: Json, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key) && obj[key] !== undefined;
}

function isInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

/** A short rendering of a body value for error messages. */
function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  let text: string;
  try {
    text = JSON.stringify(value) ?? typeof value;
  } catch {
    text = typeof value;
  }
  return text.length > 100 ? `${text.slice(0, 97)}...` : text;
}

/** The name OpenSearch's parser gives the token a value starts with (used in its "Unknown key" message). */
function tokenName(value: unknown): string {
  if (value === null) return 'VALUE_NULL';
  if (Array.isArray(value)) return 'START_ARRAY';
  switch (typeof value) {
    case 'string':
      return 'VALUE_STRING';
    case 'number':
      return 'VALUE_NUMBER';
    case 'boolean':
      return 'VALUE_BOOLEAN';
    default:
      return 'START_OBJECT';
  }
}

function objectBody(clause: string, body: unknown): Json {
  if (!isObject(body)) fail(`[${clause}] query malformed, expected an object, found ${describe(body)}.`);
  return body;
}

function checkKeys(clause: string, body: Json, allowed: string[]): void {
  for (const key of Object.keys(body)) {
    if (!allowed.includes(key)) fail(`[${clause}] query does not support [${key}]`);
  }
}

/** `{field: value}` with exactly one field. */
function singleField(clause: string, body: unknown): [string, unknown] {
  const obj = objectBody(clause, body);
  const fields = Object.keys(obj);
  if (fields.length === 0) fail(`[${clause}] query requires a field.`);
  if (fields.length > 1) fail(`[${clause}] query doesn't support multiple fields, found [${fields[0]}] and [${fields[1]}]`);
  return [fields[0], obj[fields[0]]];
}

/** A field's value in its short form (`{field: "x"}`, returned as `{[mainKey]: "x"}`) or its long form (checked object). */
function fieldOptions(clause: string, field: string, value: unknown, mainKey: string, allowed: string[]): Json {
  if (!isObject(value)) return { [mainKey]: value };
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) fail(`[${clause}] query does not support [${key}] (field [${field}])`);
  }
  return value;
}

function scalar(clause: string, field: string, value: unknown): Scalar {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) fail(`[${clause}] value of field [${field}] must not contain NUL characters.`);
    return value;
  }
  if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean') return value;
  if (Array.isArray(value)) fail(`[${clause}] query does not support an array of values for field [${field}]; use [terms].`);
  return fail(`[${clause}] value of field [${field}] must be a string, a number or a boolean, found ${describe(value)}.`);
}

function requiredScalar(clause: string, field: string, value: unknown): Scalar {
  if (value === undefined || value === null) fail(`[${clause}] query on field [${field}] requires a query value.`);
  return scalar(clause, field, value);
}

function scalarArray(clause: string, field: string, value: unknown): Scalar[] {
  if (!Array.isArray(value)) fail(`[${clause}] [${field}] must be an array of values, found ${describe(value)}.`);
  return value.map((v) => scalar(clause, field, v));
}

function optionalBoolean(clause: string, key: string, value: unknown, defaultValue = false): boolean {
  if (value === undefined || value === null) return defaultValue;
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  return fail(`[${clause}] [${key}] must be a boolean, found ${describe(value)}.`);
}

function optionalEnum(clause: string, key: string, value: unknown, allowed: string[]): string | undefined {
  if (value === undefined || value === null) return undefined;
  const v = typeof value === 'string' ? value.toLowerCase() : undefined;
  if (v === undefined || !allowed.includes(v)) fail(`[${clause}] [${key}] must be one of [${allowed.join(', ')}], found ${describe(value)}.`);
  return v;
}

function checkBooleanOption(body: Json, key: string): void {
  if (has(body, key)) optionalBoolean('search', key, body[key]);
}

/** size/from: a non-negative integer (OpenSearch also takes numeric strings). */
function nonNegativeInt(value: unknown, key: string): number {
  const n = typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value.trim()) : value;
  if (!isInteger(n)) fail(`[${key}] must be an integer, found ${describe(value)}.`);
  if (n < 0) fail(`[${key}] parameter cannot be negative, found [${n}]`);
  return n;
}

function parseTrackTotalHits(value: unknown): boolean | number {
  if (typeof value === 'boolean') return value;
  if (!isInteger(value)) fail(`[track_total_hits] must be a boolean or an integer, found ${describe(value)}.`);
  if (value < -1) fail(`[track_total_hits] parameter must be positive or equals to -1, got ${value}`);
  return value === -1 ? false : value;
}

/** OpenSearch's `minimum_should_match`: an integer or percentage, negative meaning "all but". */
function parseMinimumShouldMatch(value: unknown, optionalClauses: number): number {
  const spec = typeof value === 'number' ? String(value) : value;
  const match = typeof spec === 'string' ? /^\s*(-?\d+)(%?)\s*$/.exec(spec) : null;
  if (!match) fail(`[bool] [minimum_should_match] must be an integer or a percentage such as "50%", found ${describe(value)}.`);
  const n = Number(match[1]);
  const calc = match[2] ? Math.trunc((optionalClauses * n) / 100) : n;
  return Math.max(0, calc < 0 ? optionalClauses + calc : calc);
}

function toNumber(value: Scalar, field: string): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (!Number.isFinite(n)) fail(`failed to create query: [${String(value)}] is not a number (field [${field}])`);
  return n;
}

// ---- sort ----------------------------------------------------------------------------------------------------------

interface SortEntry {
  field: string;
  order: 'asc' | 'desc';
  missing: '_first' | '_last';
  unmappedType: boolean;
}

function parseSortEntry(entry: unknown): SortEntry {
  if (typeof entry === 'string' && entry !== '') {
    return { field: entry, order: entry === '_score' ? 'desc' : 'asc', missing: '_last', unmappedType: false };
  }
  if (!isObject(entry)) fail(`[sort] entries must be a field name or {"<field>": "asc"|"desc"}, found ${describe(entry)}.`);
  const fields = Object.keys(entry);
  if (fields.length !== 1) fail(`[sort] each entry must name exactly one field, found [${fields.join(', ')}].`);
  const field = fields[0];
  const spec = entry[field];
  const sorted: SortEntry = { field, order: field === '_score' ? 'desc' : 'asc', missing: '_last', unmappedType: false };
  if (typeof spec === 'string') {
    sorted.order = sortOrder(spec);
  } else if (isObject(spec)) {
    for (const key of Object.keys(spec)) {
      if (!['order', 'missing', 'unmapped_type'].includes(key)) fail(`[sort] option [${key}] is not supported (field [${field}]).`);
    }
    if (has(spec, 'order')) sorted.order = sortOrder(spec.order);
    if (has(spec, 'missing')) {
      if (spec.missing !== '_first' && spec.missing !== '_last') fail(`[sort] [missing] must be "_first" or "_last", found ${describe(spec.missing)}.`);
      sorted.missing = spec.missing;
    }
    if (has(spec, 'unmapped_type')) {
      if (typeof spec.unmapped_type !== 'string') fail(`[sort] [unmapped_type] must be a string, found ${describe(spec.unmapped_type)}.`);
      sorted.unmappedType = true;
    }
  } else {
    fail(`[sort] order of field [${field}] must be "asc", "desc" or an object, found ${describe(spec)}.`);
  }
  return sorted;
}

function sortOrder(value: unknown): 'asc' | 'desc' {
  const order = typeof value === 'string' ? value.toLowerCase() : undefined;
  if (order !== 'asc' && order !== 'desc') fail(`Unknown SortOrder [${typeof value === 'string' ? value : describe(value)}]`);
  return order;
}

// ---- dates ---------------------------------------------------------------------------------------------------------

const ISO_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2})(?::(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?)?)?$/;
const DATE_MATH = /^now((?:[+-]\d+[yMwdhHms])*)$/;
/** Years 1..9999: what toISOString and PostgreSQL's timestamptz input both read. */
const MIN_DATE = Date.parse('0001-01-01T00:00:00.000Z');
const MAX_DATE = Date.parse('9999-12-31T23:59:59.999Z');

/**
 * Epoch milliseconds of a date bound: a number or numeric string (epoch ms), an ISO-8601 date (UTC unless it has an
 * offset), or `now` with optional `+1d`/`-2h` steps (rounding such as `/d` is not supported). Undefined when invalid.
 */
export function parseDate(value: Scalar, now: number): number | undefined {
  let ms: number | undefined;
  if (typeof value === 'number') ms = value;
  else if (typeof value === 'string' && /^-?\d+$/.test(value)) ms = Number(value);
  else if (typeof value === 'string' && DATE_MATH.test(value)) ms = applyDateMath(now, value.slice(3));
  else if (typeof value === 'string') ms = parseIsoDate(value);
  if (ms === undefined || !Number.isFinite(ms)) return undefined;
  ms = Math.trunc(ms);
  return ms >= MIN_DATE && ms <= MAX_DATE ? ms : undefined;
}

function parseIsoDate(text: string): number | undefined {
  const m = ISO_DATE.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = [m[1], m[2] ?? '1', m[3] ?? '1', m[4] ?? '0', m[5] ?? '0', m[6] ?? '0'].map(Number);
  const millis = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  const utc = new Date(Date.UTC(2000, month - 1, day, hour, minute, second, millis));
  utc.setUTCFullYear(year); // Date.UTC maps years 0..99 to 1900..1999
  if (utc.getUTCDate() !== day) return undefined; // e.g. 2023-02-30
  return utc.getTime() - offsetMinutes(m[8]) * 60_000;
}

function offsetMinutes(zone: string | undefined): number {
  if (!zone || zone === 'Z') return 0;
  const digits = zone.slice(1).replace(':', '');
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0');
  return zone[0] === '-' ? -minutes : minutes;
}

function applyDateMath(now: number, steps: string): number {
  const date = new Date(now);
  for (const [, sign, amount, unit] of steps.matchAll(/([+-])(\d+)([yMwdhHms])/g)) {
    const n = Number(sign + amount);
    switch (unit) {
      case 'y':
        date.setUTCFullYear(date.getUTCFullYear() + n);
        break;
      case 'M':
        date.setUTCMonth(date.getUTCMonth() + n);
        break;
      case 'w':
        date.setUTCDate(date.getUTCDate() + 7 * n);
        break;
      case 'd':
        date.setUTCDate(date.getUTCDate() + n);
        break;
      case 'h':
      case 'H':
        date.setUTCHours(date.getUTCHours() + n);
        break;
      case 'm':
        date.setUTCMinutes(date.getUTCMinutes() + n);
        break;
      case 's':
        date.setUTCSeconds(date.getUTCSeconds() + n);
        break;
    }
  }
  return date.getTime();
}

// ---- _source -------------------------------------------------------------------------------------------------------

function parseSource(value: unknown): SourceFilter {
  if (typeof value === 'boolean') return { fetch: value, includes: [], excludes: [] };
  if (typeof value === 'string' || Array.isArray(value)) return { fetch: true, includes: patterns('_source', value), excludes: [] };
  if (!isObject(value)) {
    fail(`[_source] must be a boolean, a string, an array of strings or an object with [includes] and [excludes], found ${describe(value)}.`);
  }
  const filter: SourceFilter = { fetch: true, includes: [], excludes: [] };
  for (const [key, v] of Object.entries(value)) {
    if (key === 'includes' || key === 'include') filter.includes.push(...patterns(`_source.${key}`, v));
    else if (key === 'excludes' || key === 'exclude') filter.excludes.push(...patterns(`_source.${key}`, v));
    else fail(`Unknown key for a ${tokenName(v)} in [${key}].`);
  }
  return filter;
}

function patterns(key: string, value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  if (!list.every((p) => typeof p === 'string')) fail(`[${key}] must be a string or an array of strings, found ${describe(value)}.`);
  return list;
}

/** Adds exclude patterns to a filter (e.g. the credential path Flow Framework always hides). */
export function addSourceExcludes(filter: SourceFilter, excludes: string[]): SourceFilter {
  return { ...filter, excludes: [...filter.excludes, ...excludes.filter((e) => !filter.excludes.includes(e))] };
}

/**
 * Filters a document's `_source` as OpenSearch does (XContentMapValues.filter): a path is kept when an include
 * pattern matches it or one of its parents and no exclude pattern does; arrays do not add a path segment; an object
 * reached only through a deeper include is dropped when nothing inside it is kept. Undefined when `fetch` is false.
 * Kept sub-trees are shared with `doc`, not copied.
 */
export function applySourceFilter(doc: Record<string, unknown>, filter: SourceFilter): Record<string, unknown> | undefined {
  if (!filter.fetch) return undefined;
  if (filter.includes.length === 0 && filter.excludes.length === 0) return doc;
  return filterObject(doc, '', filter.includes.length === 0, filter);
}

function filterObject(obj: Json, prefix: string, included: boolean, filter: SourceFilter): Json {
  const out: Json = {};
  for (const [key, value] of Object.entries(obj)) {
    const path = prefix + key;
    if (!included && !canMatch(filter.includes, path)) continue;
    if (matchesFully(filter.excludes, path)) continue;
    const isIncluded = included || matchesFully(filter.includes, path);
    if (isIncluded && !canMatch(filter.excludes, `${path}.`)) {
      setOwn(out, key, value);
    } else if (isObject(value)) {
      if (!isIncluded && !canMatch(filter.includes, `${path}.`)) continue;
      const sub = filterObject(value, `${path}.`, isIncluded, filter);
      if (isIncluded || Object.keys(sub).length > 0) setOwn(out, key, sub);
    } else if (Array.isArray(value)) {
      const sub = filterArray(value, path, isIncluded, filter);
      if (isIncluded || sub.length > 0) setOwn(out, key, sub);
    } else if (isIncluded) {
      setOwn(out, key, value);
    }
  }
  return out;
}

function filterArray(list: unknown[], path: string, included: boolean, filter: SourceFilter): unknown[] {
  const out: unknown[] = [];
  for (const item of list) {
    if (isObject(item)) {
      const sub = filterObject(item, `${path}.`, included, filter);
      if (Object.keys(sub).length > 0) out.push(sub);
    } else if (Array.isArray(item)) {
      const sub = filterArray(item, path, included, filter);
      if (sub.length > 0) out.push(sub);
    } else if (included) {
      out.push(item);
    }
  }
  return out;
}

/** Sets a key even when it is "__proto__". */
function setOwn(obj: Json, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Some pattern matches the whole path. */
function matchesFully(patterns: string[], path: string): boolean {
  return patterns.some((p) => globStates(p, path).includes(p.length));
}

/** Some pattern could match the path followed by more characters (or the path itself). */
function canMatch(patterns: string[], path: string): boolean {
  return patterns.some((p) => globStates(p, path).length > 0);
}

/** Positions in `pattern` reachable after reading `text`; `*` matches any run of characters, dots included. */
function globStates(pattern: string, text: string): number[] {
  const closure = (positions: Iterable<number>) => {
    const result = new Set<number>();
    for (let i of positions) {
      result.add(i);
      while (pattern[i] === '*') result.add(++i);
    }
    return [...result];
  };
  let states = closure([0]);
  for (let t = 0; t < text.length && states.length > 0; t++) {
    const next: number[] = [];
    for (const i of states) {
      if (pattern[i] === '*') next.push(i);
      else if (i < pattern.length && pattern[i] === text[t]) next.push(i + 1);
    }
    states = closure(next);
  }
  return states;
}
