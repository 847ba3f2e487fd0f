import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseTemplate, parseYaml } from './template-parser';
import { sortWorkflow } from './template-graph';
const dir = join(__dirname, '../../../../shared/fixtures/flow-framework/sample-templates');
it('smoke', () => {
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const j = parseTemplate(JSON.parse(readFileSync(join(dir, f), 'utf8')));
    let y;
    try { y = parseTemplate(parseYaml(readFileSync(join(dir, f.replace('.json', '.yml')), 'utf8'))); } catch (e) { console.log('YAMLERR', f, (e as Error).message); continue; }
    try { expect(y).toEqual(j); console.log('eq', f); } catch (e) { console.log('DIFF', f, (e as Error).message.slice(0, 2500)); }
    try { console.log(f, sortWorkflow(j.workflows.provision, { maxNodes: 50, maxNodesSetting: 'x' }).map((n) => n.id).join(' ')); } catch (e) { console.log('SORTERR', f, (e as Error).message); }
  }
});
