// The settings page in the sidebar. It talks to the server only through the typed contract, and puts
// every value from the sheet into the page as text (textContent, .value), never as HTML.
import type { FieldError, ServerApi, SettingsDocument, SidebarData, SourceKind } from './contract';
import { pageText, type PageText } from './text';
import { nameKey } from '../tracker/names';

interface ScriptRun {
  withSuccessHandler(f: (value: unknown) => void): ScriptRun;
  withFailureHandler(f: (error: Error) => void): ScriptRun;
  [name: string]: unknown;
}
declare const google: { script: { run: ScriptRun } };

/** google.script.run as a promise, typed by the contract. */
function call<K extends keyof ServerApi>(name: K, ...args: Parameters<ServerApi[K]>): Promise<ReturnType<ServerApi[K]>> {
  return new Promise((resolve, reject) => {
    const runner = google.script.run.withSuccessHandler((v) => resolve(v as ReturnType<ServerApi[K]>)).withFailureHandler(reject);
    (runner[name] as (...a: unknown[]) => void)(...args);
  });
}

type Child = Node | string | null | false;
function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string | boolean | undefined> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) if (c) node.append(c); // strings become text nodes
  return node;
}

let data: SidebarData;
let draft: SettingsDocument;
let t: PageText;
let savedJson = '';
let busy = false;
let uid = 0;

const fill = (s: string, v: Record<string, string>) => s.replace(/\{(\w+)\}/g, (_, k: string) => v[k] ?? '');
const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;
const dirty = () => JSON.stringify(draft) !== savedJson;
const errorId = (path: string) => `err-${path.replace(/[^\w-]/g, '-')}`;

function remember(): void {
  try {
    if (dirty()) localStorage.setItem(data.draftKey, JSON.stringify(draft));
    else localStorage.removeItem(data.draftKey);
  } catch {
    /* storage may be off: the beforeunload prompt still guards the draft */
  }
}

function changed(): void {
  syncStageColumns();
  remember();
  status('', '');
}

/** A labelled field with its own error line; `path` names it for the server's field errors. */
function field(label: string, control: HTMLElement, path: string, hint?: string): HTMLElement {
  const id = `f${++uid}`;
  control.id = id;
  control.dataset.path = path;
  control.setAttribute('aria-describedby', errorId(path));
  return el('div', { class: 'field' }, el('label', { for: id }, label), hint ? el('div', { class: 'hint' }, hint) : null, control, el('div', { class: 'error', id: errorId(path), role: 'alert' }));
}

function textInput(value: string, set: (v: string) => void, attrs: Record<string, string> = {}): HTMLInputElement {
  const input = el('input', { type: 'text', ...attrs });
  input.value = value;
  input.addEventListener('input', () => {
    set(input.value);
    changed();
  });
  return input;
}

function numberInput(value: number | null, set: (v: number | null) => void, attrs: Record<string, string> = {}): HTMLInputElement {
  const input = el('input', { type: 'number', ...attrs });
  input.value = value === null || value === undefined ? '' : String(value);
  input.addEventListener('input', () => {
    set(input.value.trim() === '' ? null : Number(input.value));
    changed();
  });
  return input;
}

function checkbox(label: string, value: boolean, set: (v: boolean) => void, path: string): HTMLElement {
  const id = `f${++uid}`;
  const box = el('input', { type: 'checkbox', id });
  box.dataset.path = path;
  box.checked = value;
  box.addEventListener('change', () => {
    set(box.checked);
    changed();
    render();
  });
  return el('div', { class: 'check' }, box, el('label', { for: id }, label));
}

function select(options: [string, string][], value: string, set: (v: string) => void, rerender = false): HTMLSelectElement {
  const s = el('select');
  for (const [v, label] of options) {
    const o = el('option', { value: v }, label);
    if (v === value) o.selected = true;
    s.append(o);
  }
  s.addEventListener('change', () => {
    set(s.value);
    changed();
    if (rerender) render();
  });
  return s;
}

