// The summary's figures from the KPI queries' results (src/sql/kpis.ts), combined by the same
// metrics the JavaScript summary uses (src/summary/figures/): whichever engine counted, one sheet.
import { completedWeeks, type Span } from '../metrics/calendar';
import { targetStatus, winRateOf } from '../metrics/funnel';
import { proratedPlan } from '../metrics/money';
import { lostMeasurable, moneyLeaks, stepOutcomes, weakLinks, type StageStops, type StepOutcome } from '../metrics/outcome';
import { discipline, planFactRatio, weeklyPlanTotals } from '../metrics/plan';
import { compareToTeam, orNull } from '../metrics/stats';
import type { Settings } from '../settings/schema';
import { nameKey } from '../tracker/names';
import type { Funnel } from '../tracker/stages';
import type { SkipNote } from '../tracker/table';
import type { HeadlineKey, ManagerFigure, SummaryFigures, SummaryInput, Trend } from '../summary/figures';
import { dealsInPeriod } from '../summary/figures/deals';
import { forecastFigures } from '../summary/figures/forecast';
import { cohortFigures, lossFigures } from '../summary/figures/losses';
import { HEADLINE_KEYS } from '../summary/figures/headline';
import { funnelStillGuessed } from '../summary/figures/deals';
import type { PeriodRange } from '../summary/period';

type Num = number | null;

/** What each query returned (column names as in kpis.ts). */
export interface KpiResults {
  cohort: { deals: number; lost_unknown: number; won: number; closed: number; undated: number; with_client: number };
  funnel: { stage: number; reached: number; open_at: number; lost_at: number }[];
  funnelByManager: { manager_key: string; stage: number; reached: number; open_at: number; lost_at: number }[];
  managers: {
    manager_key: string;
    first_row: number;
    name: string;
    deals: number;
    won: number;
    closed: number;
    win_rate: Num;
    wilson_low: Num;
    wilson_high: Num;
  }[];
  won: {
    won_deals: number;
    revenue: Num;
    average_won: Num;
    average_won_ever: Num;
    reversed: Num;
    cycle_count: number;
    cycle_mean: Num;
    cycle_median: Num;
    cycle_p90: Num;
  };
  wonByManager: { manager_key: string; first_row: number; name: string; won_deals: number; revenue: number; cycle_mean: Num }[];
  stalled: { id: string; client: string; manager: string; stage: string; days_idle: number; stalled: number }[];
  headline: {
    span: number;
    closed: number;
    won: number;
    won_deals: number;
    revenue: number;
    average_won: Num;
    mean_cycle: Num;
    pipeline_deals: number;
    pipeline_value: number;
    pipeline_valued: number;
  }[];
  repeat: { clients: number; repeat_clients: number; revenue: Num; repeat_revenue: Num };
}

/** What the deals' reading found besides the rows (the tracker's DealsTable flags). */
export interface DealsFacts {
  hasAmount: boolean;
  placesLost: boolean;
  /** All the deals' manager keys (a plan counts for a manager found anywhere). */
  managerKeys: ReadonlySet<string>;
  /** The earliest created date of any deal (all-time plans are prorated from it). */
  firstCreated: number;
}

export interface SqlSummaryInput {
  results: KpiResults;
  facts: DealsFacts;
  funnel: Funnel;
  settings: Settings;
  range: PeriodRange;
  /** The headline's spans as kpis.ts was given them: the period, the buckets, the previous period. */
  previous: Span | null;
  sparkUnit: 'week' | 'month';
  now: number;
  notes: SkipNote[];
}

function stopsOf(rows: readonly { reached: number; open_at: number; lost_at: number }[], stages: number, lostUnknown = 0): StageStops {
  const zero = () => new Array<number>(stages).fill(0);
  const stops: StageStops = { reached: zero(), openAt: zero(), lostAt: zero(), lostUnknown };
  rows.forEach((r, i) => {
    stops.reached[i] = r.reached;
    stops.openAt[i] = r.open_at;
    stops.lostAt[i] = r.lost_at;
  });
  return stops;
}

