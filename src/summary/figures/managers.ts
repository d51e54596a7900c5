// The summary's managers table: deals, win rate against the team, revenue and plans, cycle, effective
// touches and discipline, lead response — each figure from src/metrics.
import { completedWeeks, inPeriod, weekStart, type Span } from '../../metrics/calendar';
import { nameKey } from '../../tracker/names';
import type { SkipNote } from '../../tracker/table';
import type { LeadStatsByManager } from './leads';
import type { ManagerFigure, SummaryFigures, SummaryInput } from './types';
import { managerRow, type Plan, type PlannedFacts, type TeamFacts, teamRow } from './managerRows';

/** Effective touches per manager in the period, per manager per week, and the first one's date. */
function touchesByManager(input: SummaryInput, effective: Uint8Array | null, see: (name: string) => string) {
  const touches = new Map<string, number>();
  const weekly = new Map<string, Map<number, number>>();
  let firstActivity = Infinity;
  const { activities } = input;
  if (!activities || !effective) return { touches, weekly, firstActivity };
  for (let row = 0; row < activities.length; row++) {
    const key = see(activities.manager[row]);
    if (!effective[row]) continue;
    const date = activities.date[row];
    if (!Number.isNaN(date)) firstActivity = Math.min(firstActivity, date);
    if (!key) continue;
    if (Number.isNaN(date) || inPeriod(date, input.range)) touches.set(key, (touches.get(key) ?? 0) + 1);
    if (!Number.isNaN(date)) {
      const perWeek = weekly.get(key) ?? new Map<number, number>();
      perWeek.set(weekStart(date), (perWeek.get(weekStart(date)) ?? 0) + 1);
      weekly.set(key, perWeek);
    }
  }
  return { touches, weekly, firstActivity };
}

/** The period as days the plans are prorated over: all time starts at the first deal. */
function planSpan(input: SummaryInput): Span {
  let from = input.range.from;
  if (!Number.isFinite(from)) {
    from = Infinity;
    for (const c of input.deals.created) if (c < from) from = c;
  }
  return { from, to: Math.min(input.range.to, input.now + 1) };
}

export interface ManagersResult {
  managers: ManagerFigure[];
  team: SummaryFigures['team'];
  columns: Pick<SummaryFigures['columns'], 'revenuePlans' | 'dealPlans' | 'touchPlans'>;
  notes: SkipNote[];
}

/** Managers' names as the data spells them, each folded once (trackers repeat a handful of names). */
class ManagerNames {
  /** The first spelling seen of each folded name, in the order met. */
  readonly display = new Map<string, string>();
  private readonly keyOf = new Map<string, string>();

  /** The folded name, remembering the spelling it was first seen in. */
  see = (name: string): string => {
    let key = this.keyOf.get(name);
    if (key === undefined) {
      this.keyOf.set(name, (key = nameKey(name)));
      if (key && !this.display.has(key)) this.display.set(key, name);
    }
    return key;
  };

  /** Deal rows grouped by their manager (rows with no manager left out). */
  group(managers: readonly string[], list: number[]): Map<string, number[]> {
    const out = new Map<string, number[]>();
    for (const r of list) {
      const key = this.see(managers[r]);
      if (!key) continue;
      const mine = out.get(key);
      if (mine) mine.push(r);
      else out.set(key, [r]);
    }
    return out;
  }
}

/**
 * The plans that count: a plan counts for a manager found anywhere in the data; any other name is a
 * data note, not a row. The whole sheets are searched only for a plan whose manager did nothing in the period.
 */
function plansOfKnownManagers(input: SummaryInput, names: ManagerNames): { plans: Map<string, Plan>; phantom: SkipNote } {
  const { deals, activities, leads, settings } = input;
  let known: Set<string> | null = null;
  const foundAnywhere = (key: string) => {
    if (names.display.has(key)) return true;
    if (!known) {
      const spellings = new Set<string>();
      for (const list of [deals.manager, activities?.manager ?? [], leads?.manager ?? []]) for (const m of list) spellings.add(m);
      known = new Set<string>();
      for (const m of spellings) if (m) known.add(nameKey(m));
    }
    return known.has(key);
  };
  const plans = new Map<string, Plan>();
  const phantom: SkipNote = { source: 'settings', reason: 'phantomPlan', rows: 0, examples: [] };
  for (const p of settings.plans) {
    const key = nameKey(p.manager);
    if (foundAnywhere(key)) {
      plans.set(key, p);
      names.see(p.manager);
    } else if (p.touchesPerWeek > 0 || p.dealsPerMonth > 0 || p.revenuePerMonth > 0) {
      phantom.rows++;
      if (phantom.examples!.length < 3) phantom.examples!.push({ row: 0, value: p.manager });
    }
  }
  return { plans, phantom };
}

/** The managers table and its Team row for the period's deals (`rows`) and the deals won in it (`won`). */
export function managerFigures(
  input: SummaryInput,
  rows: number[],
  won: number[],
  effective: Uint8Array | null,
  leadStats: LeadStatsByManager | null,
  teamFacts: TeamFacts,
): ManagersResult {
  const names = new ManagerNames();
  const rowsOf = names.group(input.deals.manager, rows);
  const wonOf = names.group(input.deals.manager, won);
  const { touches, weekly, firstActivity } = touchesByManager(input, effective, names.see);
  const weeks = completedWeeks(input.range, input.now, firstActivity);
  if (leadStats) for (const stats of leadStats.values()) names.see(stats.name);
  const { plans, phantom } = plansOfKnownManagers(input, names);
  const span = planSpan(input);
  const planned: PlannedFacts = { revenue: 0, deals: 0, touches: 0 };
  const managers = [...names.display.entries()].map(([key, name]) =>
    managerRow(
      name,
      {
        input,
        rows: rowsOf.get(key) ?? [],
        won: wonOf.get(key) ?? [],
        plan: plans.get(key),
        weeks,
        weekly: weekly.get(key),
        touches: touches.get(key) ?? 0,
        lead: leadStats?.get(key),
        leadsKnown: leadStats !== null,
        span,
        teamRate: teamFacts.win.rate,
      },
      planned,
    ),
  );
  managers.sort((a, b) => b.deals - a.deals || b.wonRevenue - a.wonRevenue || a.name.localeCompare(b.name));
  const team = teamRow(input, managers, rows, won, planned, leadStats, teamFacts);
  return {
    managers,
    team,
    columns: { revenuePlans: team.revenuePlan !== null, dealPlans: team.dealsPlan !== null, touchPlans: team.touchPlan !== null },
    notes: phantom.rows ? [phantom] : [],
  };
}
