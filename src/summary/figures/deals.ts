// The summary's deal sections — funnel, leaks, cycle, stalled, repeat sales — assembled from src/metrics.
import { cycleDays } from '../../metrics/cycle';
import { countReached, funnelRows, moneyLeaks, targetStatus } from '../../metrics/funnel';
import { repeatSales, type Win } from '../../metrics/repeat';
import { daysIdle, isStalled } from '../../metrics/stalled';
import { inPeriod } from '../../metrics/calendar';
import { nameKey } from '../../tracker/names';
import type { FunnelFigure, StalledDeal, SummaryFigures, SummaryInput } from './types';

/**
 * The deals the period is about: created in it (all deals when there are no created dates at
 * all). Deals without a created date cannot be placed in a period: they are counted in a note.
 */
export function dealsInPeriod(input: SummaryInput): { rows: number[]; undated: number } {
  const { deals, range } = input;
  const rows: number[] = [];
  let undated = 0;
  const anyCreated = deals.created.some((c) => !Number.isNaN(c));
  for (let row = 0; row < deals.length; row++) {
    if (deals.furthest[row] < 0) continue;
    if (!anyCreated || range.from === -Infinity || inPeriod(deals.created[row], range)) rows.push(row);
    else if (Number.isNaN(deals.created[row])) undated++;
  }
  return { rows, undated };
}

export function funnelFigures(input: SummaryInput, rows: number[]): { funnel: FunnelFigure[]; reached: number[] } {
  const counts = countReached(rows.map((r) => input.deals.furthest[r]), input.funnel.names.length);
  const funnel = funnelRows(input.funnel.names, counts).map((row, i) => {
    const target = i === 0 ? null : (input.settings.targets[i - 1] ?? null);
    return { ...row, target, status: targetStatus(row.step, target) };
  });
  return { funnel, reached: counts.reached };
}

export { moneyLeaks as leakFigures };

export function wonAmounts(input: SummaryInput, rows: Iterable<number>): number[] {
  const out: number[] = [];
  for (const r of rows) if (input.deals.status[r] === 'won' && input.deals.amount[r] > 0) out.push(input.deals.amount[r]);
  return out;
}

/** Days from created to closed of the won deals among `rows`. */
export function wonCycleDays(input: SummaryInput, rows: number[]): { days: Float64Array; reversed: number } {
  const won = rows.filter((r) => input.deals.status[r] === 'won');
  return cycleDays(Float64Array.from(won, (r) => input.deals.created[r]), Float64Array.from(won, (r) => input.deals.closed[r]));
}

export function stalledFigures(input: SummaryInput): SummaryFigures['stalled'] {
  const { deals, now } = input;
  const days = input.settings.stalledDays;
  const idle: StalledDeal[] = [];
  for (let row = 0; row < deals.length; row++) {
    if (deals.furthest[row] < 0) continue;
    const last = deals.hasLastActivity && !Number.isNaN(deals.lastActivity[row]) ? deals.lastActivity[row] : deals.created[row];
    if (!isStalled(last, deals.status[row], now, days)) continue;
    idle.push({ id: deals.id[row], client: deals.client[row], manager: deals.manager[row], stage: deals.stage[row], daysIdle: Math.floor(daysIdle(last, now)) });
  }
  idle.sort((a, b) => b.daysIdle - a.daysIdle);
  return { count: idle.length, idlest: idle.slice(0, 10), days };
}

/** Repeat sales of the period (metrics/repeat.ts): won deals by client, when won (closed, else created). */
export function repeatFigures(input: SummaryInput): SummaryFigures['repeat'] {
  const { deals } = input;
  if (!deals.client.some((c) => c !== '')) return null;
  const wins: Win[] = [];
  for (let row = 0; row < deals.length; row++) {
    if (deals.status[row] !== 'won' || !deals.client[row]) continue;
    wins.push({ client: nameKey(deals.client[row]), when: Number.isNaN(deals.closed[row]) ? deals.created[row] : deals.closed[row], amount: deals.amount[row] });
  }
  return repeatSales(wins, input.range);
}
