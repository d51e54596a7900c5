// Revenue, pipeline and plans prorated to a period (PRODUCT.md §5 headline and managers).
import type { Status } from '../tracker/statuses';
import { inPeriod, type Span } from './calendar';

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
 * Won deals and their revenue by the date they were won, in a span.
 * @example wonRevenue({ status: ['won', 'won', 'lost'], amount: [100, 50, 70], created: [0, 0, 0], closed: [5, 20, 5] }, { from: 0, to: 10 }, [0, 1, 2])
 * // { deals: 1, revenue: 100 }
 */
export function wonRevenue(deals: DealMoney, span: Span, rows: Iterable<number>): { deals: number; revenue: number } {
  let count = 0;
  let revenue = 0;
  for (const r of rows) {
    if (deals.status[r] !== 'won' || !inPeriod(wonAt(deals, r), span)) continue;
    count++;
    revenue += deals.amount[r];
  }
  return { deals: count, revenue };
}

/**
 * The open pipeline at a moment: deals created by then and not closed by then — open now, or closed
 * later than `at` (a closed deal with no closed date is taken as closed). A deal with no created date
 * counts as created long ago.
 * @example pipelineAt({ status: ['open', 'won', 'lost'], amount: [10, 20, 30], created: [0, 0, 0], closed: [NaN, 8, NaN] }, 5, [0, 1, 2])
 * // { deals: 2, value: 30 } — the won deal was still open at 5
 */
export function pipelineAt(deals: DealMoney, at: number, rows: Iterable<number>): { deals: number; value: number } {
  let count = 0;
  let value = 0;
  for (const r of rows) {
    if (deals.created[r] > at) continue;
    const closed = deals.closed[r];
    if (deals.status[r] !== 'open' && !(closed > at)) continue;
    count++;
    value += deals.amount[r];
  }
  return { deals: count, value };
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
export function changeOf(current: number | null, previous: number | null, higherIsBetter: boolean): { delta: number; better: boolean | null } | null {
  if (current === null || previous === null || !Number.isFinite(current) || !Number.isFinite(previous)) return null;
  const delta = current - previous;
  return { delta, better: delta === 0 ? null : (delta > 0) === higherIsBetter };
}
