// What the history keeps of one week: every headline KPI of the team, and each manager's figures and
// decided conversion per step, with the numerator and denominator behind each rate — computed by the
// summary's own figures for that week, so a week back-filled later reads exactly as if it had been
// recorded on its Monday (the figures depend on the data and the week, never on the clock).
import { isOpenAt } from '../metrics/money';
import { HEADLINE_KEYS } from '../summary/figures/headline';
import { historyFigures, summaryFigures, type HeadlineKey, type HistoryFigures, type SummaryFigures } from '../summary/figures';
import type { TrackerData } from '../summary/sources';
import { WEEK } from './weeks';

export type ManagerKpi = 'deals' | 'winRate' | 'wonRevenue' | 'effectiveTouches' | 'slaBreaches' | 'decided';
export type Kpi = HeadlineKey | ManagerKpi;

export interface KpiRow {
  week: number;
  /** '' for the team. */
  manager: string;
  /** "Lead → Qualified" for a KPI per step, else ''. */
  step: string;
  kpi: Kpi;
  value: number;
  numerator: number | null;
  denominator: number | null;
}

/** An open deal at the end of a week (the stage history a current-stage tracker does not keep). */
export interface OpenDealRow {
  week: number;
  id: string;
  stage: string;
  amount: number;
  manager: string;
}

const weekInput = (data: TrackerData, week: number) => ({
  ...data,
  notes: [],
  range: { period: 'this_week' as const, from: week, to: week + WEEK },
  now: week + WEEK - 1,
});

/** The summary's figures for one whole week, as if read on its last moment (the digest shows them all). */
export function weekFigures(data: TrackerData, week: number): SummaryFigures {
  return summaryFigures(weekInput(data, week));
}

function numeratorOf(key: HeadlineKey, f: HistoryFigures, value: number): [number | null, number | null] {
  switch (key) {
    case 'winRate':
      return [f.team.won, f.team.closed];
    case 'meanCycle':
      return [value * f.cycle.count, f.cycle.count];
    case 'breachRate':
      return f.leads && value > 0 ? [f.leads.breaches, Math.round(f.leads.breaches / value)] : [0, null];
    case 'averageWon':
      return [null, null];
    case 'medianResponse':
      return [null, null];
    default:
      return [value, null];
  }
}

function teamRows(week: number, f: HistoryFigures): KpiRow[] {
  const rows: KpiRow[] = [];
  for (const kpi of HEADLINE_KEYS) {
    const value = f.headline[kpi].current;
    if (value === null) continue;
    const [numerator, denominator] = numeratorOf(kpi, f, value);
    rows.push({ week, manager: '', step: '', kpi, value, numerator, denominator });
  }
  // Decided conversion into each stage: advanced ÷ (advanced + lost at the stage before).
  for (let i = 1; i < f.funnel.length; i++) {
    const value = f.funnel[i].decided;
    if (value === null) continue;
    const denominator = f.funnel[i].reached + (f.funnel[i - 1].lost ?? 0);
    rows.push({ week, manager: '', step: f.weakLinks.steps[i - 1], kpi: 'decided', value, numerator: f.funnel[i].reached, denominator });
  }
  return rows;
}

function managerRows(week: number, f: HistoryFigures): KpiRow[] {
  const rows: KpiRow[] = [];
  const add = (
    manager: string,
    kpi: Kpi,
    value: number | null,
    numerator: number | null = value,
    denominator: number | null = null,
    step = '',
  ) => {
    if (value !== null) rows.push({ week, manager, step, kpi, value, numerator, denominator });
  };
  for (const m of f.managers) {
    add(m.name, 'deals', m.deals);
    add(m.name, 'winRate', m.winRate, m.won, m.closed);
    if (f.columns.amount) add(m.name, 'wonRevenue', m.wonRevenue);
    add(m.name, 'effectiveTouches', m.effectiveTouches);
    add(m.name, 'slaBreaches', m.slaBreaches);
  }
  for (const m of f.weakLinks.managers) {
    m.cells.forEach((cell, i) => {
      if (cell.conversion !== null)
        add(m.name, 'decided', cell.conversion, Math.round(cell.conversion * cell.decided), cell.decided, f.weakLinks.steps[i]);
    });
  }
  return rows;
}

/** Every history row of one week. */
export function recordWeek(data: TrackerData, week: number): KpiRow[] {
  // Only what the history keeps: a back-fill computes this for up to two years of weeks.
  const f = historyFigures(weekInput(data, week));
  return [...teamRows(week, f), ...managerRows(week, f)];
}

/** The deals open at `moment` (wall time) with their stage, amount and manager as the tracker shows them now. */
export function openDealsAt(data: TrackerData, week: number, moment: number): OpenDealRow[] {
  const { deals } = data;
  const rows: OpenDealRow[] = [];
  for (let r = 0; r < deals.length; r++) {
    if (deals.furthest[r] < 0 || !isOpenAt(deals, r, moment)) continue;
    rows.push({ week, id: deals.id[r] || `#${r + 2}`, stage: deals.stage[r], amount: deals.amount[r], manager: deals.manager[r] });
  }
  return rows;
}

/** The first week any dated row of the tracker falls in: where back-filling starts. */
export function firstDataWall(data: TrackerData): number {
  let first = Infinity;
  for (const c of data.deals.created) if (c < first) first = c;
  if (data.activities) for (const d of data.activities.date) if (d < first) first = d;
  if (data.leads) for (const c of data.leads.created) if (c < first) first = c;
  return first;
}