function funnelOf(input: SqlSummaryInput, stops: StageStops, steps: StepOutcome[], measurable: boolean): SummaryFigures['funnel'] {
  const ratio = (a: number, b: number) => (b > 0 ? a / b : null);
  return input.funnel.names.map((stage, i) => {
    const target = i === 0 ? null : (input.settings.targets[i - 1] ?? null);
    const decided = i === 0 || !measurable ? null : steps[i - 1].conversion;
    return {
      stage,
      reached: stops.reached[i],
      step: i === 0 ? null : ratio(stops.reached[i], stops.reached[i - 1]),
      total: ratio(stops.reached[i], stops.reached[0]),
      open: stops.openAt[i],
      lost: measurable ? stops.lostAt[i] : null,
      decided,
      target,
      status: targetStatus(decided, target),
    };
  });
}

function headlineOf(input: SqlSummaryInput): Record<HeadlineKey, Trend> {
  const { hasAmount } = input.facts;
  const figures = input.results.headline.map(
    (t): Record<HeadlineKey, Num> => ({
      wonRevenue: hasAmount ? t.revenue : null,
      wonDeals: t.won_deals,
      winRate: winRateOf(t),
      averageWon: hasAmount ? t.average_won : null,
      pipelineDeals: t.pipeline_deals,
      pipelineValue: hasAmount && (t.pipeline_valued > 0 || t.pipeline_deals === 0) ? t.pipeline_value : null,
      meanCycle: t.mean_cycle,
      medianResponse: null,
      breachRate: null,
      effectiveTouches: null,
    }),
  );
  const buckets = figures.slice(1, input.previous ? -1 : undefined);
  const before = input.previous ? figures[figures.length - 1] : null;
  const headline = {} as Record<HeadlineKey, Trend>;
  for (const key of HEADLINE_KEYS)
    headline[key] = { current: figures[0][key], previous: before ? before[key] : null, spark: buckets.map((v) => v[key]) };
  return headline;
}

function weakLinksOf(input: SqlSummaryInput, team: StepOutcome[], averageWon: number, measurable: boolean): SummaryFigures['weakLinks'] {
  const names = input.funnel.names;
  // As the JavaScript summary: unmeasurable steps have no rate (never 100 %).
  const unknown = (steps: StepOutcome[]) => (measurable ? steps : steps.map((s) => ({ ...s, conversion: null })));
  team = unknown(team);
  const stepName = (i: number) => `${names[i]} → ${names[i + 1]}`;
  const stages = names.length;
  const managers = input.results.managers
    .slice()
    .sort((a, b) => b.deals - a.deals || a.name.localeCompare(b.name))
    .map((m) => {
      const rows = input.results.funnelByManager.filter((r) => r.manager_key === m.manager_key).sort((a, b) => a.stage - b.stage);
      const { cells, weakest } = weakLinks(unknown(stepOutcomes(stopsOf(rows, stages))), team, averageWon);
      return { name: m.name, cells, weakest: weakest ? { ...weakest, step: stepName(weakest.step) } : null };
    });
  return { steps: team.map((_, i) => stepName(i)), team: team.map((s) => s.conversion), managers };
}

/** Each manager's display name (the first spelling) and plan; a plan for nobody in the data is a phantom. */
function managersAndPlans(input: SqlSummaryInput): {
  display: Map<string, string>;
  plans: Map<string, Settings['plans'][number]>;
  phantom: SkipNote;
} {
  const { results, settings } = input;
  const display = new Map<string, string>();
  for (const m of results.managers) display.set(m.manager_key, m.name);
  for (const m of results.wonByManager.slice().sort((a, b) => a.first_row - b.first_row))
    if (!display.has(m.manager_key)) display.set(m.manager_key, m.name);
  const plans = new Map<string, Settings['plans'][number]>();
  const phantom: SkipNote = { source: 'settings', reason: 'phantomPlan', rows: 0, examples: [] };
  for (const p of settings.plans) {
    const key = nameKey(p.manager);
    if (display.has(key) || input.facts.managerKeys.has(key)) {
      plans.set(key, p);
      if (!display.has(key)) display.set(key, p.manager);
    } else if (p.touchesPerWeek > 0 || p.dealsPerMonth > 0 || p.revenuePerMonth > 0) {
      phantom.rows++;
      if (phantom.examples!.length < 3) phantom.examples!.push({ row: 0, value: p.manager });
    }
  }
  return { display, plans, phantom };
}

