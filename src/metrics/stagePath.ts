// A deal's path through the funnel — the stages it entered, in time order — and what it says: the
// stages reached, the stage it was lost at, and the days spent in each stage (docs/summary.md,
// "Time in stage"). Pure: the readers (tracker/history.ts, stage-date columns) build the entries.
import { MS_PER_DAY } from '../tracker/dates';

/** An entry's stage that is not a funnel stage but a lost one ("Closed Lost", «Закрыто и не реализовано»). */
export const LOST_STAGE = -2;

/** One stage entered: a funnel stage index (or LOST_STAGE), and when (a wall time; NaN when unknown). */
export interface StageEntry {
  stage: number;
  at: number;
}

export interface PathFacts {
  /** The furthest funnel stage on the path (a skipped stage counts as passed); -1 when none. */
  furthest: number;
  /** The last funnel stage entered before the last lost entry; -1 when the path does not end lost there. */
  lostAt: number;
  /** The path's last entry is a lost stage. */
  lost: boolean;
  /** Days spent in each funnel stage (summed over visits): next entered − entered; NaN where unknown. */
  days: Float64Array;
  /** The funnel stage the deal is in now (its last entry), or -1 when it ended lost. */
  current: number;
  /** When it entered `current` (NaN when unknown). */
  currentSince: number;
}

/**
 * What a deal's path says. `entries` are in time order (entries without a time keep their place).
 * @example pathFacts([{ stage: 0, at: day1 }, { stage: 2, at: day4 }, { stage: LOST_STAGE, at: day9 }], 4)
 * // { furthest: 2, lostAt: 2, lost: true, days: [3, NaN, 5, NaN], current: -1, … } — stage 1 was skipped: passed
 */
export function pathFacts(entries: readonly StageEntry[], stageCount: number): PathFacts {
  const days = new Float64Array(stageCount).fill(NaN);
  let furthest = -1;
  let lastFunnel = -1;
  let lostAt = -1;
  for (let i = 0; i < entries.length; i++) {
    const { stage, at } = entries[i];
    if (stage === LOST_STAGE) {
      lostAt = lastFunnel;
      continue;
    }
    if (stage < 0 || stage >= stageCount) continue;
    if (stage > furthest) furthest = stage;
    lastFunnel = stage;
    lostAt = -1;
    const next = entries[i + 1];
    if (next && Number.isFinite(at) && Number.isFinite(next.at) && next.at >= at) {
      const spent = (next.at - at) / MS_PER_DAY;
      days[stage] = Number.isNaN(days[stage]) ? spent : days[stage] + spent;
    }
  }
  const last = entries[entries.length - 1];
  const lost = last !== undefined && last.stage === LOST_STAGE;
  const current = lost || !last ? -1 : last.stage;
  return { furthest, lostAt: lost ? lostAt : -1, lost, days, current, currentSince: current >= 0 ? last.at : NaN };
}

/**
 * Sorts one deal's entries by time, stably; entries with no time keep their place before the dated ones.
 * @example inTimeOrder([{ stage: 1, at: 5 }, { stage: 0, at: 2 }]) // [{ stage: 0, at: 2 }, { stage: 1, at: 5 }]
 */
export function inTimeOrder(entries: StageEntry[]): StageEntry[] {
  return entries
    .map((e, i) => ({ e, i }))
    .sort((a, b) => (Number.isFinite(a.e.at) ? a.e.at : -Infinity) - (Number.isFinite(b.e.at) ? b.e.at : -Infinity) || a.i - b.i)
    .map((x) => x.e);
}

/**
 * The order stages are entered in, from many deals' paths: a stage goes before another when more
 * paths enter it first (each stage scored by the stages it precedes more often than not — a Copeland
 * ranking, robust to a few deals moved back). Stage keys in, stage keys out; ties keep first sight.
 * @example orderFromPaths([['lead', 'meeting', 'paid'], ['lead', 'paid'], ['meeting', 'lead']]) // ['lead', 'meeting', 'paid']
 */
export function orderFromPaths(paths: Iterable<readonly string[]>): string[] {
  const index = new Map<string, number>();
  const unranked = new Set<string>();
  const before = new Int32Array(MAX_RANKED * MAX_RANKED);
  for (const path of paths) {
    const seen: number[] = [];
    for (const s of path) {
      if (!index.has(s)) {
        // Past a funnel's worth of stages the rest keep the order they were first seen in: linear time.
        if (index.size < MAX_RANKED) index.set(s, index.size);
        else unranked.add(s);
      }
      const at = index.get(s);
      if (at !== undefined && !seen.includes(at)) seen.push(at);
    }
    for (let i = 0; i < seen.length; i++) for (let j = i + 1; j < seen.length; j++) before[seen[i] * MAX_RANKED + seen[j]]++;
  }
  const names = [...index.keys()];
  const score = names.map((_, a) =>
    names.reduce((sum, _b, b) => sum + Math.sign(before[a * MAX_RANKED + b] - before[b * MAX_RANKED + a]), 0),
  );
  const ranked = names
    .map((name, i) => ({ name, i }))
    .sort((x, y) => score[y.i] - score[x.i] || x.i - y.i)
    .map((x) => x.name);
  return [...ranked, ...unranked];
}

/** Stages ranked by orderFromPaths: twice the 30 a funnel may have. */
const MAX_RANKED = 60;
