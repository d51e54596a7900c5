// Auto-detection of the settings' sources: which sheet holds deals, activities and leads, which
// column plays which role, and the funnel (from the stage dropdown, else from the values).
import {
  dateEnteredColumnsIn,
  detectColumns,
  sourceFit,
  stageColumnsIn,
  stageDateColumnsIn,
  type SourceKind,
  columnIndex,
} from '../tracker/headers';
import { readHistoryRows } from '../tracker/history';
import { pipelineOrder, isKnownLostStage } from '../tracker/pipelines';
import { zoneClock } from '../tracker/dates';
import { orderFromPaths } from '../metrics/stagePath';
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

const KINDS = ['deals', 'activities', 'leads'] as const;

/** Typical stage names in funnel order: used only to order a funnel proposed from values. */
const STAGE_HINTS = [
  'lead',
  'лид',
  'new',
  'новый',
  'новая',
  'заявка',
  'входящий',
  'prospecting',
  'qualification',
  'qualified',
  'квалификация',
  'contact',
  'контакт',
  'первичный контакт',
  'engaging',
  'meeting',
  'встреча',
  'demo',
  'демонстрация',
  'presentation',
  'презентация',
  'proposal',
  'кп',
  'коммерческое предложение',
  'negotiation',
  'переговоры',
  'согласование',
  'contract',
  'договор',
  'invoice',
  'счет',
  'paid',
  'оплата',
  'оплачено',
  'won',
  'успешно реализовано',
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
  return stages
    .map((s, i) => ({ s, i }))
    .sort((a, b) => rank(a.s) - rank(b.s) || a.i - b.i)
    .map((x) => x.s);
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
  /** Where a funnel proposed now took its order from (absent when the funnel was set already). */
  funnelFrom?: FunnelOrder;
}

/**
 * Proposes sources and a funnel. What the user already set (a source, a funnel) is kept; only
 * what is empty is filled in. A `pinned` sheet is that kind's source whatever its headers fit
 * (npm start's --deals file is the deals), and no other kind's.
 */
export function detectSettings(
  probes: readonly SheetProbe[],
  current: Settings,
  ignoreSheets: readonly string[] = [],
  pinned: Partial<Record<SourceKind, string>> = {},
): Detection {
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
  detectHistory(probes, settings, candidates, pinned, found);
  const deals = settings.sources.deals;
  const funnelFrom = deals && settings.funnel.length < 2 ? orderTheFunnel(probes, settings, deals) : undefined;
  if (deals && deals.stageColumns.length === 0) detectStageDates(probes, settings, deals);
  return { settings, found, ...(funnelFrom ? { funnelFrom } : {}) };
}

/** The funnel order when the settings have none: the stage dropdown, else the order the history and the counts give. */
function orderTheFunnel(probes: readonly SheetProbe[], settings: Settings, deals: SourceSettings): FunnelOrder | undefined {
  const probe = probes.find((p) => p.name === deals.sheet);
  const stageColumn = probe && deals.columns.stage ? columnIndex(probe.headers, deals.columns.stage) : -1;
  if (probe && stageColumn >= 0) {
    const values = probe.columnValues(stageColumn);
    const history = historyPathsOf(probes, settings);
    const dropdown = probe.dropdown(stageColumn);
    const proposed: FunnelOrder = dropdown ? { order: dropdown, from: 'dropdown' } : funnelOrder(values, history);
    if (proposed.order.length >= 2) {
      settings.funnel = proposed.order;
      // Said in the summary while the funnel is still this guess (docs/summary.md, "Data notes").
      settings.funnelGuess = proposed.from === 'guess' ? [...proposed.order] : [];
      return proposed;
    }
  }
  return undefined;
}

/** Stage-date columns headed by the funnel's stage names record every stage a deal passed: use them. */
function detectStageDates(probes: readonly SheetProbe[], settings: Settings, deals: SourceSettings): void {
  const probe = probes.find((p) => p.name === deals.sheet);
  const columns = probe ? stageColumnsIn(probe.headers, settings.funnel) : null;
  if (columns) deals.stageColumns = columns;
  // Otherwise the stages that have a date column ("Дата встречи", Maven's engage_date for "Engaging").
  else if (probe && !deals.stageDates?.length) {
    const stageColumn = deals.columns.stage ? columnIndex(probe.headers, deals.columns.stage) : -1;
    const lost = stageColumn >= 0 ? lostStagesIn(probe.columnValues(stageColumn)) : [];
    const entered = dateEnteredColumnsIn(probe.headers, settings.funnel, lost);
    const dates = entered.length
      ? entered
      : stageDateColumnsIn(
          probe.headers,
          settings.funnel,
          Object.values(deals.columns).filter((h): h is string => !!h),
        );
    if (dates.length) deals.stageDates = dates;
  }
}

