// The summary's deal sections — funnel with where deals stopped, money leaks, weak links, cycle,
// stalled deals, repeat sales — assembled from src/metrics.
import { cycleDays } from '../../metrics/cycle';
import { conversion, targetStatus } from '../../metrics/funnel';
import { wonAt } from '../../metrics/money';
import { moneyLeaks, stageStops, stepOutcomes, weakLinks, type StepOutcome } from '../../metrics/outcome';
import { repeatSales, type Win } from '../../metrics/repeat';
import { daysIdle, isStalled } from '../../metrics/stalled';
import { orNull } from '../../metrics/stats';
import { inPeriod, type Span } from '../../metrics/calendar';
import { nameKey } from '../../tracker/names';
import type { FunnelFigure, LeakFigure, StalledDeal, SummaryFigures, SummaryInput, WeakLinksFigure } from './types';

/**
 * Whether a deal belongs to a span's cohort: created in it — every deal for all time, or when no
 * deal has a created date at all (the win rate and the funnel are about a span's own deals).
 */
export function inCohort(created: number, span: Span, anyCreated: boolean): boolean {
  return !anyCreated || span.from === -Infinity || inPeriod(created, span);
}

/**
 * The deals the period is about (inCohort). Deals without a created date cannot be placed in a
 * period: they are counted in a note.
 */
export function dealsInPeriod(input: SummaryInput): { rows: number[]; undated: number } {
  const { deals, range } = input;
  const rows: number[] = [];
  let undated = 0;
  const anyCreated = deals.created.some((c) => !Number.isNaN(c));
  for (let row = 0; row < deals.length; row++) {
    if (deals.furthest[row] < 0) continue;
    if (inCohort(deals.created[row], range, anyCreated)) rows.push(row);
    else if (Number.isNaN(deals.created[row])) undated++;
  }
  return { rows, undated };
}

export function stepsOf(input: SummaryInput, rows: Iterable<number>) {
  const stops = stageStops(input.funnel.names.length, input.deals, rows);
  return { stops, steps: stepOutcomes(stops) };
}

export function funnelFigures(input: SummaryInput, rows: number[]): { funnel: FunnelFigure[]; steps: StepOutcome[]; lostUnknown: number } {
  const { stops, steps } = stepsOf(input, rows);
  const { reached } = stops;
  const funnel = input.funnel.names.map((stage, i) => {
    const target = i === 0 ? null : (input.settings.targets[i - 1] ?? null);
    const decided = i === 0 ? null : steps[i - 1].conversion;
    return {
      stage,
      reached: reached[i],
      step: i === 0 ? null : orNull(conversion(reached, i - 1, i)),
      total: orNull(conversion(reached, 0, i)),
      open: stops.openAt[i],
      lost: stops.lostAt[i],
      decided,
      target,
      status: targetStatus(decided, target),
    };
  });
  return { funnel, steps, lostUnknown: stops.lostUnknown };
}

const stepName = (names: readonly string[], i: number) => `${names[i]} → ${names[i + 1]}`;

export function leakFigures(input: SummaryInput, steps: readonly StepOutcome[], averageWon: number): LeakFigure[] {
  const names = input.funnel.names;
  return moneyLeaks(steps, averageWon).map((l) => ({ ...l, from: names[l.from], to: names[l.from + 1] }));
}

/** Manager × step decided conversion against the team's, and each manager's costliest weak step. */
export function weakLinkFigures(input: SummaryInput, rows: number[], team: readonly StepOutcome[], averageWon: number): WeakLinksFigure {
  const names = input.funnel.names;
  const byManager = new Map<string, { name: string; rows: number[] }>();
  for (const r of rows) {
    const name = input.deals.manager[r];
    const key = nameKey(name);
    if (!key) continue;
    const entry = byManager.get(key);
    if (entry) entry.rows.push(r);
    else byManager.set(key, { name, rows: [r] });
  }
  const managers = [...byManager.values()]
    .sort((a, b) => b.rows.length - a.rows.length || a.name.localeCompare(b.name))
    .map(({ name, rows: mine }) => {
      const { cells, weakest } = weakLinks(stepsOf(input, mine).steps, team, averageWon);
      return { name, cells, weakest: weakest ? { ...weakest, step: stepName(names, weakest.step) } : null };
    });
  return { steps: team.map((_, i) => stepName(names, i)), team: team.map((s) => s.conversion), managers };
}

/** Won deals won in a span (by closed date, else created). */
export function wonIn(input: SummaryInput, span: Span): number[] {
  const { deals } = input;
  const out: number[] = [];
  for (let r = 0; r < deals.length; r++) if (deals.furthest[r] >= 0 && deals.status[r] === 'won' && inPeriod(wonAt(deals, r), span)) out.push(r);
  return out;
}

/** Days from created to closed of won deals. */
export function wonCycleDays(input: SummaryInput, won: number[]): { days: Float64Array; reversed: number } {
  return cycleDays(Float64Array.from(won, (r) => input.deals.created[r]), Float64Array.from(won, (r) => input.deals.closed[r]));
}

/** The later of two dates, either of which may be NaN (unknown). */
const laterOf = (a: number, b: number) => (a !== a ? b : b !== b ? a : Math.max(a, b));

export function stalledFigures(input: SummaryInput): SummaryFigures['stalled'] {
  const { deals, now } = input;
  const days = input.settings.stalledDays;
  const idle: StalledDeal[] = [];
  for (let row = 0; row < deals.length; row++) {
    if (deals.furthest[row] < 0) continue;
    // Last activity, else the later of the last edit and the last stage change, else the created date.
    let last = deals.hasLastActivity ? deals.lastActivity[row] : NaN;
    if (last !== last) last = laterOf(deals.lastEdit[row], deals.stageChanged[row]);
    if (last !== last) last = deals.created[row];
    if (!isStalled(last, deals.status[row], now, days)) continue;
    idle.push({ id: deals.id[row], client: deals.client[row], manager: deals.manager[row], stage: deals.stage[row], daysIdle: Math.floor(daysIdle(last, now)), amount: deals.amount[row] });
  }
  const value = idle.reduce((sum, d) => sum + (d.amount ?? 0), 0);
  const mostValuable = [...idle].sort((a, b) => (b.amount ?? 0) - (a.amount ?? 0)).slice(0, 10);
  idle.sort((a, b) => b.daysIdle - a.daysIdle);
  return { count: idle.length, idlest: idle.slice(0, 10), days, value, mostValuable };
}

/** Repeat sales of the period (metrics/repeat.ts): won deals by client, when won (closed, else created). */
export function repeatFigures(input: SummaryInput): SummaryFigures['repeat'] {
  const { deals } = input;
  if (!deals.client.some((c) => c !== '')) return null;
  const wins: Win[] = [];
  for (let row = 0; row < deals.length; row++) {
    if (deals.status[row] !== 'won' || !deals.client[row]) continue;
    wins.push({ client: nameKey(deals.client[row]), when: wonAt(deals, row), amount: deals.amount[row] });
  }
  return repeatSales(wins, input.range);
}
