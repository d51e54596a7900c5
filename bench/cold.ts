// Cold executions, as Apps Script pays them: every cell that calls a custom function is its own
// execution — a fresh context that compiles and evaluates the whole bundle (no code cache), reads the
// settings, and makes one call. Each sample here is exactly that in the local host: a new host (a
// fresh V8 context with its services) and the bundle's source made unique (so V8's in-process
// compilation cache cannot hit), timed from the context's creation to the answer. The baseline is a
// bare bundle run the same way, whose one function touches every cell the call reads (a Date's
// time, a string's length).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { createHost, DIST_DIR } from '../dev/host/index';
import { sampleTracker } from '../src/sample/tracker';
import { saveSettings } from '../src/settings/storage';
import { CALLS, columns } from './functions';
import { median, table } from './measure';

/** The bare bundle: one function that touches every cell of its range arguments, and nothing more. */
export const BARE_BUNDLE = `function BARE(){var args=arguments,n=0;for(var a=0;a<args.length;a++){var arg=args[a];if(!Array.isArray(arg)||arg.length<100)continue;for(var r=0;r<arg.length;r++){var row=arg[r];for(var c=0;c<row.length;c++){var v=row[c];if(v instanceof Date)n+=v.getTime()>0?1:0;else if(typeof v==='string')n+=v.length>0?1:0;else if(v!==null&&v!=='')n++;}}}return n}`;

/** The document properties of a spreadsheet whose settings were saved as the sidebar saves them (the sample's). */
function storedSettings(): Record<string, string> {
  const { documentProperties } = createHost();
  saveSettings(documentProperties, sampleTracker('en', Date.UTC(2026, 10, 27)).settings);
  return documentProperties.getProperties();
}

let unique = 0;

/**
 * One cold execution as the local host runs one: a fresh host (its context, its services) loading
 * the bundle — compiled afresh, its source made unique — then one call in CUSTOM_FUNCTION mode.
 * Storing the settings between the two is left out of the time (in Sheets they are already there).
 */
function coldOnce(source: string, properties: Record<string, string>, name: string, args: unknown[], zone: string): number {
  const t0 = performance.now();
  const host = createHost({ code: `${source}\n//${++unique}`, spreadsheetTimeZone: zone, enabled: true });
  const made = performance.now() - t0;
  if (Object.keys(properties).length) host.documentProperties.setProperties(properties);
  const t1 = performance.now();
  host.runCustomFunction(name, ...args);
  return made + performance.now() - t1;
}

const spread = (xs: number[]) => `${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)}`;

/** One function's samples, in this process: [settings stored, none stored, bare bundle], ms each. */
function sampleFunction(name: string, rows: number, samples: number, zone: string): number[][] {
  const code = readFileSync(join(DIST_DIR, 'Code.js'), 'utf8');
  const stored = storedSettings();
  const cols = columns(rows);
  const argsOf = CALLS.find(([n]) => n === name)![1];
  const args = argsOf(cols);
  // The local host's own code (contexts, services, the realm's copying) is JIT-compiled by Node on
  // its first uses; Google's host is not ours to warm. Exercise it first.
  for (let i = 0; i < 5; i++) {
    coldOnce(code, stored, name, args, zone);
    coldOnce(BARE_BUNDLE, {}, 'BARE', args, zone);
  }
  const withSettings: number[] = [];
  const without: number[] = [];
  const floor: number[] = [];
  // Interleaved, so a slow moment of a shared machine falls on all three alike.
  for (let i = 0; i < samples; i++) {
    withSettings.push(coldOnce(code, stored, name, args, zone));
    without.push(coldOnce(code, {}, name, args, zone));
    floor.push(coldOnce(BARE_BUNDLE, {}, 'BARE', args, zone));
  }
  return [withSettings, without, floor];
}

/**
 * `zone` is the spreadsheet's (UTC by default, whatever this machine's zone: a named zone with
 * offsets to learn costs a date function an Intl formatter); `only` names the functions to measure.
 * Each function in a Node process of its own: hundreds of contexts made one after another leave a
 * heap that slows every later sample, so in one process the functions measured last came out
 * slowest whatever they did (PLAN_FACT, which does least, came out among the worst).
 */
export function benchCold(rows = 1_000, samples = 9, zone = 'UTC', only?: readonly string[]): string {
  const out: string[][] = [];
  for (const [name] of CALLS) {
    if (only && !only.includes(name)) continue;
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(import.meta.url), '--one', name, String(rows), String(samples), zone],
      { encoding: 'utf8', maxBuffer: 1 << 24 },
    );
    if (child.status !== 0) throw new Error(`cold benchmark of ${name} failed: ${(child.stderr || child.stdout).trim().split('\n').pop()}`);
    const [withSettings, without, floor] = JSON.parse(child.stdout.trim().split('\n').pop()!) as number[][];
    const f = median(floor);
    out.push([
      name,
      `${median(withSettings).toFixed(1)} (${spread(withSettings)})`,
      `${median(without).toFixed(1)} (${spread(without)})`,
      `${f.toFixed(1)} (${spread(floor)})`,
      (median(withSettings) / f).toFixed(2),
      (median(without) / f).toFixed(2),
    ]);
  }
  return table(
    ['function', 'cold, settings stored: median ms (range)', 'cold, none stored', 'bare bundle', '× bare (stored)', '× bare (none)'],
    out,
  );
}

if (process.argv[2] === '--one')
  console.log(JSON.stringify(sampleFunction(process.argv[3], Number(process.argv[4]), Number(process.argv[5]), process.argv[6])));

// Run alone (`npx tsx bench/cold.ts`, docs/performance.md): the cold table on 1,000 rows, in UTC.
if (process.argv[1]?.endsWith('cold.ts') && process.argv.length === 2) console.log(benchCold());
