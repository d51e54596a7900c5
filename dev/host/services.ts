// The other services in memory: Ui, Properties, ScriptApp triggers, Lock, Html, Session, Utilities, Mail, Cache, Charts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { counted, type CallLog } from './calls';
import { isDate } from './realm';
import { GOOGLE_ERRORS, LIMITS, utf8Bytes, type Install } from './rules';

export interface MenuRecord {
  kind: 'addon' | 'custom';
  title: string;
  items: ({ caption: string; functionName: string } | null)[];
}
export interface DialogRecord {
  kind: 'alert' | 'prompt' | 'modal' | 'sidebar';
  title: string;
  text: string;
}

export class UiState {
  menus: MenuRecord[] = [];
  dialogs: DialogRecord[] = [];
  sidebar: { title: string; html: string } | null = null;
  /** Answers for the next alerts/prompts ("YES", "NO", "OK", "CANCEL"); default OK/YES. */
  answers: string[] = [];
}

const ButtonSet = { OK: 'OK', OK_CANCEL: 'OK_CANCEL', YES_NO: 'YES_NO', YES_NO_CANCEL: 'YES_NO_CANCEL' };
const Button = { OK: 'OK', CANCEL: 'CANCEL', YES: 'YES', NO: 'NO', CLOSE: 'CLOSE' };

class MenuBuilder {
  private readonly record: MenuRecord;
  constructor(
    private readonly state: UiState,
    kind: MenuRecord['kind'],
    title: string,
  ) {
    this.record = { kind, title, items: [] };
  }
  addItem(caption: string, functionName: string) {
    this.record.items.push({ caption, functionName });
    return this;
  }
  addSeparator() {
    this.record.items.push(null);
    return this;
  }
  addToUi() {
    this.state.menus = this.state.menus.filter((m) => !(m.kind === this.record.kind && m.title === this.record.title));
    this.state.menus.push(this.record);
  }
}

export class UiFacade {
  readonly ButtonSet = ButtonSet;
  readonly Button = Button;
  constructor(
    private readonly state: UiState,
    private readonly log: CallLog,
    private readonly addonName: string,
  ) {}
  createAddonMenu() {
    return counted(new MenuBuilder(this.state, 'addon', this.addonName), 'Menu', this.log);
  }
  createMenu(title: string) {
    return counted(new MenuBuilder(this.state, 'custom', title), 'Menu', this.log);
  }
  alert(a: string, b?: unknown, c?: unknown) {
    const [title, text, buttons] = typeof b === 'string' ? [a, b, c] : ['', a, b];
    this.state.dialogs.push({ kind: 'alert', title, text });
    return this.state.answers.shift() ?? (String(buttons ?? 'OK').startsWith('YES') ? 'YES' : 'OK');
  }
  prompt(a: string, b?: unknown) {
    const [title, text] = typeof b === 'string' ? [a, b] : ['', a];
    this.state.dialogs.push({ kind: 'prompt', title, text });
    const answer = this.state.answers.shift() ?? '';
    return { getResponseText: () => answer, getSelectedButton: () => (answer ? 'OK' : 'CANCEL') };
  }
  showSidebar(output: HtmlOutput) {
    this.state.sidebar = { title: output.getTitle(), html: output.getContent() };
    this.state.dialogs.push({ kind: 'sidebar', title: output.getTitle(), text: '' });
  }
  showModalDialog(output: HtmlOutput, title: string) {
    this.state.dialogs.push({ kind: 'modal', title, text: output.getContent() });
  }
}

