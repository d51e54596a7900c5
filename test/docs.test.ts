// The docs cannot drift: docs/functions.md is what the build writes from the registry, docs/settings.md
// names every key of the settings schema, and nothing cites a file that is not in the repository.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FUNCTIONS_DOC, functionsMarkdown } from '../scripts/functionsDoc';
import { CUSTOM_FUNCTIONS } from '../src/functions/registry';
import { settingsSchema } from '../src/settings/schema';
import { ROLES } from '../src/tracker/headers';

/** A zod (mini) schema seen through its definition: enough to walk objects, arrays and wrappers. */
interface SchemaNode {
  _zod: { def: { type: string; shape?: Record<string, SchemaNode>; innerType?: SchemaNode; element?: SchemaNode } };
}

/** Every key path of the settings document: `sla.rotation[].email`, `sources.deals.sheet`, … */
function settingsKeys(node: SchemaNode, path = ''): string[] {
  const def = node._zod.def;
  if (def.type === 'object')
    return Object.entries(def.shape ?? {}).flatMap(([key, child]) => [path + key, ...settingsKeys(child, `${path}${key}.`)]);
  if (def.innerType) return settingsKeys(def.innerType, path);
  if (def.type === 'array' && def.element) return settingsKeys(def.element, `${path.replace(/\.$/, '')}[].`);
  return [];
}

const mentioned = (doc: string, key: string) => doc.includes(`\`${key}\``);

describe('the docs', () => {
  it('docs/functions.md is exactly what the build writes from the registry (run npx tsx scripts/build.ts)', () => {
    expect(readFileSync(FUNCTIONS_DOC, 'utf8')).toBe(functionsMarkdown(CUSTOM_FUNCTIONS));
  });

  it('docs/functions.md has a part, its parameters and its example for every registered function', () => {
    const doc = functionsMarkdown(CUSTOM_FUNCTIONS);
    for (const f of CUSTOM_FUNCTIONS) {
      expect(doc, f.name).toContain(`## \`${f.name}(`);
      expect(doc, f.name).toContain(f.example.formula);
      for (const p of f.params) expect(doc, `${f.name} ${p.name}`).toContain(`| \`${p.name}\` | ${p.type} |`);
    }
  });

  it('the settings key walk sees nested objects, arrays of objects and defaults', () => {
    const keys = settingsKeys(settingsSchema() as unknown as SchemaNode);
    expect(keys).toEqual(
      expect.arrayContaining([
        'version',
        'sources.deals.stageDates[].column',
        'sla.workingHours.from',
        'sla.rotation[].onDuty',
        'plans[].revenuePerMonth',
      ]),
    );
  });

  it('docs/settings.md mentions every key of settings.json, and every column role', () => {
    const doc = readFileSync('docs/settings.md', 'utf8');
    // A source's keys are documented once for deals, activities and leads: `stageDates[].stage`.
    const missing = settingsKeys(settingsSchema() as unknown as SchemaNode).filter(
      (key) => !mentioned(doc, key) && !mentioned(doc, key.replace(/^sources\.\w+\./, '')),
    );
    const roles = [...new Set(Object.values(ROLES).flat())].filter((role) => !mentioned(doc, role));
    expect(missing).toEqual([]);
    expect(roles).toEqual([]);
  });

  it('README.md is short and every relative link in it and in docs/ leads to a file of the repository', () => {
    const readme = readFileSync('README.md', 'utf8');
    expect(readme.split('\n').length).toBeLessThan(200);
    const pages = [
      'README.md',
      ...readdirSync('docs')
        .filter((f) => f.endsWith('.md'))
        .map((f) => join('docs', f)),
    ];
    const broken = pages.flatMap((page) =>
      [...readFileSync(page, 'utf8').matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)]
        .map((m) => m[1])
        .filter((target) => !/^\w+:/.test(target) && !existsSync(join(dirname(page), target)))
        .map((target) => `${page} → ${target}`),
    );
    expect(broken).toEqual([]);
  });

  it('no source, test, script or doc cites the product contract, a file outside the repository', () => {
    const outside = ['PRODUCT', 'md'].join('.');
    const walk = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
    const files = [...['src', 'test', 'scripts', 'bench', 'dev', 'docs', '.ci'].flatMap(walk), 'README.md', 'package.json'];
    const texts = files.filter((f) => /\.(ts|md|json|html|css|js)$|^\.ci\//.test(f)).map((f) => [f, readFileSync(f, 'utf8')] as const);
    expect(texts.filter(([, text]) => text.includes(outside)).map(([f]) => f)).toEqual([]);
    // What they cite instead must be there: every docs/….md named anywhere is a page of the repository.
    const cited = texts.flatMap(([f, text]) => [...text.matchAll(/\bdocs\/[\w-]+\.md\b/g)].map((m) => `${f} → ${m[0]}`));
    expect(cited.length).toBeGreaterThan(10);
    expect(cited.filter((c) => !existsSync(c.split(' → ')[1]))).toEqual([]);
  });
});
