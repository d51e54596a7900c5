// The local Apps Script host (docs/CONTRIBUTING.md, "The local host and preview"): loads dist/Code.js into a fresh V8 context with the
// services as globals, counts every call, and keeps a controllable clock.
import Papa from 'papaparse';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { CallLog, counted } from './calls';
import { installClock, realmOf, type Realm } from './realm';
import { Book, builders, interpretText, spreadsheetFacade, type CellValue, type SpreadsheetEnv } from './spreadsheet';
import { LIMITS, Runs, type AuthMode, type Install } from './rules';
import {
  cacheService, chartsEnum, htmlService, isClock, lockService, LockState, mailApp, PropertyStore, scriptApp, TriggerState, UiFacade, UiState, utilities,
  type Mail, type TriggerRecord, type TriggerRules,
} from './services';

export const DIST_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist');

export interface HostOptions {
  /** How the add-on is installed (ScriptApp.getInstallationSource): default an add-on, Google's strictest. */
  install?: Install;
  /** Who runs it (Session.getActiveUser, whose triggers and user properties), default head@example.com. */
  user?: string;
  /** The user's locale (Session.getActiveUserLocale), default en_US. */
  locale?: string;
  /** The spreadsheet's locale, default the user's. */
  spreadsheetLocale?: string;
  /** The spreadsheet's zone; default this process's, so that Dates built in tests mean what they say there. */
  spreadsheetTimeZone?: string;
  /** The script's zone; default the manifest's (appsscript.json), as in Apps Script. */
  scriptTimeZone?: string;
  /** Where the clock starts (default 2026-11-27 10:00 in this process's zone). */
  now?: Date | number;
  /** The bundle to load; default dist/Code.js. */
  codePath?: string;
  /** The bundle's source itself, instead of reading codePath (benchmarks make it unique to defeat V8's compilation cache). */
  code?: string;
  /** Undocumented in a test deployment: whether creating a trigger throws ('refuse', default) or silently makes one that never fires. */
  testTriggers?: TriggerRules['testTriggers'];
  /** Undocumented: whether an add-on's one-shot clock trigger may fire within the hour ('asked') or not before an hour ('hourly', default). */
  addonOneShot?: TriggerRules['addonOneShot'];
  /** Undocumented: whether SpreadsheetApp.getActiveSpreadsheet() answers in a clock trigger (default true). */
  clockSeesSpreadsheet?: boolean;
  /** Undocumented in a test deployment: what getInstallationSource() says (default NONE). */
  testInstallationSource?: 'NONE' | 'WEB_STORE_ADD_ON';
  /** E-mail recipients per user per day (consumer accounts: 100). */
  mailQuota?: number;
}

export interface Clock {
  now(): number;
  set(time: Date | number): void;
  advance(ms: number): void;
}

/** What runs the script, as one user: menus, sidebar calls, triggers, custom functions. */
export interface Runner {
  /** Calls a top-level function of the bundle with full rights (a menu item, a sidebar call), as this runner's user. */
  run(name: string, ...args: unknown[]): unknown;
  /** Calls a custom function as a spreadsheet cell would: CUSTOM_FUNCTION mode, read-only. */
  runCustomFunction(name: string, ...args: unknown[]): unknown;
  /** Opens the document as Google does: onOpen in NONE until the add-on is enabled in it, LIMITED after. */
  open(options?: { enabled?: boolean }): void;
  /** Runs this user's time-based triggers due at the clock's time; returns the handlers run. */
  fireDueTriggers(): string[];
  /** An edit by this user: runs every user's on-change triggers (each as its owner). */
  fireChange(): string[];
  /** A Google Form response arriving: runs every user's form-submit triggers. */
  fireFormSubmit(): string[];
  /** Runs a snippet of script code as one execution in `mode` (the host's own tests). */
  script(code: string, mode?: AuthMode): unknown;
}

export interface Host extends Runner {
  book: Book;
  ui: UiState;
  calls: CallLog;
  clock: Clock;
  triggers: TriggerState;
  outbox: Mail[];
  documentProperties: PropertyStore;
  scriptProperties: PropertyStore;
  /** The user properties of the host's own user. */
  userProperties: PropertyStore;
  lock: LockState;
  context: vm.Context;
  realm: Realm;
  install: Install;
  user: string;
  scriptTimeZone: string;
  /** The same host, acting as another user (their own triggers and user properties). */
  as(user: string): Runner;
  /** The next run is killed at its n-th service call: that call and every later one in the run do nothing, as after Google's 6-minute kill. */
  killAtCall(n: number): void;
  /** The next run's n-th service call fails once with a server error. */
  failAtCall(n: number): void;
  /** How many service calls the last run made: the points where a kill or failure can be injected. */
  lastRunCalls(): number;
  /** Puts CSV text into a sheet as Sheets' import would: numbers and ISO dates become values. */
  importCsv(sheetName: string, csv: string): void;
  /** Writes rows into a sheet (creating it), as a user typing them would. */
  setSheet(sheetName: string, rows: unknown[][]): void;
}

