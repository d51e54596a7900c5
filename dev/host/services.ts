// The other services in memory: Ui, Properties, ScriptApp triggers, Lock, Html, Session, Utilities, Mail, Cache, Charts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { counted, type CallLog } from './calls';
import { isDate } from './realm';

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
  constructor(private readonly state: UiState, kind: MenuRecord['kind'], title: string) {
    this.record = { kind, title, items: [] };
  }
  addItem(caption: string, functionName: string) { this.record.items.push({ caption, functionName }); return this; }
  addSeparator() { this.record.items.push(null); return this; }
  addToUi() {
    this.state.menus = this.state.menus.filter((m) => !(m.kind === this.record.kind && m.title === this.record.title));
    this.state.menus.push(this.record);
  }
}

export class UiFacade {
  readonly ButtonSet = ButtonSet;
  readonly Button = Button;
  constructor(private readonly state: UiState, private readonly log: CallLog, private readonly addonName: string) {}
  createAddonMenu() { return counted(new MenuBuilder(this.state, 'addon', this.addonName), 'Menu', this.log); }
  createMenu(title: string) { return counted(new MenuBuilder(this.state, 'custom', title), 'Menu', this.log); }
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
  getProperty(key: string) { return this.data.get(key) ?? null; }
  setProperty(key: string, value: string) {
    const text = String(value);
    if (text.length > 9 * 1024) throw new Error('Argument too large: value');
    this.data.set(key, text);
    return this;
  }
  getProperties() { return Object.fromEntries(this.data); }
  setProperties(properties: Record<string, string>, deleteAllOthers = false) {
    if (deleteAllOthers) this.data.clear();
    for (const [k, v] of Object.entries(properties)) this.setProperty(k, v);
    return this;
  }
  deleteProperty(key: string) { this.data.delete(key); return this; }
  deleteAllProperties() { this.data.clear(); return this; }
  getKeys() { return [...this.data.keys()]; }
}

export interface TriggerRecord {
  id: string;
  handler: string;
  kind: 'change' | 'edit' | 'open' | 'after' | 'every';
  /** When a time-based trigger fires next (host clock, ms). */
  at?: number;
  everyMs?: number;
}

export class TriggerState {
  list: TriggerRecord[] = [];
  private next = 1;
  add(record: Omit<TriggerRecord, 'id'>): TriggerRecord {
    const full = { ...record, id: `trigger-${this.next++}` };
    this.list.push(full);
    return full;
  }
}

class TriggerFacade {
  constructor(readonly record: TriggerRecord) {}
  getHandlerFunction() { return this.record.handler; }
  getUniqueId() { return this.record.id; }
  getEventType() { return { change: 'ON_CHANGE', edit: 'ON_EDIT', open: 'ON_OPEN', after: 'CLOCK', every: 'CLOCK' }[this.record.kind]; }
  getTriggerSource() { return this.record.kind === 'after' || this.record.kind === 'every' ? 'CLOCK' : 'SPREADSHEETS'; }
}

class TriggerBuilder {
  private kind: TriggerRecord['kind'] | null = null;
  private at?: number;
  private everyMs?: number;
  constructor(private readonly handler: string, private readonly state: TriggerState, private readonly now: () => number, private readonly log: CallLog) {}
  forSpreadsheet() { return this; }
  timeBased() { return this; }
  onChange() { this.kind = 'change'; return this; }
  onEdit() { this.kind = 'edit'; return this; }
  onOpen() { this.kind = 'open'; return this; }
  after(ms: number) { this.kind = 'after'; this.at = this.now() + ms; return this; }
  at_(date: Date) { this.kind = 'after'; this.at = date.getTime(); return this; }
  everyMinutes(n: number) {
    if (![1, 5, 10, 15, 30].includes(n)) throw new Error('The value you passed to everyMinutes is not valid. Allowed: 1, 5, 10, 15, 30.');
    return this.every(n * 60_000);
  }
  everyHours(n: number) { return this.every(n * 3_600_000); }
  private every(ms: number) { this.kind = 'every'; this.everyMs = ms; this.at = this.now() + ms; return this; }
  create() {
    if (!this.kind) throw new Error('Missing trigger type.');
    if (this.state.list.length >= 20) throw new Error('This script has too many triggers. Triggers must be deleted from the script before more can be added.');
    return counted(new TriggerFacade(this.state.add({ handler: this.handler, kind: this.kind, at: this.at, everyMs: this.everyMs })), 'Trigger', this.log);
  }
}