function button(label: string, onClick: () => void, attrs: Record<string, string> = {}): HTMLButtonElement {
  const b = el('button', { type: 'button', ...attrs }, label);
  b.addEventListener('click', onClick);
  return b;
}

function section(title: string, open: boolean, ...children: Child[]): HTMLElement {
  return el('details', { open }, el('summary', {}, title), ...children);
}

/** Up / down / remove buttons for row i of a list; focus follows the moved row. */
function listControls<T>(list: T[], i: number, name: string, key: string): HTMLElement {
  const move = (to: number, focus: string) => () => {
    const [item] = list.splice(i, 1);
    list.splice(to, 0, item);
    changed();
    render(`${key}-${focus}-${to}`);
  };
  return el(
    'span',
    { class: 'row-buttons' },
    button('↑', move(i - 1, 'up'), { 'aria-label': fill(t.up, { name }), 'data-key': `${key}-up-${i}`, ...(i === 0 ? { disabled: '' } : {}) }),
    button('↓', move(i + 1, 'down'), { 'aria-label': fill(t.down, { name }), 'data-key': `${key}-down-${i}`, ...(i === list.length - 1 ? { disabled: '' } : {}) }),
    button('✕', () => {
      list.splice(i, 1);
      changed();
      render(`${key}-add`);
    }, { 'aria-label': fill(t.remove, { name }), 'data-key': `${key}-remove-${i}` }),
  );
}

/** A saved choice that is no longer in the sheet stays listed (and selected), marked — never silently dropped. */
function withMissing(options: [string, string][], current: string | undefined): [string, string][] {
  if (!current || options.some(([v]) => v === current)) return options;
  return [...options, [current, fill(t.missing, { name: current })]];
}

function sourcesSection(): HTMLElement {
  const kinds: SourceKind[] = ['deals', 'activities', 'leads'];
  const blocks = kinds.map((kind) => {
    const source = draft.sources[kind];
    const sheetOptions: [string, string][] = withMissing([['', t.none], ...data.sheets.map((s): [string, string] => [s.name, s.name])], source?.sheet);
    const sheetSelect = select(sheetOptions, source?.sheet ?? '', (v) => {
      draft.sources[kind] = v ? { sheet: v, columns: {}, stageColumns: [] } : null;
    }, true);
    const headers = data.sheets.find((s) => s.name === source?.sheet)?.headers ?? [];
    const roles = source
      ? data.roles[kind].map(({ role, required }) => {
          // With one date column per stage, the stage column is not needed.
          const needed = required && !(kind === 'deals' && role === 'stage' && source.stageColumns.length > 0);
          const label = `${t.roles[role] ?? role}${needed ? ` (${t.required})` : ''}`;
          const control = select(withMissing([['', t.none], ...headers.map((h): [string, string] => [h, h])], source.columns[role]), source.columns[role] ?? '', (v) => {
            if (v) source.columns[role] = v;
            else delete source.columns[role];
          });
          return field(label, control, `sources.${kind}.columns.${role}`);
        })
      : [];
    return el('fieldset', {}, el('legend', {}, t.kinds[kind]), field(t.sheet, sheetSelect, `sources.${kind}.sheet`), ...roles);
  });
  return section(t.sources, !draft.sources.deals, ...blocks, button(t.detect, () => void detect(), { 'data-key': 'detect' }));
}

