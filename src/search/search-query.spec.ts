import fc from 'fast-check';
import { AppError } from '../common/errors/app-error';
import {
  addSourceExcludes,
  applySourceFilter,
  escapeLike,
  FieldSpec,
  parseDate,
  SearchIndexSpec,
  SourceFilter,
  tokenize,
  translateSearch,
  wildcardToLike,
} from './search-query';

const FIELDS: Record<string, FieldSpec> = {
  name: { sql: 'w.name', kind: 'text' },
  'name.keyword': { sql: 'w.name', kind: 'keyword' },
  description: { sql: "(w.template ->> 'description')", kind: 'text' },
  use_case: { sql: "(w.template ->> 'use_case')", kind: 'keyword' },
  created_time: { sql: 'w.created_time', kind: 'date' },
  count: { sql: 'w.count', kind: 'number' },
};
const index: SearchIndexSpec = {
  resolveField: (name) => (Object.hasOwn(FIELDS, name) ? FIELDS[name] : undefined),
  idSql: 'w.id',
  defaultSort: 'w.created_time DESC',
};

const WORDS = (sql: string) => `regexp_split_to_array(lower(${sql}), '[\\x01-\\x2f\\x3a-\\x40\\x5b-\\x5e\\x60\\x7b-\\x7f]+')`;
const NAME_WORDS = WORDS('w.name');
const NOW = Date.UTC(2024, 5, 15, 12, 0, 0);

const translate = (body: unknown, firstParam = 1) => translateSearch(body, index, firstParam, NOW);
const where = (query: unknown) => {
  const t = translate({ query });
  return [t.where, t.params];
};

