// Time in stage against the team's: when a manager's median days in a stage is worth pointing at
// (docs/summary.md, "Time in stage").
import { MS_PER_DAY } from '../tracker/dates';

/** Fewer deals than this in a stage: a manager's median there is shown, never flagged. */
export const MIN_STAGE_DEALS = 5;

/**
 * A manager's median days in a stage against the team's: 'slower' or 'faster' when measured on 5 deals
 * or more and at least a quarter of the team's median and a whole day apart; else null.
 * @example stageTimeFlag(12, 6, 8) // 'slower'; stageTimeFlag(6.5, 6, 8) // null — half a day is not a difference
 */
export function stageTimeFlag(mine: number | null, team: number | null, deals: number): 'slower' | 'faster' | null {
  if (mine === null || team === null || deals < MIN_STAGE_DEALS) return null;
  const gap = mine - team;
  if (Math.abs(gap) < Math.max(1, 0.25 * team)) return null;
  return gap > 0 ? 'slower' : 'faster';
}

/**
 * Days spent in each stage, from a stage history's rows (deal, stage entered, when): per deal, its
 * rows in time order, each stage's time is the next entry's date − its own, summed over visits. A
 * deal's last stage is not yet left: it has no time. Keys are the caller's (nameKey of deal and stage).
 * @example daysByStage(['a', 'a', 'b', 'b'], ['lead', 'paid', 'lead', 'paid'], [day1, day4, day2, day3]).get('lead') // [3, 1]
 */
export function daysByStage(
  deals: readonly string[],
  stages: readonly string[],
  at: ArrayLike<number>,
): { days: Map<string, number[]>; paths: string[][] } {
  const rowsOf = new Map<string, number[]>();
  for (let r = 0; r < deals.length; r++) {
    if (!deals[r] || !stages[r] || !Number.isFinite(at[r])) continue;
    const rows = rowsOf.get(deals[r]);
    if (rows) rows.push(r);
    else rowsOf.set(deals[r], [r]);
  }
  const days = new Map<string, number[]>();
  const paths: string[][] = [];
  for (const rows of rowsOf.values()) {
    rows.sort((a, b) => at[a] - at[b] || a - b);
    const spent = new Map<string, number>();
    for (let i = 0; i + 1 < rows.length; i++) {
      const stage = stages[rows[i]];
      spent.set(stage, (spent.get(stage) ?? 0) + (at[rows[i + 1]] - at[rows[i]]) / MS_PER_DAY);
    }
    for (const [stage, d] of spent) {
      const list = days.get(stage);
      if (list) list.push(d);
      else days.set(stage, [d]);
    }
    paths.push(rows.map((r) => stages[r]));
  }
  return { days, paths };
}
