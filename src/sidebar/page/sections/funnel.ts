// The funnel: its stages in order, aliases, step targets, how the sheet records the stage, stage
// dates; and when a deal counts as stalled, per stage.
import { nameKey } from '../../../tracker/names';
import { fill } from '../../../i18n/language';
import { button, field, listControls, numberInput, section, select, textInput, withMissing } from '../controls';
import { el } from '../dom';
import { data, draft, errorId, nextId, origins, t, view } from '../state';
import { changed, headerFor, stepName } from '../sync';

export function funnelSection(): HTMLElement {
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
    view.render('funnel-new');
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

/** How the deals sheet records the stage: a plain choice between two shapes. */
function stageShapeChoice(): HTMLElement | null {
  const deals = draft.sources.deals;
  if (!deals) return null;
  const name = `shape${nextId()}`;
  const option = (value: boolean, label: string, path?: string) => {
    const id = `f${nextId()}`;
    const radio = el('input', { type: 'radio', name, id });
    if (path) radio.dataset.path = path;
    radio.checked = deals.stageColumns.length > 0 === value;
    radio.addEventListener('change', () => {
      deals.stageColumns = value ? draft.funnel.map(headerFor) : [];
      changed();
      view.render();
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

export function stalledSection(): HTMLElement {
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