/** The stage-history sheet: a pinned one, else the best fit among sheets no other source uses. */
function detectHistory(
  probes: readonly SheetProbe[],
  settings: Settings,
  candidates: readonly SheetProbe[],
  pinned: Partial<Record<SourceKind, string>>,
  found: Detection['found'],
): void {
  if (settings.sources.history) return;
  const pin = pinned.history ? probes.find((p) => p.name === pinned.history) : undefined;
  const taken = new Set(KINDS.map((k) => settings.sources[k]?.sheet));
  let best = pin ?? null;
  let bestFit = 0;
  if (!best) {
    for (const probe of candidates) {
      const fit = taken.has(probe.name) ? 0 : sourceFit('history', probe.headers);
      if (fit > bestFit) [best, bestFit] = [probe, fit];
    }
  }
  if (best) {
    settings.sources.history = sourceOf('history', best);
    found.history = best.name;
  }
}

/** The stage names of each deal's path in the history sheet, oldest first (lost stages left out); [] without one. */
function historyPathsOf(probes: readonly SheetProbe[], settings: Settings): string[][] {
  const source = settings.sources.history;
  const probe = source && probes.find((p) => p.name === source.sheet);
  if (!source || !probe) return [];
  const roles = ['deal', 'stage', 'at', 'from', 'event'].filter(
    (r) => source.columns[r] && columnIndex(probe.headers, source.columns[r]!) >= 0,
  );
  const columns = roles.map((r) => probe.columnValues(columnIndex(probe.headers, source.columns[r]!)));
  const rows = Array.from({ length: columns[0]?.length ?? 0 }, (_, i) => columns.map((c) => c[i]));
  const values = [roles.map((r) => source.columns[r]!), ...rows];
  const read = readHistoryRows(values, source, { order: () => 'dmy', wall: zoneClock(null) });
  const byDeal = new Map<string, string[]>();
  const lost = (name: string) => statusOf(name) === 'lost' || isKnownLostStage(name);
  read.deal.forEach((deal, i) => {
    const key = nameKey(deal);
    if (!key || !read.stage[i]) return;
    let path = byDeal.get(key);
    if (!path) byDeal.set(key, (path = read.from[i] && !lost(read.from[i]) ? [read.from[i]] : []));
    if (!lost(read.stage[i]) && path[path.length - 1] !== read.stage[i]) path.push(read.stage[i]);
  });
  return [...byDeal.values()];
}

/** A proposed funnel and where its order comes from. */
export interface FunnelOrder {
  order: string[];
  from: 'dropdown' | 'pipeline' | 'history' | 'guess';
  /** The CRM whose default pipeline gave the order. */
  crm?: string;
}

/**
 * The funnel's order: the CRM's own pipeline when every stage name is one of its defaults, else the
 * order deals move in the history, else a guess from typical stage names (remembered as the guess).
 */
export function funnelOrder(values: readonly unknown[], historyPaths: readonly string[][] = []): FunnelOrder {
  const names = [...values.filter((v) => !isBlank(v)).map((v) => String(v).trim()), ...historyPaths.flat()];
  const known = pipelineOrder(names);
  if (known) return { order: known.order, from: 'pipeline', crm: known.crm };
  const proposal = proposeFunnel(names);
  if (historyPaths.length) {
    const display = new Map(proposal.map((s) => [nameKey(s), s]));
    const order = orderFromPaths(historyPaths.map((p) => p.map(nameKey))).filter((k) => display.has(k));
    // Stages no deal moved through keep the guess's place, before the won stage.
    const ordered = new Set(order);
    const rest = proposal.filter((s) => !ordered.has(nameKey(s)));
    const won = rest.filter((s) => statusOf(s) === 'won');
    const funnel = [...order.map((k) => display.get(k)!), ...rest.filter((s) => statusOf(s) !== 'won'), ...won];
    if (funnel.length >= 2) return { order: funnel, from: 'history' };
  }
  return { order: proposal, from: 'guess' };
}

/** The values of a stage column that are lost stages ("Closed Lost"): their date columns say where deals were lost. */
function lostStagesIn(values: readonly unknown[]): string[] {
  const out = new Map<string, string>();
  for (const v of values) {
    if (isBlank(v)) continue;
    const text = String(v).trim();
    if ((statusOf(text) === 'lost' || isKnownLostStage(text)) && !out.has(nameKey(text))) out.set(nameKey(text), text);
  }
  return [...out.values()];
}

function structuredCloneSettings(s: Settings): Settings {
  return JSON.parse(JSON.stringify(s)) as Settings;
}
