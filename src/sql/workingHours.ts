// Lead response in working hours is not in SQL (the queries measure calendar time): for files small
// enough to hold, it is computed by the JavaScript summary's own code over the SQL figures (docs/sql.md).
import { breachRate } from '../metrics/response';
import { orNull, statistic } from '../metrics/stats';
import { workingHoursOf } from '../settings/hours';
import type { SummaryFigures, SummaryInput } from '../summary/figures';
import { headlineFigures } from '../summary/figures/headline';
import { leadStatsByManager } from '../summary/figures/leads';
import { nameKey } from '../tracker/names';

const median = (minutes: number[]) => (minutes.length ? statistic(minutes, 'median') : null);

/**
 * The figures with every lead-response figure — the headline's median and breach rate, each manager's
 * and the team's median and breaches, the leads section — computed in working hours from the deals and
 * leads held in memory. Unchanged without working hours or a leads source.
 */
export function withWorkingHoursResponse(figures: SummaryFigures, input: SummaryInput): SummaryFigures {
  const hours = workingHoursOf(input.settings);
  if (!hours || !input.leads || !figures.leads) return figures;
  const stats = leadStatsByManager(input.leads, input, hours);
  const { headline } = headlineFigures(input, null, hours);
  const team = stats.team;
  return {
    ...figures,
    headline: { ...figures.headline, medianResponse: headline.medianResponse, breachRate: headline.breachRate },
    managers: figures.managers.map((m) => {
      const mine = stats.get(nameKey(m.name));
      return { ...m, medianResponse: median(mine?.minutes ?? []), slaBreaches: mine?.breached ?? 0 };
    }),
    team: { ...figures.team, medianResponse: median(team.minutes), slaBreaches: team.breached },
    leads: {
      ...figures.leads,
      counted: team.counted > 0,
      medianResponse: median(team.minutes),
      breachRate: orNull(breachRate(team)),
      breaches: team.breached,
      unanswered: team.unanswered,
    },
  };
}
