// Every figure of the KPI summary, assembled section by section (src/summary/figures/) from the
// metrics the custom functions use (src/metrics). No KPI arithmetic of its own: it only combines.
import { winRate } from '../metrics/funnel';
import { mean, orNull, statistic } from '../metrics/stats';
import { breachRate } from '../metrics/response';
import { effectiveMatcher, isEffectiveTouch } from '../metrics/touches';
import { inPeriod } from '../metrics/calendar';
import { workingHoursOf } from '../settings/hours';
import type { SkipNote } from '../tracker/table';
import {
  dealsInPeriod,
  funnelFigures,
  funnelStillGuessed,
  leakFigures,
  repeatFigures,
  stalledFigures,
  weakLinkFigures,
  wonCycleDays,
  wonIn,
} from './figures/deals';
import { forecastFigures } from './figures/forecast';
import { headlineFigures } from './figures/headline';
import { cohortFigures, lossFigures } from './figures/losses';
import { leadStatsByManager } from './figures/leads';
import { managerFigures } from './figures/managers';
import { timeInStageFigures } from './figures/stageTime';
import type { SummaryFigures, SummaryInput } from './figures/types';

export type { ForecastFigures } from './figures/forecast';
export type {
  FunnelFigure,
  HeadlineKey,
  LeakFigure,
  ManagerFigure,
  StalledDeal,
  SummaryFigures,
  SummaryInput,
  TargetStatus,
  Trend,
} from './figures/types';

/** 1 per activity that is an effective touch: matched once, read by the headline and the managers. */
function effectiveRows(input: SummaryInput): Uint8Array | null {
  const { activities } = input;
  if (!activities) return null;
  const matches = effectiveMatcher(input.settings.effectiveTouches);
  const out = new Uint8Array(activities.length);
  for (let r = 0; r < activities.length; r++)
    out[r] = activities.type[r] !== '' && isEffectiveTouch(activities.type[r], activities.result[r], matches) ? 1 : 0;
  return out;
}

/** The figures the weekly history keeps of a week (src/weekly/record.ts): the same as the summary's, without its other sections. */
export type HistoryFigures = Pick<
  SummaryFigures,
  'headline' | 'funnel' | 'weakLinks' | 'cycle' | 'leads' | 'managers' | 'team' | 'columns'
>;

/**
 * The period's deals, funnel, managers, headline and leads — what both the summary and the weekly
 * history need. `trends`: the headline's sparklines and previous period too (the history needs
 * neither, and back-fills up to two years of weeks).
 */
function periodFigures(input: SummaryInput, trends: boolean) {
  const { rows, undated } = dealsInPeriod(input);
  const won = wonIn(input, input.range);
  const cycle = wonCycleDays(input, won);
  const columns = input.settings.sources.deals?.columns;
  const notes: SkipNote[] = [...input.notes];
  if (undated) notes.push({ source: 'deals', reason: 'noCreatedDate', rows: undated, column: columns?.created });
  if (cycle.reversed) notes.push({ source: 'deals', reason: 'reversedDates', rows: cycle.reversed, column: columns?.closed });
  const { funnel, steps, lostUnknown, measurable, lostTotal } = funnelFigures(input, rows);
  // The average won deal: the period's won deals, else every won deal (a leak needs a price).
  const amounts = (list: Iterable<number>) => {
    const out: number[] = [];
    for (const r of list) if (input.deals.status[r] === 'won' && input.deals.amount[r] > 0) out.push(input.deals.amount[r]);
    return out;
  };
  const wonValues = amounts(won);
  const averageWon = orNull(mean(wonValues.length ? wonValues : amounts(input.deals.furthest.keys())));
  const hours = workingHoursOf(input.settings);
  const leadStats = input.leads ? leadStatsByManager(input.leads, input, hours) : null;
  const team = winRate(rows.map((r) => input.deals.status[r]));
  const effective = effectiveRows(input);
  const managers = managerFigures(input, rows, won, effective, leadStats, { win: team, meanCycle: orNull(mean(cycle.days)) });
  notes.push(...managers.notes);
  const leads = leadStats?.team;
  const { headline, previous, sparkUnit } = headlineFigures(input, effective, hours, trends);
  return {
    rows,
    notes,
    steps,
    history: {
      headline,
      funnel,
      weakLinks: weakLinkFigures(input, rows, steps, averageWon ?? 0, measurable),
      cycle: {
        mean: orNull(mean(cycle.days)),
        median: orNull(statistic(cycle.days, 'median')),
        p90: orNull(statistic(cycle.days, 'p90')),
        count: cycle.days.length,
      },
      leads: leads
        ? {
            sla: input.settings.sla.minutes,
            counted: leads.counted > 0,
            medianResponse: leads.minutes.length ? statistic(leads.minutes, 'median') : null,
            breachRate: orNull(breachRate(leads)),
            breaches: leads.breached,
            unanswered: leads.unanswered,
            rerouted: input.reroutedAt.filter((t) => inPeriod(t, input.range)).length,
            escalated: (input.escalatedAt ?? []).filter((t) => inPeriod(t, input.range)).length,
          }
        : null,
      managers: managers.managers,
      team: managers.team,
      columns: { amount: input.deals.hasAmount, activities: input.activities !== null, leads: input.leads !== null, ...managers.columns },
    } satisfies HistoryFigures,
    previous,
    sparkUnit,
    deals: rows.length,
    lostUnknown,
    measurable,
    lostTotal,
    averageWon,
  };
}

/** What the weekly history keeps of a period (a week): the summary's own figures, less its other sections. */
export function historyFigures(input: SummaryInput): HistoryFigures {
  return periodFigures(input, false).history;
}

export function summaryFigures(input: SummaryInput): SummaryFigures {
  const { rows, notes, steps, history, previous, sparkUnit, deals, lostUnknown, measurable, lostTotal, averageWon } = periodFigures(
    input,
    true,
  );
  const losses = lossFigures(input, rows);
  if (losses.note) notes.push(losses.note);
  return {
    ...history,
    range: input.range,
    previous,
    sparkUnit,
    forecast: forecastFigures(input),
    deals,
    lostUnknown,
    placesLost: input.deals.placesLost,
    measurable,
    lostTotal,
    funnelGuessed: funnelStillGuessed(input.settings.funnel, input.settings.funnelGuess),
    timeInStage: timeInStageFigures(input, rows),
    averageWon,
    leaks: leakFigures(input, steps, averageWon ?? 0, measurable),
    stalled: stalledFigures(input),
    repeat: repeatFigures(input),
    lossReasons: losses.figures,
    cohorts: cohortFigures(input),
    notes,
  };
}
