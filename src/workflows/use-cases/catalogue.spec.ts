import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTemplate } from '../template/template-parser';
import { buildUseCaseTemplate, DEFAULT_USE_CASES, parseStrictJson, readUserValues, substitute } from '.';
import { USE_CASE_DEFAULTS, USE_CASE_TEMPLATES } from './data/catalogue';

// The upstream files, as the plugin ships them (see ../shared/fixtures/flow-framework/README.md).
const FIXTURES = join(__dirname, '../../../../shared/fixtures/flow-framework');
const fixtureText = (dir: string, file: string) => readFileSync(join(FIXTURES, dir, file), 'utf8');
const fixtureFiles = (dir: string) => readdirSync(join(FIXTURES, dir)).filter((f) => f.endsWith('.json'));

/** What each use case needs in its body, with values that are easy to find again. */
const requiredBody = (name: string, requiredParams: readonly string[]) =>
  Object.fromEntries(requiredParams.map((key) => [key, `${key}@${name}`]));

describe('use-case catalogue (the product copy of Flow Framework resources)', () => {
  it('holds every defaults file unchanged, keys in file order', () => {
    const files = fixtureFiles('use-case-defaults');
    expect(Object.keys(USE_CASE_DEFAULTS).sort()).toEqual(files.map((f) => `defaults/${f}`).sort());
    for (const file of files) {
      const upstream = JSON.parse(fixtureText('use-case-defaults', file));
      expect(USE_CASE_DEFAULTS[`defaults/${file}`]).toEqual(upstream);
      expect(Object.keys(USE_CASE_DEFAULTS[`defaults/${file}`])).toEqual(Object.keys(upstream));
    }
  });

  it('holds every substitution template unchanged', () => {
    const files = fixtureFiles('use-case-templates');
    expect(Object.keys(USE_CASE_TEMPLATES).sort()).toEqual(files.map((f) => `substitutionTemplates/${f}`).sort());
    for (const file of files) {
      expect(JSON.stringify(USE_CASE_TEMPLATES[`substitutionTemplates/${file}`])).toBe(JSON.stringify(JSON.parse(fixtureText('use-case-templates', file))));
    }
  });

  it('has 21 uniquely named use cases whose files all exist, and uses every file', () => {
    expect(DEFAULT_USE_CASES).toHaveLength(21);
    expect(new Set(DEFAULT_USE_CASES.map((u) => u.name)).size).toBe(21);
    for (const u of DEFAULT_USE_CASES) {
      expect(USE_CASE_DEFAULTS[u.defaultsFile]).toBeDefined();
      expect(USE_CASE_TEMPLATES[u.templateFile]).toBeDefined();
    }
    expect(new Set(DEFAULT_USE_CASES.map((u) => u.defaultsFile)).size).toBe(Object.keys(USE_CASE_DEFAULTS).length);
    expect(new Set(DEFAULT_USE_CASES.map((u) => u.templateFile)).size).toBe(Object.keys(USE_CASE_TEMPLATES).length);
  });

  // Substituting into JSON.stringify(template) must give what FF gets from substituting into the file's text
  // (read with readAllLines, so its lines joined without separators), whatever the values.
  const NASTY = ['q"uote', 'back\\slash', 'new\nline', '$1 $& $$', '${{ template.name }}', '{{x}}', 'ünï €', ''];
  it.each(DEFAULT_USE_CASES.map((u) => [u.name, u] as const))('%s: same document as substituting into the upstream text', (name, u) => {
    const defaults = USE_CASE_DEFAULTS[u.defaultsFile];
    const body: Record<string, string> = { ...requiredBody(name, u.requiredParams) };
    Object.keys(defaults).forEach((key, i) => (body[key] = `${NASTY[i % NASTY.length]}#${i}`));
    const upstreamText = fixtureText('use-case-templates', u.templateFile.replace('substitutionTemplates/', '')).split(/\r\n|\r|\n/).join('');
    const params = new Map(Object.entries(defaults));
    for (const [k, v] of readUserValues(body)) if (params.has(k)) params.set(k, v);
    const expected = parseStrictJson(substitute(upstreamText, params));
    expect(buildUseCaseTemplate(name, body)).toEqual(expected);
  });

  it.each(DEFAULT_USE_CASES.map((u) => [u.name, u] as const))('%s: builds from its defaults and parses as a template', (name, u) => {
    const doc = buildUseCaseTemplate(name, requiredBody(name, u.requiredParams));
    const template = parseTemplate(doc);
    expect(template.name).toBe(USE_CASE_DEFAULTS[u.defaultsFile]['template.name']);
    expect(Object.keys(template.workflows)).toEqual(['provision']);
  });
});