export class PropertyStore {
  private data = new Map<string, string>();
  /** Called between the keys of a multi-key setProperties: Google does not document it as atomic. */
  betweenKeys: () => void = () => undefined;
  getProperty(key: string) {
    return this.data.get(key) ?? null;
  }
  setProperty(key: string, value: string) {
    const text = String(value);
    // Sizes are UTF-8 bytes (RULES.md): a Russian character is two.
    if (utf8Bytes(text) > LIMITS.propertyValueBytes) throw new Error(GOOGLE_ERRORS.propertyTooLarge);
    const before = this.data.get(key);
    const size = this.bytes() - (before === undefined ? 0 : utf8Bytes(key) + utf8Bytes(before)) + utf8Bytes(key) + utf8Bytes(text);
    if (size > LIMITS.propertyStoreBytes) throw new Error(GOOGLE_ERRORS.propertyStoreFull);
    this.data.set(key, text);
    return this;
  }
  getProperties() {
    return Object.fromEntries(this.data);
  }
  setProperties(properties: Record<string, string>, deleteAllOthers = false) {
    if (deleteAllOthers) this.data.clear();
    let first = true;
    for (const [k, v] of Object.entries(properties)) {
      if (!first) this.betweenKeys();
      first = false;
      this.setProperty(k, v);
    }
    return this;
  }
  deleteProperty(key: string) {
    this.data.delete(key);
    return this;
  }
  deleteAllProperties() {
    this.data.clear();
    return this;
  }
  getKeys() {
    return [...this.data.keys()];
  }
  /** Host only: keys and values, in UTF-8 bytes, as the 500 KB store limit counts them. */
  bytes(): number {
    let total = 0;
    for (const [k, v] of this.data) total += utf8Bytes(k) + utf8Bytes(v);
    return total;
  }
}

export type TriggerKind = 'change' | 'edit' | 'open' | 'formSubmit' | 'after' | 'every' | 'calendar';

export interface TriggerRecord {
  id: string;
  handler: string;
  kind: TriggerKind;
  /** Whose trigger it is: it runs as this user, and only this user sees it. */
  user: string;
  /** The document it belongs to (add-on triggers are per document). */
  document: string;
  /** When a time-based trigger fires next (host clock, ms). */
  at?: number;
  everyMs?: number;
  /** A calendar trigger (atHour, onWeekDay, everyDays/everyWeeks): fires at `hour`:`minute` in `zone` every `days` days, on `weekDay` (1 Monday … 7 Sunday) when set. */
  calendar?: { days: number; weekDay: number | null; hour: number; minute: number; zone: string };
  /** Made during a trigger run where the host's `triggersFromTriggers` is 'never': listed, never fired. */
  inert?: boolean;
}

const EVENT_TYPE: Record<TriggerKind, string> = {
  change: 'ON_CHANGE',
  edit: 'ON_EDIT',
  open: 'ON_OPEN',
  formSubmit: 'ON_FORM_SUBMIT',
  after: 'CLOCK',
  every: 'CLOCK',
  calendar: 'CLOCK',
};
const KIND_WORDS: Record<string, string> = {
  CLOCK: 'time-based',
  ON_CHANGE: 'change',
  ON_EDIT: 'edit',
  ON_OPEN: 'open',
  ON_FORM_SUBMIT: 'form submit',
};

export function isClock(record: TriggerRecord): boolean {
  return record.kind === 'after' || record.kind === 'every' || record.kind === 'calendar';
}

/** Minutes to add to UTC to get the wall time in `zone` at instant `t`. */
function zoneOffsetMinutes(t: number, zone: string): number {
  const p: Record<string, number> = {};
  for (const part of new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  }).formatToParts(new Date(t))) {
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  }
  return Math.round((Date.UTC(p.year, p.month - 1, p.day, p.hour % 24, p.minute) - Math.floor(t / 60_000) * 60_000) / 60_000);
}

