// The figures of the KPI summary: what the sheet model shows, and what building them takes in.
import type { FunnelRow, MoneyLeak, TargetStatus } from '../../metrics/funnel';
import type { Interval } from '../../metrics/stats';
import type { Settings } from '../../settings/schema';
import type { Funnel } from '../../tracker/stages';
import type { ActivitiesTable, DealsTable, LeadsTable, SkipNote } from '../../tracker/table';
import type { PeriodRange } from '../period';

export type { TargetStatus };

export interface FunnelFigure extends FunnelRow {
  target: number | null;
  status: TargetStatus;
}

export type LeakFigure = MoneyLeak;

export interface StalledDeal {
  id: string;
  client: string;
  manager: string;
  stage: string;
  daysIdle: number;
}

export interface ManagerFigure {
  name: string;
  deals: number;
  won: number;
  closed: number;
  winRate: number | null;
  interval: Interval | null;
  flag: 'above' | 'below' | null;
  meanCycle: number | null;
  /** null without an activities source (0 would claim nobody worked). */
  effectiveTouches: number | null;
  plan: number | null;
  planFact: number | null;
  discipline: number | null;
  medianResponse: number | null;
  /** null without a leads source. */
  slaBreaches: number | null;
}

export interface SummaryFigures {
  range: PeriodRange;
  deals: number;
  funnel: FunnelFigure[];
  averageWon: number | null;
  leaks: LeakFigure[];
  cycle: { mean: number | null; median: number | null; p90: number | null; count: number };
  stalled: { count: number; idlest: StalledDeal[]; days: number };
  leads: { sla: number; counted: boolean; medianResponse: number | null; breachRate: number | null; breaches: number; unanswered: number; rerouted: number } | null;
  managers: ManagerFigure[];
  team: { winRate: number | null };
  repeat: { rate: number | null; revenueShare: number | null; clients: number } | null;
  notes: SkipNote[];
  hasActivities: boolean;
}

export interface SummaryInput {
  deals: DealsTable;
  activities: ActivitiesTable | null;
  leads: LeadsTable | null;
  /** Wall times of leads re-routed by the lead watch (from its log), if any. */
  reroutedAt: number[];
  funnel: Funnel;
  settings: Settings;
  range: PeriodRange;
  now: number;
  notes: SkipNote[];
}

