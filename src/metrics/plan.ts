// Plan vs fact: the ratio, and discipline — the share of periods in which the plan was met.

export interface PlanTotals {
  plan: number;
  fact: number;
  /** Periods with a plan above zero. */
  plannedPeriods: number;
  /** Of those, periods where fact ≥ plan. */
  periodsOnPlan: number;
}

/**
 * Adds one period's plan and fact.
 * @example addPeriod(totals, 10, 12) // a week on plan
 */
export function addPeriod(totals: PlanTotals, plan: number, fact: number): void {
  totals.plan += plan;
  totals.fact += fact;
  if (plan > 0) {
    totals.plannedPeriods++;
    if (fact >= plan) totals.periodsOnPlan++;
  }
}

/** @example emptyPlanTotals() // { plan: 0, fact: 0, plannedPeriods: 0, periodsOnPlan: 0 } */
export function emptyPlanTotals(): PlanTotals {
  return { plan: 0, fact: 0, plannedPeriods: 0, periodsOnPlan: 0 };
}

/**
 * Σ fact ÷ Σ plan; NaN without a plan (or one so small that the ratio is not a number).
 * @example planFactRatio({ plan: 20, fact: 19, plannedPeriods: 2, periodsOnPlan: 1 }) // 0.95
 */
export function planFactRatio(t: PlanTotals): number {
  const ratio = t.fact / t.plan;
  return t.plan > 0 && Number.isFinite(ratio) ? ratio : NaN;
}

/**
 * Share of planned periods on plan: rewards the manager who meets the plan most weeks.
 * @example discipline({ plan: 20, fact: 19, plannedPeriods: 2, periodsOnPlan: 1 }) // 0.5
 */
export function discipline(t: PlanTotals): number {
  return t.plannedPeriods > 0 ? t.periodsOnPlan / t.plannedPeriods : NaN;
}

/**
 * Plan totals over weeks: each week's plan against that week's fact (a weekly plan of effective touches).
 * @example weeklyPlanTotals(10, [w1, w2], (w) => (w === w1 ? 12 : 7)) // plan 20, fact 19, 1 of 2 weeks on plan
 */
export function weeklyPlanTotals(planPerWeek: number, weeks: readonly number[], factOf: (week: number) => number): PlanTotals {
  const totals = emptyPlanTotals();
  for (const week of weeks) addPeriod(totals, planPerWeek, factOf(week));
  return totals;
}
