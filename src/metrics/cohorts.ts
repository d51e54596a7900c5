// Cohorts: of the deals created in a month (or week), how many were won of those decided, and
// whether the cohort is too young for that to mean much yet.
import { inPeriod, type Span } from './calendar';
import { MS_PER_DAY } from '../tracker/dates';
import type { Status } from '../tracker/statuses';

export interface Cohort extends Span {
  deals: number;
  won: number;
  lost: number;
  open: number;
  /** Decided conversion lead → won: won ÷ (won + lost); null when none is decided. */
  conversion: number | null;
  /** Not yet decided: some of its deals are open and it is younger than the usual cycle. */
  young: boolean;
}

/**
 * One cohort per span: the deals among `rows` created in it. A cohort with open deals is young when
 * it ended less than `cycleDays` (the won deals' p90 cycle) before `now`; with no cycle known, when
 * more than half its deals are still open.
 * @example cohorts(Float64Array.of(jan5, jan9, feb2), ['won', 'lost', 'open'], [0, 1, 2], [january, february], mar1, 60)
 * // [{ deals: 2, won: 1, lost: 1, open: 0, conversion: 0.5, young: false }, { deals: 1, won: 0, lost: 0, open: 1, conversion: null, young: true }]
 */
export function cohorts(
  created: Float64Array,
  status: readonly Status[],
  rows: Iterable<number>,
  spans: readonly Span[],
  now: number,
  cycleDays: number | null,
): Cohort[] {
  const out: Cohort[] = spans.map((s) => ({ from: s.from, to: s.to, deals: 0, won: 0, lost: 0, open: 0, conversion: null, young: false }));
  for (const r of rows) {
    const c = created[r];
    if (c !== c) continue;
    // Spans are few (8–12): a scan per deal is still linear in the deals.
    const cohort = out.find((s) => inPeriod(c, s));
    if (!cohort) continue;
    cohort.deals++;
    cohort[status[r]]++;
  }
  for (const c of out) {
    const decided = c.won + c.lost;
    c.conversion = decided > 0 ? c.won / decided : null;
    const tooRecent = cycleDays === null ? c.open * 2 > c.deals : now - c.to < cycleDays * MS_PER_DAY;
    c.young = c.open > 0 && tooRecent;
  }
  return out;
}
