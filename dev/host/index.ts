// The local Apps Script host (docs/CONTRIBUTING.md, "The local host and preview"): loads dist/Code.js into a fresh V8 context with the
// services as globals, counts every call, and keeps a controllable clock.
import Papa from 'papaparse';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { CallLog, counted } from './calls';
import { chartsService } from './charts';
import { installClock, realmOf, type Realm } from './realm';
import { bigQueryJobs, type BigQueryEmulation } from './bigquery';
import { Book, builders, interpretText, spreadsheetFacade, type CellValue, type SpreadsheetEnv } from './spreadsheet';
import { DailyQuota, GOOGLE_ERRORS, LIMITS, Runs, TRIGGER_COST, type AuthMode, type Install } from './rules';
import { Recalculation } from './recalc';
import { parseReadings, type Readings } from './readings';
import {
  cacheService,
  htmlService,
  isClock,
  lockService,
  LockState,
  mailApp,
  nextCalendarFiring,
  PropertyStore,
  scriptApp,
  TriggerState,
  UiFacade,
  UiState,
  utilities,
  type Mail,
  type TriggerRecord,
  type TriggerRules,
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
  /** The spreadsheet's zone; default this process's (so that Dates built in tests mean what they say there), or UTC when that is the script's: the two always differ by default. */
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
  // The four undocumented readings below default to HOST_READINGS's (unset: the first value named).
  /** Undocumented: whether an add-on's one-shot clock trigger fires when asked ('asked', default: published add-ons rely on it) or not before an hour ('hourly'). */
  addonOneShot?: TriggerRules['addonOneShot'];
  /** Undocumented: whether a clock trigger's run sees the document — with false, getActiveSpreadsheet(), getDocumentProperties() and getDocumentLock() are null there (default true). */
  clockSeesDocument?: boolean;
  /** Undocumented: whether getUserTriggers(document) lists an add-on's clock triggers (default true; getProjectTriggers lists them either way). */
  clockTriggersListed?: boolean;
  /** Undocumented: whether a trigger made during a trigger run ever fires ('fire', default) or is made but never fires ('never'). */
  triggersFromTriggers?: TriggerRules['triggersFromTriggers'];
  /** Trigger runtime per user per 24 hours (consumer accounts: 90 minutes); each trigger run is charged TRIGGER_COST. */
  dailyTriggerRuntimeMs?: number;
  /** Properties service reads and writes per user per 24 hours (consumer accounts: 50,000); each Properties call is one. */
  dailyPropertyCalls?: number;
  /** Undocumented in a test deployment: what getInstallationSource() says (default NONE). */
  testInstallationSource?: 'NONE' | 'WEB_STORE_ADD_ON';
  /** Whether the add-on was already used in this document (its custom functions known to Sheets); default false: #NAME? until open({ enabled: true }) or a menu item runs. */
  enabled?: boolean;
  /** E-mail recipients per user per day (consumer accounts: 100). */
  mailQuota?: number;
  /** Recipients other scripts of the account sent on the clock's first day: sendEmail counts them, getRemainingDailyQuota() does not. */
  mailSpentElsewhere?: number;
  /** The warehouse the BigQuery advanced service reaches, emulated on DuckDB (dev/host/bigquery.ts): a `BigQuery` global only when the bundle's manifest enables the service (the --bigquery build). */
  bigquery?: BigQueryEmulation;
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
  /** The undocumented readings this host runs under: its options', else HOST_READINGS's (dev/host/readings.ts). */
  readings: Readings;
  /** The same host, acting as another user (their own triggers and user properties). */
  as(user: string): Runner;
  /**
   * Sheets' recalculation (RULES.md): evaluates the formula cells calling a registered custom
   * function whose formula text or referenced values changed since their last evaluation; returns how many.
   */
  recalculate(): number;
  /** The cells the last recalculate() evaluated ("Sheet!row:column"). */
  recalculated(): string[];
  /** Trigger runtime charged per user (ms) in their current 24-hour window: `triggerRuntime.used(user)`. */
  triggerRuntime: DailyQuota;
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

interface Manifest {
  timeZone?: string;
  oauthScopes?: string[];
  dependencies?: { enabledAdvancedServices?: { serviceId?: string; userSymbol?: string; version?: string }[] };
}

/** The project's appsscript.json beside the bundle ({} when there is none). */
function manifestOf(codePath: string | undefined): Manifest {
  try {
    return JSON.parse(readFileSync(join(codePath ? dirname(codePath) : DIST_DIR, 'appsscript.json'), 'utf8')) as Manifest;
  } catch {
    return {};
  }
}

/** The manifest's time zone (what Session.getScriptTimeZone() answers in Apps Script). */
function manifestTimeZone(codePath: string | undefined): string {
  return manifestOf(codePath).timeZone ?? 'Etc/GMT';
}

/**
 * The BigQuery advanced service (RULES.md rule 39): a global only when the manifest enables it
 * (serviceId "bigquery", version "v2"), under the manifest's userSymbol; with explicit oauthScopes,
 * a call without a BigQuery scope among them is refused.
 */
function bigQueryGlobal(manifest: Manifest, emulation: BigQueryEmulation | undefined, calls: CallLog): Record<string, unknown> {
  const service = manifest.dependencies?.enabledAdvancedServices?.find((s) => s.serviceId === 'bigquery' && s.version === 'v2');
  if (!service?.userSymbol || !emulation) return {};
  const scopes = manifest.oauthScopes;
  const allowed = !scopes || scopes.some((s) => /^https:\/\/www\.googleapis\.com\/auth\/(bigquery|cloud-platform)(\.readonly)?$/.test(s));
  const jobs = bigQueryJobs(emulation);
  const guarded = Object.fromEntries(
    Object.entries(jobs).map(([name, fn]) => [
      name,
      (...args: unknown[]) => {
        if (!allowed)
          throw new Error(
            `Exception: Specified permissions are not sufficient to call BigQuery.Jobs.${name}. Required permissions: ${BIGQUERY_SCOPE_TEXT}`,
          );
        return (fn as (...a: unknown[]) => unknown)(...args);
      },
    ]),
  );
  return { [service.userSymbol]: { Jobs: counted(guarded, 'BigQuery.Jobs', calls) } };
}

const BIGQUERY_SCOPE_TEXT = 'https://www.googleapis.com/auth/bigquery';

export function createHost(options: HostOptions = {}): Host {
  const install = options.install ?? 'addon';
  const hostUser = options.user ?? 'head@example.com';
  const locale = options.locale ?? 'en_US';
  const spreadsheetLocale = options.spreadsheetLocale ?? locale;
  const scriptTimeZone = options.scriptTimeZone ?? manifestTimeZone(options.codePath);
  const processZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const timeZone =
    options.spreadsheetTimeZone ?? (processZone !== scriptTimeZone ? processZone : scriptTimeZone === 'UTC' ? 'Europe/Berlin' : 'UTC');
  let time = options.now === undefined ? new Date(2026, 10, 27, 10, 0).getTime() : new Date(options.now).getTime();
  const clock: Clock = {
    now: () => time,
    set: (t) => {
      time = new Date(t).getTime();
    },
    advance: (ms) => {
      time += ms;
    },
  };

  const calls = new CallLog();
  const lock = new LockState();
  const runs = new Runs(
    () => hostUser,
    (run) => {
      lock.releaseIfHeldBy(run);
      // Sheets sees what a run wrote when it ends.
      if (!runs.current()) recalc.commit();
    },
  );
  const propertyCalls = new DailyQuota(options.dailyPropertyCalls ?? LIMITS.consumerPropertyCallsPerDay, () => time);
  calls.gate = (name) => {
    runs.gate(name);
    if (!name.startsWith('Properties.') || !runs.current()) return;
    if (!propertyCalls.allows(runs.user(), 1)) throw new Error(GOOGLE_ERRORS.propertiesQuota);
    propertyCalls.spend(runs.user(), 1);
  };
  const book = new Book(/^ru/i.test(locale) ? 'Трекер продаж' : 'Sales tracker', 'local-spreadsheet-1', spreadsheetLocale, timeZone);
  const ui = new UiState();
  // The undocumented readings this host does not set come from HOST_READINGS (dev/host/readings.ts).
  const defaults = parseReadings(process.env.HOST_READINGS);
  const readings: Readings = {
    addonOneShot: options.addonOneShot ?? defaults.addonOneShot,
    clockTriggersListed: options.clockTriggersListed ?? defaults.clockTriggersListed,
    triggersFromTriggers: options.triggersFromTriggers ?? defaults.triggersFromTriggers,
    clockSeesDocument: options.clockSeesDocument ?? defaults.clockSeesDocument,
  };
  const triggers = new TriggerState({ install, testTriggers: options.testTriggers ?? 'refuse', ...readings });
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
  /** Whether the current run is a clock trigger that cannot see the document (a host switch). */
  let blindClock = false;
  const activeSpreadsheet = () => (blindClock ? null : spreadsheetFacade(env));
  /** Sheets' view of the formulas, and whether the add-on is enabled in the document (its custom functions exist). */
  const recalc = new Recalculation(book, (name) => customFunctions.has(name));
  let enabled = install === 'bound' || options.enabled === true;

  const services = {
    SpreadsheetApp: counted(
      {
        getActiveSpreadsheet: activeSpreadsheet,
        getActive: activeSpreadsheet,
        getUi: () => uiFacade,
        flush: () => recalc.commit(),
        ...builders(env),
        DataValidationCriteria: { VALUE_IN_LIST: 'VALUE_IN_LIST', VALUE_IN_RANGE: 'VALUE_IN_RANGE' },
      },
      'SpreadsheetApp',
      calls,
    ),
    PropertiesService: counted(
      {
        getDocumentProperties: () => (blindClock ? null : counted(documentProperties, 'Properties', calls)),
        getScriptProperties: () => counted(scriptProperties, 'Properties', calls),
        getUserProperties: () => counted(userPropertiesOf(runs.user()), 'Properties', calls),
      },
      'PropertiesService',
      calls,
    ),
    ScriptApp: scriptApp(
      { state: triggers, now: clock.now, log: calls, user: () => runs.user(), document: book.id, scriptZone: scriptTimeZone },
      'local-script-id',
      install === 'addon' ? 'WEB_STORE_ADD_ON' : install === 'test' ? (options.testInstallationSource ?? 'NONE') : 'NONE',
    ),
    LockService: lockService(
      lock,
      calls,
      () => runs.current(),
      () => blindClock,
    ),
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
    MailApp: mailApp(
      outbox,
      calls,
      () => runs.user(),
      options.mailQuota ?? LIMITS.consumerMailRecipientsPerDay,
      clock.now,
      options.mailSpentElsewhere ?? 0,
    ),
    CacheService: cacheService(calls, clock.now),
    Charts: chartsService(calls),
    Logger: { log: () => undefined },
    ...bigQueryGlobal(manifestOf(options.codePath), options.bigquery, calls),
  };
  Object.assign(context, services);

  const code = options.code ?? readFileSync(options.codePath ?? join(DIST_DIR, 'Code.js'), 'utf8');
  vm.runInContext(code, context, { filename: 'Code.js' });
  // An add-on's custom functions are the functions its code marks @customfunction.
  const customFunctions = new Set([...code.matchAll(/@customfunction\s*\*\/\s*function\s+(\w+)\s*\(/g)].map((m) => m[1].toUpperCase()));
  /** Before the add-on is used in the document, and always in a test deployment, Sheets does not know its functions. */
  const unknownFunction = (name: string) => (install === 'test' || !enabled ? `#NAME? Unknown function: '${name}'.` : null);

  const call = (name: string, args: unknown[]) => {
    const fn = (context as Record<string, unknown>)[name];
    if (typeof fn !== 'function') throw new Error(`Script function not found: ${name}`);
    return fn(...args.map(realm.toScript));
  };

  /** The event object of a time-driven trigger: no source (Google's event objects guide). */
  const clockEvent = (t: TriggerRecord) => {
    const d = new Date(time);
    return {
      authMode: 'FULL',
      triggerUid: t.id,
      timezone: 'UTC',
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      'day-of-month': d.getUTCDate(),
      'day-of-week': d.getUTCDay() || 7,
      'week-of-year': 0,
      hour: d.getUTCHours(),
      minute: d.getUTCMinutes(),
      second: d.getUTCSeconds(),
    };
  };

  const triggerRuntime = new DailyQuota(options.dailyTriggerRuntimeMs ?? LIMITS.consumerTriggerRuntimeMsPerDay, () => time);
  /**
   * One trigger run as Google runs it: as the trigger's owner, charged to the owner's daily trigger
   * runtime (refused once it is spent), a trigger made meanwhile marked by `triggersFromTriggers`,
   * and a failure kept in the execution log (triggers.errors) instead of reaching whoever edited.
   */
  const triggerRun = (t: TriggerRecord, event: unknown, blind = false): void => {
    if (!triggerRuntime.allows(t.user, 1)) {
      triggers.errors.push(`${t.handler}: ${GOOGLE_ERRORS.triggerRuntime}`);
      return;
    }
    blindClock = blind;
    triggers.inTriggerRun = true;
    try {
      runs.within(t.user, 'FULL', () => call(t.handler, [event]));
    } catch (error) {
      triggers.errors.push(`${t.handler}: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      blindClock = false;
      triggers.inTriggerRun = false;
      triggerRuntime.spend(t.user, TRIGGER_COST.runMs + runs.lastRunCalls * TRIGGER_COST.callMs);
    }
  };

  const runner = (user: string): Runner => ({
    run: (name, ...args) => {
      // Running one of its menu items or its sidebar enables the add-on in the document.
      if (/^(menu|sidebar)/.test(name)) enabled = true;
      return runs.within(user, 'FULL', () => call(name, args));
    },
    runCustomFunction: (name, ...args) => {
      const unknown = unknownFunction(name);
      if (unknown) throw new Error(unknown);
      return runs.within(user, 'CUSTOM_FUNCTION', () => call(name, args));
    },
    script: (code, mode = 'FULL') => runs.within(user, mode, () => vm.runInContext(`(function () { ${code} })()`, context)),
    open: ({ enabled: isEnabled = true } = {}) => {
      const authMode = isEnabled ? 'LIMITED' : 'NONE';
      if (isEnabled) enabled = true;
      runs.within(user, authMode, () => call('onOpen', [{ authMode, user: { email: user } }]));
    },
    fireDueTriggers() {
      const due = triggers.live().filter((t) => t.user === user && isClock(t) && (t.at ?? Infinity) <= time);
      for (const t of due) {
        if (t.kind === 'after') triggers.list = triggers.list.filter((x) => x !== t);
        else if (t.calendar) t.at = nextCalendarFiring(t.calendar, time + (t.calendar.days - 1) * 86_400_000);
        else t.at = time + (t.everyMs ?? 0);
      }
      for (const t of due) triggerRun(t, clockEvent(t), !readings.clockSeesDocument);
      return due.map((t) => t.handler);
    },
    fireFormSubmit() {
      const due = triggers.live().filter((t) => t.kind === 'formSubmit');
      for (const t of due)
        triggerRun(t, { authMode: 'FULL', triggerUid: t.id, source: spreadsheetFacade(env), values: [], namedValues: {} });
      return due.map((t) => t.handler);
    },
    fireChange() {
      const due = triggers.live().filter((t) => t.kind === 'change');
      for (const t of due)
        triggerRun(t, {
          authMode: 'FULL',
          changeType: 'EDIT',
          triggerUid: t.id,
          user: { email: user, nickname: user.split('@')[0] },
          source: spreadsheetFacade(env),
        });
      return due.map((t) => t.handler);
    },
  });

  /** A cell's call of a custom function, as Sheets makes it: #NAME? when Sheets does not know it, the error's text when it fails. */
  const evaluateCell = (name: string, args: unknown[]): CellValue => {
    const unknown = unknownFunction(name);
    if (unknown) return '#NAME?';
    try {
      const result = runs.within(hostUser, 'CUSTOM_FUNCTION', () => call(name, args));
      return result as CellValue;
    } catch {
      return '#ERROR!';
    }
  };

  const host: Host = {
    ...runner(hostUser),
    book,
    ui,
    calls,
    clock,
    triggers,
    outbox,
    documentProperties,
    scriptProperties,
    lock,
    context,
    realm,
    install,
    user: hostUser,
    scriptTimeZone,
    readings,
    userProperties: userPropertiesOf(hostUser),
    as: (user) => runner(user),
    killAtCall: (n) => runs.killAtCall(n),
    failAtCall: (n) => runs.failAtCall(n),
    lastRunCalls: () => runs.lastRunCalls,
    recalculate: () => recalc.recalculate(evaluateCell),
    recalculated: () => [...recalc.lastEvaluated],
    triggerRuntime,
    importCsv(sheetName, csv) {
      putRows(
        book,
        sheetName,
        parseCsv(csv).map((row) => row.map((cell) => (cell === '' ? '' : interpretText(cell)))),
      );
    },
    setSheet(sheetName, rows) {
      putRows(
        book,
        sheetName,
        rows.map((row) => row.map((cell) => (typeof cell === 'string' ? interpretText(cell) : ((cell as CellValue) ?? '')))),
      );
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
  if (
    book.sheets.length > 1 &&
    book.sheets[0].name.match(/^(Sheet1|Лист1)$/) &&
    book.sheets[0].lastRow() === 0 &&
    book.sheets[0] !== sheet
  ) {
    book.sheets.shift();
  }
  if (!book.sheets.includes(book.active)) book.active = sheet;
}

export type { Book } from './spreadsheet';
export { RunKilled } from './rules';
