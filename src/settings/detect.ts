// Auto-detection of the settings' sources: which sheet holds deals, activities and leads, which
// column plays which role, and the funnel (from the stage dropdown, else from the values).
import { detectColumns, sourceFit, stageColumnsIn, stageDateColumnsIn, type SourceKind, columnIndex } from '../tracker/headers';
import { headerKey, nameKey } from '../tracker/names';
import { statusOf } from '../tracker/statuses';
import { isBlank } from '../tracker/cells';
import type { Settings, SourceSettings } from './schema';

/** What detection needs to know of one sheet. */
export interface SheetProbe {
  name: string;
  headers: unknown[];
  /** The values of the detected stage column (for a funnel proposal), read on demand. */
  columnValues(column: number): unknown[];
  /** The dropdown list on the stage column's first data cell, if any. */
  dropdown(column: number): string[] | null;
}

const KINDS: SourceKind[] = ['deals', 'activities', 'leads'];

/** Typical stage names in funnel order: used only to order a funnel proposed from values. */
const STAGE_HINTS = [
  'lead', 'лид', 'new', 'новый', 'новая', 'заявка', 'входящий', 'prospecting', 'qualification', 'qualified', 'квалификация',
  'contact', 'контакт', 'первичный контакт', 'engaging', 'meeting', 'встреча', 'demo', 'демонстрация', 'presentation', 'презентация',
  'proposal', 'кп', 'коммерческое предложение', 'negotiation', 'переговоры', 'согласование', 'contract', 'договор', 'invoice', 'счет',
  'paid', 'оплата', 'оплачено', 'won', 'успешно реализовано',
];

function hintRank(stage: string): number {
  const key = ` ${headerKey(stage)} `;
  const i = STAGE_HINTS.findIndex((h) => key.includes(` ${headerKey(h)} `));
  return i === -1 ? STAGE_HINTS.length / 2 : i;
}

/** A funnel proposed from a stage column's values: lost-like values left out, won-like last. */
export function proposeFunnel(values: readonly unknown[]): string[] {
  const seen = new Map<string, string>();
  for (const v of values) {
    if (isBlank(v)) continue;
    const key = nameKey(v);
    if (!seen.has(key)) seen.set(key, String(v).trim());
  }
  const stages = [...seen.values()].filter((s) => statusOf(s) !== 'lost');
  const rank = (s: string) => (statusOf(s) === 'won' ? STAGE_HINTS.length + 1 : hintRank(s));
  return stages.map((s, i) => ({ s, i })).sort((a, b) => rank(a.s) - rank(b.s) || a.i - b.i).map((x) => x.s);
}

const HINT_KEYS = new Set(STAGE_HINTS.map(headerKey));
const DATE_WORDS = /(^| )(date|at|time|дата|время|когда)( |$)/g;

/** Headers that are a stage's name, give or take "date" ("Lead", "Meeting date", "Дата КП"): shape B's stage-date columns. */
function stageLikeHeaders(headers: readonly unknown[]): string[] {
  return headers
    .map((h) => String(h).trim())
    .filter((h) => {
      const key = headerKey(h).replace(DATE_WORDS, ' ').trim();
      return key !== '' && HINT_KEYS.has(key);
    });
}

function sourceOf(kind: SourceKind, probe: SheetProbe): SourceSettings {
  const mapping = detectColumns(kind, probe.headers);
  const columns: Record<string, string> = {};
  for (const [role, column] of Object.entries(mapping)) columns[role] = String(probe.headers[column]).trim();
  return { sheet: probe.name, columns, stageColumns: [] };
}

export interface Detection {
  settings: Settings;
  /** Sources found, by kind, with the sheet chosen. */
  found: Partial<Record<SourceKind, string>>;
}

/**
 * Proposes sources and a funnel. What the user already set (a source, a funnel) is kept; only
 * what is empty is filled in. A `pinned` sheet is that kind's source whatever its headers fit
 * (npm start's --deals file is the deals), and no other kind's.
 */
export function detectSettings(probes: readonly SheetProbe[], current: Settings, ignoreSheets: readonly string[] = [], pinned: Partial<Record<SourceKind, string>> = {}): Detection {
  const settings: Settings = structuredCloneSettings(current);
  const found: Detection['found'] = {};
  const pinnedSheets = Object.values(pinned);
  const candidates = probes.filter((p) => !ignoreSheets.includes(p.name) && !pinnedSheets.includes(p.name));
  for (const kind of KINDS) {
    if (settings.sources[kind]) continue;
    const pin = pinned[kind] ? probes.find((p) => p.name === pinned[kind]) : undefined;
    if (pin) {
      settings.sources[kind] = sourceOf(kind, pin);
      found[kind] = pin.name;
      continue;
    }
    let best: SheetProbe | null = null;
    let bestFit = 0;
    for (const probe of candidates) {
      const fit = sourceFit(kind, probe.headers);
      if (fit > bestFit) [best, bestFit] = [probe, fit];
    }
    if (best) {
      settings.sources[kind] = sourceOf(kind, best);
      found[kind] = best.name;
    }
  }
  const pinnedDeals = pinned.deals && !current.sources.deals ? settings.sources.deals : null;
  if (!settings.sources.deals || (pinnedDeals && !pinnedDeals.columns.stage)) {
    // A tracker with no stage column but one date column per stage (shape B).
    const pool = pinnedDeals ? probes.filter((p) => p.name === pinnedDeals.sheet) : candidates;
    const probe = pool.find((p) => stageLikeHeaders(p.headers).length >= 3);
    if (probe) {
      const stages = stageLikeHeaders(probe.headers);
      settings.sources.deals = { ...sourceOf('deals', probe), stageColumns: stages };
      delete settings.sources.deals.columns.stage;
      if (settings.funnel.length < 2) settings.funnel = stages;
      found.deals = probe.name;
    }
  }
  const deals = settings.sources.deals;
  if (deals && settings.funnel.length < 2) {
    const probe = probes.find((p) => p.name === deals.sheet);
    const stageColumn = probe && deals.columns.stage ? columnIndex(probe.headers, deals.columns.stage) : -1;
    if (probe && stageColumn >= 0) {
      const proposed = probe.dropdown(stageColumn) ?? proposeFunnel(probe.columnValues(stageColumn));
      if (proposed.length >= 2) settings.funnel = proposed;
    }
  }
  // Stage-date columns headed by the funnel's stage names record every stage a deal passed: use them.
  if (deals && deals.stageColumns.length === 0) {
    const probe = probes.find((p) => p.name === deals.sheet);
    const columns = probe ? stageColumnsIn(probe.headers, settings.funnel) : null;
    if (columns) deals.stageColumns = columns;
    // Otherwise the stages that have a date column ("Дата встречи", Maven's engage_date for "Engaging").
    else if (probe && !deals.stageDates?.length) {
      const dates = stageDateColumnsIn(probe.headers, settings.funnel, Object.values(deals.columns).filter((h): h is string => !!h));
      if (dates.length) deals.stageDates = dates;
    }
  }
  return { settings, found };
}

function structuredCloneSettings(s: Settings): Settings {
  return JSON.parse(JSON.stringify(s)) as Settings;
}
