// The summary's "Time in stage" section: per stage, the days deals spent in it and the open deals in
// it now; per manager × stage, the median against the team's (metrics/stageTime.ts).
import { statistic } from '../../metrics/stats';
import { stageTimeFlag } from '../../metrics/stageTime';
import { daysIdle } from '../../metrics/stalled';
import { nameKey } from '../../tracker/names';
import type { SummaryInput, TimeInStageFigure } from './types';

const statisticOrNull = (values: number[], name: 'median' | 'p90' | 'max') => (values.length ? statistic(values, name) : null);

/** The days spent in stage `s` by the deals of `rows` that passed through it (measured ones only). */
function spentIn(input: SummaryInput, rows: readonly number[], s: number): number[] {
  const days = input.deals.stageDays![s];
  const out: number[] = [];
  for (const r of rows) if (days[r] === days[r]) out.push(days[r]);
  return out;
}

/**
 * Time in stage for the period's deals; "in it now" counts every open deal (a snapshot of today).
 * null without a stage history or stage dates, or when they date one stage per deal (nothing measured).
 */
export function timeInStageFigures(input: SummaryInput, rows: readonly number[]): TimeInStageFigure | null {
  const { deals, funnel, now } = input;
  if (!deals.stageDays) return null;
  const last = funnel.names.length - 1;
  const openDays = funnel.names.map(() => [] as number[]);
  const openCount = new Array<number>(funnel.names.length).fill(0);
  for (let r = 0; r < deals.length; r++) {
    const s = deals.furthest[r];
    if (s < 0 || deals.status[r] !== 'open') continue;
    openCount[s]++;
    if (deals.currentSince[r] === deals.currentSince[r]) openDays[s].push(daysIdle(deals.currentSince[r], now));
  }
  // The last stage is where deals end (won): no time is spent "in" it.
  const stages = funnel.names.slice(0, last).map((stage, s) => {
    const spent = spentIn(input, rows, s);
    return {
      stage,
      measured: spent.length,
      median: statisticOrNull(spent, 'median'),
      p90: statisticOrNull(spent, 'p90'),
      openNow: openCount[s],
      openMedian: statisticOrNull(openDays[s], 'median'),
      openLongest: statisticOrNull(openDays[s], 'max'),
    };
  });
  // One dated stage per deal (Maven's engage_date) measures no stage: nothing to show.
  if (stages.every((s) => s.measured === 0)) return null;
  const byManager = new Map<string, { name: string; rows: number[] }>();
  for (const r of rows) {
    const key = nameKey(deals.manager[r]);
    if (!key) continue;
    const entry = byManager.get(key) ?? { name: deals.manager[r], rows: [] };
    entry.rows.push(r);
    byManager.set(key, entry);
  }
  const managers = [...byManager.values()]
    .sort((a, b) => b.rows.length - a.rows.length || a.name.localeCompare(b.name))
    .map(({ name, rows: mine }) => ({
      name,
      cells: stages.map((team, s) => {
        const spent = spentIn(input, mine, s);
        const median = statisticOrNull(spent, 'median');
        return { median, deals: spent.length, flag: stageTimeFlag(median, team.median, spent.length) };
      }),
    }));
  return { stages, managers };
}