/** The first instant after `after` at which a calendar trigger fires (its hour and minute in its zone, on its weekday). */
export function nextCalendarFiring(calendar: NonNullable<TriggerRecord['calendar']>, after: number): number {
  const wallNow = after + zoneOffsetMinutes(after, calendar.zone) * 60_000;
  const today = Math.floor(wallNow / 86_400_000) * 86_400_000;
  for (let d = 0; d <= 7 * Math.max(1, Math.ceil(calendar.days / 7)) + 1; d++) {
    const wall = today + d * 86_400_000 + calendar.hour * 3_600_000 + calendar.minute * 60_000;
    const weekDay = ((Math.floor(wall / 86_400_000) + 3) % 7) + 1; // 1970-01-01 was a Thursday (4)
    if (calendar.weekDay !== null && weekDay !== calendar.weekDay) continue;
    const guess = wall - zoneOffsetMinutes(wall, calendar.zone) * 60_000;
    const instant = wall - zoneOffsetMinutes(guess, calendar.zone) * 60_000;
    if (instant > after) return instant;
  }
  throw new Error('no firing found');
}

export interface TriggerRules {
  install: Install;
  /** Test deployments: Google documents that installable triggers are not supported; whether create() throws is not documented. */
  testTriggers: 'refuse' | 'inert';
  /** Whether an add-on's one-shot clock trigger may fire sooner than an hour after it was made (undocumented). */
  addonOneShot: 'asked' | 'hourly';
  /** Whether a trigger made during a trigger run ever fires (undocumented; reported not to under V8). */
  triggersFromTriggers: 'fire' | 'never';
  /** Whether getUserTriggers(document) lists an add-on's clock triggers (undocumented; reports conflict). */
  clockTriggersListed: boolean;
}

export class TriggerState {
  list: TriggerRecord[] = [];
  /** Every trigger Google would have refused, with its reason: a test can assert there were none. */
  refused: string[] = [];
  /** The execution log of trigger runs that failed or were refused for the daily runtime ("handler: message"). */
  errors: string[] = [];
  private next = 1;
  constructor(readonly rules: TriggerRules) {}

  private refuse(reason: string): never {
    this.refused.push(reason);
    throw new Error(reason);
  }

  /** Set by the host while a trigger runs (a trigger made then may never fire: `triggersFromTriggers`). */
  inTriggerRun = false;

  /** Checks Google's limits for `record` and stores it. */
  add(record: Omit<TriggerRecord, 'id'>, now: number): TriggerRecord {
    const { install, testTriggers, addonOneShot } = this.rules;
    if (install === 'test' && testTriggers === 'refuse') this.refuse(GOOGLE_ERRORS.testDeploymentTriggers);
    const mine = this.list.filter((t) => t.user === record.user);
    if (mine.length >= LIMITS.triggersPerUserPerScript) this.refuse(GOOGLE_ERRORS.tooManyScriptTriggers);
    const type = EVENT_TYPE[record.kind];
    if (install === 'addon') {
      if (record.kind === 'every' && (record.everyMs ?? 0) < LIMITS.addonClockMinimumMs) this.refuse(GOOGLE_ERRORS.addonClockTooOften);
      if (mine.some((t) => t.document === record.document && EVENT_TYPE[t.kind] === type))
        this.refuse(GOOGLE_ERRORS.tooManyAddonTriggers(KIND_WORDS[type]));
    }
    const full: TriggerRecord = { ...record, id: `trigger-${this.next++}` };
    if (install === 'addon' && record.kind === 'after' && addonOneShot === 'hourly')
      full.at = Math.max(full.at ?? now, now + LIMITS.addonClockMinimumMs);
    if (full.calendar) {
      // Google picks a minute within the hour and keeps it (installable triggers guide): here one per trigger.
      full.calendar = { ...full.calendar, minute: (this.next * 37) % 60 };
      full.at = nextCalendarFiring(full.calendar, now);
    }
    if (this.inTriggerRun && this.rules.triggersFromTriggers === 'never') full.inert = true;
    this.list.push(full);
    return full;
  }

  /** Triggers that fire: none in a test deployment, none made by a trigger run where those never fire. */
  live(): TriggerRecord[] {
    return this.rules.install === 'test' ? [] : this.list.filter((t) => !t.inert);
  }
}

