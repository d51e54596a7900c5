// The summary's forecast (docs/forecast.md): the period's expected revenue for the team and each
// manager, against the revenue plans — assembled from src/metrics/forecast.ts.
import { forecastData, forecastRevenue, type ForecastFigure } from '../../metrics/forecast';
import { proratedPlan } from '../../metrics/money';
import { nameKey } from '../../tracker/names';
import type { Period } from '../../settings/schema';
import { forecastSpan } from '../period';
import type { SummaryInput } from './types';

export interface ForecastLine extends ForecastFigure {
  /** The revenue plan over the whole period (monthly plans prorated); null without one. */
  plan: number | null;
  /** Forecast − plan. */
  gap: number | null;
  /** Open pipeline ÷ what remains to win of the plan; null without a plan or when it is already met. */
  coverage: number | null;
}

export interface ForecastFigures {
  /** The running period forecast: the summary's, or the running one of its size when the summary's is over. */
  period: Period;
  from: number;
  to: number;
  asOf: number;
  count: boolean;
  team: ForecastLine;
  managers: (ForecastLine & { name: string })[];
  stages: {
    stage: string;
    open: number;
    expected: number;
    decided: number;
    rate: number | null;
    low: number | null;
    high: number | null;
    thin: boolean;
  }[];
  thin: string[];
  /** Open deals left out: no created date. */
  undated: number;
  error: number;
  checked: number;
  windows: number;
  timing: 'periods' | 'cycle';
  plans: boolean;
  /** Managers with a revenue plan: the team's gap and coverage are theirs. */
  plannedManagers: number;
}

/** A line against a plan; `planned` is what the plan is compared with (the team's: its managers with a plan). */
function lineOf(
  figure: ForecastFigure,
  plan: number | null,
  planned: Pick<ForecastFigure, 'point' | 'wonSoFar' | 'openValue'> = figure,
): ForecastLine {
  const remaining = plan === null ? 0 : plan - planned.wonSoFar;
  return {
    ...figure,
    plan,
    gap: plan === null ? null : planned.point - plan,
    coverage: plan !== null && remaining > 0 ? planned.openValue / remaining : null,
  };
}

/** The forecast of the summary's period as of now (of the running one of its size when it is over). */
export function forecastFigures(input: SummaryInput): ForecastFigures {
  const span = forecastSpan(input.range.period, input.now, input.firstDay ?? 1);
  const { deals, funnel, settings } = input;
  const names = new Map<string, string>();
  const groups = deals.manager.map((m) => {
    const key = nameKey(m);
    if (key && !names.has(key)) names.set(key, m);
    return key;
  });
  const count = !deals.hasAmount;
  const forecast = forecastRevenue(
    forecastData(deals, funnel.names.length),
    { from: span.from, to: span.to, asOf: input.now },
    { count, groupOf: (i) => groups[i] },
  );
  const plans = new Map<string, number>();
  if (!count)
    for (const p of settings.plans) if (p.revenuePerMonth > 0) plans.set(nameKey(p.manager), proratedPlan(p.revenuePerMonth, span));
  const teamPlan = plans.size ? [...plans.values()].reduce((a, b) => a + b, 0) : null;
  const managers = [...forecast.groups]
    .filter(([key]) => key !== '')
    .map(([key, figure]) => ({ name: names.get(key) ?? key, ...lineOf(figure, plans.get(key) ?? null) }))
    .sort((a, b) => b.point - a.point || a.name.localeCompare(b.name));
  // The team's plan is its managers' plans: compared with those managers' forecasts (as the managers table does).
  const withPlan = managers.filter((m) => m.plan !== null);
  const planned = { point: 0, wonSoFar: 0, openValue: 0 };
  for (const m of withPlan) (planned.point += m.point), (planned.wonSoFar += m.wonSoFar), (planned.openValue += m.openValue);
  const stages = forecast.stages
    .map((s, i) => ({
      stage: funnel.names[i],
      open: s.open,
      expected: s.expected,
      decided: s.won + s.lost,
      rate: s.rate,
      low: s.interval?.low ?? null,
      high: s.interval?.high ?? null,
      thin: s.thin,
    }))
    .filter((s) => s.open > 0);
  return {
    period: span.period,
    from: span.from,
    to: span.to,
    asOf: forecast.asOf,
    count,
    team: lineOf(forecast, teamPlan, planned),
    plannedManagers: withPlan.length,
    managers,
    stages,
    thin: forecast.thin.map((i) => funnel.names[i]),
    undated: forecast.undated,
    error: forecast.error,
    checked: forecast.checked,
    windows: forecast.windows,
    timing: forecast.timing,
    plans: teamPlan !== null,
  };
}
