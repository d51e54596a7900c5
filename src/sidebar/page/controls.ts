// The form's controls: a labelled field with its error line, text, number, check, select, list rows
// and a manager's name. Each edit updates the draft and calls changed().
import { fill } from '../../i18n/language';
import { type Child, el } from './dom';
import { changed } from './sync';
import { data, errorId, nextId, t, view } from './state';
import { nameKey } from '../../tracker/names';

/** A labelled field with its own error line; `path` names it for the server's field errors. */
export function field(label: string, control: HTMLElement, path: string, hint?: string): HTMLElement {
  const id = `f${nextId()}`;
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

export function textInput(value: string, set: (v: string) => void, attrs: Record<string, string> = {}): HTMLInputElement {
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
export function numberInput(
  value: unknown,
  set: (v: number | null | string) => void,
  attrs: Record<string, string> = {},
): HTMLInputElement {
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

export function checkbox(label: string, value: boolean, set: (v: boolean) => void, path: string): HTMLElement {
  const id = `f${nextId()}`;
  const box = el('input', { type: 'checkbox', id });
  box.dataset.path = path;
  box.checked = value;
  box.addEventListener('change', () => {
    set(box.checked);
    changed();
    view.render();
  });
  return el('div', { class: 'check' }, box, el('label', { for: id }, label));
}

export function select(options: [string, string][], value: string, set: (v: string) => void, rerender = false): HTMLSelectElement {
  const s = el('select');
  for (const [v, label] of options) {
    const o = el('option', { value: v }, label);
    if (v === value) o.selected = true;
    s.append(o);
  }
  s.addEventListener('change', () => {
    set(s.value);
    changed();
    if (rerender) view.render();
  });
  return s;
}

export function button(label: string, onClick: () => void, attrs: Record<string, string> = {}): HTMLButtonElement {
  const b = el('button', { type: 'button', ...attrs }, label);
  b.addEventListener('click', onClick);
  return b;
}

/** A section opened by the question it answers and a plain sentence. */
export function section(title: string, intro: string, open: boolean, ...children: Child[]): HTMLElement {
  return el('details', { open }, el('summary', {}, title), el('p', { class: 'intro' }, intro), ...children);
}

/** Up / down / remove buttons for row i of a list (and of a list kept parallel to it); focus follows the moved row. */
export function listControls<T>(list: T[], i: number, name: string, key: string, parallel?: unknown[]): HTMLElement {
  const move = (to: number, focus: string) => () => {
    for (const l of parallel ? [list, parallel] : [list]) {
      const [item] = (l as unknown[]).splice(i, 1);
      (l as unknown[]).splice(to, 0, item);
    }
    changed();
    view.render(`${key}-${focus}-${to}`);
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
        view.render(`${key}-add`);
      },
      { 'aria-label': fill(t.remove, { name }), 'data-key': `${key}-remove-${i}` },
    ),
  );
}

/** A saved choice that is no longer in the sheet stays listed (and selected), marked — never silently dropped. */
export function withMissing(options: [string, string][], current: string | undefined): [string, string][] {
  if (!current || options.some(([v]) => v === current)) return options;
  return [...options, [current, fill(t.missing, { name: current })]];
}

export function textArea(lines: string[], set: (v: string[]) => void): HTMLTextAreaElement {
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
export function managerInput(value: string, set: (v: string) => void, label: string, path: string): HTMLElement {
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

export function unknownManager(name: string): boolean {
  return name.trim() !== '' && data.managers.length > 0 && !data.managers.some((m) => nameKey(m) === nameKey(name));
}
