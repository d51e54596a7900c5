// Benchmarks of the custom functions (issue 2): each against a bare single pass over the same cells.
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import vm from 'node:vm';
import { HyperFormula } from 'hyperformula';
import { DIST_DIR } from '../dev/host/index';
import { realmOf } from '../dev/host/realm';
import { median, table, time } from './measure';

const STAGES = ['Lead', 'Meeting', 'Proposal', 'Paid'];
const TYPES = ['Call', 'Meeting', 'Email', 'Proposal sent', 'Call', 'Call'];
const day = 86_400_000;

/** Deterministic pseudo-random numbers, so every run measures the same cells. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

export function columns(n: number) {
  const r = random(n);
  const start = new Date(2024, 0, 1).getTime();
  const col = <T>(f: (i: number) => T) => Array.from({ length: n }, (_, i) => [f(i)]);
  const created = col(() => new Date(start + Math.floor(r() * 300) * day + Math.floor(r() * 600) * 60_000));
  return {
    stage: col(() => STAGES[Math.floor(r() * 4)]),
    status: col(() => (r() < 0.3 ? 'Won' : r() < 0.5 ? 'Lost' : '')),
    created,
    closed: created.map(([c]) => [new Date(c.getTime() + Math.floor(r() * 60) * day)]),
    responded: created.map(([c]) => [r() < 0.1 ? '' : new Date(c.getTime() + Math.floor(r() * 30) * 60_000)]),
    activities: Array.from({ length: n }, () => [TYPES[Math.floor(r() * TYPES.length)], r() < 0.2 ? 'Встреча назначена' : '']),
    client: col(() => `Client ${Math.floor(r() * n * 0.4)}`),
    /** A stage history: about four entries per deal, each deal's stages in funnel order, days apart. */
    deal: col((i) => `D${Math.floor(i / 4)}`),
    entered: col((i) => STAGES[i % 4]),
    enteredAt: col((i) => new Date(start + Math.floor(i / 4) * 3_600_000 + (i % 4) * Math.floor(1 + r() * 20) * day)),
    plan: col(() => 10),
    fact: col(() => Math.floor(r() * 15)),
  };
}

type Columns = ReturnType<typeof columns>;

export const CALLS: [string, (c: Columns) => unknown[], (c: Columns) => unknown][] = [
  ['FUNNEL', (c) => [c.stage, [STAGES], c.status], (c) => c.stage],
  ['STAGE_CONVERSION', (c) => [c.stage, 'Lead', 'Paid', [STAGES], c.status], (c) => c.stage],
  ['DEAL_CYCLE', (c) => [c.created, c.closed, 'median'], (c) => c.created],
  ['STALLED_DEALS', (c) => [c.closed, 14, c.status, new Date(2025, 0, 1)], (c) => c.closed],
  ['TIME_IN_STAGE', (c) => [c.deal, c.entered, c.enteredAt, 'Meeting', 'median'], (c) => c.deal],
  ['RESPONSE_TIME', (c) => [c.created, c.responded], (c) => c.created],
  ['SLA_BREACH_RATE', (c) => [c.created, c.responded, 10, new Date(2025, 0, 1)], (c) => c.created],
  ['EFFECTIVE_TOUCHES', (c) => [c.activities], (c) => c.activities],
  ['REPEAT_RATE', (c) => [c.client, c.status], (c) => c.client],
  ['PLAN_FACT', (c) => [c.plan, c.fact], (c) => c.plan],
  ['PLAN_DISCIPLINE', (c) => [c.plan, c.fact], (c) => c.plan],
  [
    'FORECAST_REVENUE',
    (c) => [c.stage, c.status, c.fact, c.created, c.closed, new Date(2024, 9, 1), new Date(2024, 11, 31), new Date(2024, 9, 15), [STAGES]],
    (c) => c.stage,
  ],
];

/**
 * The floor: one pass that touches every cell the function reads — a Date's time, a string's length,
 * a number's value — and nothing more (defined in the script's realm, like the bundle, with the same
 * built-ins as locals: in a Node vm context every global read goes through an interceptor).
 */
const FLOOR_PASS = `(function (Array, Date) { return function floorPass(args) {
  let seen = 0;
  for (const arg of args) {
    if (!Array.isArray(arg) || arg.length < 100) continue;
    for (const row of arg) for (const cell of row) {
      if (cell instanceof Date) seen += cell.getTime() > 0 ? 1 : 0;
      else if (typeof cell === 'string') seen += cell.length > 0 ? 1 : 0;
      else if (cell !== null) seen += cell === cell ? 1 : 0;
    }
  }
  return seen;
}; })(Array, Date)`;

/** The least work that counts distinct clients: every client cell added to a Set (what REPEAT_RATE cannot do without). */
const SET_PASS = `(function (Set) { return function setPass(rows) {
  const seen = new Set();
  for (const row of rows) seen.add(row[0]);
  return seen.size;
}; })(Set)`;

