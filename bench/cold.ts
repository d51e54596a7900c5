// Cold executions, as Apps Script pays them: every cell that calls a custom function is its own
// execution — a fresh context that compiles and evaluates the whole bundle (no code cache), reads the
// settings, and makes one call. Each sample here is exactly that: a new context and the bundle's
// source made unique (so V8's in-process compilation cache cannot hit), timed from compile to the
// answer. The baseline is a bare bundle compiled and run the same way, whose one function touches
// every cell the call reads (a Date's time, a string's length).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import vm from 'node:vm';
import { DIST_DIR } from '../dev/host/index';
import { realmOf } from '../dev/host/realm';
import { sampleTracker } from '../src/sample/tracker';
import { saveSettings, type PropertyStore } from '../src/settings/storage';
import { CALLS, columns } from './functions';
import { median, table } from './measure';

/** The bare bundle: one function that touches every cell of its range arguments, and nothing more. */
export const BARE_BUNDLE = `var Bare=(function(){function touch(args){var n=0;for(var a=0;a<args.length;a++){var arg=args[a];if(!Array.isArray(arg)||arg.length<100)continue;for(var r=0;r<arg.length;r++){var row=arg[r];for(var c=0;c<row.length;c++){var v=row[c];if(v instanceof Date)n+=v.getTime()>0?1:0;else if(typeof v==='string')n+=v.length>0?1:0;else if(v!==null&&v!=='')n++;}}}return n}return{touch:touch}})();`;

/** The document properties of a spreadsheet whose settings were saved by the sidebar (the sample's). */
function storedSettings(): Record<string, string> {
  const data = new Map<string, string>();
  const store = {
    getProperties: () => Object.fromEntries(data),
    setProperty: (k: string, v: string) => data.set(k, v),
    setProperties: (p: Record<string, string>) => { for (const [k, v] of Object.entries(p)) data.set(k, v); },
    deleteProperty: (k: string) => data.delete(k),
  } as unknown as PropertyStore;
  saveSettings(store, sampleTracker('en', Date.UTC(2026, 10, 27)).settings);
  return Object.fromEntries(data);
}

function freshContext(properties: Record<string, string>): vm.Context {
  return vm.createContext({
    SpreadsheetApp: { getActiveSpreadsheet: () => ({ getSpreadsheetLocale: () => 'en_US', getSpreadsheetTimeZone: () => 'UTC' }) },
    PropertiesService: { getDocumentProperties: () => ({ getProperties: () => ({ ...properties }) }) },
  });
}

let unique = 0;
/**
 * One cold execution: a fresh context, the bundle compiled (uncached) and evaluated, one call. Copying
 * the arguments into the context (Sheets' work, not ours) is left out of the time.
 */
function coldOnce(source: string, properties: Record<string, string>, args: unknown[], call: (ctx: vm.Context, a: unknown[]) => unknown): number {
  const t0 = performance.now();
  const context = freshContext(properties);
  const made = performance.now() - t0;
  const a = realmOf(context).toScript(args);
  const code = `${source}\n//${++unique}`;
  const t1 = performance.now();
  new vm.Script(code).runInContext(context);
  call(context, a);
  return made + performance.now() - t1;
}

const spread = (xs: number[]) => `${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)}`;

export function benchCold(rows = 1_000, samples = 9): string {
  const code = readFileSync(join(DIST_DIR, 'Code.js'), 'utf8');
  const stored = storedSettings();
  const cols = columns(rows);
  const out: string[][] = [];
  for (const [name, argsOf] of CALLS) {
    const args = argsOf(cols);
    const fn = (ctx: vm.Context, a: unknown[]) => (ctx as Record<string, (...x: unknown[]) => unknown>)[name](...a);
    const bare = (ctx: vm.Context, a: unknown[]) => (ctx as { Bare: { touch: (x: unknown[]) => number } }).Bare.touch(a);
    const withSettings: number[] = [];
    const without: number[] = [];
    const floor: number[] = [];
    // Interleaved, so a slow moment of a shared machine falls on all three alike.
    for (let i = 0; i < samples; i++) {
      withSettings.push(coldOnce(code, stored, args, fn));
      without.push(coldOnce(code, {}, args, fn));
      floor.push(coldOnce(BARE_BUNDLE, {}, args, bare));
    }
    const f = median(floor);
    out.push([name, `${median(withSettings).toFixed(1)} (${spread(withSettings)})`, `${median(without).toFixed(1)} (${spread(without)})`, `${f.toFixed(1)} (${spread(floor)})`, (median(withSettings) / f).toFixed(2), (median(without) / f).toFixed(2)]);
  }
  return table(['function', 'cold, settings stored: median ms (range)', 'cold, none stored', 'bare bundle', '× bare (stored)', '× bare (none)'], out);
}
