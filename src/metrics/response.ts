// Lead response: minutes to the first answer, and the SLA breach rate.
import { MS_PER_MINUTE, type WallPairs } from '../tracker/dates';
import { FirstReversed } from './cycle';
import { minutesBetween, type WorkingHours } from './workingHours';

export type SlaOutcome = 'met' | 'breached' | 'pending' | 'none';

/**
 * A lead breaches when answered later than the SLA, or is still unanswered and older than the SLA
 * at `asOf`; unanswered leads inside the SLA are pending and not counted either way.
 * @example slaOutcome(t, t + 15 * 60_000, now, 10, null) // 'breached'
 */
export function slaOutcome(created: number, responded: number, asOf: number, slaMinutes: number, hours: WorkingHours | null): SlaOutcome {
  const state = slaState(created, responded, asOf, slaMinutes, hours);
  return state === NONE ? 'none' : state === PENDING ? 'pending' : state === MET ? 'met' : 'breached';
}

const NONE = 0;
const PENDING = 1;
const MET = 2;
const BREACHED = 3;

/** slaOutcome as a small number, for the loops that tally every lead (a string per row cost a third of SLA_BREACH_RATE). */
function slaState(created: number, responded: number, asOf: number, slaMinutes: number, hours: WorkingHours | null): number {
  if (created !== created) return NONE;
  if (responded === responded) return minutesBetween(created, responded, hours) > slaMinutes ? BREACHED : MET;
  return minutesBetween(created, asOf, hours) > slaMinutes ? BREACHED : PENDING;
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
export function tallyLead(
  counts: SlaCounts,
  created: number,
  responded: number,
  asOf: number,
  slaMinutes: number,
  hours: WorkingHours | null,
  minutes?: number[],
): void {
  const state = slaState(created, responded, asOf, slaMinutes, hours);
  if (state === NONE) return;
  if (responded !== responded) counts.unanswered++;
  else if (minutes) minutes.push(minutesBetween(created, responded, hours));
  if (state === PENDING) return;
  counts.counted++;
  if (state === BREACHED) counts.breached++;
}

/**
 * Adds one lead's outcome to the counts, for a tally that asks slaOutcome once and counts the lead
 * in several periods (the summary's headline): met and breached are counted, pending is not yet.
 * @example countOutcome(counts, 'breached') // counts.counted + 1, counts.breached + 1
 */
export function countOutcome(counts: Pick<SlaCounts, 'breached' | 'counted'>, outcome: SlaOutcome): void {
  if (outcome !== 'met' && outcome !== 'breached') return;
  counts.counted++;
  if (outcome === 'breached') counts.breached++;
}

/**
 * SLA breach rate = breaches ÷ counted leads; NaN when no lead can be counted yet.
 * @example breachRate({ breached: 1, counted: 4, unanswered: 2 }) // 0.25
 */
export function breachRate(counts: Pick<SlaCounts, 'breached' | 'counted'>): number {
  return counts.counted > 0 ? counts.breached / counts.counted : NaN;
}

/** SLA counts, and whether any lead was left to measure (none: no data, not "nothing to count yet"). */
export interface SlaTally extends SlaCounts {
  anyLead: boolean;
}

/**
 * SLA counts over paired created and answered wall times. A lead answered before it came in fails
 * the call (on `endArg`), or with skipInvalid counts nowhere. Null when a row cannot be read as the
 * pairs go (PlainDatePair): the caller reads the columns in full and asks again.
 * @example countSla(new WallColumns(created, responded), now, 10, null, { skipInvalid: false, endArg: 'responded' }) // { breached, counted, unanswered, anyLead }
 */
export function countSla(
  pairs: WallPairs,
  asOf: number,
  slaMinutes: number,
  hours: WorkingHours | null,
  options: { skipInvalid: boolean; endArg: string },
): SlaTally | null {
  const tally: SlaTally = { breached: 0, counted: 0, unanswered: 0, anyLead: false };
  const reversed = new FirstReversed(options);
  if (!tallyInto(tally, pairs, reversed, asOf, slaMinutes, hours)) return null;
  reversed.check();
  return tally;
}

/**
 * countSla's loop, a function of its own for the reason durationsInto is (cycle.ts). False when a row
 * cannot be read. Without working hours the rule is written out here with the counts in locals:
 * called per row, tallyLead's numbers were boxed (32 bytes a row of garbage) even when inlined.
 */
function tallyInto(
  tally: SlaTally,
  pairs: WallPairs,
  reversed: FirstReversed,
  asOf: number,
  slaMinutes: number,
  hours: WorkingHours | null,
): boolean {
  if (hours !== null) return tallyEach(tally, pairs, reversed, asOf, slaMinutes, hours);
  let breached = 0;
  let counted = 0;
  let unanswered = 0;
  let read = true;
  for (let row = 0; row < pairs.length; row++) {
    if (!pairs.read(row)) {
      read = false;
      break;
    }
    const created = pairs.a;
    const responded = pairs.b;
    if (created !== created) continue;
    if (responded < created) {
      reversed.add(row, created, responded);
      continue;
    }
    // slaState with no working hours: minutes are the wall-time difference.
    if (responded === responded) {
      counted++;
      if ((responded - created) / MS_PER_MINUTE > slaMinutes) breached++;
    } else {
      unanswered++;
      if ((asOf - created) / MS_PER_MINUTE > slaMinutes) {
        counted++;
        breached++;
      }
    }
  }
  tally.breached += breached;
  tally.counted += counted;
  tally.unanswered += unanswered;
  if (breached + counted + unanswered > 0) tally.anyLead = true;
  return read;
}

/** tallyInto with working hours: each lead through tallyLead. */
function tallyEach(
  tally: SlaTally,
  pairs: WallPairs,
  reversed: FirstReversed,
  asOf: number,
  slaMinutes: number,
  hours: WorkingHours,
): boolean {
  for (let row = 0; row < pairs.length; row++) {
    if (!pairs.read(row)) return false;
    const created = pairs.a;
    const responded = pairs.b;
    if (created !== created) continue;
    if (responded < created) reversed.add(row, created, responded);
    else {
      tally.anyLead = true;
      tallyLead(tally, created, responded, asOf, slaMinutes, hours);
    }
  }
  return true;
}
