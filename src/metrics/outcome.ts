// Where each deal stopped, and what the funnel says once open deals are not counted as lost
// (docs/summary.md: "Funnel", "Where money leaks", "Weak links").
import type { Status } from '../tracker/statuses';
import { compareToTeam, wilsonInterval, type Interval } from './stats';

/** Per stage: deals that reached it, are still open at it, and were lost at it; and lost deals placed nowhere. */
export interface StageStops {
  reached: number[];
  openAt: number[];
  lostAt: number[];
  /** Closed lost with nothing that says where: never attributed to a step. */
  lostUnknown: number;
}

/** Each deal as the funnel sees it: furthest stage (-1 = left out), stage it was lost at (-1 = not lost or unknown), status. */
export interface DealStops {
  furthest: ArrayLike<number>;
  lostAt: ArrayLike<number>;
  status: ArrayLike<Status>;
}

/**
 * Where the deals of `rows` stopped: one pass, then a suffix sum for "reached".
 * @example stageStops(3, { furthest: [0, 1, 1, 2], lostAt: [-1, 1, -1, -1], status: ['open', 'lost', 'open', 'won'] }, [0, 1, 2, 3])
 * // { reached: [4, 3, 1], openAt: [1, 1, 0], lostAt: [0, 1, 0], lostUnknown: 0 }
 */
export function stageStops(stageCount: number, deals: DealStops, rows: Iterable<number>): StageStops {
  const at = new Array<number>(stageCount).fill(0);
  const openAt = new Array<number>(stageCount).fill(0);
  const lostAt = new Array<number>(stageCount).fill(0);
  let lostUnknown = 0;
  for (const r of rows) {
    const s = deals.furthest[r];
    if (s < 0) continue;
    at[s]++;
    const status = deals.status[r];
    if (status === 'open') openAt[s]++;
    else if (status === 'lost') {
      if (deals.lostAt[r] >= 0) lostAt[deals.lostAt[r]]++;
      else lostUnknown++;
    }
  }
  for (let s = stageCount - 2; s >= 0; s--) at[s] += at[s + 1];
  return { reached: at, openAt, lostAt, lostUnknown };
}

/** One step S(i) → S(i+1): advanced = reached S(i+1); lost = lost at S(i); decided = advanced + lost. */
export interface StepOutcome {
  from: number;
  advanced: number;
  lost: number;
  open: number;
  decided: number;
  /** advanced ÷ decided; null when nothing is decided yet. */
  conversion: number | null;
}

/**
 * The funnel's steps with open deals set aside.
 * @example stepOutcomes({ reached: [10, 6, 2], openAt: [1, 2, 0], lostAt: [3, 2, 0], lostUnknown: 0 })[1]
 * // { from: 1, advanced: 2, lost: 2, open: 2, decided: 4, conversion: 0.5 }
 */
export function stepOutcomes(stops: StageStops): StepOutcome[] {
  const steps: StepOutcome[] = [];
  for (let i = 0; i + 1 < stops.reached.length; i++) {
    const advanced = stops.reached[i + 1];
    const lost = stops.lostAt[i];
    const decided = advanced + lost;
    steps.push({ from: i, advanced, lost, open: stops.openAt[i], decided, conversion: decided > 0 ? advanced / decided : null });
  }
  return steps;
}

export interface Leak {
  from: number;
  lost: number;
  /** lost × average won amount. */
  lostValue: number;
  /** Still open at this stage: shown beside the leak, never as lost. */
  open: number;
  /** Revenue +5 pp of decided conversion here would add, the later steps unchanged. */
  gainAt5pp: number;
  growthPoint: boolean;
}

/** Π of the decided conversions of the steps after `i` (an undecided step counts as 0). */
function laterConversion(steps: readonly StepOutcome[], i: number, conversionOf = (s: StepOutcome) => s.conversion): number {
  let product = 1;
  for (let j = i + 1; j < steps.length; j++) product *= conversionOf(steps[j]) ?? 0;
  return product;
}

/**
 * Money leaks per step: lost × average won, and decided × 0.05 × (later decided conversions) ×
 * average won — the +5 pp never taken past 100%. The largest gain is the growth point.
 * @example moneyLeaks(stepOutcomes({ reached: [10, 6, 2], openAt: [1, 2, 0], lostAt: [3, 2, 0], lostUnknown: 0 }), 1000)[0].gainAt5pp
 * // 9 × 0.05 × 0.5 × 1000 = 225
 */