/** The Team row: the cohort's counts, and plan facts over the managers who have that plan. */
function teamRow(
  managers: ManagerFigure[],
  results: SqlSummaryInput['results'],
  teamRate: Num,
  meanCycle: Num,
  planned: { revenue: number; deals: number },
): { team: SummaryFigures['team']; columns: Pick<SummaryFigures['columns'], 'revenuePlans' | 'dealPlans' | 'touchPlans'> } {
  const ratio = (fact: number, plan: number | null) => (plan && plan > 0 ? fact / plan : null);
  const sum = (pick: (m: ManagerFigure) => number | null) =>
    managers.reduce<number | null>((total, m) => (pick(m) === null ? total : (total ?? 0) + pick(m)!), null);
  const revenuePlan = sum((m) => m.revenuePlan);
  const dealsPlan = sum((m) => m.dealsPlan);
  const touchPlan = sum((m) => m.touchPlan);
  const { cohort, won } = results;
  const team = {
    deals: cohort.deals,
    won: cohort.won,
    closed: cohort.closed,
    winRate: teamRate,
    wonRevenue: won.revenue ?? 0,
    revenuePlan,
    revenuePlanFact: ratio(planned.revenue, revenuePlan),
    dealsPlan,
    dealsPlanFact: ratio(planned.deals, dealsPlan),
    meanCycle,
    effectiveTouches: null,
    touchPlan,
    touchPlanFact: touchPlan === null ? null : ratio(0, touchPlan),
    discipline: null,
    medianResponse: null,
    slaBreaches: null,
  };
  return {
    team,
    columns: { revenuePlans: revenuePlan !== null, dealPlans: dealsPlan !== null, touchPlans: touchPlan !== null },
  };
}

/** The managers table and the Team row: deals from the queries, plans prorated as the JavaScript summary does. */
function managersOf(
  input: SqlSummaryInput,
  teamRate: Num,
  meanCycle: Num,
): Pick<SummaryFigures, 'managers' | 'team'> & {
  columns: Pick<SummaryFigures['columns'], 'revenuePlans' | 'dealPlans' | 'touchPlans'>;
  notes: SkipNote[];
} {
  const { results } = input;
  const { display, plans, phantom } = managersAndPlans(input);
  const from = Number.isFinite(input.range.from) ? input.range.from : input.facts.firstCreated;
  const span = { from, to: Math.min(input.range.to, input.now + 1) };
  const weeks = completedWeeks(input.range, input.now, Infinity);
  const byKey = <T extends { manager_key: string }>(list: T[]) => new Map(list.map((m) => [m.manager_key, m]));
  const tally = byKey(results.managers);
  const wonBy = byKey(results.wonByManager);
  const planned = { revenue: 0, deals: 0 };
  const ratio = (fact: number, plan: number | null) => (plan && plan > 0 ? fact / plan : null);
  const managers = [...display.entries()].map(([key, name]): ManagerFigure => {
    const t = tally.get(key);
    const w = wonBy.get(key);
    const plan = plans.get(key);
    const touchPlanned = plan !== undefined && plan.touchesPerWeek > 0;
    const totals = weeklyPlanTotals(touchPlanned ? plan.touchesPerWeek : 0, touchPlanned ? weeks : [], () => 0);
    const revenue = w?.revenue ?? 0;
    const wonDeals = w?.won_deals ?? 0;
    const revenuePlan = plan && plan.revenuePerMonth > 0 ? proratedPlan(plan.revenuePerMonth, span) : null;
    const dealsPlan = plan && plan.dealsPerMonth > 0 ? proratedPlan(plan.dealsPerMonth, span) : null;
    if (revenuePlan !== null) planned.revenue += revenue;
    if (dealsPlan !== null) planned.deals += wonDeals;
    const interval = t && t.closed > 0 ? { low: t.wilson_low!, high: t.wilson_high! } : null;
    return {
      name,
      deals: t?.deals ?? 0,
      won: t?.won ?? 0,
      closed: t?.closed ?? 0,
      winRate: t ? t.win_rate : null,
      interval,
      flag: interval && teamRate !== null ? compareToTeam(interval, teamRate) : null,
      wonRevenue: revenue,
      revenuePlan,
      revenuePlanFact: ratio(revenue, revenuePlan),
      dealsPlan,
      dealsPlanFact: ratio(wonDeals, dealsPlan),
      meanCycle: w?.cycle_mean ?? null,
      effectiveTouches: null,
      touchPlan: touchPlanned && weeks.length ? totals.plan : null,
      touchPlanFact: orNull(planFactRatio(totals)),
      discipline: orNull(discipline(totals)),
      medianResponse: null,
      slaBreaches: null,
    };
  });
  managers.sort((a, b) => b.deals - a.deals || b.wonRevenue - a.wonRevenue || a.name.localeCompare(b.name));
  const { team, columns } = teamRow(managers, results, teamRate, meanCycle, planned);
  return {
    managers,
    team,
    columns,
    notes: phantom.rows ? [phantom] : [],
  };
}

