// The summary's loss reasons and cohorts: why deals are lost, and how each month's deals turned out.
import { cohorts } from '../../metrics/cohorts';
import { lossReasons } from '../../metrics/losses';
import { statistic } from '../../metrics/stats';
import type { SkipNote } from '../../tracker/table';
import { sparkBuckets } from '../period';
import { wonCycleDays } from './deals';
import type { SummaryFigures, SummaryInput } from './types';

/** Lost deals of the period by reason × stage and by manager; null without a lost-reason column. */
export function lossFigures(input: SummaryInput, rows: number[]): { figures: SummaryFigures['lossReasons']; note: SkipNote | null } {
  if (!input.deals.hasLostReason) return { figures: null, note: null };
  const names = input.funnel.names;
  const tally = lossReasons(input.deals, rows, names.length);
  const vague = tally.blank + tally.vague;
  const column = input.settings.sources.deals?.columns.lost_reason;
  const note: SkipNote | null = vague ? { source: 'deals', reason: 'vagueLostReason', rows: vague, of: tally.lost, column } : null;
  // Only the stages somebody was lost at get a column.
  const shown = names.map((_, i) => i).filter((i) => tally.reasons.some((r) => r.atStage[i] > 0));
  return {
    figures: {
      lost: tally.lost,
      stages: shown.map((i) => names[i]),
      unknownStage: tally.reasons.some((r) => r.unknownStage > 0),
      reasons: tally.reasons.map((r) => ({
        reason: r.reason,
        lost: r.lost,
        atStage: shown.map((i) => r.atStage[i]),
        unknownStage: r.unknownStage,
        byManager: Object.fromEntries(r.byManager),
      })),
    },
    note,
  };
}

/**
 * Deals by the month (or week, for periods of a month or less) they were created: the eight up to
 * the period's end — for all time, up to the newest deal.
 */
export function cohortFigures(input: SummaryInput): SummaryFigures['cohorts'] {
  const { deals, range, now } = input;
  const all: number[] = [];
  const won: number[] = [];
  let newest = -Infinity;
  for (let r = 0; r < deals.length; r++) {
    if (deals.furthest[r] < 0) continue;
    all.push(r);
    if (deals.status[r] === 'won') won.push(r);
    if (deals.created[r] <= now && deals.created[r] > newest) newest = deals.created[r];
  }
  if (newest === -Infinity) return null;
  const until = range.period === 'all' ? { ...range, to: newest + 1 } : range;
  const { unit, spans } = sparkBuckets(until, now, input.firstDay ?? 1);
  const cycle = wonCycleDays(input, won).days;
  const cycleDays = cycle.length ? Math.ceil(statistic(cycle, 'p90')) : null;
  const list = cohorts(deals.created, deals.status, all, spans, now, cycleDays);
  // Months before the first deal say nothing.
  const first = list.findIndex((k) => k.deals > 0);
  return { unit, cycleDays, cohorts: first < 0 ? [] : list.slice(first) };
}
