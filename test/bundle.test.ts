// dist/Code.js as Apps Script runs it: a fresh V8 context, top-level function declarations, Sheets-shaped arguments.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { CUSTOM_FUNCTIONS } from '../src/functions/registry';
import { DIST_DIR } from '../dev/host/index';
import { hasDatasets, MAVEN, OLIST_DEALS, OLIST_LEADS, readRecords, SKIP_REASON } from './helpers/datasets';

const SERVICES = [
  'SpreadsheetApp',
  'PropertiesService',
  'ScriptApp',
  'LockService',
  'HtmlService',
  'Session',
  'Utilities',
  'MailApp',
  'CacheService',
  'Charts',
  'DriveApp',
  'UrlFetchApp',
];
let code: string;

/** A service whose every touch is recorded and refused. */
function trap(name: string, touched: string[]) {
  return new Proxy(
    {},
    {
      get(_t, prop) {
        touched.push(`${name}.${String(prop)}`);
        throw new Error(`${name} touched`);
      },
    },
  );
}

function trappedContext() {
  const touched: string[] = [];
  const context = vm.createContext(Object.fromEntries(SERVICES.map((s) => [s, trap(s, touched)])));
  vm.runInContext(code, context, { filename: 'Code.js' });
  return { context, touched };
}

/** Builds a value inside the script's realm, as Sheets hands it over: 2-D arrays, that realm's Dates. */
function inRealm(context: vm.Context, value: unknown): unknown {
  const json = JSON.stringify(value, (_k, v) => (typeof v === 'string' && v.startsWith('\u0001date:') ? { __date: v.slice(6) } : v));
  return vm.runInContext(
    `JSON.parse(${JSON.stringify(json)}, (k, v) => v && typeof v === 'object' && '__date' in v ? new Date(v.__date) : v)`,
    context,
  );
}
const asDate = (iso: string) => `\u0001date:${iso}`;

beforeAll(() => {
  code = readFileSync(join(DIST_DIR, 'Code.js'), 'utf8');
});