export function scriptApp(state: TriggerState, now: () => number, log: CallLog, scriptId: string) {
  const app = {
    AuthMode: { NONE: 'NONE', LIMITED: 'LIMITED', FULL: 'FULL', CUSTOM_FUNCTION: 'CUSTOM_FUNCTION' },
    EventType: { CLOCK: 'CLOCK', ON_CHANGE: 'ON_CHANGE', ON_EDIT: 'ON_EDIT', ON_OPEN: 'ON_OPEN' },
    getScriptId: () => scriptId,
    newTrigger: (handler: string) => {
      const builder = counted(new TriggerBuilder(handler, state, now, log), 'TriggerBuilder', log);
      // TriggerBuilder.at(date) — "at" is a reserved-looking name in our class; expose it here.
      return Object.assign(builder, { at: (date: Date) => builder.at_(date) });
    },
    getProjectTriggers: () => state.list.map((r) => counted(new TriggerFacade(r), 'Trigger', log)),
    getUserTriggers: () => state.list.map((r) => counted(new TriggerFacade(r), 'Trigger', log)),
    deleteTrigger: (trigger: TriggerFacade) => {
      state.list = state.list.filter((r) => r.id !== trigger.record.id);
    },
  };
  return counted(app, 'ScriptApp', log);
}

export class LockState {
  holder: object | null = null;
}

class LockFacade {
  constructor(private readonly state: LockState) {}
  tryLock(_ms: number) {
    if (this.state.holder && this.state.holder !== this) return false;
    this.state.holder = this;
    return true;
  }
  waitLock(ms: number) {
    if (!this.tryLock(ms)) throw new Error('Lock timeout: another process was holding the lock for too long.');
  }
  hasLock() { return this.state.holder === this; }
  releaseLock() { if (this.state.holder === this) this.state.holder = null; }
}

export function lockService(state: LockState, log: CallLog) {
  const lock = () => counted(new LockFacade(state), 'Lock', log);
  return counted({ getDocumentLock: lock, getScriptLock: lock, getUserLock: lock }, 'LockService', log);
}

export class HtmlOutput {
  private title = '';
  constructor(private content: string) {}
  setTitle(title: string) { this.title = title; return this; }
  getTitle() { return this.title; }
  setWidth() { return this; }
  setHeight() { return this; }
  setSandboxMode() { return this; }
  setXFrameOptionsMode() { return this; }
  addMetaTag() { return this; }
  getContent() { return this.content; }
  append(html: string) { this.content += html; return this; }
}

export function htmlService(distDir: string, log: CallLog) {
  const service = {
    SandboxMode: { IFRAME: 'IFRAME', NATIVE: 'NATIVE' },
    XFrameOptionsMode: { ALLOWALL: 'ALLOWALL', DEFAULT: 'DEFAULT' },
    createHtmlOutput: (html = '') => counted(new HtmlOutput(html), 'HtmlOutput', log),
    createHtmlOutputFromFile: (name: string) => {
      const file = join(distDir, name.endsWith('.html') ? name : `${name}.html`);
      let html: string;
      try {
        html = readFileSync(file, 'utf8');
      } catch {
        throw new Error(`No HTML file named ${name} was found.`);
      }
      return counted(new HtmlOutput(html), 'HtmlOutput', log);
    },
  };
  return counted(service, 'HtmlService', log);
}

/** Utilities.formatDate with Java SimpleDateFormat letters, in a named time zone. */
export function formatDateInZone(date: Date, timeZone: string, pattern: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', weekday: 'short' })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  return pattern.replace(/yyyy|yy|MM|dd|HH|mm|ss|EEE|'[^']*'/g, (token) => {
    switch (token) {
      case 'yyyy': return parts.year;
      case 'yy': return parts.year.slice(2);
      case 'MM': return parts.month;
      case 'dd': return parts.day;
      case 'HH': return parts.hour;
      case 'mm': return parts.minute;
      case 'ss': return parts.second;
      case 'EEE': return parts.weekday;
      default: return token.slice(1, -1);
    }
  });
}

export function utilities(log: CallLog, advance: (ms: number) => void) {
  let uuid = 0;
  return counted(
    {
      formatDate: (date: Date, timeZone: string, pattern: string) => {
        if (!isDate(date)) throw new Error('The parameters don\'t match the method signature for Utilities.formatDate.');
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
}

export function mailApp(outbox: Mail[], log: CallLog) {
  return counted(
    {
      sendEmail: (a: string | { to: string; subject: string; body?: string; htmlBody?: string }, subject?: string, body?: string) => {
        const mail = typeof a === 'string' ? { to: a, subject: String(subject), body: String(body ?? '') } : { to: a.to, subject: a.subject, body: a.body ?? a.htmlBody ?? '' };
        if (!/^[^@\s]+@[^@\s]+$/.test(mail.to)) throw new Error(`Invalid email: ${mail.to}`);
        outbox.push(mail);
      },
      getRemainingDailyQuota: () => 100 - outbox.length,
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
        put: (key: string, value: string, seconds = 600) => { data.set(key, { value, until: now() + seconds * 1000 }); },
        remove: (key: string) => { data.delete(key); },
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

export const chartsEnum = {
  ChartType: { BAR: 'BAR', COLUMN: 'COLUMN', LINE: 'LINE', PIE: 'PIE', AREA: 'AREA', TABLE: 'TABLE' },
};
