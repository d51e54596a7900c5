// The whole build: server bundle, generated top-level stubs, sidebar page, manifest → dist/.
import { build, type Plugin } from 'esbuild';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ACTIONS_FILE, CORE_ENTRY_POINTS } from '../src/core';
import { CUSTOM_FUNCTIONS } from '../src/functions/registry';
import { ENTRY_POINTS } from '../src/main';
import type { CustomFunctionSpec } from '../src/functions/spec';
import { bigqueryManifest, manifest } from './manifest';
import { buildSidebar } from './sidebar';
import { FUNCTIONS_DOC, functionsMarkdown } from './functionsDoc';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(root, 'dist');
/** The one private global Code.js defines; every public stub forwards to it. */
export const BUNDLE_GLOBAL = 'SalesKPI';
/** The actions bundle's name inside its own code (it is evaluated as an expression, so it defines no global). */
const ACTIONS_GLOBAL = 'SalesKPIActions';

function jsdocLine(text: string): string {
  return text.replace(/\*\//g, '* /');
}

/** A custom function's stub: named parameters and the JSDoc Sheets' autocomplete reads. */
export function customFunctionStub(spec: CustomFunctionSpec): string {
  const names = spec.params.map((p) => p.name);
  const doc = [
    '/**',
    ` * ${jsdocLine(spec.summary)}`,
    ' *',
    ...spec.params.map((p) => ` * @param {${p.type}} ${p.name} ${p.optional ? '[optional] ' : ''}${jsdocLine(p.help)}`),
    ` * @return ${jsdocLine(spec.returns)}`,
    ' * @customfunction',
    ' */',
  ];
  return `${doc.join('\n')}\nfunction ${spec.name}(${names.join(', ')}) {\n  return ${BUNDLE_GLOBAL}.runCustomFunction(${JSON.stringify(spec.name)}, [${names.join(', ')}]);\n}\n`;
}

/** An entry point's stub: the menu's run from Code.js itself, every other one through the actions bundle. */
export function entryPointStub(name: string, params: readonly string[], doc: string, inCore: boolean): string {
  const call = inCore
    ? `${BUNDLE_GLOBAL}.CORE_ENTRY_POINTS.${name}.run(${params.join(', ')})`
    : `${BUNDLE_GLOBAL}.runAction(${JSON.stringify(name)}, [${params.join(', ')}])`;
  return `/** ${jsdocLine(doc)} */\nfunction ${name}(${params.join(', ')}) {\n  return ${call};\n}\n`;
}

/**
 * Every built-in the bundle uses (test/bundle.test.ts holds it), handed in as parameters: see
 * withLocalBuiltIns. Not Intl: read once per call, inside the try that falls back to the script's
 * zone, so a runtime without it still loads the bundle.
 */
const BUILT_INS = [
  'Array',
  'Math',
  'Number',
  'Object',
  'String',
  'Float64Array',
  'Int32Array',
  'Uint32Array',
  'Uint8Array',
  'Map',
  'Set',
  'Error',
  'JSON',
  'RegExp',
  'Date',
  'Symbol',
  'Reflect',
  'NaN',
  'Boolean',
  'WeakMap',
];

/**
 * `var SalesKPI=(()=>{…})();` → `(function(Array,Math,…){return (()=>{…})()})(Array,Math,…)`, an
 * expression. Inside, built-ins are local variables instead of global lookups: cheaper everywhere,
 * and much cheaper in a Node vm context (the local host), where every global read goes through an
 * interceptor.
 */
export function withLocalBuiltIns(iife: string, globalName: string): string {
  const m = new RegExp(`^("use strict";)?var ${globalName}=([\\s\\S]*);\\s*$`).exec(iife);
  if (!m) throw new Error(`Unexpected bundle shape: expected \`var ${globalName}=(()=>{…})();\``);
  const names = BUILT_INS.join(',');
  return `(function(${names}){${m[1] ?? ''}return ${m[2]}})(${names})`;
}

/** Google's HTML templates treat `<?` and `?>` as scriptlet marks; the actions' code must hold neither. */
export function checkNoScriptletMarks(code: string): void {
  const at = code.search(/<\?|\?>/);
  if (at >= 0)
    throw new Error(
      `The actions bundle holds a scriptlet mark at ${at}: "${code.slice(Math.max(0, at - 30), at + 30)}" — change the source so that the built code holds neither mark.`,
    );
}

/** The help of the custom functions: read by the build (JSDoc stubs and docs/functions.md), never at run time. */
const HELP_FIELD = /\b(summary|returns|help|formula|gives):\s*'(?:[^'\\\n]|\\.)*'/g;

/**
 * Leaves the help text out of Code.js's copy of src/functions/: the stubs' JSDoc already carries it
 * (built from the sources), and every execution would compile it again. Each file must lose exactly
 * the fields it declares, so a new way of writing them fails the build instead of slipping through.
 */
