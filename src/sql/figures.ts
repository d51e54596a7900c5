// The summary's figures from the KPI queries' results (src/sql/kpis.ts), combined by the same
// metrics the JavaScript summary uses (src/summary/figures/): whichever engine counted, one sheet.
import { completedWeeks, type Span } from '../metrics/calendar';
import { targetStatus, winRateOf } from '../metrics/funnel';
import { proratedPlan } from '../metrics/money';
import { lostMeasurable, moneyLeaks, stepOutcomes, weakLinks, type StageStops, type StepOutcome } from '../metrics/outcome';
import { discipline, planFactRatio, weeklyPlanTotals } from '../metrics/plan';
import { breachRate } from '../metrics/response';
import { stageTimeFlag } from '../metrics/stageTime';
import { compareToTeam, orNull } from '../metrics/stats';
import type { Settings } from '../settings/schema';
import { nameKey } from '../tracker/names';
import type { Funnel } from '../tracker/stages';
import type { SkipNote } from '../tracker/table';
import type { HeadlineKey, ManagerFigure, SummaryFigures, SummaryInput, Trend } from '../summary/figures';
import { dealsInPeriod, stalledFigures } from '../summary/figures/deals';
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

/** What the queries over the other sources returned (only for the sources given). */
export interface SourceResults {
  activities?: {
    touches: { manager_key: string; week: Num; in_period: number; touches: number }[];
    touchSpans: { span: number; touches: number }[];
    activityManagers: { manager_key: string; first_row: number; name: string; first_touch: Num }[];
  };
  leads?: {
    response: {
      manager_key: string;
      median_minutes: Num;
      team_median_minutes: Num;
      counted: number;
      breached: number;
      unanswered: number;
      first_row: number;
      name: string;
    }[];
    responseSpans: { span: number; median_minutes: Num; counted: number; breached: number }[];
  };
  /** Present when the deals have paths (stage dates or a stage history): time in stage. */
  stageTime?: {
    stageTime: { stage: number; measured: number; median_days: Num; p90_days: Num }[];
    stageTimeByManager: { manager_key: string; stage: number; measured: number; median_days: Num }[];
    openInStage: { stage: number; open_now: number; median_days: Num; longest_days: Num }[];
  };
}

