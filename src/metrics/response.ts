// Lead response: minutes to the first answer, and the SLA breach rate.
import { minutesBetween, type WorkingHours } from './workingHours';

export type SlaOutcome = 'met' | 'breached' | 'pending' | 'none';

/**
 * A lead breaches when answered later than the SLA, or is still unanswered and older than the SLA
 * at `asOf`; unanswered leads inside the SLA are pending and not counted either way.
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

export function countSla(created: Float64Array, responded: Float64Array, asOf: number, slaMinutes: number, hours: WorkingHours | null, skip?: Uint8Array): SlaCounts {
  const counts: SlaCounts = { breached: 0, counted: 0, unanswered: 0 };
  for (let row = 0; row < created.length; row++) {
    if (skip && skip[row]) continue;
    const outcome = slaOutcome(created[row], responded[row], asOf, slaMinutes, hours);
    if (outcome === 'none') continue;
    if (Number.isNaN(responded[row])) counts.unanswered++;
    if (outcome === 'pending') continue;
    counts.counted++;
    if (outcome === 'breached') counts.breached++;
  }
  return counts;
}