function funnelSection(): HTMLElement {
  const rows = draft.funnel.map((stage, i) => {
    const name = textInput(stage, (v) => (draft.funnel[i] = v), { 'data-key': `funnel-name-${i}`, 'aria-label': `${t.funnel} ${i + 1}` });
    name.dataset.path = `funnel.${i}`;
    name.setAttribute('aria-describedby', errorId(`funnel.${i}`));
    return el('li', {}, el('div', { class: 'stage' }, name, listControls(draft.funnel, i, stage, 'funnel')), el('div', { class: 'error', id: errorId(`funnel.${i}`), role: 'alert' }));
  });
  const newStage = el('input', { type: 'text', 'aria-label': t.newStage, placeholder: t.newStage, 'data-key': 'funnel-new' });
  const add = () => {
    if (!newStage.value.trim()) return newStage.focus();
    draft.funnel.push(newStage.value.trim());
    changed();
    render('funnel-new');
  };
  newStage.addEventListener('keydown', (e) => e.key === 'Enter' && add());
  const targets = draft.funnel.slice(1).map((stage, i) =>
    field(`${draft.funnel[i]} → ${stage}`, numberInput(draft.targets[i] === null || draft.targets[i] === undefined ? null : Math.round(draft.targets[i]! * 1000) / 10, (v) => {
      while (draft.targets.length <= i) draft.targets.push(null);
      draft.targets[i] = v === null ? null : v / 100;
    }, { min: '0', max: '100', step: '1' }), `targets.${i}`),
  );
  return section(
    t.funnel,
    true,
    el('div', { class: 'hint' }, t.funnelHelp),
    stageColumnsControl(),
    el('ol', { class: 'list' }, ...rows),
    el('div', { class: 'add' }, newStage, button(t.addStage, add, { 'data-key': 'funnel-add' })),
    el('div', { class: 'error', id: errorId('funnel'), role: 'alert' }),
    targets.length ? el('h3', {}, t.targets) : null,
    ...targets,
  );
}

/** The deals sheet's header naming a stage (case, spaces and ё/е aside), or ''. */
function headerFor(stage: string): string {
  const headers = data.sheets.find((s) => s.name === draft.sources.deals?.sheet)?.headers ?? [];
  return headers.find((h) => nameKey(h) === nameKey(stage)) ?? '';
}

/** Shape B: "one date column per stage". The columns follow the funnel: they are re-matched on every change. */
function syncStageColumns(): void {
  const deals = draft.sources.deals;
  if (deals && deals.stageColumns.length) deals.stageColumns = draft.funnel.map(headerFor);
}

function stageColumnsControl(): HTMLElement | null {
  const deals = draft.sources.deals;
  if (!deals) return null;
  const box = checkbox(t.stageColumns, deals.stageColumns.length > 0, (on) => {
    deals.stageColumns = on ? draft.funnel.map(headerFor) : [];
  }, 'sources.deals.stageColumns');
  return el('div', {}, box, el('div', { class: 'hint' }, t.stageColumnsHint), el('div', { class: 'error', id: errorId('sources.deals.stageColumns'), role: 'alert' }));
}

function wordsSection(): HTMLElement {
  const list = (key: 'wonWords' | 'lostWords') => textInput(draft[key].join(', '), (v) => (draft[key] = v.split(',').map((s) => s.trim()).filter(Boolean)));
  const periods = Object.entries(t.periods) as [SettingsDocument['period'], string][];
  return section(
    t.words,
    false,
    field(t.wonWords, list('wonWords'), 'wonWords'),
    field(t.lostWords, list('lostWords'), 'lostWords'),
    field(t.stalled, numberInput(draft.stalledDays, (v) => (draft.stalledDays = v as number), { min: '1', step: '1' }), 'stalledDays'),
    field(t.period, select(periods, draft.period, (v) => (draft.period = v as SettingsDocument['period'])), 'period'),
    field(t.touches, textArea(draft.effectiveTouches, (v) => (draft.effectiveTouches = v)), 'effectiveTouches'),
  );
}

function textArea(lines: string[], set: (v: string[]) => void): HTMLTextAreaElement {
  const area = el('textarea', { rows: '4' });
  area.value = lines.join('\n');
  area.addEventListener('input', () => {
    set(area.value.split('\n').map((s) => s.trim()).filter(Boolean));
    changed();
  });
  return area;
}