/** The manifest's time zone (what Session.getScriptTimeZone() answers in Apps Script). */
function manifestTimeZone(codePath: string | undefined): string {
  try {
    const manifest = JSON.parse(readFileSync(join(codePath ? dirname(codePath) : DIST_DIR, 'appsscript.json'), 'utf8')) as { timeZone?: string };
    return manifest.timeZone ?? 'Etc/GMT';
  } catch {
    return 'Etc/GMT';
  }
}

export function createHost(options: HostOptions = {}): Host {
  const install = options.install ?? 'addon';
  const hostUser = options.user ?? 'head@example.com';
  const locale = options.locale ?? 'en_US';
  const spreadsheetLocale = options.spreadsheetLocale ?? locale;
  const timeZone = options.spreadsheetTimeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const scriptTimeZone = options.scriptTimeZone ?? manifestTimeZone(options.codePath);
  let time = options.now === undefined ? new Date(2026, 10, 27, 10, 0).getTime() : new Date(options.now).getTime();
  const clock: Clock = {
    now: () => time,
    set: (t) => { time = new Date(t).getTime(); },
    advance: (ms) => { time += ms; },
  };

  const calls = new CallLog();
  const lock = new LockState();
  const runs = new Runs(() => hostUser, (run) => lock.releaseIfHeldBy(run));
  calls.gate = (name) => runs.gate(name);
  const book = new Book(/^ru/i.test(locale) ? 'Трекер продаж' : 'Sales tracker', 'local-spreadsheet-1', spreadsheetLocale, timeZone);
  const ui = new UiState();
  const triggers = new TriggerState({ install, testTriggers: options.testTriggers ?? 'refuse', addonOneShot: options.addonOneShot ?? 'hourly' });
  const outbox: Mail[] = [];
  const documentProperties = new PropertyStore();
  const scriptProperties = new PropertyStore();
  const userStores = new Map<string, PropertyStore>();
  const userPropertiesOf = (user: string) => {
    let store = userStores.get(user);
    if (!store) userStores.set(user, (store = new PropertyStore()));
    return store;
  };
  // A multi-key setProperties may be cut between its keys (Google does not say it is atomic).
  for (const store of [documentProperties, scriptProperties]) store.betweenKeys = () => runs.gate('Properties.setProperties');

  const context = vm.createContext({ console });
  installClock(context, clock.now, scriptTimeZone);
  const realm = realmOf(context);
  const env: SpreadsheetEnv = { book, log: calls, realm };
  const uiFacade = counted(new UiFacade(ui, calls, 'Sales KPI'), 'Ui', calls);
  /** Whether the current run is a clock trigger that cannot see the spreadsheet (a host switch). */
  let blindClock = false;
  const activeSpreadsheet = () => (blindClock ? null : spreadsheetFacade(env));

  const services = {
    SpreadsheetApp: counted(
      {
        getActiveSpreadsheet: activeSpreadsheet,
        getActive: activeSpreadsheet,
        getUi: () => uiFacade,
        flush: () => undefined,
        ...builders(env),
        DataValidationCriteria: { VALUE_IN_LIST: 'VALUE_IN_LIST', VALUE_IN_RANGE: 'VALUE_IN_RANGE' },
      },
      'SpreadsheetApp',
      calls,
    ),
    PropertiesService: counted(
      {
        getDocumentProperties: () => counted(documentProperties, 'Properties', calls),
        getScriptProperties: () => counted(scriptProperties, 'Properties', calls),
        getUserProperties: () => counted(userPropertiesOf(runs.user()), 'Properties', calls),
      },
      'PropertiesService',
      calls,
    ),
    ScriptApp: scriptApp(
      { state: triggers, now: clock.now, log: calls, user: () => runs.user(), document: book.id },
      'local-script-id',
      install === 'addon' ? 'WEB_STORE_ADD_ON' : install === 'test' ? options.testInstallationSource ?? 'NONE' : 'NONE',
    ),
    LockService: lockService(lock, calls, () => runs.current()),
    HtmlService: htmlService(options.codePath ? dirname(options.codePath) : DIST_DIR, calls),
    Session: counted(
      {
        getActiveUserLocale: () => locale,
        getScriptTimeZone: () => scriptTimeZone,
        getActiveUser: () => ({ getEmail: () => runs.user() }),
        getEffectiveUser: () => ({ getEmail: () => runs.user() }),
      },
      'Session',
      calls,
    ),
    Utilities: utilities(calls, clock.advance),
    MailApp: mailApp(outbox, calls, () => runs.user(), options.mailQuota ?? LIMITS.consumerMailRecipientsPerDay),
    CacheService: cacheService(calls, clock.now),
    Charts: chartsEnum,
    Logger: { log: () => undefined },
  };
  Object.assign(context, services);

  const code = options.code ?? readFileSync(options.codePath ?? join(DIST_DIR, 'Code.js'), 'utf8');
  vm.runInContext(code, context, { filename: 'Code.js' });

  const call = (name: string, args: unknown[]) => {
    const fn = (context as Record<string, unknown>)[name];
    if (typeof fn !== 'function') throw new Error(`Script function not found: ${name}`);
    return fn(...args.map(realm.toScript));
  };

  /** The event object of a time-driven trigger: no source (Google's event objects guide). */
  const clockEvent = (t: TriggerRecord) => {
    const d = new Date(time);
    return {
      authMode: 'FULL', triggerUid: t.id, timezone: 'UTC', year: d.getUTCFullYear(), month: d.getUTCMonth() + 1,
      'day-of-month': d.getUTCDate(), 'day-of-week': d.getUTCDay() || 7, 'week-of-year': 0, hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds(),
    };
  };

  const runner = (user: string): Runner => ({
    run: (name, ...args) => runs.within(user, 'FULL', () => call(name, args)),
    runCustomFunction: (name, ...args) => runs.within(user, 'CUSTOM_FUNCTION', () => call(name, args)),
    script: (code, mode = 'FULL') => runs.within(user, mode, () => vm.runInContext(`(function () { ${code} })()`, context)),
    open: ({ enabled = true } = {}) => {
      const authMode = enabled ? 'LIMITED' : 'NONE';
      runs.within(user, authMode, () => call('onOpen', [{ authMode, user: { email: user } }]));
    },
    fireDueTriggers() {
      const due = triggers.live().filter((t) => t.user === user && isClock(t) && (t.at ?? Infinity) <= time);
      for (const t of due) {
        if (t.kind === 'after') triggers.list = triggers.list.filter((x) => x !== t);
        else t.at = time + (t.everyMs ?? 0);
      }
      for (const t of due) {
        blindClock = options.clockSeesSpreadsheet === false;
        try {
          runs.within(t.user, 'FULL', () => call(t.handler, [clockEvent(t)]));
        } finally {
          blindClock = false;
        }
      }
      return due.map((t) => t.handler);
    },
    fireFormSubmit() {
      const due = triggers.live().filter((t) => t.kind === 'formSubmit');
      for (const t of due) runs.within(t.user, 'FULL', () => call(t.handler, [{ authMode: 'FULL', triggerUid: t.id, source: spreadsheetFacade(env), values: [], namedValues: {} }]));
      return due.map((t) => t.handler);
    },
    fireChange() {
      const due = triggers.live().filter((t) => t.kind === 'change');
      for (const t of due) {
        runs.within(t.user, 'FULL', () => call(t.handler, [{ authMode: 'FULL', changeType: 'EDIT', triggerUid: t.id, user: { email: user, nickname: user.split('@')[0] }, source: spreadsheetFacade(env) }]));
      }
      return due.map((t) => t.handler);
    },
  });

  const host: Host = {
    ...runner(hostUser),
    book, ui, calls, clock, triggers, outbox, documentProperties, scriptProperties, lock, context, realm, install, user: hostUser, scriptTimeZone,
    userProperties: userPropertiesOf(hostUser),
    as: (user) => runner(user),
    killAtCall: (n) => runs.killAtCall(n),
    failAtCall: (n) => runs.failAtCall(n),
    lastRunCalls: () => runs.lastRunCalls,
    importCsv(sheetName, csv) {
      putRows(book, sheetName, parseCsv(csv).map((row) => row.map((cell) => (cell === '' ? '' : interpretText(cell)))));
    },
    setSheet(sheetName, rows) {
      putRows(book, sheetName, rows.map((row) => row.map((cell) => (typeof cell === 'string' ? interpretText(cell) : (cell as CellValue) ?? ''))));
    },
  };
  return host;
}

/** CSV text as rows of text, as Sheets' import reads it: a byte-order mark dropped, the delimiter (",", ";", tab) detected, blank lines skipped. */
export function parseCsv(csv: string): string[][] {
  return Papa.parse<string[]>(csv.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy' }).data;
}

function putRows(book: Book, sheetName: string, rows: CellValue[][]): void {
  const sheet = book.sheet(sheetName) ?? book.addSheet(sheetName);
  sheet.clear();
  const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
  sheet.values = rows.map((r) => [...r]);
  sheet.maxRows = Math.max(rows.length, 1);
  sheet.maxColumns = Math.max(width, 1);
  if (book.sheets.length > 1 && book.sheets[0].name.match(/^(Sheet1|Лист1)$/) && book.sheets[0].lastRow() === 0 && book.sheets[0] !== sheet) {
    book.sheets.shift();
  }
  if (!book.sheets.includes(book.active)) book.active = sheet;
}

export type { Book } from './spreadsheet';
export { RunKilled } from './rules';
