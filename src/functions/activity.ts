// EFFECTIVE_TOUCHES, PLAN_FACT, PLAN_DISCIPLINE: the manager's work, not their luck.
import { UserError } from '../errors';
import { addPeriod, discipline, emptyPlanTotals, planFactRatio } from '../metrics/plan';
import { DEFAULT_EFFECTIVE_TOUCHES, effectiveMatcher, isEffectiveTouch, type EffectiveMatcher } from '../metrics/touches';
import { cellAt, isBlank } from '../tracker/cells';
import { amountOf, asColumn, asGrid, asList, columnCount, isOmitted, requireSameRows } from './args';
import type { CustomFunctionSpec } from './spec';

export const EFFECTIVE_TOUCHES: CustomFunctionSpec = {
  name: 'EFFECTIVE_TOUCHES',
  summary: 'Counts activities that moved a deal (meeting, proposal, demo, invoice), not raw calls.',
  params: [
    { name: 'activities', type: 'Range', help: 'The activity type column, or two columns: type and result.' },
    {
      name: 'effective',
      type: 'Range',
      optional: true,
      help: 'What counts as effective; omit to use the settings’ list (meeting, proposal, КП, …).',
    },
  ],
  returns: 'A count of activities.',
  example: {
    formula: '=EFFECTIVE_TOUCHES(Activities!C2:D)',
    gives: '859 on the sample tracker (of 2,025 activities: meetings, demos, proposals, invoices and calls that set a meeting)',
  },
  run([activities, effectiveArg], env) {
    const grid = asGrid(activities, 'activities');
    const columns = columnCount(grid);
    if (columns > 2) throw new UserError('activityColumns', { arg: 'activities', columns });
    const list = isOmitted(effectiveArg)
      ? (env.settings()?.effectiveTouches ?? DEFAULT_EFFECTIVE_TOUCHES)
      : asList(effectiveArg, 'effective').map(String);
    return countEffective(grid, columns, effectiveMatcher(list));
  },
};

/**
 * EFFECTIVE_TOUCHES' loop, a function of its own: inline in `run`, each call ran its first rows in
 * the interpreter until V8's mid-loop compile took over (7 bytes of garbage a row at a million rows).
 */
function countEffective(grid: readonly (readonly unknown[])[], columns: number, matches: EffectiveMatcher): number {
  let count = 0;
  // One column: one lookup per row (a blank type is never effective: the matcher says so once).
  if (columns === 1) for (let i = 0; i < grid.length; i++) count += matches(grid[i][0]) ? 1 : 0;
  else for (let i = 0; i < grid.length; i++) if (!isBlank(grid[i][0]) && isEffectiveTouch(grid[i][0], grid[i][1], matches)) count++;
  return count;
}

/** Plan and fact totals in one pass over both columns: a row counts when its plan cell is filled. */
function planTotals(planArg: unknown, factArg: unknown) {
  const planCells = asColumn(planArg, 'plan');
  const factCells = asColumn(factArg, 'fact');
  requireSameRows('fact', factCells.length, 'plan', planCells.length);
  const totals = emptyPlanTotals();
  for (let row = 0; row < planCells.length; row++) {
    const planCell = cellAt(planCells, row);
    // Every fact is read, so a mistake in one is named even on a row without a plan.
    const fact = amountOf(cellAt(factCells, row), row, 'fact');
    if (!isBlank(planCell)) addPeriod(totals, amountOf(planCell, row, 'plan'), fact);
  }
  return totals;
}

export const PLAN_FACT: CustomFunctionSpec = {
  name: 'PLAN_FACT',
  summary: 'Plan/fact ratio: Σ fact ÷ Σ plan.',
  params: [
    { name: 'plan', type: 'Range', help: 'Planned numbers per period (e.g. effective touches per week), one column.' },
    { name: 'fact', type: 'Range', help: 'What was actually done, same rows as plan.' },
  ],
  returns: 'A ratio (1 = exactly on plan; format as %).',
  example: { formula: '=PLAN_FACT({10;10;10;10}, {12;9;10;14})', gives: '1.125 (45 touches against a plan of 40)' },
  run([plan, fact]) {
    const ratio = planFactRatio(planTotals(plan, fact));
    if (Number.isNaN(ratio)) throw new UserError('zeroPlan', { arg: 'plan' });
    return ratio;
  },
};

export const PLAN_DISCIPLINE: CustomFunctionSpec = {
  name: 'PLAN_DISCIPLINE',
  summary: 'Discipline: the share of periods with a plan in which the fact met it.',
  params: [
    { name: 'plan', type: 'Range', help: 'Planned numbers per period (e.g. per week), one column.' },
    { name: 'fact', type: 'Range', help: 'What was actually done, same rows as plan.' },
  ],
  returns: 'A share between 0 and 1 (format as %).',
  example: { formula: '=PLAN_DISCIPLINE({10;10;10;10}, {12;9;10;14})', gives: '0.75 (on plan 3 weeks of 4)' },
  run([plan, fact]) {
    const share = discipline(planTotals(plan, fact));
    if (Number.isNaN(share)) throw new UserError('noPlannedRows', { arg: 'plan' });
    return share;
  },
};
