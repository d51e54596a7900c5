// The forecast in one sentence, in the user's language: the weekly digest's headline carries it.
import { fill, type Language } from '../i18n/language';
import { summaryText } from '../i18n/summary';
import { countText } from './model';
import { moneyText } from './currency';
import type { ForecastFigures } from './figures/forecast';

/**
 * "Forecast for this quarter: $2,782,707 (80% range $1,881,911 – $3,683,502); $217,293 below the plan
 * of $3,000,000." — the team's line of the summary's Forecast section. `sign` is the summary's currency.
 */
export function forecastSentence(f: ForecastFigures, language: Language, locale: string, sign: string): string {
  const t = summaryText[language];
  const value = (x: number) => (f.count ? countText(Math.round(x), locale) : moneyText(x, sign, locale));
  const line = fill(f.count ? t.forecastSentenceCount : t.forecastSentence, {
    period: t.forecastFor[f.period] ?? t.periods[f.period],
    point: value(f.team.point),
    low: value(f.team.low),
    high: value(f.team.high),
  });
  const { plan, gap } = f.team;
  if (plan === null || gap === null) return `${line}.`;
  return `${line}; ${fill(gap >= 0 ? t.forecastAbovePlan : t.forecastBelowPlan, { gap: value(Math.abs(gap)), plan: value(plan) })}.`;
}