function loadBundle(code: string, zone = 'UTC'): vm.Context {
  const context = vm.createContext({
    SpreadsheetApp: { getActiveSpreadsheet: () => ({ getSpreadsheetLocale: () => 'en_US', getSpreadsheetTimeZone: () => zone }) },
    PropertiesService: { getDocumentProperties: () => ({ getProperties: () => ({}) }) },
  });
  vm.runInContext(code, context);
  return context;
}

/** One function at one size, measured in this process: the first call, then warm calls, then the floor. */
function warmSample(name: string, n: number, zone: string): { first: number; fn: number[]; floor: number[] } {
  const code = readFileSync(join(DIST_DIR, 'Code.js'), 'utf8');
  const argsOf = CALLS.find(([f]) => f === name)![1];
  const runs = n >= 1_000_000 ? 5 : 9;
  // Warm means steady: enough calls first for V8's optimising compiler to have finished with the
  // function's loops (with three, some functions were still being optimised while timed).
  const warmUp = n >= 1_000_000 ? 4 : 10;
  const vmContext = loadBundle(code, zone);
  const fn = (vmContext as Record<string, (...a: unknown[]) => unknown>)[name];
  const floorPass = vm.runInContext(FLOOR_PASS, vmContext) as (args: unknown[]) => number;
  // Arguments are built in the script's realm, as Sheets hands them over.
  const a = realmOf(vmContext).toScript(argsOf(columns(n)));
  // The first call in a fresh context is what every Apps Script execution pays; later calls are warm.
  const t0 = performance.now();
  fn(...a);
  const first = performance.now() - t0;
  // One after the other, not interleaved: interleaved, the floor paid for collecting the garbage
  // the function had just left.
  const fnRuns = time(() => fn(...a), runs, warmUp);
  const floorRuns = time(() => floorPass(a), runs, warmUp);
  return { first, fn: fnRuns, floor: floorRuns };
}

/**
 * Each function at each size in Node processes of its own, in a fresh context: in one process the
 * heap left by the functions measured before (million-row columns, their contexts) made the
 * collections of later ones longer, and an allocating function's ratio moved by half from run to
 * run. Even alone, a process's ratio moves by a fifth or more from one process to the next (where
 * V8 happens to optimise a long loop mid-call, what the machine's neighbours do): `processes` of
 * them are run and the median ratio reported, with the spread of the processes' ratios.
 * BENCH_ONLY=FUNNEL,DEAL_CYCLE measures only those (as does `names`); `zone` is the spreadsheet's.
 */
export function benchFunctions(sizes: number[], processes = 3, zone = 'UTC', names?: string[]): string {
  const only = names ?? process.env.BENCH_ONLY?.split(',');
  const rows: string[][] = [];
  for (const n of sizes) {
    for (const [name] of CALLS.filter(([f]) => !only || only.includes(f))) {
      const samples = Array.from({ length: processes }, () => {
        const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--warm', name, String(n), zone], {
          encoding: 'utf8',
          maxBuffer: 1 << 24,
        });
        if (child.status !== 0)
          throw new Error(`warm benchmark of ${name} failed: ${(child.stderr || child.stdout).trim().split('\n').pop()}`);
        const { first, fn, floor } = JSON.parse(child.stdout.trim().split('\n').pop()!) as ReturnType<typeof warmSample>;
        return { first, fn: median(fn), floor: median(floor), ratio: median(fn) / median(floor) };
      });
      // The process whose ratio is the median one speaks for the size; the others give the spread.
      const ratios = samples.map((x) => x.ratio);
      const mid = [...samples].sort((a, b) => a.ratio - b.ratio)[(samples.length - 1) >> 1];
      const all = (pick: (x: (typeof samples)[number]) => number) => samples.map(pick);
      rows.push([
        name,
        n.toLocaleString('en'),
        median(all((x) => x.first)).toFixed(1),
        `${mid.fn.toFixed(1)} (${Math.min(...all((x) => x.fn)).toFixed(1)}–${Math.max(...all((x) => x.fn)).toFixed(1)})`,
        mid.floor.toFixed(1),
        `${mid.ratio.toFixed(2)} (${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)})`,
      ]);
    }
  }
  return table(
    [
      'function',
      'rows',
      'first call ms (median)',
      'warm: ms (range over processes)',
      'touching floor ms',
      'warm × floor: median (range over processes)',
    ],
    rows,
  );
}

/**
 * REPEAT_RATE without statuses (every row a purchase) against two floors: the touching floor, and a
 * pass that puts every client text in a Set. Counting distinct clients needs a hash of each text;
 * the touching floor reads a length.
 */
