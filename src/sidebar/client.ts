// The settings page in the sidebar. It talks to the server only through the typed contract, and puts
// every value from the sheet into the page as text (textContent, .value), never as HTML.
import type { FieldError, ServerApi, SettingsDocument, SidebarData, SourceKind } from './contract';
import { pageText, type PageText } from './text';
import { fill } from '../i18n/language';
import { MS_PER_DAY } from '../tracker/dates';
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
function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | boolean | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
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
/** The saved name of each stage in the draft (null for a new one): a renamed stage keeps its old name as an alias. */
let origins: (string | null)[] = [];
const DRAFT_DAYS = 1;

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;
const dirty = () => JSON.stringify(draft) !== savedJson;
const errorId = (path: string) => `err-${path.replace(/[^\w-]/g, '-')}`;

/** Keeps an unsaved draft in the browser for a day at most (it may hold managers' e-mails); a saved or discarded one goes at once. */
function remember(): void {
  try {
    if (dirty()) localStorage.setItem(data.draftKey, JSON.stringify({ at: Date.now(), draft }));
    else localStorage.removeItem(data.draftKey);
  } catch {
    /* storage may be off: the beforeunload prompt still guards the draft */
  }
}

/**
 * A renamed stage: its saved name becomes an alias of the new one, so deals whose stage cell still
 * holds the old name are counted there, not dropped. Aliases of removed stages go.
 */
function syncAliases(): void {
  const keys = new Set(draft.funnel.map(nameKey));
  const renamed = new Map<string, { old: string; stage: string }>();
  origins.forEach((old, i) => {
    const now = (draft.funnel[i] ?? '').trim();
    if (old && now && nameKey(old) !== nameKey(now)) renamed.set(nameKey(old), { old, stage: now });
  });
  const aliases = (draft.stageAliases ?? [])
    .map((a) => ({ alias: a.alias, stage: renamed.get(nameKey(a.stage))?.stage ?? a.stage }))
    .filter((a) => keys.has(nameKey(a.stage)) && !keys.has(nameKey(a.alias)));
  for (const [key, { old, stage }] of renamed)
    if (!keys.has(key) && !aliases.some((a) => nameKey(a.alias) === key)) aliases.push({ alias: old, stage });
  draft.stageAliases = aliases;
}

/** Stage dates follow their stage: renamed with it, dropped with it. */
function syncStageDates(): void {
  const deals = draft.sources.deals;
  if (!deals?.stageDates?.length) return;
  const renamed = new Map<string, string>();
  origins.forEach((old, i) => {
    const now = (draft.funnel[i] ?? '').trim();
    if (old && now) renamed.set(nameKey(old), now);
  });
  const keys = new Set(draft.funnel.map(nameKey));
  deals.stageDates = deals.stageDates
    .map((d) => ({ stage: renamed.get(nameKey(d.stage)) ?? d.stage, column: d.column }))
    .filter((d) => keys.has(nameKey(d.stage)));
}

/** A step's name, "from → to", as the funnel now reads. */
const stepName = (i: number) => `${draft.funnel[i] ?? ''} → ${draft.funnel[i + 1] ?? ''}`;

/** The step targets are named by their stages: a renamed stage renames its steps as it is typed. */
function syncStepNames(): void {
  for (const label of document.querySelectorAll<HTMLElement>('label[data-step]')) label.textContent = stepName(Number(label.dataset.step));
}

function changed(): void {
  syncStepNames();
  syncAliases();
  syncStageColumns();
  syncStageDates();
  remember();
  status('', '');
}