export function moneyLeaks(steps: readonly StepOutcome[], averageWon: number): Leak[] {
  // One backward pass: the product of the later steps' conversions for every step.
  const later = new Array<number>(steps.length).fill(1);
  for (let i = steps.length - 2; i >= 0; i--) later[i] = later[i + 1] * (steps[i + 1].conversion ?? 0);
  const leaks = steps.map((s, i) => {
    const gain = s.decided * Math.min(0.05, 1 - (s.conversion ?? 0)) * later[i] * averageWon;
    return { from: s.from, lost: s.lost, lostValue: s.lost * averageWon, open: s.open, gainAt5pp: gain, growthPoint: false };
  });
  let best = -1;
  leaks.forEach((l, i) => {
    if (l.gainAt5pp > 0 && (best === -1 || l.gainAt5pp > leaks[best].gainAt5pp)) best = i;
  });
  if (best >= 0) leaks[best].growthPoint = true;
  return leaks;
}

/** Fewer decided deals than this on a step: the manager's rate there is shown grey and never flagged. */
export const MIN_DECIDED = 5;

/** A step this far below the team's decided conversion is named as weak even without 95% confidence. */
export const WEAK_GAP = 0.05;

export interface WeakLinkCell {
  decided: number;
  conversion: number | null;
  interval: Interval | null;
  /** Differs from the team at 95% confidence (the interval excludes the team's rate). */
  flag: 'above' | 'below' | null;
  /** Fewer than MIN_DECIDED decided deals. */
  thin: boolean;
}

export interface WeakestStep {
  step: number;
  conversion: number;
  team: number;
  /** What the team's rate on this step would have won: decided × (team − manager) × later team conversions × average won. */
  cost: number;
}

/**
 * A manager's steps against the team's: the Wilson test per step, and the weakest step — of the steps
 * below the team with 95% confidence or by 5 pp or more, the one that costs the most (steps with
 * fewer than 5 decided deals are not judged).
 * @example weakLinks(mine, team, 1000).weakest // { step: 1, conversion: 0.21, team: 0.45, cost: 48000 } — "Meeting → Proposal: 21% vs team 45%, ≈ 48,000"
 */
export function weakLinks(
  mine: readonly StepOutcome[],
  team: readonly StepOutcome[],
  averageWon: number,
): { cells: WeakLinkCell[]; weakest: WeakestStep | null } {
  let weakest: WeakestStep | null = null;
  const cells = mine.map((s, i) => {
    const teamRate = team[i]?.conversion ?? null;
    const thin = s.decided < MIN_DECIDED;
    const interval = s.decided > 0 ? wilsonInterval(s.advanced, s.decided) : null;
    const flag = !thin && interval && teamRate !== null ? compareToTeam(interval, teamRate) : null;
    // Judged only where it matters: below the team with confidence, or by 5 pp or more.
    if (!thin && s.conversion !== null && teamRate !== null && (flag === 'below' || teamRate - s.conversion >= WEAK_GAP)) {
      const cost = s.decided * (teamRate - s.conversion) * laterConversion(team, i) * averageWon;
      if (!weakest || cost > weakest.cost || (cost === weakest.cost && teamRate - s.conversion > weakest.team - weakest.conversion)) {
        weakest = { step: i, conversion: s.conversion, team: teamRate, cost };
      }
    }
    return { decided: s.decided, conversion: s.conversion, interval, flag, thin };
  });
  return { cells, weakest };
}

/**
 * Whether the steps' lost counts can be read: not when most lost deals carry no stage (amoCRM's
 * «Закрыто и не реализовано», HubSpot's "Closed Lost" with no history) — every step would then read
 * 100 % decided and 0 lost for want of data. A few unplaced lost deals are set aside with a note.
 * @example lostMeasurable({ reached: [10, 4], openAt: [0, 0], lostAt: [0, 0], lostUnknown: 6 }) // false
 */
export function lostMeasurable(stops: StageStops): boolean {
  let placed = 0;
  for (const n of stops.lostAt) placed += n;
  return stops.lostUnknown <= placed;
}