export function benchRepeatHashing(sizes: number[]): string {
  const code = readFileSync(join(DIST_DIR, 'Code.js'), 'utf8');
  const rows: string[][] = [];
  for (const n of sizes) {
    const cols = columns(n);
    const runs = n >= 1_000_000 ? 5 : 9;
    const warmUp = n >= 1_000_000 ? 4 : 10;
    const vmContext = loadBundle(code);
    const repeatRate = (vmContext as Record<string, (...a: unknown[]) => unknown>).REPEAT_RATE;
    const floorPass = vm.runInContext(FLOOR_PASS, vmContext) as (args: unknown[]) => number;
    const setPass = vm.runInContext(SET_PASS, vmContext) as (rows: unknown[][]) => number;
    const [client] = realmOf(vmContext).toScript([cols.client]) as [unknown[][]];
    const distinct = setPass(client);
    const fn = median(time(() => repeatRate(client), runs, warmUp));
    const touch = median(time(() => floorPass([client]), runs, warmUp));
    const set = median(time(() => setPass(client), runs, warmUp));
    rows.push([
      n.toLocaleString('en'),
      distinct.toLocaleString('en'),
      fn.toFixed(1),
      touch.toFixed(1),
      set.toFixed(1),
      (fn / touch).toFixed(2),
      (fn / set).toFixed(2),
      (set / touch).toFixed(2),
    ]);
  }
  return table(
    ['rows', 'distinct clients', 'REPEAT_RATE ms', 'touching floor ms', 'Set of the texts ms', '× touching', '× Set', 'Set × touching'],
    rows,
  );
}

export function benchBundle(): string {
  const path = join(DIST_DIR, 'Code.js');
  const code = readFileSync(path, 'utf8');
  const script = new vm.Script(code);
  const evaluate = median(time(() => script.runInContext(vm.createContext({})), 30));
  // The source made unique each time: V8's in-process compilation cache would otherwise answer.
  let unique = 0;
  const compile = median(time(() => new vm.Script(`${code}\n//${++unique}`), 15));
  const compileAndEvaluate = median(time(() => new vm.Script(`${code}\n//${++unique}`).runInContext(vm.createContext({})), 15));
  return table(
    ['measure', 'value'],
    [
      ['dist/Code.js size (every execution compiles it)', `${(statSync(path).size / 1024).toFixed(1)} KB`],
      [
        'dist/Actions.html size (only menu items, the sidebar and triggers evaluate it)',
        `${(statSync(join(DIST_DIR, 'Actions.html')).size / 1024).toFixed(1)} KB`,
      ],
      ['compile, uncached', `${compile.toFixed(2)} ms`],
      ['fresh-context evaluation (precompiled)', `${evaluate.toFixed(2)} ms`],
      ['fresh-context compile (uncached) + evaluation', `${compileAndEvaluate.toFixed(2)} ms`],
    ],
  );
}

/**
 * HyperFormula computing the native-formula equivalents of FUNNEL (without statuses: COUNTIF of each
 * stage and the later ones) and DEAL_CYCLE's median (MEDIAN of closed − created). Its references are
 * qualified with the data sheet's name (unqualified ones would point at its own formulas sheet) and
 * its row limit raised; its answers are checked against ours before anything is timed.
 */
export function benchHyperFormula(sizes: number[]): string {
  const code = readFileSync(join(DIST_DIR, 'Code.js'), 'utf8');
  const rows: string[][] = [];
  for (const n of sizes) {
    const c = columns(n);
    const serial = (d: Date) => d.getTime() / day + 25569;
    const data = c.stage.map(([s], i) => [s, serial(c.created[i][0]), serial(c.closed[i][0])]);
    const formulas = [
      ...STAGES.map((_, i) => [
        `=${STAGES.slice(i)
          .map((s) => `COUNTIF(data!A1:A${n},"${s}")`)
          .join('+')}`,
      ]),
      [`=MEDIAN(FILTER(data!C1:C${n}-data!B1:B${n},data!C1:C${n}<>""))`],
    ];
    const config = { licenseKey: 'gpl-v3', useArrayArithmetic: true, maxRows: n + 10 };
    const compute = () => {
      const hf = HyperFormula.buildFromSheets({ data, formulas }, config);
      const values = hf.getSheetValues(hf.getSheetId('formulas')!).map((r) => r[0]);
      hf.destroy();
      return values;
    };
    // Ours, in the script's realm as Sheets hands values over (copied there once, not timed).
    const context = loadBundle(code);
    const fns = context as Record<string, (...a: unknown[]) => unknown>;
    const [stage, stages, created, closed] = realmOf(context).toScript([c.stage, [STAGES], c.created, c.closed]);
    const ours = () => [fns.FUNNEL(stage, stages), fns.DEAL_CYCLE(created, closed, 'median')] as const;
    const [table_, cycle] = ours();
    const funnel = (table_ as unknown[][]).slice(1).map((r) => r[1]);
    const theirs = compute();
    if (JSON.stringify(theirs) !== JSON.stringify([...funnel, cycle]))
      throw new Error(`HyperFormula disagrees at ${n} rows: ${JSON.stringify(theirs)} vs ${JSON.stringify([...funnel, cycle])}`);
    rows.push([n.toLocaleString('en'), median(time(compute, 3, 1)).toFixed(1), median(time(ours, 5)).toFixed(1), JSON.stringify(theirs)]);
  }
  return table(
    [
      'rows',
      'HyperFormula: build + COUNTIF funnel + MEDIAN(FILTER) cycle, ms',
      'ours: FUNNEL + DEAL_CYCLE, ms',
      'both answered (reached per stage, median days)',
    ],
    rows,
  );
}

if (process.argv[2] === '--warm')
  console.log(JSON.stringify(warmSample(process.argv[3], Number(process.argv[4]), process.argv[5] ?? 'UTC')));
