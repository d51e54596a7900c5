// The team's plans and what counts as an effective touch.
import { fill } from '../../../i18n/language';
import { button, field, listControls, managerInput, numberInput, section, textArea } from '../controls';
import { el } from '../dom';
import { draft, errorId, t, view } from '../state';
import { changed } from '../sync';

export function activitySection(): HTMLElement {
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
        view.render('plans-add');
      },
      { 'data-key': 'plans-add' },
    ),
  );
}
