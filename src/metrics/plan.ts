// Plan vs fact: the ratio, and discipline — the share of periods in which the plan was met.

export interface PlanTotals {
  plan: number;
  fact: number;
  /** Periods with a plan above zero. */
  plannedPeriods: number;
  /** Of those, periods where fact ≥ plan. */
  periodsOnPlan: number;
}

export function addPeriod(totals: PlanTotals, plan: number, fact: number): void {
  totals.plan += plan;
  totals.fact += fact;
  if (plan > 0) {
    totals.plannedPeriods++;
    if (fact >= plan) totals.periodsOnPlan++;
  }
}

export function emptyPlanTotals(): PlanTotals {
  return { plan: 0, fact: 0, plannedPeriods: 0, periodsOnPlan: 0 };
}

/** Σ fact ÷ Σ plan; NaN without a plan (or one so small that the ratio is not a number). */
export function planFactRatio(t: PlanTotals): number {
  const ratio = t.fact / t.plan;
  return t.plan > 0 && Number.isFinite(ratio) ? ratio : NaN;
}

/** Share of planned periods on plan: rewards the manager who meets the plan most weeks. */
export function discipline(t: PlanTotals): number {
  return t.plannedPeriods > 0 ? t.periodsOnPlan / t.plannedPeriods : NaN;
}