/** Every figure of the summary for deals alone (no activities or leads source), from the queries' results. */
export function sqlSummaryFigures(input: SqlSummaryInput): SummaryFigures {
  const { results, settings } = input;
  const stages = input.funnel.names.length;
  const stops = stopsOf(results.funnel, stages, results.cohort.lost_unknown);
  const steps = stepOutcomes(stops);
  const measurable = lostMeasurable(stops);
  let lostTotal = stops.lostUnknown;
  for (const n of stops.lostAt) lostTotal += n;
  const averageWon = results.won.average_won ?? results.won.average_won_ever;
  const teamRate = winRateOf(results.cohort);
  const cycleMean = results.won.cycle_count ? results.won.cycle_mean : null;
  const managers = managersOf(input, teamRate, cycleMean);
  const columns = settings.sources.deals?.columns;
  const notes = [...input.notes];
  if (results.cohort.undated)
    notes.push({ source: 'deals', reason: 'noCreatedDate', rows: results.cohort.undated, column: columns?.created });
  if (results.won.reversed) notes.push({ source: 'deals', reason: 'reversedDates', rows: results.won.reversed, column: columns?.closed });
  notes.push(...managers.notes);
  const { repeat } = results;
  return {
    range: input.range,
    previous: input.previous,
    sparkUnit: input.sparkUnit,
    headline: headlineOf(input),
    deals: results.cohort.deals,
    funnel: funnelOf(input, stops, steps, measurable),
    lostUnknown: stops.lostUnknown,
    placesLost: input.facts.placesLost,
    measurable,
    lostTotal,
    funnelGuessed: funnelStillGuessed(settings.funnel, settings.funnelGuess),
    // Time in stage needs each deal's path: not queried (the JavaScript summary has it).
    timeInStage: null,
    averageWon,
    leaks: moneyLeaks(steps, averageWon ?? 0).map((l) => ({
      ...l,
      from: input.funnel.names[l.from],
      to: input.funnel.names[l.from + 1],
      measurable,
      growthPoint: measurable && l.growthPoint,
    })),
    weakLinks: weakLinksOf(input, steps, averageWon ?? 0, measurable),
    cycle: { mean: cycleMean, median: results.won.cycle_median, p90: results.won.cycle_p90, count: results.won.cycle_count },
    stalled: {
      count: results.stalled[0]?.stalled ?? 0,
      idlest: results.stalled.map((s) => ({ id: s.id, client: s.client, manager: s.manager, stage: s.stage, daysIdle: s.days_idle })),
      days: settings.stalledDays,
      byStage: [],
    },
    leads: null,
    managers: managers.managers,
    team: managers.team,
    columns: { amount: input.facts.hasAmount, activities: false, leads: false, ...managers.columns },
    repeat:
      results.cohort.with_client === 0
        ? null
        : {
            clients: repeat.clients,
            rate: repeat.clients ? repeat.repeat_clients / repeat.clients : null,
            revenueShare: (repeat.revenue ?? 0) > 0 ? (repeat.repeat_revenue ?? 0) / repeat.revenue! : null,
          },
    notes,
  };
}

/**
 * The sections not written in SQL yet — forecast, loss reasons, cohorts — computed by the JavaScript
 * summary from the deals held in memory (a file small enough to hold); without them they stay out.
 */
export function withInMemorySections(figures: SummaryFigures, input: SummaryInput | null): SummaryFigures {
  if (!input) return figures;
  const losses = lossFigures(input, dealsInPeriod(input).rows);
  return {
    ...figures,
    forecast: forecastFigures(input),
    lossReasons: losses.figures,
    cohorts: cohortFigures(input),
    notes: losses.note ? [...figures.notes, losses.note] : figures.notes,
  };
}
