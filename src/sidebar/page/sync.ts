// What follows the funnel as it is edited: aliases for renamed stages, stage dates and stage columns,
// the steps' names — kept in step on every change.
import { nameKey } from '../../tracker/names';
import { status } from './dom';
import { data, draft, origins, remember } from './state';

/**
 * A renamed stage: its saved name becomes an alias of the new one, so deals whose stage cell still
 * holds the old name are counted there, not dropped. Aliases of removed stages go.
 */
export function syncAliases(): void {
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
export function syncStageDates(): void {
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
export const stepName = (i: number) => `${draft.funnel[i] ?? ''} → ${draft.funnel[i + 1] ?? ''}`;

/** The step targets are named by their stages: a renamed stage renames its steps as it is typed. */
export function syncStepNames(): void {
  for (const label of document.querySelectorAll<HTMLElement>('label[data-step]')) label.textContent = stepName(Number(label.dataset.step));
}

/** After any edit: the parts of the draft that follow the funnel, the kept draft, the status line. */
export function changed(): void {
  syncStepNames();
  syncAliases();
  syncStageColumns();
  syncStageDates();
  remember();
  status('', '');
}

/** The deals sheet's header naming a stage, or one of its older names (case, spaces and ё/е aside), or ''. */
export function headerFor(stage: string): string {
  const headers = data.sheets.find((s) => s.name === draft.sources.deals?.sheet)?.headers ?? [];
  const names = [stage, ...(draft.stageAliases ?? []).filter((a) => nameKey(a.stage) === nameKey(stage)).map((a) => a.alias)].map(nameKey);
  return headers.find((h) => names.includes(nameKey(h))) ?? '';
}

/** Shape B: "one date column per stage". The columns follow the funnel: they are re-matched on every change. */
export function syncStageColumns(): void {
  const deals = draft.sources.deals;
  if (deals?.stageColumns.length) deals.stageColumns = draft.funnel.map(headerFor);
}