/** A labelled field with its own error line; `path` names it for the server's field errors. */
function field(label: string, control: HTMLElement, path: string, hint?: string): HTMLElement {
  const id = `f${++uid}`;
  control.id = id;
  control.dataset.path = path;
  control.setAttribute('aria-describedby', errorId(path));
  return el(
    'div',
    { class: 'field' },
    el('label', { for: id }, label),
    hint ? el('div', { class: 'hint' }, hint) : null,
    control,
    el('div', { class: 'error', id: errorId(path), role: 'alert' }),
  );
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

/**
 * A number field that shows what was typed: "abc" stays "abc" with "type a number" under it (and
 * the server's message on Save), never an empty field. A decimal comma is read as a point.
 */
function numberInput(value: unknown, set: (v: number | null | string) => void, attrs: Record<string, string> = {}): HTMLInputElement {
  const input = el('input', { type: 'text', inputmode: 'decimal', ...attrs });
  input.value = value === null || value === undefined ? '' : String(value);
  input.addEventListener('input', () => {
    const text = input.value.trim().replace(',', '.');
    const n = Number(text);
    const ok = text === '' || Number.isFinite(n);
    set(text === '' ? null : ok ? n : input.value);
    const slot = document.getElementById(errorId(input.dataset.path ?? ''));
    if (slot) slot.textContent = ok ? '' : t.notNumber;
    if (ok) input.removeAttribute('aria-invalid');
    else input.setAttribute('aria-invalid', 'true');
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

/** A section opened by the question it answers and a plain sentence. */
function section(title: string, intro: string, open: boolean, ...children: Child[]): HTMLElement {
  return el('details', { open }, el('summary', {}, title), el('p', { class: 'intro' }, intro), ...children);
}

/** Up / down / remove buttons for row i of a list (and of a list kept parallel to it); focus follows the moved row. */
function listControls<T>(list: T[], i: number, name: string, key: string, parallel?: unknown[]): HTMLElement {
  const move = (to: number, focus: string) => () => {
    for (const l of parallel ? [list, parallel] : [list]) {
      const [item] = (l as unknown[]).splice(i, 1);
      (l as unknown[]).splice(to, 0, item);
    }
    changed();
    render(`${key}-${focus}-${to}`);
  };
  return el(
    'span',
    { class: 'row-buttons' },
    button('↑', move(i - 1, 'up'), {
      'aria-label': fill(t.up, { name }),
      'data-key': `${key}-up-${i}`,
      ...(i === 0 ? { disabled: '' } : {}),
    }),
    button('↓', move(i + 1, 'down'), {
      'aria-label': fill(t.down, { name }),
      'data-key': `${key}-down-${i}`,
      ...(i === list.length - 1 ? { disabled: '' } : {}),
    }),
    button(
      '✕',
      () => {
        list.splice(i, 1);
        parallel?.splice(i, 1);
        changed();
        render(`${key}-add`);
      },
      { 'aria-label': fill(t.remove, { name }), 'data-key': `${key}-remove-${i}` },
    ),
  );
}

/** A saved choice that is no longer in the sheet stays listed (and selected), marked — never silently dropped. */
function withMissing(options: [string, string][], current: string | undefined): [string, string][] {
  if (!current || options.some(([v]) => v === current)) return options;
  return [...options, [current, fill(t.missing, { name: current })]];
}

function dataSection(): HTMLElement {
  const kinds: SourceKind[] = ['deals', 'activities', 'leads', 'history'];
  const blocks = kinds.map((kind) => {
    const source = draft.sources[kind];
    const sheetOptions: [string, string][] = withMissing(
      [['', t.none], ...data.sheets.map((s): [string, string] => [s.name, s.name])],
      source?.sheet,
    );
    const sheetSelect = select(
      sheetOptions,
      source?.sheet ?? '',
      (v) => {
        draft.sources[kind] = v ? { sheet: v, columns: {}, stageColumns: [] } : null;
      },
      true,
    );
    const headers = data.sheets.find((s) => s.name === source?.sheet)?.headers ?? [];
    const roles = source
      ? data.roles[kind].map(({ role, required }) => {
          // With one date column per stage, the stage column is not needed.
          const needed = required && !(kind === 'deals' && role === 'stage' && source.stageColumns.length > 0);
          const label = `${t.roles[role] ?? role}${needed ? ` (${t.required})` : ''}`;
          const control = select(
            withMissing([['', t.none], ...headers.map((h): [string, string] => [h, h])], source.columns[role]),
            source.columns[role] ?? '',
            (v) => {
              if (v) source.columns[role] = v;
              else delete source.columns[role];
            },
          );
          return field(label, control, `sources.${kind}.columns.${role}`);
        })
      : [];
    return el('fieldset', {}, el('legend', {}, t.kinds[kind]), field(t.sheet, sheetSelect, `sources.${kind}.sheet`), ...roles);
  });
  return section(
    t.qData,
    t.qDataIntro,
    !draft.sources.deals,
    button(t.detect, () => void detect(), { 'data-key': 'detect' }),
    ...blocks,
  );
}

function funnelSection(): HTMLElement {
  const rows = draft.funnel.map((stage, i) => {
    const name = textInput(stage, (v) => (draft.funnel[i] = v), { 'data-key': `funnel-name-${i}`, 'aria-label': `${t.funnel} ${i + 1}` });
    name.dataset.path = `funnel.${i}`;
    name.setAttribute('aria-describedby', errorId(`funnel.${i}`));
    // Which old names count here, kept up to date as the user types (changed() has synced the aliases by then).
    const renamed = el('div', { class: 'hint', 'aria-live': 'polite' });
    const showRenamed = () => {
      const here = (draft.stageAliases ?? []).filter((a) => nameKey(a.stage) === nameKey(draft.funnel[i] ?? ''));
      renamed.textContent = here.map((a) => fill(t.renamed, { old: a.alias })).join(' ');
    };
    name.addEventListener('input', showRenamed);
    showRenamed();
    return el(
      'li',
      {},
      el('div', { class: 'stage' }, name, listControls(draft.funnel, i, stage, 'funnel', origins)),
      renamed,
      el('div', { class: 'error', id: errorId(`funnel.${i}`), role: 'alert' }),
    );
  });
  const newStage = el('input', { type: 'text', 'aria-label': t.newStage, placeholder: t.newStage, 'data-key': 'funnel-new' });
  const add = () => {
    if (!newStage.value.trim()) return newStage.focus();
    draft.funnel.push(newStage.value.trim());
    origins.push(null);
    changed();
    render('funnel-new');
  };
  newStage.addEventListener('keydown', (e) => e.key === 'Enter' && add());
  const targets = draft.funnel.slice(1).map((_stage, i) => {
    const current = draft.targets[i] as unknown;
    const shown = typeof current === 'number' ? Math.round(current * 1000) / 10 : current;
    const target = field(
      stepName(i),
      numberInput(shown, (v) => {
        while (draft.targets.length <= i) draft.targets.push(null);
        (draft.targets as unknown[])[i] = typeof v === 'number' ? v / 100 : v;
      }),
      `targets.${i}`,
    );
    target.querySelector('label')!.dataset.step = String(i);
    return target;
  });
  const words = (key: 'wonWords' | 'lostWords') =>
    textInput(
      draft[key].join(', '),
      (v) =>
        (draft[key] = v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)),
    );
  return section(
    t.qFunnel,
    t.qFunnelIntro,
    true,
    stageShapeChoice(),
    el('h3', {}, t.funnel),
    el('div', { class: 'hint' }, t.funnelHelp),
    el('ol', { class: 'list' }, ...rows),
    el('div', { class: 'add' }, newStage, button(t.addStage, add, { 'data-key': 'funnel-add' })),
    el('div', { class: 'error', id: errorId('funnel'), role: 'alert' }),
    ...stageDateFields(),
    targets.length ? el('h3', {}, t.targets) : null,
    ...targets,
    field(t.wonWords, words('wonWords'), 'wonWords', t.wonLostHint),
    field(t.lostWords, words('lostWords'), 'lostWords'),
  );
}

/** With one stage column: which column, if any, holds the date each stage was reached. */
function stageDateFields(): (HTMLElement | null)[] {
  const deals = draft.sources.deals;
  if (!deals || deals.stageColumns.length || draft.funnel.length < 2) return [];
  const headers = data.sheets.find((s) => s.name === deals.sheet)?.headers ?? [];
  const rows = draft.funnel.map((stage, i) => {
    const current = deals.stageDates?.find((d) => nameKey(d.stage) === nameKey(stage))?.column;
    const control = select(withMissing([['', t.none], ...headers.map((h): [string, string] => [h, h])], current), current ?? '', (v) => {
      const rest = (deals.stageDates ?? []).filter((d) => nameKey(d.stage) !== nameKey(stage));
      deals.stageDates = v ? [...rest, { stage, column: v }] : rest;
    });
    return field(fill(t.stageDateOf, { stage }), control, `sources.deals.stageDates.${i}`);
  });
  return [el('h3', {}, t.stageDates), el('div', { class: 'hint' }, t.stageDatesHint), ...rows];
}

/** The deals sheet's header naming a stage, or one of its older names (case, spaces and ё/е aside), or ''. */
function headerFor(stage: string): string {
  const headers = data.sheets.find((s) => s.name === draft.sources.deals?.sheet)?.headers ?? [];
  const names = [stage, ...(draft.stageAliases ?? []).filter((a) => nameKey(a.stage) === nameKey(stage)).map((a) => a.alias)].map(nameKey);
  return headers.find((h) => names.includes(nameKey(h))) ?? '';
}

/** Shape B: "one date column per stage". The columns follow the funnel: they are re-matched on every change. */
function syncStageColumns(): void {
  const deals = draft.sources.deals;
  if (deals?.stageColumns.length) deals.stageColumns = draft.funnel.map(headerFor);
}

/** How the deals sheet records the stage: a plain choice between two shapes. */
function stageShapeChoice(): HTMLElement | null {
  const deals = draft.sources.deals;
  if (!deals) return null;
  const name = `shape${++uid}`;
  const option = (value: boolean, label: string, path?: string) => {
    const id = `f${++uid}`;
    const radio = el('input', { type: 'radio', name, id });
    if (path) radio.dataset.path = path;
    radio.checked = deals.stageColumns.length > 0 === value;
    radio.addEventListener('change', () => {
      deals.stageColumns = value ? draft.funnel.map(headerFor) : [];
      changed();
      render();
    });
    return el('div', { class: 'check' }, radio, el('label', { for: id }, label));
  };
  return el(
    'fieldset',
    { class: 'choice' },
    el('legend', {}, t.stageColumnsChoice),
    option(false, t.oneColumn, 'sources.deals.stageColumns'),
    option(true, t.dateColumns),
    el('div', { class: 'error', id: errorId('sources.deals.stageColumns'), role: 'alert' }),
  );
}

function stalledSection(): HTMLElement {
  return section(
    t.qStalled,
    t.qStalledIntro,
    false,
    field(
      t.stalled,
      numberInput(draft.stalledDays, (v) => ((draft as { stalledDays: unknown }).stalledDays = v)),
      'stalledDays',
    ),
    ...stalledByStageFields(),
  );
}

/** A stage's own stalled threshold, per funnel stage but the last: blank is the global one. */
function stalledByStageFields(): HTMLElement[] {
  const stages = draft.funnel.slice(0, -1).filter((s) => s.trim() !== '');
  if (!stages.length) return [];
  draft.stalledDaysByStage ??= [];
  const list = draft.stalledDaysByStage as { stage: string; days: unknown }[];
  const rows = stages.map((stage) => {
    const at = list.findIndex((e) => nameKey(e.stage) === nameKey(stage));
    const input = numberInput(
      at >= 0 ? list[at].days : null,
      (v) => {
        // The draft now (a save or a restored draft replaces it), not the one this was drawn from.
        const list = (draft.stalledDaysByStage ??= []) as { stage: string; days: unknown }[];
        const i = list.findIndex((e) => nameKey(e.stage) === nameKey(stage));
        if (v === null) {
          if (i >= 0) list.splice(i, 1);
        } else if (i >= 0) list[i].days = v;
        else list.push({ stage, days: v });
      },
      { placeholder: String(draft.stalledDays ?? ''), 'data-key': `stalled-${stage}` },
    );
    return field(fill(t.stalledOf, { stage }), input, at >= 0 ? `stalledDaysByStage.${at}.days` : `stalledDaysByStage.${stage}`);
  });
  return [el('h3', {}, t.stalledByStage), el('div', { class: 'hint' }, t.stalledByStageHint), ...rows];
}

function textArea(lines: string[], set: (v: string[]) => void): HTMLTextAreaElement {
  const area = el('textarea', { rows: '5' });
  area.value = lines.join('\n');
  area.addEventListener('input', () => {
    set(
      area.value
        .split('\n')
        .map((s) => s.trim())
        .filter(Boolean),
    );
    changed();
  });
  return area;
}

/** A manager's name, chosen from the names in the data (free entry allowed, flagged when it matches nobody). */
function managerInput(value: string, set: (v: string) => void, label: string, path: string): HTMLElement {
  const input = textInput(
    value,
    (v) => {
      set(v);
      note.textContent = unknownManager(v) ? t.noMatch : '';
    },
    { list: 'managers', 'aria-label': label },
  );
  input.dataset.path = path;
  input.setAttribute('aria-describedby', `${errorId(path)} warn-${errorId(path)}`);
  const note = el('div', { class: 'warning', role: 'status', id: `warn-${errorId(path)}` }, unknownManager(value) ? t.noMatch : '');
  return el('div', { class: 'who' }, input, note, el('div', { class: 'error', id: errorId(path), role: 'alert' }));
}

function unknownManager(name: string): boolean {
  return name.trim() !== '' && data.managers.length > 0 && !data.managers.some((m) => nameKey(m) === nameKey(name));
}

function activitySection(): HTMLElement {
  const cell = (control: HTMLElement) => el('td', {}, control);
  const rows = draft.plans.map((p, i) => {
    const who = p.manager || fill(t.managerOf, { n: String(i + 1) });
    const numberCell = (value: unknown, key: 'touchesPerWeek' | 'dealsPerMonth' | 'revenuePerMonth', label: string) => {
      const input = numberInput(value, (v) => ((p as Record<string, unknown>)[key] = v), { 'aria-label': fill(label, { name: who }) });
      input.dataset.path = `plans.${i}.${key}`;
      input.setAttribute('aria-describedby', errorId(`plans.${i}.${key}`));
      return el('td', {}, input, el('div', { class: 'error', id: errorId(`plans.${i}.${key}`), role: 'alert' }));
    };
    return el(
      'tr',
      {},
      cell(managerInput(p.manager, (v) => (p.manager = v), fill(t.managerOf, { n: String(i + 1) }), `plans.${i}.manager`)),
      numberCell(p.touchesPerWeek, 'touchesPerWeek', t.perWeekOf),
      numberCell(p.dealsPerMonth, 'dealsPerMonth', t.dealsOf),
      numberCell(p.revenuePerMonth, 'revenuePerMonth', t.revenueOf),
      cell(listControls(draft.plans, i, who, 'plans')),
    );
  });
  const table = el(
    'table',
    { class: 'plans' },
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        el('th', {}, t.manager),
        el('th', {}, t.perWeek),
        el('th', {}, t.dealsMonth),
        el('th', {}, t.revenueMonth),
        el('th', {}),
      ),
    ),
    el('tbody', {}, ...rows),
  );
  return section(
    t.qActivity,
    t.qActivityIntro,
    false,
    field(
      t.touches,
      textArea(draft.effectiveTouches, (v) => (draft.effectiveTouches = v)),
      'effectiveTouches',
    ),
    el('h3', {}, t.plans),
    rows.length ? table : null,
    button(
      t.addPlan,
      () => {
        draft.plans.push({ manager: '', touchesPerWeek: 0, dealsPerMonth: 0, revenuePerMonth: 0 });
        changed();
        render('plans-add');
      },
      { 'data-key': 'plans-add' },
    ),
  );
}

function responseSection(): HTMLElement {
  const sla = draft.sla;
  const hours = sla.workingHours;
  const hoursBlock = hours
    ? el(
        'div',
        { class: 'hours' },
        el(
          'div',
          { class: 'days', role: 'group', 'aria-label': t.hours },
          ...t.days.map((day, d) => {
            const id = `f${++uid}`;
            const box = el('input', { type: 'checkbox', id });
            box.checked = hours.days.includes(d);
            box.addEventListener('change', () => {
              hours.days = box.checked ? [...hours.days, d].sort() : hours.days.filter((x) => x !== d);
              changed();
            });
            return el('span', {}, box, el('label', { for: id }, day));
          }),
        ),
        el('div', { class: 'error', id: errorId('sla.workingHours.days'), role: 'alert' }),
        field(
          t.from,
          textInput(hours.from, (v) => (hours.from = v), { type: 'time' }),
          'sla.workingHours.from',
        ),
        field(
          t.to,
          textInput(hours.to, (v) => (hours.to = v), { type: 'time' }),
          'sla.workingHours.to',
        ),
      )
    : null;
  return section(
    t.qResponse,
    t.qResponseIntro,
    false,
    field(
      t.sla,
      numberInput(sla.minutes, (v) => ((sla as { minutes: unknown }).minutes = v), { 'data-key': 'sla' }),
      'sla.minutes',
    ),
    checkbox(
      t.hours,
      hours !== null,
      (v) => (sla.workingHours = v ? { days: [1, 2, 3, 4, 5], from: '09:00', to: '19:00' } : null),
      'sla.workingHours',
    ),
    hoursBlock,
  );
}

function takeoverSection(): HTMLElement {
  const sla = draft.sla;
  const rotation = sla.rotation.map((m, i) => {
    const who = m.manager || fill(t.managerOf, { n: String(i + 1) });
    const email = textInput(m.email, (v) => (m.email = v), {
      type: 'email',
      'aria-label': fill(t.emailOf, { name: who }),
      placeholder: t.email,
    });
    email.dataset.path = `sla.rotation.${i}.email`;
    email.setAttribute('aria-describedby', errorId(`sla.rotation.${i}.email`));
    const onDuty = el('input', { type: 'checkbox', 'aria-label': fill(t.onDutyOf, { name: who }) });
    onDuty.checked = m.onDuty;
    onDuty.dataset.path = `sla.rotation.${i}.onDuty`;
    onDuty.addEventListener('change', () => {
      m.onDuty = onDuty.checked;
      changed();
    });
    return el(
      'li',
      { class: 'person' },
      el(
        'div',
        { class: 'line' },
        managerInput(m.manager, (v) => (m.manager = v), fill(t.managerOf, { n: String(i + 1) }), `sla.rotation.${i}.manager`),
        el('label', { class: 'duty' }, onDuty, t.onDuty),
        listControls(sla.rotation, i, who, 'rotation'),
      ),
      email,
      el('div', { class: 'error', id: errorId(`sla.rotation.${i}.email`), role: 'alert' }),
    );
  });
  return section(
    t.qTakeover,
    t.qTakeoverIntro,
    false,
    el('div', { class: 'hint' }, data.boundScript ? t.boundMinute : t.addonHour),
    el('h3', {}, t.rotation),
    el('ol', { class: 'list' }, ...rotation),
    button(
      t.addManager,
      () => {
        sla.rotation.push({ manager: '', email: '', onDuty: true });
        changed();
        render('rotation-add');
      },
      { 'data-key': 'rotation-add' },
    ),
    field(
      t.maxRe,
      numberInput(sla.maxReassignments, (v) => ((sla as { maxReassignments: unknown }).maxReassignments = v)),
      'sla.maxReassignments',
    ),
    checkbox(t.notify, sla.notifyManagers, (v) => (sla.notifyManagers = v), 'sla.notifyManagers'),
    field(
      t.head,
      textInput(draft.headOfSalesEmail, (v) => (draft.headOfSalesEmail = v), { type: 'email' }),
      'headOfSalesEmail',
    ),
  );
}

const CURRENCIES = ['₽', '$', '€', '£', '₴', '₸'];

function summarySection(): HTMLElement {
  const periods = Object.entries(t.periods) as [SettingsDocument['period'], string][];
  const currencies: [string, string][] = withMissing(
    [['', t.currencyAuto], ...CURRENCIES.map((c): [string, string] => [c, c])],
    draft.currency || undefined,
  );
  return section(
    t.qSummary,
    t.qSummaryIntro,
    false,
    field(
      t.period,
      select(periods, draft.period, (v) => (draft.period = v as SettingsDocument['period'])),
      'period',
    ),
    field(
      t.currency,
      select(currencies, draft.currency ?? '', (v) => (draft.currency = v)),
      'currency',
    ),
    ...digestControls(),
  );
}

/** The Monday digest's switch, its extra recipients and the managers' own e-mails (docs/weekly.md). */
function digestControls(): HTMLElement[] {
  // A draft kept by an earlier release has no weekly part yet.
  const weekly = (draft.weekly ??= { digest: false, recipients: [], managerEmails: false, keepWeeks: 104 });
  return [
    el('h3', {}, t.digest),
    checkbox(t.digestOn, weekly.digest, (v) => (weekly.digest = v), 'weekly.digest'),
    field(
      t.digestRecipients,
      textArea(weekly.recipients, (v) => (weekly.recipients = v)),
      'weekly.recipients',
      t.digestRecipientsHint,
    ),
    checkbox(t.digestManagers, weekly.managerEmails, (v) => (weekly.managerEmails = v), 'weekly.managerEmails'),
  ];
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
  const managers = el('datalist', { id: 'managers' }, ...data.managers.map((m) => el('option', { value: m })));
  form.replaceChildren(
    managers,
    dataSection(),
    funnelSection(),
    stalledSection(),
    activitySection(),
    responseSection(),
    takeoverSection(),
    summarySection(),
  );
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
    const result = await call('sidebarSave', draft, data.generation);
    if (result.ok) {
      data.generation = result.generation;
      draft = clone(result.settings);
      savedJson = JSON.stringify(draft);
      origins = [...draft.funnel];
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
    // Detection saves nothing: Save still goes over the generation this page loaded.
    const generation = data.generation;
    data = { ...(await call('sidebarDetect', draft)), generation };
    draft = clone(data.settings);
    origins = draft.funnel.map((s, i) => origins[i] ?? s);
    changed();
    render('detect');
    status(data.detected ?? '', '');
  } catch (error) {
    status(fill(t.failed, { message: (error as Error).message }), 'error');
  } finally {
    setBusy(false);
  }
}

/** A draft kept less than a day ago, different from what is saved; an older one is dropped. */
function restoreDraft(): boolean {
  try {
    const stored = JSON.parse(localStorage.getItem(data.draftKey) ?? 'null') as { at?: number; draft?: SettingsDocument } | null;
    if (!stored?.draft || typeof stored.at !== 'number' || Date.now() - stored.at > DRAFT_DAYS * MS_PER_DAY) {
      localStorage.removeItem(data.draftKey);
      return false;
    }
    if (JSON.stringify(stored.draft) === savedJson) return false;
    draft = stored.draft;
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
  origins = [...draft.funnel];
  const banner = document.getElementById('banner')!;
  if (data.notice) {
    // A repair's notice stays for everyone until someone says it was read.
    const at = data.noticeAt;
    const notice = el(
      'p',
      { class: 'notice' },
      data.notice,
      ' ',
      at === undefined
        ? null
        : button(
            t.noticeRead,
            () => {
              notice.remove();
              void call('sidebarNoticeRead', at).catch(() => undefined);
            },
            { 'data-key': 'notice-read' },
          ),
    );
    banner.append(notice);
  }
  // The first screen says why a function may show #NAME? (docs/deploying.md › Before first use).
  if (!data.settings.sources.deals) banner.append(el('p', { class: 'hint' }, t.functionsNote));
  let errors: FieldError[] = [];
  if (restoreDraft()) {
    // Say whether the restored draft can be saved as it is.
    errors = await call('sidebarCheck', draft).catch(() => []);
    banner.append(
      el(
        'p',
        {},
        t.draftRestored,
        ' ',
        errors.length ? t.draftInvalid : t.draftValid,
        ' ',
        button(t.discard, () => {
          draft = clone(data.settings);
          origins = [...draft.funnel];
          remember();
          banner.replaceChildren();
          showErrors([]);
          render();
        }),
      ),
    );
  }
  setBusy(false);
  render();
  if (errors.length) showErrors(errors);
}

document.getElementById('save')!.addEventListener('click', () => void save());
window.addEventListener('beforeunload', (e) => {
  if (draft && dirty()) {
    e.preventDefault();
    e.returnValue = t.leave;
  }
});
void start();