/** What the deals' reading found besides the rows (the tracker's DealsTable flags). */
export interface DealsFacts {
  hasAmount: boolean;
  placesLost: boolean;
  /** All the deals', activities' and leads' manager keys (a plan counts for a manager found anywhere). */
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
  /** The activities', leads' and paths' results, when those sources were loaded. */
  sources?: SourceResults;
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
  const { activities, leads } = input.sources ?? {};
  const figures = input.results.headline.map((t): Record<HeadlineKey, Num> => {
    const response = leads?.responseSpans.find((r) => r.span === t.span);
    return {
      wonRevenue: hasAmount ? t.revenue : null,
      wonDeals: t.won_deals,
      winRate: winRateOf(t),
      averageWon: hasAmount ? t.average_won : null,
      pipelineDeals: t.pipeline_deals,
      pipelineValue: hasAmount && (t.pipeline_valued > 0 || t.pipeline_deals === 0) ? t.pipeline_value : null,
      meanCycle: t.mean_cycle,
      medianResponse: response?.median_minutes ?? null,
      breachRate: leads && response ? orNull(breachRate(response)) : null,
      effectiveTouches: activities ? (activities.touchSpans.find((r) => r.span === t.span)?.touches ?? 0) : null,
    };
  });
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

/** Each manager's effective touches in the period and per week, from the activities' queries. */
function touchesOf(input: SqlSummaryInput) {
  const activities = input.sources?.activities;
  const touches = new Map<string, number>();
  const weekly = new Map<string, Map<number, number>>();
  let firstActivity = Infinity;
  if (!activities) return { touches, weekly, firstActivity };
  for (const m of activities.activityManagers) if (m.first_touch !== null) firstActivity = Math.min(firstActivity, m.first_touch);
  for (const r of activities.touches) {
    touches.set(r.manager_key, (touches.get(r.manager_key) ?? 0) + r.in_period);
    if (r.week === null) continue;
    const perWeek = weekly.get(r.manager_key) ?? new Map<number, number>();
    perWeek.set(r.week, r.touches);
    weekly.set(r.manager_key, perWeek);
  }
  return { touches, weekly, firstActivity };
}

/** The managers' names as the JavaScript summary meets them: the period's deals, its wins, the activities, the period's leads. */
function displayNames(input: SqlSummaryInput): Map<string, string> {
  const display = new Map<string, string>();
  const { results } = input;
  const byFirstRow = <T extends { first_row: number }>(list: readonly T[]) => list.slice().sort((a, b) => a.first_row - b.first_row);
  const lists: { manager_key: string; name: string }[][] = [
    results.managers,
    byFirstRow(results.wonByManager),
    input.sources?.activities?.activityManagers ?? [],
    byFirstRow(input.sources?.leads?.response ?? []),
  ];
  for (const list of lists) for (const m of list) if (m.manager_key && !display.has(m.manager_key)) display.set(m.manager_key, m.name);
  return display;
}

/** The plans that count (a manager found anywhere); any other name with a plan is a data note. */
function plansOf(input: SqlSummaryInput, display: Map<string, string>) {
  const plans = new Map<string, Settings['plans'][number]>();
  const phantom: SkipNote = { source: 'settings', reason: 'phantomPlan', rows: 0, examples: [] };
  for (const p of input.settings.plans) {
    const key = nameKey(p.manager);
    if (display.has(key) || input.facts.managerKeys.has(key)) {
      plans.set(key, p);
      if (!display.has(key)) display.set(key, p.manager);
    } else if (p.touchesPerWeek > 0 || p.dealsPerMonth > 0 || p.revenuePerMonth > 0) {
      phantom.rows++;
      if (phantom.examples!.length < 3) phantom.examples!.push({ row: 0, value: p.manager });
    }
  }
  return { plans, phantom };
}

type Planned = { revenue: number; deals: number; touches: number };

/** One manager's row: deals from the queries, plans prorated as the JavaScript summary does. */
function managerRow(
  input: SqlSummaryInput,
  touched: ReturnType<typeof touchesOf>,
  key: string,
  plan: Settings['plans'][number] | undefined,
  teamRate: Num,
  planned: Planned,
) {
  const { results } = input;
  const t = results.managers.find((m) => m.manager_key === key);
  const w = results.wonByManager.find((m) => m.manager_key === key);
  const lead = input.sources?.leads?.response.find((r) => r.manager_key === key);
  const from = Number.isFinite(input.range.from) ? input.range.from : input.facts.firstCreated;
  const span = { from, to: Math.min(input.range.to, input.now + 1) };
  const weeks = completedWeeks(input.range, input.now, touched.firstActivity);
  const touchPlanned = plan !== undefined && plan.touchesPerWeek > 0;
  const totals = weeklyPlanTotals(
    touchPlanned ? plan.touchesPerWeek : 0,
    touchPlanned ? weeks : [],
    (wk) => touched.weekly.get(key)?.get(wk) ?? 0,
  );
  const revenue = w?.revenue ?? 0;
  const wonDeals = w?.won_deals ?? 0;
  const revenuePlan = plan && plan.revenuePerMonth > 0 ? proratedPlan(plan.revenuePerMonth, span) : null;
  const dealsPlan = plan && plan.dealsPerMonth > 0 ? proratedPlan(plan.dealsPerMonth, span) : null;
  const touchPlan = touchPlanned && weeks.length ? totals.plan : null;
  if (revenuePlan !== null) planned.revenue += revenue;
  if (dealsPlan !== null) planned.deals += wonDeals;
  if (touchPlan !== null) planned.touches += totals.fact;
  const interval = t && t.closed > 0 ? { low: t.wilson_low!, high: t.wilson_high! } : null;
  return {
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
    effectiveTouches: input.sources?.activities ? (touched.touches.get(key) ?? 0) : null,
    touchPlan,
    touchPlanFact: orNull(planFactRatio(totals)),
    discipline: orNull(discipline(totals)),
    medianResponse: lead?.median_minutes ?? null,
    slaBreaches: input.sources?.leads ? (lead?.breached ?? 0) : null,
  } satisfies Omit<ManagerFigure, 'name'>;
}

const ratio = (fact: number, plan: number | null) => (plan && plan > 0 ? fact / plan : null);

/** The managers table and the Team row. */
function managersOf(
  input: SqlSummaryInput,
  teamRate: Num,
  meanCycle: Num,
): Pick<SummaryFigures, 'managers' | 'team'> & {
  columns: Pick<SummaryFigures['columns'], 'revenuePlans' | 'dealPlans' | 'touchPlans'>;
  notes: SkipNote[];
} {
  const display = displayNames(input);
  const { plans, phantom } = plansOf(input, display);
  const planned: Planned = { revenue: 0, deals: 0, touches: 0 };
  const touched = touchesOf(input);
  const managers: ManagerFigure[] = [...display.entries()].map(([key, name]) => ({
    name,
    ...managerRow(input, touched, key, plans.get(key), teamRate, planned),
  }));
  managers.sort((a, b) => b.deals - a.deals || b.wonRevenue - a.wonRevenue || a.name.localeCompare(b.name));
  const sum = (pick: (m: ManagerFigure) => number | null) =>
    managers.reduce<number | null>((total, m) => (pick(m) === null ? total : (total ?? 0) + pick(m)!), null);
  const revenuePlan = sum((m) => m.revenuePlan);
  const dealsPlan = sum((m) => m.dealsPlan);
  const touchPlan = sum((m) => m.touchPlan);
  const { cohort, won } = input.results;
  const leads = input.sources?.leads?.response;
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
    effectiveTouches: input.sources?.activities ? sum((m) => m.effectiveTouches) : null,
    touchPlan,
    touchPlanFact: ratio(planned.touches, touchPlan),
    discipline: null,
    medianResponse: leads?.[0]?.team_median_minutes ?? null,
    slaBreaches: leads ? leads.reduce((n, r) => n + r.breached, 0) : null,
  };
  return {
    managers,
    team,
    columns: { revenuePlans: revenuePlan !== null, dealPlans: dealsPlan !== null, touchPlans: touchPlan !== null },
    notes: phantom.rows ? [phantom] : [],
  };
}