/** The AppError a body is rejected with. */
function rejection(body: unknown): AppError {
  try {
    translate(body);
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error(`accepted: ${JSON.stringify(body)}`);
}

describe('translateSearch: query clauses', () => {
  const cases: Array<[string, unknown, string, unknown[]]> = [
    ['match_all', { match_all: {} }, 'TRUE', []],
    ['match_all with boost', { match_all: { boost: 1.2 } }, 'TRUE', []],
    ['match_none', { match_none: {} }, 'FALSE', []],
    ['ids', { ids: { values: ['a', 'b'] } }, 'w.id = ANY($1::text[])', [['a', 'b']]],
    ['ids with numbers', { ids: { values: [1] } }, 'w.id = ANY($1::text[])', [['1']]],
    ['ids empty', { ids: { values: [] } }, 'FALSE', []],
    ['ids without values', { ids: {} }, 'FALSE', []],

    ['term keyword short form', { term: { use_case: 'SEMANTIC_SEARCH' } }, "(w.template ->> 'use_case') = $1", ['SEMANTIC_SEARCH']],
    ['term keyword long form', { term: { use_case: { value: 'X', boost: 2 } } }, "(w.template ->> 'use_case') = $1", ['X']],
    ['term keyword case_insensitive', { term: { use_case: { value: 'x', case_insensitive: true } } }, "lower((w.template ->> 'use_case')) = lower($1)", ['x']],
    ['term keyword with number', { term: { use_case: 5 } }, "(w.template ->> 'use_case') = $1", ['5']],
    ['term keyword with boolean', { term: { use_case: true } }, "(w.template ->> 'use_case') = $1", ['true']],
    ['term text: a lower-case word', { term: { name: 'search' } }, `$1 = ANY(${NAME_WORDS})`, ['search']],
    ['term text case_insensitive', { term: { name: { value: 'Search', case_insensitive: true } } }, `lower($1) = ANY(${NAME_WORDS})`, ['Search']],
    ['term number', { term: { count: '3' } }, 'w.count = $1::numeric', [3]],
    ['term date (epoch ms)', { term: { created_time: 0 } }, 'w.created_time = $1::timestamptz', ['1970-01-01T00:00:00.000Z']],
    ['term _id (falls back to idSql)', { term: { _id: 'abc' } }, 'w.id = $1', ['abc']],
    ['term unmapped field', { term: { nope: 'x' } }, 'FALSE', []],

    ['terms keyword', { terms: { use_case: ['A', 'B'] } }, "(w.template ->> 'use_case') = ANY($1::text[])", [['A', 'B']]],
    ['terms with boost', { terms: { use_case: ['A'], boost: 1 } }, "(w.template ->> 'use_case') = ANY($1::text[])", [['A']]],
    ['terms text', { terms: { name: ['a', 'b'] } }, `${NAME_WORDS} && $1::text[]`, [['a', 'b']]],
    ['terms number', { terms: { count: [1, '2'] } }, 'w.count = ANY($1::numeric[])', [[1, 2]]],
    ['terms date', { terms: { created_time: ['2024-01-01'] } }, 'w.created_time = ANY($1::timestamptz[])', [['2024-01-01T00:00:00.000Z']]],
    ['terms empty', { terms: { use_case: [] } }, 'FALSE', []],
    ['terms unmapped', { terms: { nope: ['a'] } }, 'FALSE', []],

    ['match text (or)', { match: { name: 'Semantic Search!' } }, `${NAME_WORDS} && $1::text[]`, [['semantic', 'search']]],
    ['match text and', { match: { name: { query: 'a b', operator: 'AND' } } }, `${NAME_WORDS} @> $1::text[]`, [['a', 'b']]],
    ['match text or (explicit)', { match: { name: { query: 'a', operator: 'or' } } }, `${NAME_WORDS} && $1::text[]`, [['a']]],
    ['match text without words', { match: { name: '!!' } }, 'FALSE', []],
    ['match text without words, zero_terms_query all', { match: { name: { query: '', zero_terms_query: 'all' } } }, 'TRUE', []],
    ['match keyword is exact', { match: { use_case: 'Semantic Search' } }, "(w.template ->> 'use_case') = $1", ['Semantic Search']],
    ['match number', { match: { count: 7 } }, 'w.count = $1::numeric', [7]],
    ['match unmapped', { match: { nope: 'x' } }, 'FALSE', []],

    [
      'match_phrase text',
      { match_phrase: { name: 'Semantic  search_1' } },
      `' ' || regexp_replace(lower(w.name), '[\\x01-\\x2f\\x3a-\\x40\\x5b-\\x5e\\x60\\x7b-\\x7f]+', ' ', 'g') || ' ' LIKE $1`,
      ['% semantic search\\_1 %'],
    ],
    ['match_phrase keyword', { match_phrase: { use_case: { query: 'X', slop: 0 } } }, "(w.template ->> 'use_case') = $1", ['X']],

    ['prefix keyword', { prefix: { 'name.keyword': 'se_m%' } }, 'w.name LIKE $1', ['se\\_m\\%%']],
    ['prefix keyword case_insensitive', { prefix: { use_case: { value: 'se', case_insensitive: true } } }, "(w.template ->> 'use_case') ILIKE $1", ['se%']],
    ['prefix text: any word', { prefix: { name: 'sea' } }, `EXISTS (SELECT 1 FROM unnest(${NAME_WORDS}) AS word(w) WHERE word.w LIKE $1)`, ['sea%']],

    ['wildcard keyword', { wildcard: { use_case: '*_se?rch' } }, "(w.template ->> 'use_case') LIKE $1", ['%\\_se_rch']],
    ['wildcard keyword long form', { wildcard: { use_case: { wildcard: '100%*', case_insensitive: true } } }, "(w.template ->> 'use_case') ILIKE $1", ['100\\%%']],
    ['wildcard escaped star', { wildcard: { use_case: { value: 'a\\*b' } } }, "(w.template ->> 'use_case') LIKE $1", ['a*b']],

    ['exists', { exists: { field: 'description' } }, "(w.template ->> 'description') IS NOT NULL", []],
    ['exists unmapped', { exists: { field: 'nope' } }, 'FALSE', []],

    ['range date ISO and epoch', { range: { created_time: { gte: '2024-01-02', lt: 1704326400000 } } },
      '(w.created_time >= $1::timestamptz AND w.created_time < $2::timestamptz)', ['2024-01-02T00:00:00.000Z', '2024-01-04T00:00:00.000Z']],
    ['range date numeric string and offset', { range: { created_time: { gt: '1000', lte: '2024-01-02T03:04:05.678+01:00' } } },
      '(w.created_time > $1::timestamptz AND w.created_time <= $2::timestamptz)', ['1970-01-01T00:00:01.000Z', '2024-01-02T02:04:05.678Z']],
    ['range date math', { range: { created_time: { gte: 'now-1d', format: 'epoch_millis' } } }, 'w.created_time >= $1::timestamptz', ['2024-06-14T12:00:00.000Z']],
    ['range number', { range: { count: { gt: 1, lte: '5.5' } } }, '(w.count > $1::numeric AND w.count <= $2::numeric)', [1, 5.5]],
    ['range keyword (byte order)', { range: { use_case: { gte: 'A' } } }, `((w.template ->> 'use_case')) COLLATE "C" >= $1`, ['A']],
    ['range from/to exclusive', { range: { count: { from: 1, to: 2, include_lower: false, include_upper: false } } },
      '(w.count > $1::numeric AND w.count < $2::numeric)', [1, 2]],
    ['range null bound is open', { range: { count: { gte: null, lt: 3 } } }, 'w.count < $1::numeric', [3]],
    ['range unmapped', { range: { nope: { gte: 1 } } }, 'FALSE', []],

    ['bool empty', { bool: {} }, 'TRUE', []],
    ['bool must + filter (object and array)', { bool: { must: { term: { use_case: 'a' } }, filter: [{ exists: { field: 'name' } }] } },
      "((w.template ->> 'use_case') = $1 AND w.name IS NOT NULL)", ['a']],
    ['bool should alone needs one', { bool: { should: [{ term: { use_case: 'a' } }, { term: { use_case: 'b' } }] } },
      "((w.template ->> 'use_case') = $1 OR (w.template ->> 'use_case') = $2)", ['a', 'b']],
    ['bool should with must is optional', { bool: { must: { exists: { field: 'name' } }, should: { term: { use_case: 'a' } } } },
      'w.name IS NOT NULL', []],
    ['bool should with must and minimum_should_match', { bool: { filter: { exists: { field: 'name' } }, should: { term: { use_case: 'a' } }, minimum_should_match: 1 } },
      "(w.name IS NOT NULL AND (w.template ->> 'use_case') = $1)", ['a']],
    ['bool minimum_should_match 2 of 3',
      { bool: { should: [{ exists: { field: 'name' } }, { exists: { field: 'use_case' } }, { exists: { field: 'count' } }], minimum_should_match: 2 } },
      "((CASE WHEN w.name IS NOT NULL THEN 1 ELSE 0 END) + (CASE WHEN (w.template ->> 'use_case') IS NOT NULL THEN 1 ELSE 0 END) + (CASE WHEN w.count IS NOT NULL THEN 1 ELSE 0 END) >= $1::int)",
      [2]],
    ['bool minimum_should_match "-1" of 2 = 1', { bool: { should: [{ exists: { field: 'name' } }, { exists: { field: 'count' } }], minimum_should_match: '-1' } },
      '(w.name IS NOT NULL OR w.count IS NOT NULL)', []],
    ['bool minimum_should_match "100%"', { bool: { should: [{ exists: { field: 'name' } }, { exists: { field: 'count' } }], minimum_should_match: '100%' } },
      '(w.name IS NOT NULL AND w.count IS NOT NULL)', []],
    ['bool minimum_should_match above the clause count', { bool: { should: { exists: { field: 'name' } }, minimum_should_match: 3 } }, 'FALSE', []],
    ['bool minimum_should_match with no should', { bool: { minimum_should_match: 1 } }, 'FALSE', []],
    ['bool must_not (NULL counts as no match)', { bool: { must_not: [{ match: { name: 'x' } }] } }, `NOT COALESCE(${NAME_WORDS} && $1::text[], FALSE)`, [['x']]],
    ['bool must_not unmapped field excludes nothing', { bool: { must_not: { term: { nope: 'x' } } } }, 'TRUE', []],
    ['bool should of unmapped fields', { bool: { should: [{ term: { nope: 'x' } }] } }, 'FALSE', []],
    ['nested bool', { bool: { must: { bool: { should: [{ ids: { values: ['a'] } }, { match_none: {} }] } }, must_not: { match_all: {} } } }, 'FALSE', []],
    ['nested bool keeps parentheses', { bool: { should: [{ bool: { must: [{ exists: { field: 'name' } }, { exists: { field: 'count' } }] } }, { ids: { values: ['x'] } }] } },
      '((w.name IS NOT NULL AND w.count IS NOT NULL) OR w.id = ANY($1::text[]))', [['x']]],
  ];

  it.each(cases)('%s', (_title, query, sql, params) => {
    expect(where(query)).toEqual([sql, params]);
  });

  it('numbers placeholders from firstParam', () => {
    const t = translate({ query: { bool: { must: [{ term: { use_case: 'a' } }, { terms: { use_case: ['b'] } }] } } }, 4);
    expect(t.where).toBe("((w.template ->> 'use_case') = $4 AND (w.template ->> 'use_case') = ANY($5::text[]))");
    expect(t.params).toEqual(['a', ['b']]);
  });

  it('never puts a value into the SQL', () => {
    const evil = "x'); DROP TABLE workflows; --";
    const t = translate({ query: { bool: { should: [{ term: { use_case: evil } }, { match: { name: evil } }, { wildcard: { name: evil } }] } }, sort: [{ use_case: 'desc' }] });
    expect(t.where).not.toContain('DROP');
    expect(t.params).toContain(evil);
  });
});

describe('translateSearch: body options', () => {
  it('an empty or missing body is match_all with the defaults', () => {
    for (const body of [undefined, null, '', {}]) {
      expect(translate(body)).toEqual({
        where: 'TRUE',
        params: [],
        orderBy: 'w.created_time DESC, w.id ASC',
        size: 10,
        from: 0,
        source: { fetch: true, includes: [], excludes: [] },
        sourceSpecified: false,
        trackTotalHits: 10000,
      });
    }
  });

  it('accepts and ignores seq_no_primary_term, version, timeout', () => {
    expect(translate({ seq_no_primary_term: true, version: 'false', timeout: '10s' }).where).toBe('TRUE');
  });

  it.each([
    [{ size: 0 }, 0, 0],
    [{ size: '25', from: '5' }, 25, 5],
    [{ size: 10000 }, 10000, 0],
    [{ size: 9990, from: 10 }, 9990, 10],
  ])('size/from %j', (body, size, from) => {
    expect(translate(body)).toMatchObject({ size, from });
  });

  it.each([
    [true, true],
    [false, false],
    [-1, false],
    [500, 500],
  ])('track_total_hits %j', (value, expected) => {
    expect(translate({ track_total_hits: value }).trackTotalHits).toBe(expected);
  });

  const sorts: Array<[unknown, string]> = [
    ['name.keyword', '(w.name) COLLATE "C" ASC NULLS LAST, w.id ASC'],
    [{ created_time: 'desc' }, 'w.created_time DESC NULLS LAST, w.id ASC'],
    [{ count: { order: 'DESC', missing: '_first' } }, 'w.count DESC NULLS FIRST, w.id ASC'],
    [['_score', { use_case: { order: 'asc' } }], `((w.template ->> 'use_case')) COLLATE "C" ASC NULLS LAST, w.id ASC`],
    ['_score', 'w.created_time DESC, w.id ASC'],
    [[], 'w.created_time DESC, w.id ASC'],
    [{ _id: 'desc' }, '(w.id) COLLATE "C" DESC NULLS LAST'],
    [[{ count: 'asc' }, '_doc'], 'w.count ASC NULLS LAST, (w.id) COLLATE "C" ASC NULLS LAST'],
    [{ nope: { order: 'asc', unmapped_type: 'keyword' } }, 'w.created_time DESC, w.id ASC'],
  ];
  it.each(sorts)('sort %j', (sort, orderBy) => {
    expect(translate({ sort }).orderBy).toBe(orderBy);
  });

  const sources: Array<[unknown, SourceFilter]> = [
    [true, { fetch: true, includes: [], excludes: [] }],
    [false, { fetch: false, includes: [], excludes: [] }],
    ['name', { fetch: true, includes: ['name'], excludes: [] }],
    [['name', 'workflows.*'], { fetch: true, includes: ['name', 'workflows.*'], excludes: [] }],
    [{ includes: 'name', excludes: ['user'] }, { fetch: true, includes: ['name'], excludes: ['user'] }],
    [{ include: ['a'], exclude: 'b' }, { fetch: true, includes: ['a'], excludes: ['b'] }],
  ];
  it.each(sources)('_source %j', (value, filter) => {
    const t = translate({ _source: value });
    expect(t.source).toEqual(filter);
    expect(t.sourceSpecified).toBe(true);
  });
});

describe('translateSearch: errors', () => {
  const cases: Array<[string, unknown, string | RegExp]> = [
    ['body not an object', [1], 'The search request body must be a JSON object, found [1].'],
    ['unknown top-level key', { foo: 1 }, 'Unknown key for a VALUE_NUMBER in [foo].'],
    ['unknown top-level object key', { quer: {} }, 'Unknown key for a START_OBJECT in [quer].'],
    ['unsupported top-level key', { aggs: {} }, 'The search option [aggs] is not supported.'],
    ['size not a number', { size: 'abc' }, '[size] must be an integer, found "abc".'],
    ['size fractional', { size: 1.5 }, '[size] must be an integer, found 1.5.'],
    ['size negative', { size: -1 }, '[size] parameter cannot be negative, found [-1]'],
    ['from negative', { from: '-2' }, '[from] parameter cannot be negative, found [-2]'],
    ['from not an integer', { from: null }, '[from] must be an integer, found null.'],
    ['result window', { size: 10001 }, /^Result window is too large, from \+ size must be less than or equal to: \[10000\] but was \[10001\]/],
    ['result window with from', { from: 9999, size: 2 }, /but was \[10001\]/],
    ['track_total_hits type', { track_total_hits: 'yes' }, '[track_total_hits] must be a boolean or an integer, found "yes".'],
    ['track_total_hits below -1', { track_total_hits: -2 }, '[track_total_hits] parameter must be positive or equals to -1, got -2'],
    ['version type', { version: 1 }, '[search] [version] must be a boolean, found 1.'],
    ['timeout type', { timeout: 10 }, '[timeout] must be a time value such as "10s", found 10.'],

    ['query not an object', { query: 'x' }, 'A query must be an object such as {"match_all": {}}, found "x".'],
    ['query null', { query: null }, /^A query must be an object/],
    ['empty query object', { query: {} }, 'query malformed, empty clause found'],
    ['two clauses', { query: { term: { a: 1 }, match: { b: 2 } } }, 'A query object must contain exactly one clause, found [term, match].'],
    ['unsupported clause', { query: { fuzzy: { name: 'x' } } }, 'Unsupported query clause [fuzzy].'],
    ['unknown clause', { query: { foo: {} } }, 'Unsupported query clause [foo].'],
    ['match_all not an object', { query: { match_all: [] } }, '[match_all] query malformed, expected an object, found [].'],
    ['match_all unknown option', { query: { match_all: { x: 1 } } }, '[match_all] query does not support [x]'],
    ['ids values not an array', { query: { ids: { values: 'a' } } }, '[ids] [values] must be an array of values, found "a".'],
    ['ids values with an object', { query: { ids: { values: [{}] } } }, '[ids] value of field [values] must be a string, a number or a boolean, found {}.'],
    ['ids unknown option', { query: { ids: { type: 'x' } } }, '[ids] query does not support [type]'],

    ['term without field', { query: { term: {} } }, '[term] query requires a field.'],
    ['term with two fields', { query: { term: { a: 1, b: 2 } } }, "[term] query doesn't support multiple fields, found [a] and [b]"],
    ['term null', { query: { term: { use_case: null } } }, 'No value specified for term query'],
    ['term without value', { query: { term: { use_case: { boost: 1 } } } }, 'No value specified for term query'],
    ['term array', { query: { term: { use_case: ['a'] } } }, '[term] query does not support an array of values for field [use_case]; use [terms].'],
    ['term object value', { query: { term: { use_case: { value: {} } } } }, '[term] value of field [use_case] must be a string, a number or a boolean, found {}.'],
    ['term unknown option', { query: { term: { use_case: { value: 'a', foo: 1 } } } }, '[term] query does not support [foo] (field [use_case])'],
    ['term case_insensitive type', { query: { term: { use_case: { value: 'a', case_insensitive: 1 } } } }, '[term] [case_insensitive] must be a boolean, found 1.'],
    ['term number field with text', { query: { term: { count: 'abc' } } }, 'failed to create query: [abc] is not a number (field [count])'],
    ['term date field with text', { query: { term: { created_time: 'yesterday' } } }, /^failed to parse date field \[yesterday\] of field \[created_time\]/],
    ['term NUL character', { query: { term: { use_case: 'a\u0000' } } }, '[term] value of field [use_case] must not contain NUL characters.'],

    ['terms not an object', { query: { terms: [] } }, '[terms] query malformed, expected an object, found [].'],
    ['terms without field', { query: { terms: { boost: 1 } } }, '[terms] query requires a field and an array of values.'],
    ['terms two fields', { query: { terms: { a: [], b: [] } } }, '[terms] query does not support multiple fields, found [a, b].'],
    ['terms lookup', { query: { terms: { a: { index: 'i', id: '1', path: 'p' } } } }, '[terms] query: terms lookup is not supported, give an array of values.'],
    ['terms not an array', { query: { terms: { use_case: 'a' } } }, '[terms] [use_case] must be an array of values, found "a".'],
    ['terms too many', { query: { terms: { use_case: Array.from({ length: 65537 }, () => 'a') } } }, /^The number of terms \[65537\] used in the Terms Query request has exceeded the allowed maximum of \[65536\]/],

    ['match no query', { query: { match: { name: {} } } }, '[match] query on field [name] requires a query value.'],
    ['match bad operator', { query: { match: { name: { query: 'a', operator: 'xor' } } } }, '[match] [operator] must be one of [and, or], found "xor".'],
    ['match unsupported option', { query: { match: { name: { query: 'a', fuzziness: 'AUTO' } } } }, '[match] query does not support [fuzziness] (field [name])'],
    ['match bad zero_terms_query', { query: { match: { name: { query: 'a', zero_terms_query: 1 } } } }, '[match] [zero_terms_query] must be one of [none, all], found 1.'],
    ['match two fields', { query: { match: { name: 'a', description: 'b' } } }, "[match] query doesn't support multiple fields, found [name] and [description]"],
    ['match_phrase slop type', { query: { match_phrase: { name: { query: 'a', slop: 'x' } } } }, '[match_phrase] [slop] must be an integer, found "x".'],

    ['prefix on a date', { query: { prefix: { created_time: '2024' } } }, 'Can only use prefix queries on keyword and text fields - not on [created_time] which is of type [date]'],
    ['wildcard on a number', { query: { wildcard: { count: '1*' } } }, 'Can only use wildcard queries on keyword and text fields - not on [count] which is of type [number]'],
    ['wildcard without value', { query: { wildcard: { use_case: { boost: 1 } } } }, '[wildcard] query on field [use_case] requires a query value.'],

    ['exists without field', { query: { exists: {} } }, '[exists] query requires a [field] string.'],
    ['exists field not a string', { query: { exists: { field: 1 } } }, '[exists] query requires a [field] string.'],

    ['range not an object', { query: { range: { count: 5 } } }, '[range] query on field [count] must be an object with gt, gte, lt or lte, found 5.'],
    ['range without bounds', { query: { range: { count: {} } } }, '[range] query on field [count] needs at least one bound: gt, gte, lt or lte.'],
    ['range only null bounds', { query: { range: { count: { gt: null } } } }, '[range] query on field [count] needs at least one bound: gt, gte, lt or lte.'],
    ['range unknown option', { query: { range: { count: { gt: 1, relation: 'within' } } } }, '[range] query does not support [relation]'],
    ['range bound an object', { query: { range: { count: { gt: {} } } } }, '[range] value of field [count] must be a string, a number or a boolean, found {}.'],
    ['range on text', { query: { range: { name: { gt: 'a' } } } }, '[range] queries on text field [name] are not supported; use a keyword, date or number field.'],
    ['range keyword boolean bound', { query: { range: { use_case: { gt: true } } } }, '[range] bound of field [use_case] must be a string or a number.'],
    ['range bad date', { query: { range: { created_time: { gte: '2024-02-30' } } } }, /^failed to parse date field \[2024-02-30\]/],
    ['range date rounding', { query: { range: { created_time: { gte: 'now/d' } } } }, /^failed to parse date field \[now\/d\]/],
    ['range date out of range', { query: { range: { created_time: { gte: 1e17 } } } }, /^failed to parse date field \[100000000000000000\]/],
    ['range format type', { query: { range: { created_time: { gte: 1, format: 1 } } } }, '[range] [format] must be a string, found 1.'],
    ['range include_lower type', { query: { range: { count: { from: 1, include_lower: 'no' } } } }, '[range] [include_lower] must be a boolean, found "no".'],

    ['bool not an object', { query: { bool: [] } }, '[bool] query malformed, expected an object, found [].'],
    ['bool must a number', { query: { bool: { must: 1 } } }, '[bool] [must] must be a query object or an array of query objects, found 1.'],
    ['bool must array with a string', { query: { bool: { must: ['x'] } } }, 'A query must be an object such as {"match_all": {}}, found "x".'],
    ['bool unknown key', { query: { bool: { musts: [] } } }, '[bool] query does not support [musts]'],
    ['bool minimum_should_match type', { query: { bool: { should: [], minimum_should_match: '3<90%' } } }, /^\[bool\] \[minimum_should_match\] must be an integer or a percentage/],
    ['bool nested unsupported clause', { query: { bool: { filter: [{ bool: { should: { regexp: { name: 'a.*' } } } }] } } }, 'Unsupported query clause [regexp].'],
    ['bool too deep', { query: nest(25) }, 'The query is nested too deeply: the maximum depth is 20.'],
    ['too many clauses', { query: { bool: { should: Array.from({ length: 1100 }, () => ({ match_all: {} })) } } }, 'The query has too many clauses: maxClauseCount is set to 1024.'],

    ['sort an unmapped field', { sort: 'nope' }, 'No mapping found for [nope] in order to sort on'],
    ['sort a text field', { sort: [{ name: 'asc' }] }, /^Text fields are not optimised for operations .* set fielddata=true on \[name\]/],
    ['sort bad order', { sort: { count: 'up' } }, 'Unknown SortOrder [up]'],
    ['sort bad order type', { sort: { count: { order: 1 } } }, 'Unknown SortOrder [1]'],
    ['sort entry with two fields', { sort: [{ a: 'asc', b: 'desc' }] }, '[sort] each entry must name exactly one field, found [a, b].'],
    ['sort entry a number', { sort: 5 }, '[sort] entries must be a field name or {"<field>": "asc"|"desc"}, found 5.'],
    ['sort unsupported option', { sort: { count: { mode: 'min' } } }, '[sort] option [mode] is not supported (field [count]).'],
    ['sort bad missing', { sort: { count: { missing: 0 } } }, '[sort] [missing] must be "_first" or "_last", found 0.'],
    ['sort value a number', { sort: { count: 1 } }, '[sort] order of field [count] must be "asc", "desc" or an object, found 1.'],

    ['_source a number', { _source: 1 }, /^\[_source\] must be a boolean, a string, an array of strings or an object/],
    ['_source array of numbers', { _source: [1] }, '[_source] must be a string or an array of strings, found [1].'],
    ['_source unknown key', { _source: { fields: ['a'] } }, 'Unknown key for a START_ARRAY in [fields].'],
    ['_source includes not strings', { _source: { includes: [null] } }, '[_source.includes] must be a string or an array of strings, found [null].'],
  ];

  it.each(cases)('%s', (_title, body, message) => {
    const error = rejection(body);
    expect(error.status).toBe(400);
    expect(error.code).toBe('InvalidArgument');
    if (typeof message === 'string') expect(error.message).toBe(message);
    else expect(error.message).toMatch(message);
  });
});

function nest(depth: number): unknown {
  let query: unknown = { match_all: {} };
  for (let i = 0; i < depth; i++) query = { bool: { must: query } };
  return query;
}

describe('parseDate', () => {
  it.each([
    [0, 0],
    [1704067200000, Date.UTC(2024, 0, 1)],
    ['1704067200000', Date.UTC(2024, 0, 1)],
    ['2024', Date.UTC(1970, 0, 1, 0, 0, 2, 24)], // a numeric string is epoch milliseconds
    ['2024-03', Date.UTC(2024, 2, 1)],
    ['2024-03-04', Date.UTC(2024, 2, 4)],
    ['2024-03-04T05:06', Date.UTC(2024, 2, 4, 5, 6)],
    ['2024-03-04T05:06:07Z', Date.UTC(2024, 2, 4, 5, 6, 7)],
    ['2024-03-04 05:06:07.123456789Z', Date.UTC(2024, 2, 4, 5, 6, 7, 123)],
    ['2024-03-04T05:06:07.1-0230', Date.UTC(2024, 2, 4, 7, 36, 7, 100)],
    ['2024-03-04T05:06:07+02', Date.UTC(2024, 2, 4, 3, 6, 7)],
    ['0099-01-01', Date.parse('0099-01-01T00:00:00Z')],
    ['0001-01-01', Date.parse('0001-01-01T00:00:00Z')],
    ['2024-02-29', Date.UTC(2024, 1, 29)],
    ['now', NOW],
    ['now+1M-2d+3h', Date.UTC(2024, 6, 13, 15)],
    ['now-1y', Date.UTC(2023, 5, 15, 12)],
  ])('%j', (value, expected) => {
    expect(parseDate(value, NOW)).toBe(expected);
  });

  it.each(['', 'yesterday', '2023-02-29', '2024-13-01', '2024-01-01T24:00', '2024-01-01T10:61', 'now/d', 'now-1x', '2024-01-01||+1d', true, 1e17, -1e17, '0000-01-01'])(
    'rejects %j',
    (value) => {
      expect(parseDate(value, NOW)).toBeUndefined();
    },
  );
});

describe('text and LIKE helpers', () => {
  it.each([
    ['Hello, World!', ['hello', 'world']],
    ['snake_case-and.dots', ['snake_case', 'and', 'dots']],
    ['Café Été', ['café', 'été']],
    ['  ', []],
  ])('tokenize %j', (text, words) => {
    expect(tokenize(text)).toEqual(words);
  });

  it.each([
    ['a%b_c\\d', 'a\\%b\\_c\\\\d'],
    ['plain', 'plain'],
  ])('escapeLike %j', (text, like) => {
    expect(escapeLike(text)).toBe(like);
  });

  it.each([
    ['*', '%'],
    ['a?c*', 'a_c%'],
    ['100%_*', '100\\%\\_%'],
    ['a\\*b\\?', 'a*b?'],
    ['trailing\\', 'trailing\\\\'],
  ])('wildcardToLike %j', (pattern, like) => {
    expect(wildcardToLike(pattern)).toBe(like);
  });
});

describe('applySourceFilter', () => {
  const doc = {
    name: 'n',
    description: 'd',
    user: { name: 'u', backend_roles: ['r'] },
    ui_metadata: { type: 'x' },
    version: { template: '1.0.0', compatibility: ['2.12.0'] },
    workflows: {
      provision: {
        nodes: [
          { id: 'a', type: 'create_connector', user_inputs: { name: 'c', credential: { key: 'secret' } } },
          { id: 'b', type: 'noop', user_inputs: {} },
        ],
      },
    },
    empty: {},
  };
  const filter = (includes: string[], excludes: string[] = []): SourceFilter => ({ fetch: true, includes, excludes });

  const cases: Array<[string, SourceFilter, unknown]> = [
    ['no filter returns the document', filter([]), doc],
    ['fetch false', { fetch: false, includes: [], excludes: [] }, undefined],
    ['one field', filter(['name']), { name: 'n' }],
    ['a parent includes its children', filter(['user']), { user: doc.user }],
    ['a dotted path', filter(['user.name', 'version.template']), { user: { name: 'u' }, version: { template: '1.0.0' } }],
    ['wildcards cross dots', filter(['*name']), {
      name: 'n',
      user: { name: 'u' },
      workflows: { provision: { nodes: [{ user_inputs: { name: 'c' } }] } },
    }],
    ['a trailing wildcard', filter(['user.*']), { user: doc.user }],
    ['wildcard in the middle', filter(['v*.template']), { version: { template: '1.0.0' } }],
    ['an unmatched deeper include drops the object', filter(['user.nope']), {}],
    ['arrays keep the path', filter(['workflows.provision.nodes.id']), { workflows: { provision: { nodes: [{ id: 'a' }, { id: 'b' }] } } }],
    ['an included array of scalars', filter(['version.compatibility']), { version: { compatibility: ['2.12.0'] } }],
    ['excludes only', filter([], ['user', 'ui_metadata', 'workflows', 'version', 'empty']), { name: 'n', description: 'd' }],
    ['excludes a dotted path', filter(['user'], ['user.backend_roles']), { user: { name: 'u' } }],
    ['an excluded child leaves an included parent', filter(['ui_metadata'], ['ui_metadata.type']), { ui_metadata: {} }],
    ['excludes inside arrays (the credential path)', filter(['workflows'], ['workflows.provision.nodes.user_inputs.credential']),
      { workflows: { provision: { nodes: [
        { id: 'a', type: 'create_connector', user_inputs: { name: 'c' } },
        { id: 'b', type: 'noop', user_inputs: {} },
      ] } } }],
    ['exclude wildcard', filter([], ['*credential*', 'user', 'ui_metadata', 'version', 'empty', 'name', 'description']),
      { workflows: { provision: { nodes: [
        { id: 'a', type: 'create_connector', user_inputs: { name: 'c' } },
        { id: 'b', type: 'noop', user_inputs: {} },
      ] } } }],
    ['exclude wins over include', filter(['name'], ['name']), {}],
    ['empty object kept when included', filter(['empty']), { empty: {} }],
  ];

  it.each(cases)('%s', (_title, f, expected) => {
    expect(applySourceFilter(doc, f)).toEqual(expected);
  });

  it('keeps a "__proto__" key as data', () => {
    const evil = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') as Record<string, unknown>;
    const out = applySourceFilter(evil, filter(['*'], ['a']))!;
    expect(Object.keys(out)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('addSourceExcludes appends without duplicates', () => {
    expect(addSourceExcludes(filter(['a'], ['user']), ['user', 'ui_metadata'])).toEqual(filter(['a'], ['user', 'ui_metadata']));
  });
});

describe('properties', () => {
  /** Either a translation whose placeholders are exactly the params, or a 400 AppError with a message. */
  function check(body: unknown, firstParam = 1): TranslatedOrError {
    let result;
    try {
      result = translateSearch(body, index, firstParam, NOW);
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).status).toBe(400);
      expect((e as AppError).message.length).toBeGreaterThan(0);
      return 'error';
    }
    expect(typeof result.where).toBe('string');
    expect(typeof result.orderBy).toBe('string');
    const used = new Set([...`${result.where} ${result.orderBy}`.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));
    expect([...used].sort((a, b) => a - b)).toEqual(result.params.map((_, i) => firstParam + i));
    return result;
  }
  type TranslatedOrError = ReturnType<typeof translateSearch> | 'error';

  const fieldName = fc.constantFrom('name', 'name.keyword', 'description', 'use_case', 'created_time', 'count', '_id', 'nope', '__proto__', 'constructor');
  const marker = fc.string().map((s) => `ZQX${s}`);
  const value = fc.oneof(marker, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constantFrom('now-1d', '2024-01-01', '1700000000000'), fc.anything());
  const fieldBody = fc.oneof(
    value,
    fc.array(value, { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('value', 'query', 'operator', 'gt', 'gte', 'lt', 'lte', 'case_insensitive', 'boost', 'wildcard', 'slop', 'foo'), value, { maxKeys: 3 }),
  );
  const { query } = fc.letrec<{ query: unknown; clauses: unknown }>((tie) => ({
    query: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.dictionary(fc.constantFrom('match_all', 'match_none', 'exists', 'ids'), fc.oneof(fc.constant({}), fc.record({ field: fieldName }), fc.record({ values: fc.array(value) }), value), { minKeys: 1, maxKeys: 1 }),
      fc.dictionary(fc.constantFrom('term', 'terms', 'match', 'match_phrase', 'prefix', 'wildcard', 'range', 'fuzzy'), fc.dictionary(fieldName, fieldBody, { maxKeys: 2 }), { minKeys: 1, maxKeys: 2 }),
      fc.record(
        { bool: fc.record({ must: tie('clauses'), filter: tie('clauses'), should: tie('clauses'), must_not: tie('clauses'), minimum_should_match: value }, { requiredKeys: [] }) },
      ),
      value,
    ),
    clauses: fc.oneof({ depthSize: 'small' }, tie('query'), fc.array(tie('query'), { maxLength: 3 }), value),
  }));
  const sortEntry = fc.oneof(fieldName, fc.dictionary(fieldName, fc.oneof(fc.constantFrom('asc', 'desc', 'up'), fc.record({ order: fc.constantFrom('asc', 'desc'), missing: fc.constantFrom('_first', '_last', 0) }, { requiredKeys: [] }), value), { maxKeys: 2 }));
  const body = fc.record(
    {
      query,
      size: fc.oneof(fc.integer({ min: -5, max: 20000 }), value),
      from: fc.oneof(fc.integer({ min: -5, max: 20000 }), value),
      sort: fc.oneof(sortEntry, fc.array(sortEntry, { maxLength: 3 }), value),
      _source: fc.oneof(fc.boolean(), fc.string(), fc.array(fc.string()), fc.record({ includes: fc.array(fc.string()), excludes: value }, { requiredKeys: [] }), value),
      track_total_hits: value,
      version: value,
      aggs: value,
    },
    { requiredKeys: [] },
  );

  it('arbitrary values never throw anything but a 400 AppError', () => {
    fc.assert(fc.property(fc.anything({ withNullPrototype: true, withBoxedValues: true, withMap: true, withSet: true }), (anything) => {
      check(anything);
      check({ query: anything });
      check({ query: { bool: { must: anything } } });
      check({ sort: anything, _source: anything });
    }), { numRuns: 500 });
  });

  it('random DSL-shaped bodies never throw anything but a 400 AppError, and never put values into SQL', () => {
    fc.assert(fc.property(body, fc.integer({ min: 1, max: 50 }), (b, firstParam) => {
      const result = check(b, firstParam);
      if (result !== 'error') {
        expect(result.where).not.toContain('ZQX');
        expect(result.orderBy).not.toContain('ZQX');
      }
    }), { numRuns: 2000 });
  });

  it('applySourceFilter never throws and only keeps keys that exist in the document', () => {
    const json = fc.dictionary(fc.constantFrom('a', 'b', 'c', '__proto__', 'a.b'), fc.jsonValue(), { maxKeys: 4 }) as fc.Arbitrary<Record<string, unknown>>;
    const pattern = fc.oneof(fc.constantFrom('*', 'a', 'a.b', 'a.*', '*.b', '*b*'), fc.string());
    fc.assert(fc.property(json, fc.array(pattern, { maxLength: 3 }), fc.array(pattern, { maxLength: 3 }), (doc, includes, excludes) => {
      const out = applySourceFilter(doc, { fetch: true, includes, excludes })!;
      for (const key of Object.keys(out)) expect(Object.keys(doc)).toContain(key);
      if (excludes.includes('*')) expect(out).toEqual({});
    }));
  });
});
