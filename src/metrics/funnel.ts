// Funnel arithmetic: how many deals reached each stage, and conversions between stages.

export interface FunnelCounts {
  /** reached[i]: deals whose furthest stage is i or later. */
  reached: number[];
  /** amount[i]: total amount of the deals that reached stage i (0 when no amounts). */
  amount: number[];
}

/** One pass over the deals, then a suffix sum over the k stages. */
export function countReached(furthest: ArrayLike<number>, stageCount: number, amounts?: ArrayLike<number>): FunnelCounts {
  const atStage = new Array<number>(stageCount).fill(0);
  const amountAt = new Array<number>(stageCount).fill(0);
  for (let i = 0; i < furthest.length; i++) {
    const s = furthest[i];
    if (s < 0) continue;
    atStage[s]++;
    if (amounts) amountAt[s] += amounts[i] || 0;
  }
  for (let s = stageCount - 2; s >= 0; s--) {
    atStage[s] += atStage[s + 1];
    amountAt[s] += amountAt[s + 1];
  }
  return { reached: atStage, amount: amountAt };
}

/** Conversion from stage i to a later stage j: reached[j] ÷ reached[i]; NaN when none reached i. */
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

export function funnelRows(names: readonly string[], counts: FunnelCounts): FunnelRow[] {
  const orNull = (x: number) => (Number.isNaN(x) ? null : x);
  return names.map((stage, i) => ({
    stage,
    reached: counts.reached[i],
    step: i === 0 ? null : orNull(conversion(counts.reached, i - 1, i)),
    total: orNull(conversion(counts.reached, 0, i)),
    amount: counts.amount[i],
  }));
}