/** The leads section: the period's leads of the whole team (the response KPI's rows added up). */
function leadsOf(input: SqlSummaryInput): SummaryFigures['leads'] {
  const rows = input.sources?.leads?.response;
  if (!rows) return null;
  const counted = rows.reduce((n, r) => n + r.counted, 0);
  const breaches = rows.reduce((n, r) => n + r.breached, 0);
  return {
    sla: input.settings.sla.minutes,
    counted: counted > 0,
    medianResponse: rows[0]?.team_median_minutes ?? null,
    breachRate: orNull(breachRate({ breached: breaches, counted })),
    breaches,
    unanswered: rows.reduce((n, r) => n + r.unanswered, 0),
    rerouted: 0,
    escalated: 0,
  };
}

/** Time in stage from its queries: per stage, and per manager × stage against the team (null without paths or measures). */
function timeInStageOf(input: SqlSummaryInput): SummaryFigures['timeInStage'] {
  const paths = input.sources?.stageTime;
  if (!paths) return null;
  const names = input.funnel.names;
  // The last stage is where deals end (won): no time is spent "in" it.
  const stages = names.slice(0, names.length - 1).map((stage, s) => {
    const spent = paths.stageTime.find((r) => r.stage === s);
    const open = paths.openInStage.find((r) => r.stage === s);
    return {
      stage,
      measured: spent?.measured ?? 0,
      median: spent?.median_days ?? null,
      p90: spent?.p90_days ?? null,
      openNow: open?.open_now ?? 0,
      openMedian: open?.median_days ?? null,
      openLongest: open?.longest_days ?? null,
    };
  });
  if (stages.every((s) => s.measured === 0)) return null;
  const managers = input.results.managers
    .slice()
    .sort((a, b) => b.deals - a.deals || a.name.localeCompare(b.name))
    .map((m) => ({
      name: m.name,
      cells: stages.map((team, s) => {
        const mine = paths.stageTimeByManager.find((r) => r.manager_key === m.manager_key && r.stage === s);
        const median = mine?.median_days ?? null;
        const deals = mine?.measured ?? 0;
        return { median, deals, flag: stageTimeFlag(median, team.median, deals) };
      }),
    }));
  return { stages, managers };
}

/** The stages' own stalled thresholds in funnel order, as the summary reads them (a later entry for a stage wins). */
export function stalledThresholds(settings: Settings, funnel: Funnel): { stage: number; days: number }[] {
  const own = new Map<number, number>();
  for (const { stage, days } of settings.stalledDaysByStage) {
    const at = funnel.indexOf.get(nameKey(stage));
    if (at !== undefined) own.set(at, days);
  }
  return [...own].sort((a, b) => a[0] - b[0]).map(([stage, days]) => ({ stage, days }));
}

/** Every figure of the summary from the queries' results: the deals', and the other sources' where given. */
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
    timeInStage: timeInStageOf(input),
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
      byStage: stalledThresholds(settings, input.funnel).map((s) => ({ stage: input.funnel.names[s.stage], days: s.days })),
    },
    leads: leadsOf(input),
    managers: managers.managers,
    team: managers.team,
    columns: {
      amount: input.facts.hasAmount,
      activities: input.sources?.activities !== undefined,
      leads: input.sources?.leads !== undefined,
      ...managers.columns,
    },
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

/**
 * The stalled deals priced — their value and the ten worth most, what the weekly sections' "most
 * valuable first" reads — by the JavaScript, from the deals and activities held in memory (the SQL
 * lists the stalled deals without their money).
 */
export function withPricedStalled(figures: SummaryFigures, input: SummaryInput): SummaryFigures {
  const { value, mostValuable } = stalledFigures(input);
  return { ...figures, stalled: { ...figures.stalled, value, mostValuable } };
}
