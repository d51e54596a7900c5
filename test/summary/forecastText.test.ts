// The forecast's sentence for the weekly digest: the summary's team figures, in each language.
import { describe, expect, it } from 'vitest';
import { forecastSentence } from '../../src/summary/forecastText';
import type { ForecastFigures } from '../../src/summary/figures/forecast';

const line = (point: number, low: number, high: number, plan: number | null) => ({
  point,
  low,
  high,
  wonSoFar: 0,
  fromOpen: point,
  fromNew: 0,
  openDeals: 3,
  openValue: 2 * point,
  plan,
  gap: plan === null ? null : point - plan,
  coverage: null,
});
const figures = (plan: number | null, count = false, period: ForecastFigures['period'] = 'this_quarter'): ForecastFigures => ({
  period,
  from: 0,
  to: 1,
  asOf: 0,
  count,
  team: line(2_782_707, 1_881_911, 3_683_502, plan),
  managers: [],
  stages: [],
  thin: [],
  undated: 0,
  error: 0.1,
  checked: 3,
  windows: 3,
  timing: 'periods',
  plans: plan !== null,
  plannedManagers: 0,
});

describe('the forecast in one sentence', () => {
  it('says the point, the range and the gap to the plan', () => {
    expect(forecastSentence(figures(3_000_000), 'en', 'en_US', '$')).toBe(
      'Forecast for this quarter: $2,782,707 (80% range $1,881,911 – $3,683,502); $217,293 below the plan of $3,000,000.',
    );
    expect(forecastSentence(figures(null, false, 'this_month'), 'en', 'en_US', '$')).toBe(
      'Forecast for this month: $2,782,707 (80% range $1,881,911 – $3,683,502).',
    );
  });

  it('in Russian, and as a count of won deals without amounts', () => {
    expect(forecastSentence(figures(2_000_000, false, 'this_week'), 'ru', 'ru_RU', '₽')).toMatch(
      /^Прогноз на эту неделю: 2\s782\s707\s₽ \(диапазон 80% .*\); на 782\s707\s₽ выше плана 2\s000\s000\s₽\.$/,
    );
    expect(forecastSentence(figures(null, true), 'en', 'en_US', '$')).toBe(
      'Forecast for this quarter: 2,782,707 won deals (80% range 1,881,911 – 3,683,502).',
    );
  });
});
