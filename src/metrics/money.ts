// Revenue, pipeline and plans prorated to a period (docs/summary.md: "Headline", "Managers").
import type { Status } from '../tracker/statuses';
import type { Span } from './calendar';

export interface DealMoney {
  status: ArrayLike<Status>;
  amount: ArrayLike<number>;
  created: ArrayLike<number>;
  /** Closed (won/paid) date; NaN when unknown. */
  closed: ArrayLike<number>;
}

/**
 * When a won deal was won: its closed date, else its created date.
 * @example wonAt({ status: ['won'], amount: [1], created: [3], closed: [NaN] }, 0) // 3
 */
export function wonAt(deals: DealMoney, row: number): number {
  const closed = deals.closed[row];
  return closed === closed ? closed : deals.created[row];
}

/**
 * Whether a deal was in the open pipeline at a moment: created by then (no created date counts as
 * long ago) and not closed by then — open now, or closed later than `at` (a closed deal with no
 * closed date is taken as closed). Revenue is counted by `wonAt`; this is the pipeline's one rule.
 * @example isOpenAt({ status: ['won'], amount: [20], created: [0], closed: [8] }, 0, 5) // true — won later, open at 5
 */
export function isOpenAt(deals: DealMoney, row: number, at: number): boolean {
  if (deals.created[row] > at) return false;
  return deals.status[row] === 'open' || deals.closed[row] > at;
}

/**
 * A monthly plan prorated to a span: each calendar month it touches counts by the share of its days
 * inside the span (wall time). A plan of 30 a month over 1–15 November is 15.
 * @example proratedPlan(30, { from: Date.UTC(2026, 10, 1), to: Date.UTC(2026, 10, 16) }) // 15
 */
export function proratedPlan(perMonth: number, span: Span): number {
  if (!(perMonth > 0) || !Number.isFinite(span.from) || !Number.isFinite(span.to) || span.to <= span.from) return 0;
  let total = 0;
  const d = new Date(span.from);
  let monthStart = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  while (monthStart < span.to) {
    const m = new Date(monthStart);
    const next = Date.UTC(m.getUTCFullYear(), m.getUTCMonth() + 1, 1);
    const overlap = Math.min(next, span.to) - Math.max(monthStart, span.from);
    total += (perMonth * overlap) / (next - monthStart);
    monthStart = next;
  }
  return total;
}

/**
 * Better or worse: the change from the previous period, judged by which way is good.
 * @example changeOf(12, 15, false) // { delta: -3, better: true } — a cycle 3 days shorter
 */
export function changeOf(
  current: number | null,
  previous: number | null,
  higherIsBetter: boolean,
): { delta: number; better: boolean | null } | null {
  if (current === null || previous === null || !Number.isFinite(current) || !Number.isFinite(previous)) return null;
  const delta = current - previous;
  return { delta, better: delta === 0 ? null : delta > 0 === higherIsBetter };
}