export function withoutHelp(source: string, file: string): string {
  const declared = source.match(/\b(summary|returns|help|formula|gives):/g)?.length ?? 0;
  let stripped = 0;
  const out = source.replace(HELP_FIELD, (_m, field: string) => (stripped++, `${field}: ''`));
  if (stripped !== declared)
    throw new Error(
      `${file}: ${declared - stripped} help fields are not single-quoted one-line strings (after the colon, on its line or the next)`,
    );
  return out;
}

const stripHelp: Plugin = {
  name: 'strip-help',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]functions[\\/]\w+\.ts$/ }, (args) => ({
      contents: withoutHelp(readFileSync(args.path, 'utf8'), args.path),
      loader: 'ts',
    }));
  },
};

const bundleOf = async (entry: string, globalName: string, plugins: Plugin[] = []) => {
  const result = await build({
    plugins,
    entryPoints: [join(root, entry)],
    bundle: true,
    format: 'iife',
    globalName,
    target: 'es2020',
    platform: 'neutral',
    // Whole minification: every custom-function call evaluates Code.js, so its size is time.
    minifyWhitespace: true,
    minifySyntax: true,
    // PROFILE_NAMES=1 keeps function names, for reading a CPU profile of the bundle.
    minifyIdentifiers: process.env.PROFILE_NAMES !== '1',
    treeShaking: true,
    legalComments: 'none',
    write: false,
    charset: 'utf8',
  });
  return withLocalBuiltIns(result.outputFiles[0].text, globalName);
};

export interface BuildOptions {
  /** The BigQuery build: the same code, a manifest that enables the BigQuery advanced service and its scope. */
  bigquery?: boolean;
  /** Where to write (default dist/); tests build the BigQuery build into a folder of their own. */
  dist?: string;
}

/** Writes a file whole or not at all: a test reading the build meanwhile never sees half of it. */
function writeWhole(path: string, text: string): void {
  const part = `${path}.${process.pid}.part`;
  writeFileSync(part, text);
  renameSync(part, path);
}

export async function buildAll(options: BuildOptions = {}): Promise<{ codeBytes: number; actionsBytes: number; sidebarBytes: number }> {
  const dist = options.dist ?? DIST;
  mkdirSync(dist, { recursive: true });
  const stubs = [
    ...CUSTOM_FUNCTIONS.map(customFunctionStub),
    ...Object.entries(CORE_ENTRY_POINTS).map(([name, e]) => entryPointStub(name, e.params, e.doc, true)),
    ...Object.entries(ENTRY_POINTS).map(([name, e]) => entryPointStub(name, e.params, e.doc, false)),
  ];
  const code = `// Sales KPI for Google Sheets — generated by scripts/build.ts; edit src/, not this file.\nvar ${BUNDLE_GLOBAL}=${await bundleOf('src/core.ts', BUNDLE_GLOBAL, [stripHelp])};\n${stubs.join('\n')}`;
  // The actions: one expression that Code.js evaluates when a menu item, the sidebar or a trigger runs.
  const actions = await bundleOf('src/main.ts', ACTIONS_GLOBAL);
  checkNoScriptletMarks(actions);
  writeWhole(join(dist, 'Code.js'), code);
  writeWhole(join(dist, `${ACTIONS_FILE}.html`), actions);
  writeWhole(join(dist, 'appsscript.json'), `${JSON.stringify(options.bigquery ? bigqueryManifest() : manifest, null, 2)}\n`);
  const sidebar = await buildSidebar(root);
  writeWhole(join(dist, 'Sidebar.html'), sidebar);
  // The function reference is generated too: it cannot drift from the stubs (test/docs.test.ts).
  if (!options.dist) writeWhole(join(root, FUNCTIONS_DOC), functionsMarkdown(CUSTOM_FUNCTIONS));
  return { codeBytes: Buffer.byteLength(code), actionsBytes: Buffer.byteLength(actions), sidebarBytes: Buffer.byteLength(sidebar) };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  // --bigquery: the BigQuery build, into dist/ as well, so `npx clasp push --force` deploys it (docs/deploying.md).
  const bigquery = process.argv.includes('--bigquery');
  const { codeBytes, actionsBytes, sidebarBytes } = await buildAll({ bigquery });
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  // On stderr: `npm start --silent -- … --print-settings > settings.json` must get the JSON alone.
  console.error(
    `dist/Code.js ${kb(codeBytes)} · dist/${ACTIONS_FILE}.html ${kb(actionsBytes)} · dist/Sidebar.html ${kb(sidebarBytes)} · dist/appsscript.json${bigquery ? ' (with the BigQuery advanced service)' : ''}`,
  );
}
