// Every figure of the KPI summary, assembled section by section (src/summary/figures/) from the
// metrics the custom functions use (src/metrics). No KPI arithmetic of its own: it only combines.
import { winRate } from '../metrics/funnel';
import { mean, statistic } from '../metrics/stats';
import { breachRate } from '../metrics/response';
import { inPeriod } from '../metrics/calendar';
import { workingHoursOf } from '../settings/schema';
import type { SkipNote } from '../tracker/table';
import { dealsInPeriod, funnelFigures, leakFigures, repeatFigures, stalledFigures, wonAmounts, wonCycleDays } from './figures/deals';
import { leadStatsByManager } from './figures/leads';
import { managerFigures } from './figures/managers';
import type { SummaryFigures, SummaryInput } from './figures/types';

export type { FunnelFigure, LeakFigure, ManagerFigure, StalledDeal, SummaryFigures, SummaryInput, TargetStatus } from './figures/types';
export { leakFigures };

const orNull = (x: number) => (Number.isFinite(x) ? x : null);

export function summaryFigures(input: SummaryInput): SummaryFigures {
  const { rows, undated } = dealsInPeriod(input);
  const cycle = wonCycleDays(input, rows);
  const columns = input.settings.sources.deals?.columns;
  const notes: SkipNote[] = [...input.notes];
  if (undated) notes.push({ source: 'deals', reason: 'noCreatedDate', rows: undated, column: columns?.created });
  if (cycle.reversed) notes.push({ source: 'deals', reason: 'reversedDates', rows: cycle.reversed, column: columns?.closed });
  const { funnel, reached } = funnelFigures(input, rows);
  const wonValues = wonAmounts(input, rows);
  const averageWon = orNull(mean(wonValues.length ? wonValues : wonAmounts(input, input.deals.furthest.keys())));
  const leadStats = input.leads ? leadStatsByManager(input.leads, input, workingHoursOf(input.settings)) : null;
  const team = winRate(rows.map((r) => input.deals.status[r]));
  const leads = leadStats?.team;
  return {
    range: input.range,
    deals: rows.length,
    funnel,
    averageWon,
    leaks: leakFigures(input.funnel.names, reached, averageWon ?? 0),
    cycle: { mean: orNull(mean(cycle.days)), median: orNull(statistic(cycle.days, 'median')), p90: orNull(statistic(cycle.days, 'p90')), count: cycle.days.length },
    stalled: stalledFigures(input),
    leads: leads
      ? {
          sla: input.settings.sla.minutes,
          counted: leads.counted > 0,
          medianResponse: leads.minutes.length ? statistic(leads.minutes, 'median') : null,
          breachRate: orNull(breachRate(leads)),
          breaches: leads.breached,
          unanswered: leads.unanswered,
          rerouted: input.reroutedAt.filter((t) => inPeriod(t, input.range)).length,
        }
      : null,
    managers: managerFigures(input, rows, leadStats, team.rate),
    team: { winRate: team.rate },
    repeat: repeatFigures(input),
    notes,
    hasActivities: input.activities !== null,
  };
}
