// Lead response: minutes to the first answer, and the SLA breach rate.
import { minutesBetween, type WorkingHours } from './workingHours';

export type SlaOutcome = 'met' | 'breached' | 'pending' | 'none';

/**
 * A lead breaches when answered later than the SLA, or is still unanswered and older than the SLA
 * at `asOf`; unanswered leads inside the SLA are pending and not counted either way.
 * @example slaOutcome(t, t + 15 * 60_000, now, 10, null) // 'breached'
 */
export function slaOutcome(created: number, responded: number, asOf: number, slaMinutes: number, hours: WorkingHours | null): SlaOutcome {
  if (Number.isNaN(created)) return 'none';
  if (!Number.isNaN(responded)) return minutesBetween(created, responded, hours) > slaMinutes ? 'breached' : 'met';
  return minutesBetween(created, asOf, hours) > slaMinutes ? 'breached' : 'pending';
}

export interface SlaCounts {
  breached: number;
  counted: number;
  unanswered: number;
}

/** @example emptySlaCounts() // { breached: 0, counted: 0, unanswered: 0 } */
export function emptySlaCounts(): SlaCounts {
  return { breached: 0, counted: 0, unanswered: 0 };
}

/**
 * Adds one lead to the counts: unanswered or not, counted (met or breached) or pending. The one
 * rule SLA_BREACH_RATE and the summary share. With `minutes`, an answered lead's response time
 * (working minutes when hours are set) is collected too.
 * @example tallyLead(counts, t, t + 15 * 60_000, now, 10, null) // counts.counted 1, counts.breached 1
 */
export function tallyLead(counts: SlaCounts, created: number, responded: number, asOf: number, slaMinutes: number, hours: WorkingHours | null, minutes?: number[]): void {
  const outcome = slaOutcome(created, responded, asOf, slaMinutes, hours);
  if (outcome === 'none') return;
  if (Number.isNaN(responded)) counts.unanswered++;
  else if (minutes) minutes.push(minutesBetween(created, responded, hours));
  if (outcome === 'pending') return;
  counts.counted++;
  if (outcome === 'breached') counts.breached++;
}

/**
 * SLA breach rate = breaches ÷ counted leads; NaN when no lead can be counted yet.
 * @example breachRate({ breached: 1, counted: 4, unanswered: 2 }) // 0.25
 */
export function breachRate(counts: SlaCounts): number {
  return counts.counted > 0 ? counts.breached / counts.counted : NaN;
}

/**
 * SLA counts over paired columns of created and responded wall times.
 * @example countSla(created, responded, now, 10, null) // { breached, counted, unanswered }
 */
export function countSla(created: Float64Array, responded: Float64Array, asOf: number, slaMinutes: number, hours: WorkingHours | null): SlaCounts {
  const counts = emptySlaCounts();
  for (let row = 0; row < created.length; row++) tallyLead(counts, created[row], responded[row], asOf, slaMinutes, hours);
  return counts;
}