class TriggerFacade {
  constructor(readonly record: TriggerRecord) {}
  getHandlerFunction() {
    return this.record.handler;
  }
  getUniqueId() {
    return this.record.id;
  }
  getEventType() {
    return EVENT_TYPE[this.record.kind];
  }
  getTriggerSource() {
    return isClock(this.record) ? 'CLOCK' : 'SPREADSHEETS';
  }
  getTriggerSourceId() {
    return isClock(this.record) ? null : this.record.document;
  }
}

interface TriggerContext {
  state: TriggerState;
  now: () => number;
  log: CallLog;
  user: () => string;
  document: string;
  /** The script's zone: a calendar trigger's default (ClockTriggerBuilder.inTimezone). */
  scriptZone: string;
}

class TriggerBuilder {
  private kind: TriggerKind | null = null;
  // Named so that nothing the script sees (the builder's own `at` method) lands in the record.
  private fireAt?: number;
  private everyMs?: number;
  private calendar: { days: number; weekDay: number | null; hour: number; minute: number; zone: string | null } | null = null;
  constructor(
    private readonly handler: string,
    private readonly ctx: TriggerContext,
  ) {}
  forSpreadsheet() {
    return this;
  }
  timeBased() {
    return this;
  }
  onChange() {
    this.kind = 'change';
    return this;
  }
  onEdit() {
    this.kind = 'edit';
    return this;
  }
  onOpen() {
    this.kind = 'open';
    return this;
  }
  onFormSubmit() {
    this.kind = 'formSubmit';
    return this;
  }
  after(ms: number) {
    this.kind = 'after';
    this.fireAt = this.ctx.now() + ms;
    return this;
  }
  at_(date: Date) {
    this.kind = 'after';
    this.fireAt = date.getTime();
    return this;
  }
  everyMinutes(n: number) {
    if (![1, 5, 10, 15, 30].includes(n)) throw new Error('The value you passed to everyMinutes is not valid. Allowed: 1, 5, 10, 15, 30.');
    return this.every(n * 60_000);
  }
  everyHours(n: number) {
    return this.every(n * 3_600_000);
  }
  everyDays(n: number) {
    return this.onCalendar({ days: n });
  }
  everyWeeks(n: number) {
    return this.onCalendar({ days: 7 * n });
  }
  onWeekDay(day: string) {
    const weekDay = WEEKDAYS.indexOf(String(day)) + 1;
    if (weekDay === 0) throw new Error(`Invalid argument: ${day}`);
    return this.onCalendar({ weekDay, days: this.calendar?.days && this.calendar.days % 7 === 0 ? this.calendar.days : 7 });
  }
  atHour(hour: number) {
    if (!Number.isInteger(hour) || hour < 0 || hour > 23) throw new Error('Invalid argument: hour');
    return this.onCalendar({ hour });
  }
  nearMinute(minute: number) {
    return this.onCalendar({ minute });
  }
  inTimezone(zone: string) {
    if (!isZone(zone)) throw new Error(`Invalid argument: timezone`);
    return this.onCalendar({ zone });
  }
  private onCalendar(change: Partial<NonNullable<TriggerBuilder['calendar']>>) {
    this.kind = 'calendar';
    this.calendar = { days: 1, weekDay: null, hour: 0, minute: 0, zone: null, ...this.calendar, ...change };
    return this;
  }
  private every(ms: number) {
    this.kind = 'every';
    this.everyMs = ms;
    this.fireAt = this.ctx.now() + ms;
    return this;
  }
  create() {
    if (!this.kind) throw new Error('Missing trigger type.');
    let calendar: TriggerRecord['calendar'];
    if (this.calendar) {
      const zone = this.calendar.zone ?? this.ctx.scriptZone;
      // Every n weeks with no weekday given: on this weekday.
      const weekDay = this.calendar.weekDay ?? (this.calendar.days % 7 === 0 ? weekDayIn(this.ctx.now(), zone) : null);
      calendar = { ...this.calendar, zone, weekDay };
    }
    const record = this.ctx.state.add(
      {
        handler: this.handler,
        kind: this.kind,
        at: this.fireAt,
        everyMs: this.everyMs,
        calendar,
        user: this.ctx.user(),
        document: this.ctx.document,
      },
      this.ctx.now(),
    );
    return counted(new TriggerFacade(record), 'Trigger', this.ctx.log);
  }
}

const WEEKDAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];

function weekDayIn(t: number, zone: string): number {
  return WEEKDAYS.indexOf(new Intl.DateTimeFormat('en-US', { timeZone: zone, weekday: 'long' }).format(new Date(t)).toUpperCase()) + 1;
}

function isZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const INSTALLATION_SOURCE = {
  APPS_MARKETPLACE_DOMAIN_ADD_ON: 'APPS_MARKETPLACE_DOMAIN_ADD_ON',
  NONE: 'NONE',
  WEB_STORE_ADD_ON: 'WEB_STORE_ADD_ON',
};

export function scriptApp(ctx: TriggerContext, scriptId: string, installationSource: keyof typeof INSTALLATION_SOURCE) {
  const { state, log, user } = ctx;
  const facades = (list: TriggerRecord[]) => list.map((r) => counted(new TriggerFacade(r), 'Trigger', log));
  const app = {
    AuthMode: { NONE: 'NONE', LIMITED: 'LIMITED', FULL: 'FULL', CUSTOM_FUNCTION: 'CUSTOM_FUNCTION' },
    EventType: { CLOCK: 'CLOCK', ON_CHANGE: 'ON_CHANGE', ON_EDIT: 'ON_EDIT', ON_OPEN: 'ON_OPEN', ON_FORM_SUBMIT: 'ON_FORM_SUBMIT' },
    WeekDay: Object.fromEntries(WEEKDAYS.map((d) => [d, d])),
    InstallationSource: INSTALLATION_SOURCE,
    getInstallationSource: () => installationSource,
    getScriptId: () => scriptId,
    newTrigger: (handler: string) => {
      const builder = counted(new TriggerBuilder(handler, ctx), 'TriggerBuilder', log);
      // TriggerBuilder.at(date) — "at" is a reserved-looking name in our class; expose it here.
      return Object.assign(builder, { at: (date: Date) => builder.at_(date) });
    },
    /** The current user's triggers of this project: other users' triggers are invisible. */
    getProjectTriggers: () => facades(state.list.filter((r) => r.user === user())),
    /** The current user's triggers in one document; without an add-on's clock triggers when the host says Google omits them. */
    getUserTriggers: (document: { getId(): string }) =>
      facades(
        state.list.filter(
          (r) =>
            r.user === user() &&
            r.document === document.getId() &&
            (state.rules.clockTriggersListed || state.rules.install !== 'addon' || !isClock(r)),
        ),
      ),
    deleteTrigger: (trigger: TriggerFacade) => {
      state.list = state.list.filter((r) => !(r.id === trigger.record.id && r.user === user()));
    },
  };
  return counted(app, 'ScriptApp', log);
}

export class LockState {
  holder: object | null = null;
  /** The run that holds it: Google releases a lock when its execution ends, however it ends. */
  holderRun: unknown = null;
  releaseIfHeldBy(run: unknown): void {
    if (this.holderRun === run) {
      this.holder = null;
      this.holderRun = null;
    }
  }
}

class LockFacade {
  constructor(
    private readonly state: LockState,
    private readonly run: () => unknown,
  ) {}
  tryLock(_ms: number) {
    if (this.state.holder && this.state.holder !== this) return false;
    this.state.holder = this;
    this.state.holderRun = this.run();
    return true;
  }
  waitLock(ms: number) {
    if (!this.tryLock(ms)) throw new Error('Lock timeout: another process was holding the lock for too long.');
  }
  hasLock() {
    return this.state.holder === this;
  }
  releaseLock() {
    if (this.state.holder === this) {
      this.state.holder = null;
      this.state.holderRun = null;
    }
  }
}

