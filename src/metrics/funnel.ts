// Funnel arithmetic: how many deals reached each stage, and conversions between stages.
import type { Status } from '../tracker/statuses';
import { orNull } from './stats';

export interface FunnelCounts {
  /** reached[i]: deals whose furthest stage is i or later. */
  reached: number[];
  /** amount[i]: total amount of the deals that reached stage i (0 when no amounts). */
  amount: number[];
}

/**
 * Deals that reached each stage, from each deal's furthest stage: one pass, then a suffix sum.
 * @example countReached([0, 2, 1, -1], 3).reached // [3, 2, 1] — a deal at stage 2 reached 0, 1 and 2; -1 is left out
 */
export function countReached(furthest: ArrayLike<number>, stageCount: number, amounts?: ArrayLike<number>): FunnelCounts {
  const atStage = new Array<number>(stageCount).fill(0);
  const amountAt = new Array<number>(stageCount).fill(0);
  for (let i = 0; i < furthest.length; i++) {
    const s = furthest[i];
    if (s < 0) continue;
    atStage[s]++;
    if (amounts) amountAt[s] += amounts[i] || 0;
  }
  return reachedFrom(atStage, amountAt);
}

/**
 * countReached when the deals that stopped at each stage are already counted (no amounts).
 * @example reachedOf([1, 1, 1]).reached // [3, 2, 1]
 */
export function reachedOf(stoppedAt: ArrayLike<number>): FunnelCounts {
  return reachedFrom(Array.from(stoppedAt), new Array<number>(stoppedAt.length).fill(0));
}

/** Suffix sums: a deal that stopped at stage s reached every stage up to s. */
function reachedFrom(atStage: number[], amountAt: number[]): FunnelCounts {
  const stageCount = atStage.length;
  for (let s = stageCount - 2; s >= 0; s--) {
    atStage[s] += atStage[s + 1];
    amountAt[s] += amountAt[s + 1];
  }
  return { reached: atStage, amount: amountAt };
}

/**
 * Conversion from stage i to a later stage j: reached[j] ÷ reached[i]; NaN when none reached i.
 * @example conversion([10, 4, 1], 0, 2) // 0.1 — what STAGE_CONVERSION returns
 */
export function conversion(reached: readonly number[], from: number, to: number): number {
  return reached[from] > 0 ? reached[to] / reached[from] : NaN;
}

export interface FunnelRow {
  stage: string;
  reached: number;
  /** S(i−1)→S(i); null for the first stage or when nobody reached the previous one. */
  step: number | null;
  /** S1→S(i); null when nobody reached the first stage. */
  total: number | null;
  amount: number;
}

/**
 * The FUNNEL table: per stage, deals reached, step and total conversion, amount.
 * @example funnelRows(['Lead', 'Paid'], countReached([0, 1], 2))[1] // { stage: 'Paid', reached: 1, step: 0.5, total: 0.5, amount: 0 }
 */
export function funnelRows(names: readonly string[], counts: FunnelCounts): FunnelRow[] {
  return names.map((stage, i) => ({
    stage,
    reached: counts.reached[i],
    step: i === 0 ? null : orNull(conversion(counts.reached, i - 1, i)),
    total: orNull(conversion(counts.reached, 0, i)),
    amount: counts.amount[i],
  }));
}

/** On track at or above the target; at risk within `band` (5 percentage points) below it; off track further down. */
export type TargetStatus = 'on_track' | 'at_risk' | 'off_track' | null;

/**
 * How a step's conversion stands against its target (null when either is unknown).
 * @example targetStatus(0.57, 0.6) // 'at_risk' — within 5 pp of 60 %
 */
export function targetStatus(step: number | null, target: number | null, band = 0.05): TargetStatus {
  if (step === null || target === null) return null;
  if (step >= target) return 'on_track';
  return step >= target - band ? 'at_risk' : 'off_track';
}

/** Deals with an outcome (won or lost) and the won among them. */
export interface WinCounts {
  won: number;
  closed: number;
}

/**
 * Adds one deal to a win-rate tally: won and lost are outcomes, an open deal is not one yet. The one
 * rule of the win rate, for the managers' table and the headline alike.
 * @example const counts = { won: 0, closed: 0 }; tallyWin(counts, 'won'); tallyWin(counts, 'open') // { won: 1, closed: 1 }
 */
export function tallyWin(counts: WinCounts, status: Status): void {
  if (status === 'open') return;
  counts.closed++;
  if (status === 'won') counts.won++;
}

/**
 * Win rate = won ÷ (won + lost); null with nothing closed.
 * @example winRateOf({ won: 2, closed: 3 }) // 0.667
 */
export function winRateOf(counts: WinCounts): number | null {
  return counts.closed > 0 ? counts.won / counts.closed : null;
}

/**
 * The win rate of some deals: won ÷ (won + lost); open deals are not yet an outcome.
 * @example winRate(['won', 'lost', 'open', 'won']) // { won: 2, closed: 3, rate: 0.667 }
 */
export function winRate(statuses: Iterable<Status>): WinCounts & { rate: number | null } {
  const counts: WinCounts = { won: 0, closed: 0 };
  for (const status of statuses) tallyWin(counts, status);
  return { ...counts, rate: winRateOf(counts) };
}