function watchSection(): HTMLElement {
  const sla = draft.sla;
  const hours = sla.workingHours;
  const hoursBlock = hours
    ? el(
        'div',
        { class: 'hours' },
        el('div', { class: 'days', role: 'group', 'aria-label': t.hours }, ...t.days.map((day, d) => {
          const id = `f${++uid}`;
          const box = el('input', { type: 'checkbox', id });
          box.checked = hours.days.includes(d);
          box.addEventListener('change', () => {
            hours.days = box.checked ? [...hours.days, d].sort() : hours.days.filter((x) => x !== d);
            changed();
          });
          return el('span', {}, box, el('label', { for: id }, day));
        })),
        el('div', { class: 'error', id: errorId('sla.workingHours.days'), role: 'alert' }),
        field(t.from, textInput(hours.from, (v) => (hours.from = v), { type: 'time' }), 'sla.workingHours.from'),
        field(t.to, textInput(hours.to, (v) => (hours.to = v), { type: 'time' }), 'sla.workingHours.to'),
      )
    : null;
  const rotation = sla.rotation.map((m, i) =>
    el(
      'li',
      {},
      field(t.manager, textInput(m.manager, (v) => (m.manager = v)), `sla.rotation.${i}.manager`),
      field(t.email, textInput(m.email, (v) => (m.email = v), { type: 'email' }), `sla.rotation.${i}.email`),
      checkbox(t.onDuty, m.onDuty, (v) => (m.onDuty = v), `sla.rotation.${i}.onDuty`),
      listControls(sla.rotation, i, m.manager, 'rotation'),
    ),
  );
  return section(
    t.watch,
    false,
    field(t.sla, numberInput(sla.minutes, (v) => (sla.minutes = v as number), { min: '1', step: '1', 'data-key': 'sla' }), 'sla.minutes'),
    checkbox(t.hours, hours !== null, (v) => (sla.workingHours = v ? { days: [1, 2, 3, 4, 5], from: '09:00', to: '19:00' } : null), 'sla.workingHours'),
    hoursBlock,
    el('h3', {}, t.rotation),
    el('ol', { class: 'list' }, ...rotation),
    button(t.addManager, () => {
      sla.rotation.push({ manager: '', email: '', onDuty: true });
      changed();
      render();
    }, { 'data-key': 'rotation-add' }),
    field(t.maxRe, numberInput(sla.maxReassignments, (v) => (sla.maxReassignments = v as number), { min: '0', step: '1' }), 'sla.maxReassignments'),
    checkbox(t.notify, sla.notifyManagers, (v) => (sla.notifyManagers = v), 'sla.notifyManagers'),
    field(t.head, textInput(draft.headOfSalesEmail, (v) => (draft.headOfSalesEmail = v), { type: 'email' }), 'headOfSalesEmail'),
  );
}

function plansSection(): HTMLElement {
  const rows = draft.plans.map((p, i) =>
    el(
      'li',
      {},
      field(t.manager, textInput(p.manager, (v) => (p.manager = v)), `plans.${i}.manager`),
      field(t.perWeek, numberInput(p.touchesPerWeek, (v) => (p.touchesPerWeek = v as number), { min: '0' }), `plans.${i}.touchesPerWeek`),
      field(t.dealsMonth, numberInput(p.dealsPerMonth, (v) => (p.dealsPerMonth = v as number), { min: '0' }), `plans.${i}.dealsPerMonth`),
      field(t.revenueMonth, numberInput(p.revenuePerMonth, (v) => (p.revenuePerMonth = v as number), { min: '0' }), `plans.${i}.revenuePerMonth`),
      listControls(draft.plans, i, p.manager, 'plans'),
    ),
  );
  return section(t.plans, false, el('ol', { class: 'list' }, ...rows), button(t.addPlan, () => {
    draft.plans.push({ manager: '', touchesPerWeek: 0, dealsPerMonth: 0, revenuePerMonth: 0 });
    changed();
    render();
  }, { 'data-key': 'plans-add' }));
}

function status(text: string, kind: '' | 'ok' | 'error'): void {
  const line = document.getElementById('status')!;
  line.textContent = text;
  line.className = kind;
}

function setBusy(on: boolean, label = t.working): void {
  busy = on;
  const spinner = document.getElementById('busy')!;
  spinner.hidden = !on;
  spinner.querySelector('span')!.textContent = label;
  document.getElementById('app')!.setAttribute('aria-busy', String(on));
  (document.getElementById('save') as HTMLButtonElement).disabled = on;
}