export function lockService(state: LockState, log: CallLog, run: () => unknown, blind: () => boolean = () => false) {
  const lock = () => counted(new LockFacade(state, run), 'Lock', log);
  // getDocumentLock: "null if the method is called outside a document context" (LockService reference).
  return counted({ getDocumentLock: () => (blind() ? null : lock()), getScriptLock: lock, getUserLock: lock }, 'LockService', log);
}

export class HtmlOutput {
  private title = '';
  constructor(private content: string) {}
  setTitle(title: string) {
    this.title = title;
    return this;
  }
  getTitle() {
    return this.title;
  }
  setWidth() {
    return this;
  }
  setHeight() {
    return this;
  }
  setSandboxMode() {
    return this;
  }
  setXFrameOptionsMode() {
    return this;
  }
  addMetaTag() {
    return this;
  }
  getContent() {
    return this.content;
  }
  append(html: string) {
    this.content += html;
    return this;
  }
}

/** A template made from a project file; only its raw text is offered (RULES.md rule 20): scriptlets are not run here. */
export class HtmlTemplate {
  constructor(private readonly raw: string) {}
  getRawContent() {
    return this.raw;
  }
}

export function htmlService(distDir: string, log: CallLog) {
  const fileText = (name: string) => {
    try {
      return readFileSync(join(distDir, name.endsWith('.html') ? name : `${name}.html`), 'utf8');
    } catch {
      throw new Error(`No HTML file named ${name} was found.`);
    }
  };
  const service = {
    SandboxMode: { IFRAME: 'IFRAME', NATIVE: 'NATIVE' },
    XFrameOptionsMode: { ALLOWALL: 'ALLOWALL', DEFAULT: 'DEFAULT' },
    createHtmlOutput: (html = '') => counted(new HtmlOutput(html), 'HtmlOutput', log),
    createHtmlOutputFromFile: (name: string) => counted(new HtmlOutput(fileText(name)), 'HtmlOutput', log),
    createTemplateFromFile: (name: string) => counted(new HtmlTemplate(fileText(name)), 'HtmlTemplate', log),
  };
  return counted(service, 'HtmlService', log);
}

/** Utilities.formatDate with Java SimpleDateFormat letters, in a named time zone. */
export function formatDateInZone(date: Date, timeZone: string, pattern: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      weekday: 'short',
    })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  return pattern.replace(/yyyy|yy|MM|dd|HH|mm|ss|EEE|'[^']*'/g, (token) => {
    switch (token) {
      case 'yyyy':
        return parts.year;
      case 'yy':
        return parts.year.slice(2);
      case 'MM':
        return parts.month;
      case 'dd':
        return parts.day;
      case 'HH':
        return parts.hour;
      case 'mm':
        return parts.minute;
      case 'ss':
        return parts.second;
      case 'EEE':
        return parts.weekday;
      default:
        return token.slice(1, -1);
    }
  });
}

export function utilities(log: CallLog, advance: (ms: number) => void) {
  let uuid = 0;
  return counted(
    {
      formatDate: (date: Date, timeZone: string, pattern: string) => {
        if (!isDate(date)) throw new Error("The parameters don't match the method signature for Utilities.formatDate.");
        return formatDateInZone(date, timeZone, pattern);
      },
      sleep: (ms: number) => advance(ms),
      getUuid: () => `00000000-0000-4000-8000-${String(++uuid).padStart(12, '0')}`,
    },
    'Utilities',
    log,
  );
}

export interface Mail {
  to: string;
  subject: string;
  body: string;
  /** The HTML body, when one was sent (advanced parameter htmlBody). */
  htmlBody?: string;
  /** The inline images by their key (referenced as cid:key in the HTML body): content type and bytes. */
  inlineImages?: Record<string, { contentType: string; bytes: Uint8Array }>;
  /** The host clock's instant when it was sent. */
  at: number;
}

