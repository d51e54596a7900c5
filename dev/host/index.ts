// The local Apps Script host (PRODUCT.md §8): loads dist/Code.js into a fresh V8 context with the
// services as globals, counts every call, and keeps a controllable clock.
import Papa from 'papaparse';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { CallLog, counted } from './calls';
import { installClock, realmOf, type Realm } from './realm';
import { Book, builders, interpretText, spreadsheetFacade, type CellValue, type SpreadsheetEnv } from './spreadsheet';
import {
  cacheService, chartsEnum, htmlService, lockService, LockState, mailApp, PropertyStore, scriptApp, TriggerState, UiFacade, UiState, utilities,
  type Mail, type TriggerRecord,
} from './services';

export const DIST_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist');

export interface HostOptions {
  /** The user's locale (Session.getActiveUserLocale), default en_US. */
  locale?: string;
  /** The spreadsheet's locale, default the user's. */
  spreadsheetLocale?: string;
  timeZone?: string;
  /** Where the clock starts (default 2026-11-27 10:00 local). */
  now?: Date | number;
  /** The bundle to load; default dist/Code.js. */
  codePath?: string;
  userEmail?: string;
}

export interface Clock {
  now(): number;
  set(time: Date | number): void;
  advance(ms: number): void;
}

export interface Host {
  book: Book;
  ui: UiState;
  calls: CallLog;
  clock: Clock;
  triggers: TriggerState;
  outbox: Mail[];
  documentProperties: PropertyStore;
  scriptProperties: PropertyStore;
  userProperties: PropertyStore;
  lock: LockState;
  context: vm.Context;
  realm: Realm;
  /** Calls a top-level function of the bundle, with arguments copied into the script's realm. */
  run(name: string, ...args: unknown[]): unknown;
  /** Puts CSV text into a sheet as Sheets' import would: numbers and ISO dates become values. */
  importCsv(sheetName: string, csv: string): void;
  /** Writes rows into a sheet (creating it), as a user typing them would. */
  setSheet(sheetName: string, rows: unknown[][]): void;
  /** Runs every time-based trigger due at the clock's time; returns the handlers run. */
  fireDueTriggers(): string[];
  /** Runs the on-change triggers, as an edit by a user would. */
  fireChange(): string[];
}

export function createHost(options: HostOptions = {}): Host {
  const locale = options.locale ?? 'en_US';
  const spreadsheetLocale = options.spreadsheetLocale ?? locale;
  // The spreadsheet's zone; by default this process's own, so that Dates built in tests mean what they say.
  const timeZone = options.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  let time = options.now === undefined ? new Date(2026, 10, 27, 10, 0).getTime() : new Date(options.now).getTime();
  const clock: Clock = {
    now: () => time,
    set: (t) => { time = new Date(t).getTime(); },
    advance: (ms) => { time += ms; },
  };

  const calls = new CallLog();
  const book = new Book(/^ru/i.test(locale) ? 'Трекер продаж' : 'Sales tracker', 'local-spreadsheet-1', spreadsheetLocale, timeZone);
  const ui = new UiState();
  const triggers = new TriggerState();
  const outbox: Mail[] = [];
  const documentProperties = new PropertyStore();
  const scriptProperties = new PropertyStore();
  const userProperties = new PropertyStore();
  const lock = new LockState();

  const context = vm.createContext({ console });
  installClock(context, clock.now);
  const realm = realmOf(context);
  const env: SpreadsheetEnv = { book, log: calls, realm };
  const uiFacade = counted(new UiFacade(ui, calls, 'Sales KPI'), 'Ui', calls);

  const services = {
    SpreadsheetApp: counted(
      {
        getActiveSpreadsheet: () => spreadsheetFacade(env),
        getActive: () => spreadsheetFacade(env),
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
        getUserProperties: () => counted(userProperties, 'Properties', calls),
      },
      'PropertiesService',
      calls,
    ),
    ScriptApp: scriptApp(triggers, clock.now, calls, 'local-script-id'),
    LockService: lockService(lock, calls),
    HtmlService: htmlService(options.codePath ? dirname(options.codePath) : DIST_DIR, calls),
    Session: counted(
      {
        getActiveUserLocale: () => locale,
        getScriptTimeZone: () => timeZone,
        getActiveUser: () => ({ getEmail: () => options.userEmail ?? 'head@example.com' }),
        getEffectiveUser: () => ({ getEmail: () => options.userEmail ?? 'head@example.com' }),
      },
      'Session',
      calls,
    ),
    Utilities: utilities(calls, clock.advance),
    MailApp: mailApp(outbox, calls),
    CacheService: cacheService(calls, clock.now),
    Charts: chartsEnum,
    Logger: { log: () => undefined },
  };
  Object.assign(context, services);

  const code = readFileSync(options.codePath ?? join(DIST_DIR, 'Code.js'), 'utf8');
  vm.runInContext(code, context, { filename: 'Code.js' });

  const run = (name: string, ...args: unknown[]) => {
    const fn = (context as Record<string, unknown>)[name];
    if (typeof fn !== 'function') throw new Error(`Script function not found: ${name}`);
    return fn(...args.map(realm.toScript));
  };

  const runTriggers = (due: TriggerRecord[], event: Record<string, unknown>) => {
    for (const t of due) run(t.handler, { ...event, triggerUid: t.id, authMode: 'FULL' });
    return due.map((t) => t.handler);
  };

  const host: Host = {
    book, ui, calls, clock, triggers, outbox, documentProperties, scriptProperties, userProperties, lock, context, realm, run,
    importCsv(sheetName, csv) {
      const parsed = Papa.parse<string[]>(csv.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy' });
      const rows = parsed.data.map((row) => row.map((cell) => (cell === '' ? '' : interpretText(cell))));
      putRows(book, sheetName, rows);
    },
    setSheet(sheetName, rows) {
      putRows(book, sheetName, rows.map((row) => row.map((cell) => (typeof cell === 'string' ? interpretText(cell) : (cell as CellValue) ?? ''))));
    },
    fireDueTriggers() {
      const due = triggers.list.filter((t) => (t.kind === 'after' || t.kind === 'every') && (t.at ?? Infinity) <= time);
      for (const t of due) {
        if (t.kind === 'after') triggers.list = triggers.list.filter((x) => x !== t);
        else t.at = time + (t.everyMs ?? 0);
      }
      return runTriggers(due, {});
    },
    fireChange() {
      return runTriggers(triggers.list.filter((t) => t.kind === 'change'), { changeType: 'EDIT' });
    },
  };
  return host;
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