/** Rebuilds the form from the draft; keeps focus on the control with `focusKey` (or the one that had it). */
function render(focusKey?: string): void {
  const key = focusKey ?? (document.activeElement as HTMLElement | null)?.dataset?.key;
  const open = [...document.querySelectorAll('details')].map((d) => d.open);
  const form = document.getElementById('form')!;
  form.replaceChildren(sourcesSection(), funnelSection(), wordsSection(), watchSection(), plansSection());
  document.querySelectorAll('details').forEach((d, i) => {
    if (open[i] !== undefined) d.open = open[i];
  });
  if (key) (form.querySelector(`[data-key="${key}"]`) as HTMLElement | null)?.focus();
}

function showErrors(errors: FieldError[]): void {
  document.querySelectorAll('.error').forEach((e) => (e.textContent = ''));
  document.querySelectorAll('[aria-invalid]').forEach((e) => e.removeAttribute('aria-invalid'));
  let first: HTMLElement | null = null;
  for (const error of errors) {
    // The error goes under its field, or under the nearest enclosing one.
    let path = error.path;
    let slot = document.getElementById(errorId(path));
    while (!slot && path.includes('.')) {
      path = path.slice(0, path.lastIndexOf('.'));
      slot = document.getElementById(errorId(path));
    }
    slot ??= document.getElementById('form-error');
    if (slot) slot.textContent = slot.textContent ? `${slot.textContent}; ${error.message}` : error.message;
    const input = document.querySelector(`[data-path="${path}"]`) as HTMLElement | null;
    if (input) {
      input.setAttribute('aria-invalid', 'true');
      const details = input.closest('details');
      if (details) details.open = true;
      first ??= input;
    }
  }
  first?.scrollIntoView({ block: 'center' });
  first?.focus();
}

async function save(): Promise<void> {
  if (busy) return;
  setBusy(true, t.saving);
  try {
    const result = await call('sidebarSave', draft);
    if (result.ok) {
      draft = clone(result.settings);
      savedJson = JSON.stringify(draft);
      remember();
      showErrors([]);
      status(t.saved, 'ok');
    } else {
      showErrors(result.errors);
      status(t.fix, 'error');
    }
  } catch (error) {
    status(fill(t.failed, { message: (error as Error).message }), 'error');
  } finally {
    setBusy(false);
  }
}

async function detect(): Promise<void> {
  setBusy(true);
  try {
    data = await call('sidebarDetect', draft);
    draft = clone(data.settings);
    changed();
    render('detect');
  } catch (error) {
    status(fill(t.failed, { message: (error as Error).message }), 'error');
  } finally {
    setBusy(false);
  }
}

function restoreDraft(): boolean {
  try {
    const stored = localStorage.getItem(data.draftKey);
    if (!stored || stored === savedJson) return false;
    draft = JSON.parse(stored) as SettingsDocument;
    return true;
  } catch {
    return false;
  }
}

async function start(): Promise<void> {
  t = pageText[document.documentElement.lang === 'ru' ? 'ru' : 'en'];
  setBusy(true);
  try {
    data = await call('sidebarLoad');
  } catch (error) {
    setBusy(false);
    status(fill(t.failed, { message: (error as Error).message }), 'error');
    return;
  }
  t = pageText[data.language];
  document.documentElement.lang = data.language;
  (document.getElementById('save') as HTMLButtonElement).textContent = t.save;
  draft = clone(data.settings);
  savedJson = JSON.stringify(draft);
  const banner = document.getElementById('banner')!;
  if (data.notice) banner.append(el('p', {}, data.notice));
  if (restoreDraft()) {
    banner.append(el('p', {}, t.draftRestored, ' ', button(t.discard, () => {
      draft = clone(data.settings);
      remember();
      banner.replaceChildren();
      render();
    })));
  }
  setBusy(false);
  render();
}

document.getElementById('save')!.addEventListener('click', () => void save());
window.addEventListener('beforeunload', (e) => {
  if (draft && dirty()) {
    e.preventDefault();
    e.returnValue = t.leave;
  }
});
void start();
