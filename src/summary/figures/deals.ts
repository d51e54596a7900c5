// The summary's deal sections — funnel with where deals stopped, money leaks, weak links, cycle,
// stalled deals, repeat sales — assembled from src/metrics.
import { cycleDays } from '../../metrics/cycle';
import { conversion, targetStatus } from '../../metrics/funnel';
import { wonAt } from '../../metrics/money';
import { lostMeasurable, moneyLeaks, stageStops, stepOutcomes, weakLinks, type StepOutcome } from '../../metrics/outcome';
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

export function funnelFigures(
  input: SummaryInput,
  rows: number[],
): { funnel: FunnelFigure[]; steps: StepOutcome[]; lostUnknown: number; measurable: boolean; lostTotal: number } {
  const { stops, steps } = stepsOf(input, rows);
  const { reached } = stops;
  // Lost deals with no stage: no step's lost count is known, so no decided conversion either (never 100 %).
  const measurable = lostMeasurable(stops);
  const funnel = input.funnel.names.map((stage, i) => {
    const target = i === 0 ? null : (input.settings.targets[i - 1] ?? null);
    const decided = i === 0 || !measurable ? null : steps[i - 1].conversion;
    return {
      stage,
      reached: reached[i],
      step: i === 0 ? null : orNull(conversion(reached, i - 1, i)),
      total: orNull(conversion(reached, 0, i)),
      open: stops.openAt[i],
      lost: measurable ? stops.lostAt[i] : null,
      decided,
      target,
      status: targetStatus(decided, target),
    };
  });
  let lostTotal = stops.lostUnknown;
  for (const n of stops.lostAt) lostTotal += n;
  return { funnel, steps, lostUnknown: stops.lostUnknown, measurable, lostTotal };
}

/** The funnel, when it is still the order detection guessed (same stages, same order); else null. */
export function funnelStillGuessed(funnel: readonly string[], guess: readonly string[]): string[] | null {
  const same = guess.length >= 2 && guess.length === funnel.length && guess.every((g, i) => nameKey(g) === nameKey(funnel[i]));
  return same ? [...funnel] : null;
}

const stepName = (names: readonly string[], i: number) => `${names[i]} → ${names[i + 1]}`;

export function leakFigures(input: SummaryInput, steps: readonly StepOutcome[], averageWon: number, measurable = true): LeakFigure[] {
  const names = input.funnel.names;
  return moneyLeaks(steps, averageWon).map((l) => ({
    ...l,
    from: names[l.from],
    to: names[l.from + 1],
    measurable,
    growthPoint: measurable && l.growthPoint,
  }));
}

/** Manager × step decided conversion against the team's, and each manager's costliest weak step. */
export function weakLinkFigures(
  input: SummaryInput,
  rows: number[],
  team: readonly StepOutcome[],
  averageWon: number,
  measurable = true,
): WeakLinksFigure {
  // Unmeasurable steps: every rate would be 100 % for want of the lost deals' stages.
  if (!measurable) team = team.map((s) => ({ ...s, conversion: null }));
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
      const ownSteps = stepsOf(input, mine).steps.map((s) => (measurable ? s : { ...s, conversion: null }));
      const { cells, weakest } = weakLinks(ownSteps, team, averageWon);
      return { name, cells, weakest: weakest ? { ...weakest, step: stepName(names, weakest.step) } : null };
    });
  return { steps: team.map((_, i) => stepName(names, i)), team: team.map((s) => s.conversion), managers };
}

/** Won deals won in a span (by closed date, else created). */
export function wonIn(input: SummaryInput, span: Span): number[] {
  const { deals } = input;
  const out: number[] = [];
  for (let r = 0; r < deals.length; r++)
    if (deals.furthest[r] >= 0 && deals.status[r] === 'won' && inPeriod(wonAt(deals, r), span)) out.push(r);
  return out;
}

/** Days from created to closed of won deals. */
export function wonCycleDays(input: SummaryInput, won: number[]): { days: Float64Array; reversed: number } {
  return cycleDays(
    Float64Array.from(won, (r) => input.deals.created[r]),
    Float64Array.from(won, (r) => input.deals.closed[r]),
  );
}

/** The later of two dates, either of which may be NaN (unknown). */
const laterOf = (a: number, b: number) => (a !== a ? b : b !== b ? a : Math.max(a, b));

/** Each deal's latest activity in the activities source, by the deal (id or client) it names. */
function latestActivityByDeal(input: SummaryInput): Map<string, number> | null {
  const { activities } = input;
  if (!activities?.deal.some((d) => d !== '')) return null;
  const latest = new Map<string, number>();
  for (let r = 0; r < activities.length; r++) {
    const key = nameKey(activities.deal[r]);
    const at = activities.date[r];
    if (key === '' || at !== at) continue;
    if (!(at <= (latest.get(key) ?? -Infinity))) latest.set(key, at);
  }
  return latest;
}

/**
 * Stalled open deals: idle (no activity, else no stage change, else since created) longer than their
 * stage's threshold — the stage's own from the settings, else the global one. With a stage's own
 * threshold, a deal that sat in that stage longer than it is stalled too.
 */
export function stalledFigures(input: SummaryInput): SummaryFigures['stalled'] {
  const { deals, now, funnel } = input;
  const days = input.settings.stalledDays;
  const own = new Map<number, number>();
  for (const { stage, days: d } of input.settings.stalledDaysByStage) {
    const at = funnel.indexOf.get(nameKey(stage));
    if (at !== undefined) own.set(at, d);
  }
  const idle: StalledDeal[] = [];
  const byDeal = latestActivityByDeal(input);
  const fromActivities = (row: number) =>
    byDeal ? laterOf(byDeal.get(nameKey(deals.id[row])) ?? NaN, byDeal.get(nameKey(deals.client[row])) ?? NaN) : NaN;
  for (let row = 0; row < deals.length; row++) {
    if (deals.furthest[row] < 0) continue;
    // The last activity (its column, the activities source), else the later of the last edit and
    // the last stage change, else the created date.
    let last = laterOf(deals.hasLastActivity ? deals.lastActivity[row] : NaN, fromActivities(row));
    if (last !== last) last = laterOf(deals.lastEdit[row], deals.stageChanged[row]);
    if (last !== last) last = deals.created[row];
    const threshold = own.get(deals.furthest[row]);
    const sat = threshold !== undefined && isStalled(deals.currentSince[row], deals.status[row], now, threshold);
    if (!sat && !isStalled(last, deals.status[row], now, threshold ?? days)) continue;
    // Shown: the longer of the two waits that count.
    const waited = Math.max(sat ? daysIdle(deals.currentSince[row], now) : -Infinity, Number.isNaN(last) ? -Infinity : daysIdle(last, now));
    idle.push({
      id: deals.id[row] || deals.name[row],
      client: deals.client[row],
      manager: deals.manager[row],
      stage: deals.stage[row],
      daysIdle: Math.floor(waited),
      amount: deals.amount[row],
    });
  }
  const value = idle.reduce((sum, d) => sum + (d.amount ?? 0), 0);
  const mostValuable = [...idle].sort((a, b) => (b.amount ?? 0) - (a.amount ?? 0)).slice(0, 10);
  idle.sort((a, b) => b.daysIdle - a.daysIdle);
  const byStage = [...own].sort((a, b) => a[0] - b[0]).map(([at, d]) => ({ stage: funnel.names[at], days: d }));
  return { count: idle.length, idlest: idle.slice(0, 10), days, byStage, value, mostValuable };
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
