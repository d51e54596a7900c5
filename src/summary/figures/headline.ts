// The summary's headline: each figure for the period, the previous period of the same length, and
// the last eight weeks or months (the sparkline). Every figure is the metrics' definition (win rate,
// won revenue by won date, the pipeline at a moment, lead response, effective touches); all spans are
// counted together in one pass over each source, so ten spans cost about one.
import { cycleOf } from '../../metrics/cycle';
import { isOpenAt, wonAt } from '../../metrics/money';
import { winRateOf, tallyWin } from '../../metrics/funnel';
import { breachRate, countOutcome, slaOutcome } from '../../metrics/response';
import { mean, orNull, statistic } from '../../metrics/stats';
import { minutesBetween, type WorkingHours } from '../../metrics/workingHours';
import { inPeriod, type Span } from '../../metrics/calendar';
import { headlineSpans } from '../period';
import { inCohort } from './deals';
import type { HeadlineKey, SummaryInput, Trend } from './types';

export const HEADLINE_KEYS: HeadlineKey[] = [
  'wonRevenue',
  'wonDeals',
  'winRate',
  'averageWon',
  'pipelineDeals',
  'pipelineValue',
  'meanCycle',
  'medianResponse',
  'breachRate',
  'effectiveTouches',
];

interface Tally {
  closed: number;
  won: number;
  wonDeals: number;
  revenue: number;
  amounts: number[];
  cycle: number[];
  pipelineDeals: number;
  pipelineValue: number;
  /** Open deals with an amount: none means the value is unknown, not zero (Maven's open deals have none). */
  pipelineValued: number;
  minutes: number[];
  counted: number;
  breached: number;
  touches: number;
}

const emptyTally = (): Tally => ({
  closed: 0,
  won: 0,
  wonDeals: 0,
  revenue: 0,
  amounts: [],
  cycle: [],
  pipelineDeals: 0,
  pipelineValue: 0,
  pipelineValued: 0,
  minutes: [],
  counted: 0,
  breached: 0,
  touches: 0,
});

/** Every headline figure for each span, in one pass over the deals, one over the leads, one over the touches. */
function tallies(input: SummaryInput, spans: Span[], effective: Uint8Array | null, hours: WorkingHours | null): Tally[] {
  const { deals, leads, activities, now } = input;
  const out = spans.map(emptyTally);
  const anyCreated = deals.created.some((c) => c === c);
  // The pipeline of a span is counted at its end (now at the latest).
  const moments = spans.map((s) => Math.min(s.to, now + 1) - 1);
  for (let r = 0; r < deals.length; r++) {
    if (deals.furthest[r] < 0) continue;
    const status = deals.status[r];
    const created = deals.created[r];
    const amount = deals.amount[r];
    const won = status === 'won';
    const at = won ? wonAt(deals, r) : NaN;
    const days = won ? cycleOf(created, deals.closed[r]) : NaN;
    for (let i = 0; i < spans.length; i++) {
      const span = spans[i];
      const t = out[i];
      // Win rate: the span's own deals (inCohort).
      if (status !== 'open' && inCohort(created, span, anyCreated)) tallyWin(t, status);
      // Won deals, revenue, average and cycle: by the date each was won.
      if (won && inPeriod(at, span)) {
        t.wonDeals++;
        t.revenue += amount;
        if (amount > 0) t.amounts.push(amount);
        if (days === days) t.cycle.push(days);
      }
      // Open at the moment (the span's end).
      if (isOpenAt(deals, r, moments[i])) {
        t.pipelineDeals++;
        t.pipelineValue += amount;
        if (amount !== 0) t.pipelineValued++;
      }
    }
  }
  if (leads) {
    const sla = input.settings.sla.minutes;
    for (let r = 0; r < leads.length; r++) {
      const created = leads.created[r];
      if (created !== created) continue;
      const outcome = slaOutcome(created, leads.responded[r], now, sla, hours);
      if (outcome === 'none') continue;
      const minutes = leads.responded[r] === leads.responded[r] ? minutesBetween(created, leads.responded[r], hours) : NaN;
      for (let i = 0; i < spans.length; i++) {
        if (!inPeriod(created, spans[i])) continue;
        const t = out[i];
        if (minutes === minutes) t.minutes.push(minutes);
        countOutcome(t, outcome);
      }
    }
  }
  if (activities && effective) {
    for (let r = 0; r < activities.length; r++) {
      if (!effective[r]) continue;
      const d = activities.date[r];
      for (let i = 0; i < spans.length; i++) if (inPeriod(d, spans[i])) out[i].touches++;
    }
  }
  return out;
}

function figuresOf(t: Tally, input: SummaryInput, touched: boolean): Record<HeadlineKey, number | null> {
  const hasAmount = input.deals.hasAmount;
  return {
    wonRevenue: hasAmount ? t.revenue : null,
    wonDeals: t.wonDeals,
    winRate: winRateOf(t),
    averageWon: hasAmount ? orNull(mean(t.amounts)) : null,
    pipelineDeals: t.pipelineDeals,
    pipelineValue: hasAmount && (t.pipelineValued > 0 || t.pipelineDeals === 0) ? t.pipelineValue : null,
    meanCycle: orNull(mean(t.cycle)),
    medianResponse: input.leads && t.minutes.length ? statistic(t.minutes, 'median') : null,
    breachRate: input.leads ? orNull(breachRate(t)) : null,
    effectiveTouches: touched ? t.touches : null,
  };
}

/** The headline's figures with their previous period and sparkline. */
export function headlineFigures(input: SummaryInput, effective: Uint8Array | null, hours: WorkingHours | null, trends = true) {
  const firstDay = input.firstDay ?? 1;
  // Without trends (the weekly history), only the period itself is tallied.
  const { spans, previous, sparkUnit, buckets } = trends
    ? headlineSpans(input.range, input.now, firstDay)
    : { spans: [input.range], previous: null, sparkUnit: 'week' as const, buckets: 0 };
  const all = tallies(input, spans, effective, hours).map((t) => figuresOf(t, input, input.activities !== null && effective !== null));
  const current = all[0];
  const spark = all.slice(1, 1 + buckets);
  const before = previous ? all[all.length - 1] : null;
  const headline = {} as Record<HeadlineKey, Trend>;
  for (const key of HEADLINE_KEYS)
    headline[key] = { current: current[key], previous: before ? before[key] : null, spark: spark.map((v) => v[key]) };
  return { headline, previous, sparkUnit };
}
