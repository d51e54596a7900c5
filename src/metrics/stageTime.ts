// Time in stage against the team's: when a manager's median days in a stage is worth pointing at
// (docs/summary.md, "Time in stage").

/** Fewer deals than this in a stage: a manager's median there is shown, never flagged. */
export const MIN_STAGE_DEALS = 5;

/**
 * A manager's median days in a stage against the team's: 'slower' or 'faster' when measured on 5 deals
 * or more and at least a quarter of the team's median and a whole day apart; else null.
 * @example stageTimeFlag(12, 6, 8) // 'slower'; stageTimeFlag(6.5, 6, 8) // null — half a day is not a difference
 */
export function stageTimeFlag(mine: number | null, team: number | null, deals: number): 'slower' | 'faster' | null {
  if (mine === null || team === null || deals < MIN_STAGE_DEALS) return null;
  const gap = mine - team;
  if (Math.abs(gap) < Math.max(1, 0.25 * team)) return null;
  return gap > 0 ? 'slower' : 'faster';
}