describe('the built bundle', () => {
  it('evaluates without touching any service', () => {
    const { touched } = trappedContext();
    expect(touched).toEqual([]);
  });

  it('reads every JavaScript built-in it uses (NaN included) as a parameter of its wrapper, but eval (once per action) and Intl (once per call, in a try)', () => {
    // A global read per cell costs an interceptor call in the local host's vm context: a loop that
    // wrote NaN per blank cell ran twice as slow there as in Apps Script.
    const wrapper = /\(function\(([^)]*)\)\{/.exec(code)!;
    const params = new Set(wrapper[1].split(','));
    const body = code.slice(wrapper.index + wrapper[0].length);
    const used = Object.getOwnPropertyNames(globalThis)
      .filter((name) => /^[A-Za-z]\w*$/.test(name))
      .filter((name) => new RegExp(`(?<![.\\w$"'])${name}(?![\\w$:"'])`).test(body));
    expect(used).toContain('NaN');
    expect(used.filter((name) => !params.has(name)).sort()).toEqual(['Intl', 'eval']);
  });

  it('holds no regular-expression literal with a Unicode property escape: V8 checks each against its Unicode tables as it compiles (about 0.3 ms in every execution, used or not)', () => {
    // In a string the escape is written \\p{…} (made into a RegExp at its first use: madeOnUse); only a literal has \p{ after another character.
    const literals = code.match(/(?<!\\)\\p\{\w+\}/g) ?? [];
    expect(literals).toEqual([]);
    expect(code).toContain('\\\\p{L}'); // the madeOnUse sources are there, escaped
  });

  it('declares each custom function at the top level with @customfunction JSDoc and a @param per parameter', () => {
    const { context } = trappedContext();
    for (const spec of CUSTOM_FUNCTIONS) {
      const names = spec.params.map((p) => p.name);
      const m = new RegExp(String.raw`/\*\*((?:(?!\*/)[\s\S])*)\*/\s*function ${spec.name}\(([^)]*)\)`).exec(code);
      expect(m, spec.name).not.toBeNull();
      const [, doc, params] = m!;
      expect(params.split(',').map((p) => p.trim())).toEqual(names);
      expect(doc).toContain('@customfunction');
      for (const p of names) expect(doc).toMatch(new RegExp(String.raw`@param \{\w+\} ${p} \S`));
      expect(typeof (context as Record<string, unknown>)[spec.name]).toBe('function');
    }
  });

  it('answers calls that need no service without touching one', () => {
    const { context, touched } = trappedContext();
    const fn = (context as Record<string, (...a: unknown[]) => unknown>).STAGE_CONVERSION;
    const stages = inRealm(context, [['Lead'], ['Paid'], [''], ['Meeting']]);
    const funnel = inRealm(context, [['Lead', 'Meeting', 'Paid']]);
    expect(fn(stages, 'Lead', 'Paid', funnel, '')).toBeCloseTo(1 / 3, 12);
    const cycle = (context as Record<string, (...a: unknown[]) => unknown>).DEAL_CYCLE;
    expect(cycle(inRealm(context, [['2024-01-01']]), inRealm(context, [['2024-01-31 12:00']]))).toBe(30.5);
    expect(touched).toEqual([]);
  });

  it('reads Date cells in the spreadsheet’s zone: one spreadsheet read, never the script’s zone', () => {
    const touched: string[] = [];
    const spreadsheet = { getSpreadsheetTimeZone: () => (touched.push('getSpreadsheetTimeZone'), 'Europe/Berlin') };
    const context = vm.createContext({
      SpreadsheetApp: { getActiveSpreadsheet: () => (touched.push('getActiveSpreadsheet'), spreadsheet) },
      PropertiesService: trap('PropertiesService', touched),
      Session: trap('Session', touched),
    });
    vm.runInContext(code, context);
    const cycle = (context as Record<string, (...a: unknown[]) => unknown>).DEAL_CYCLE;
    // Midnight 30 March to midnight 1 April in Berlin: 47 hours across the clock change, two whole days there.
    const start = inRealm(context, [[asDate('2024-03-29T23:00:00Z')]]);
    const end = inRealm(context, [[asDate('2024-03-31T22:00:00Z')]]);
    expect(cycle(start, end)).toBe(2);
    expect(touched).toEqual(['getActiveSpreadsheet', 'getSpreadsheetTimeZone']);
  });

  it('says what went wrong in the spreadsheet’s language, reading the locale and then the messages (with the actions)', () => {
    const touched: string[] = [];
    const actions = readFileSync(join(DIST_DIR, 'Actions.html'), 'utf8');
    const context = vm.createContext({
      SpreadsheetApp: { getActiveSpreadsheet: () => (touched.push('getActiveSpreadsheet'), { getSpreadsheetLocale: () => 'ru_RU' }) },
      PropertiesService: trap('PropertiesService', touched),
      HtmlService: {
        createTemplateFromFile: (name: string) => (touched.push(`createTemplateFromFile ${name}`), { getRawContent: () => actions }),
      },
    });
    vm.runInContext(code, context);
    const fn = (context as Record<string, (...a: unknown[]) => unknown>).DEAL_CYCLE;
    expect(() => fn(inRealm(context, [['вчера']]), inRealm(context, [['2024-01-01']]))).toThrow(
      'DEAL_CYCLE: start_dates, строка 1: "вчера" — не дата',
    );
    expect(touched).toEqual(['getActiveSpreadsheet', 'createTemplateFromFile Actions']);
  });
});

describe.skipIf(!hasDatasets)(`the bundle on the real datasets ${hasDatasets ? '' : SKIP_REASON}`, () => {
  const day = 86_400_000;
  let maven: Record<string, string>[];
  let context: vm.Context;
  const reads = { locale: 0, settings: 0 };
  /** Calls a function in the script's realm and checks the budget: at most one locale and one settings read. */
  let call: (name: string, ...args: unknown[]) => unknown;

  beforeAll(() => {
    maven = readRecords(MAVEN);
    context = vm.createContext({
      SpreadsheetApp: {
        getActiveSpreadsheet: () => ({ getSpreadsheetLocale: () => (reads.locale++, 'en_US'), getSpreadsheetTimeZone: () => 'UTC' }),
      },
      PropertiesService: { getDocumentProperties: () => ({ getProperties: () => (reads.settings++, {}) }) },
      // A mistake is worded by the actions' messages (src/core.ts).
      HtmlService: { createTemplateFromFile: () => ({ getRawContent: () => readFileSync(join(DIST_DIR, 'Actions.html'), 'utf8') }) },
    });
    vm.runInContext(code, context);
    call = (name, ...args) => {
      reads.locale = reads.settings = 0;
      try {
        return (context as Record<string, (...a: unknown[]) => unknown>)[name](...args.map((a) => inRealm(context, a)));
      } finally {
        expect(reads.locale).toBeLessThanOrEqual(1);
        expect(reads.settings).toBeLessThanOrEqual(1);
      }
    };
  });

  const column = (rows: Record<string, string>[], key: string, cell: (v: string) => unknown = (v) => v) =>
    rows.map((r) => [r[key] === '' ? '' : cell(r[key])]);

  /** Olist's won deals joined to their first contact: the text columns as Sheets would pass them, and the spans computed here. */
  function olistFirstContactToWon() {
    const leads = new Map(readRecords(OLIST_LEADS).map((r) => [r.mql_id, r.first_contact_date]));
    const deals = readRecords(OLIST_DEALS).filter((r) => leads.has(r.mql_id));
    const parse = (t: string) => {
      const [d, m, y, h = '0', mi = '0'] = t.split(/[- :]/);
      return Date.UTC(+y, +m - 1, +d, +h, +mi);
    };
    return {
      start: deals.map((r) => [leads.get(r.mql_id)]),
      end: deals.map((r) => [r.won_date]),
      ms: deals.map((r) => parse(r.won_date) - parse(leads.get(r.mql_id)!)),
    };
  }

  it('Maven: FUNNEL and STAGE_CONVERSION count Won as every stage and Lost at the first', () => {
    const stages = column(maven, 'deal_stage');
    const funnel = [['Prospecting', 'Engaging', 'Won']];
    const won = maven.filter((r) => r.deal_stage === 'Won').length;
    const engaging = maven.filter((r) => r.deal_stage === 'Engaging').length;
    expect(call('STAGE_CONVERSION', stages, 'Prospecting', 'Won', funnel)).toBeCloseTo(won / maven.length, 12);
    expect(call('FUNNEL', stages, funnel)).toEqual([
      ['Stage', 'Deals reached', 'Step conversion', 'Total conversion'],
      ['Prospecting', maven.length, '', 1],
      ['Engaging', won + engaging, (won + engaging) / maven.length, (won + engaging) / maven.length],
      ['Won', won, won / (won + engaging), won / maven.length],
    ]);
  });

  it('Maven: DEAL_CYCLE mean and median from engage to close, dates as Sheets passes them', () => {
    const both = maven.filter((r) => r.engage_date && r.close_date);
    const days = both.map((r) => (Date.parse(r.close_date) - Date.parse(r.engage_date)) / day).sort((a, b) => a - b);
    const start = column(maven, 'engage_date', (v) => asDate(`${v}T00:00:00`));
    const end = column(maven, 'close_date', (v) => asDate(`${v}T00:00:00`));
    expect(call('DEAL_CYCLE', start, end)).toBeCloseTo(days.reduce((a, b) => a + b, 0) / days.length, 9);
    const mid = (days.length - 1) / 2;
    expect(call('DEAL_CYCLE', start, end, 'median')).toBe((days[Math.floor(mid)] + days[Math.ceil(mid)]) / 2);
    expect(call('DEAL_CYCLE', start, end, 'count')).toBe(both.length);
  });

  it('Maven: STALLED_DEALS counts open (Engaging) deals idle over 14 days at the as-of date', () => {
    const asOf = Date.parse('2017-12-31');
    const expected = maven.filter(
      (r) => r.deal_stage !== 'Won' && r.deal_stage !== 'Lost' && r.engage_date && (asOf - Date.parse(r.engage_date)) / day > 14,
    ).length;
    expect(
      call(
        'STALLED_DEALS',
        column(maven, 'engage_date', (v) => asDate(`${v}T00:00:00`)),
        14,
        column(maven, 'deal_stage'),
        asDate('2017-12-31T00:00:00'),
      ),
    ).toBe(expected);
  });

  it('Maven: REPEAT_RATE among accounts that won', () => {
    const wins = new Map<string, number>();
    for (const r of maven)
      if (r.deal_stage === 'Won' && r.account) wins.set(r.account.toLowerCase(), (wins.get(r.account.toLowerCase()) ?? 0) + 1);
    const repeat = [...wins.values()].filter((n) => n >= 2).length;
    expect(call('REPEAT_RATE', column(maven, 'account'), column(maven, 'deal_stage'))).toBe(repeat / wins.size);
  });

  it('Olist: RESPONSE_TIME and SLA_BREACH_RATE on text dates, first contact → won, in hours', () => {
    const { start, end, ms } = olistFirstContactToWon();
    const hours = ms
      .map((t) => t / 3_600_000)
      .filter((h) => h >= 0)
      .sort((a, b) => a - b);
    const mid = (hours.length - 1) / 2;
    expect(call('RESPONSE_TIME', start, end, 'median', 'hours', true)).toBeCloseTo((hours[Math.floor(mid)] + hours[Math.ceil(mid)]) / 2, 9);
    const month = 30 * 24 * 60;
    const late = hours.filter((h) => h * 60 > month).length;
    expect(call('SLA_BREACH_RATE', start, end, month, '', true)).toBeCloseTo(late / hours.length, 12);
  });

  it('Olist: EFFECTIVE_TOUCHES counts rows whose origin is on the given list', () => {
    const leads = readRecords(OLIST_LEADS);
    const expected = leads.filter((r) => r.origin === 'organic_search' || r.origin === 'paid_search').length;
    expect(
      call(
        'EFFECTIVE_TOUCHES',
        leads.map((r) => [r.origin]),
        [['organic_search'], ['paid_search']],
      ),
    ).toBe(expected);
  });

  it('Maven: PLAN_FACT and PLAN_DISCIPLINE of weekly wins per agent against a plan of 3 a week', () => {
    const week = (iso: string) => Math.floor((Date.parse(iso) / day + 3) / 7);
    const wins = new Map<string, number>();
    for (const r of maven)
      if (r.deal_stage === 'Won')
        wins.set(`${r.sales_agent}|${week(r.close_date)}`, (wins.get(`${r.sales_agent}|${week(r.close_date)}`) ?? 0) + 1);
    const agents = [...new Set(maven.map((r) => r.sales_agent))];
    const weeks = [...new Set(maven.filter((r) => r.close_date).map((r) => week(r.close_date)))];
    const facts = agents.flatMap((a) => weeks.map((w) => wins.get(`${a}|${w}`) ?? 0));
    const plan = facts.map(() => [3]);
    const fact = facts.map((f) => [f]);
    expect(call('PLAN_FACT', plan, fact)).toBeCloseTo(facts.reduce((a, b) => a + b, 0) / (3 * facts.length), 12);
    expect(call('PLAN_DISCIPLINE', plan, fact)).toBeCloseTo(facts.filter((f) => f >= 3).length / facts.length, 12);
  });

  it('Maven: CONVERSION_INTERVAL of the win rate is the Wilson interval', () => {
    const won = maven.filter((r) => r.deal_stage === 'Won').length;
    const n = maven.length;
    const z = 1.959963984540054;
    const p = won / n;
    const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
    const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / (1 + (z * z) / n);
    const [[low, high]] = call('CONVERSION_INTERVAL', won, n) as number[][];
    expect(low).toBeCloseTo(centre - half, 9);
    expect(high).toBeCloseTo(centre + half, 9);
  });

  it('Olist: DEAL_CYCLE from first contact to won, on dd-mm-yyyy text dates, with the reversed row', () => {
    const { start, end, ms } = olistFirstContactToWon();
    const spans = ms.map((t) => t / day);
    const valid = spans.filter((s) => s >= 0);
    expect(spans.length - valid.length).toBeGreaterThan(0);
    expect(() => call('DEAL_CYCLE', start, end)).toThrow(/end_dates row \d+: .* is before .*skip_invalid TRUE/);
    expect(call('DEAL_CYCLE', start, end, 'mean', 'days', true)).toBeCloseTo(valid.reduce((a, b) => a + b, 0) / valid.length, 9);
  });
});