interface MailOptions {
  htmlBody?: string;
  inlineImages?: Record<string, unknown>;
  name?: string;
  replyTo?: string;
}

/** An inline image must be a blob (BlobSource); the HTML body must be there to show it, and each cid it names must be given. */
function inlineImagesOf(options: MailOptions): Mail['inlineImages'] {
  const images = options.inlineImages;
  if (!images) return undefined;
  if (!options.htmlBody) throw new Error('inlineImages needs an htmlBody that shows them (<img src="cid:key">).');
  const out: NonNullable<Mail['inlineImages']> = {};
  for (const [key, blob] of Object.entries(images)) {
    const b = blob as { getBytes?: () => number[]; getContentType?: () => string };
    if (typeof b?.getBytes !== 'function' || typeof b.getContentType !== 'function')
      throw new Error(`Invalid argument: inlineImages.${key}`);
    out[key] = { contentType: b.getContentType(), bytes: Uint8Array.from(b.getBytes(), (x) => x & 0xff) };
  }
  for (const m of options.htmlBody.matchAll(/src=["']cid:([^"']+)["']/g))
    if (!(m[1] in out)) throw new Error(`The HTML body shows cid:${m[1]}, which inlineImages does not hold.`);
  return out;
}

/**
 * MailApp with the daily recipient quota (consumer accounts: 100 a day), per user, reset 24 hours
 * after the first request (RULES.md rule 17). `spentElsewhere`: recipients other scripts of the same
 * account sent in the first window — sendEmail counts them, getRemainingDailyQuota() does not
 * (undocumented: the strict reading).
 */
export function mailApp(outbox: Mail[], log: CallLog, user: () => string, quota: number, now: () => number = () => 0, spentElsewhere = 0) {
  const DAY = 86_400_000;
  const windows = new Map<string, { start: number; sent: number; elsewhere: number }>();
  const window = () => {
    const current = windows.get(user());
    if (current && now() < current.start + DAY) return current;
    const fresh = { start: now(), sent: 0, elsewhere: current ? 0 : spentElsewhere };
    windows.set(user(), fresh);
    return fresh;
  };
  const remaining = () => quota - window().sent;
  type Message = { to: string; subject: string; body?: string } & MailOptions;
  return counted(
    {
      sendEmail: (a: string | Message, subject?: string, body?: string, options?: MailOptions) => {
        const message: Message =
          typeof a === 'string' ? { ...(options ?? {}), to: a, subject: String(subject), body: String(body ?? '') } : a;
        const inlineImages = inlineImagesOf(message);
        const mail: Mail = { to: message.to, subject: message.subject, body: message.body ?? message.htmlBody ?? '', at: now() };
        if (message.htmlBody) mail.htmlBody = message.htmlBody;
        if (inlineImages) mail.inlineImages = inlineImages;
        const recipients = mail.to.split(',').map((r) => r.trim());
        for (const to of recipients) if (!/^[^@\s]+@[^@\s]+$/.test(to)) throw new Error(`Invalid email: ${to}`);
        if (recipients.length > remaining() - window().elsewhere) throw new Error(GOOGLE_ERRORS.mailQuota);
        window().sent += recipients.length;
        outbox.push(mail);
      },
      getRemainingDailyQuota: remaining,
    },
    'MailApp',
    log,
  );
}

export function cacheService(log: CallLog, now: () => number) {
  const make = () => {
    const data = new Map<string, { value: string; until: number }>();
    return counted(
      {
        get: (key: string) => {
          const hit = data.get(key);
          return hit && hit.until > now() ? hit.value : null;
        },
        put: (key: string, value: string, seconds = 600) => {
          data.set(key, { value, until: now() + seconds * 1000 });
        },
        remove: (key: string) => {
          data.delete(key);
        },
      },
      'Cache',
      log,
    );
  };
  const document = make();
  const script = make();
  const user = make();
  return counted({ getDocumentCache: () => document, getScriptCache: () => script, getUserCache: () => user }, 'CacheService', log);
}
