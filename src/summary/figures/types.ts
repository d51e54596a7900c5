// The figures of the KPI summary: what the sheet model shows, and what building them takes in.
import type { TargetStatus } from '../../metrics/funnel';
import type { WeakLinkCell } from '../../metrics/outcome';
import type { Span } from '../../metrics/calendar';
import type { Cohort } from '../../metrics/cohorts';
import type { Interval } from '../../metrics/stats';
import type { Settings } from '../../settings/schema';
import type { Funnel } from '../../tracker/stages';
import type { ActivitiesTable, DealsTable, LeadsTable, SkipNote } from '../../tracker/table';
import type { PeriodRange } from '../period';
import type { ForecastFigures } from './forecast';

export type { TargetStatus };

export interface FunnelFigure {
  stage: string;
  reached: number;
  /** Into this stage from the previous one: reached here ÷ reached there. */
  step: number | null;
  total: number | null;
  /** Deals still open at this stage / lost at this stage. */
  open: number;
  /** null when lost deals carry no stage (the count here is unknown, never 0). */
  lost: number | null;
  /** Into this stage, open deals set aside: advanced ÷ (advanced + lost at the previous stage). */
  decided: number | null;
  target: number | null;
  /** Judged on the decided conversion. */
  status: TargetStatus;
}

export interface LeakFigure {
  from: string;
  to: string;
  lost: number;
  lostValue: number;
  open: number;
  gainAt5pp: number;
  growthPoint: boolean;
  /** False when lost deals carry no stage: what this step loses is unknown. */
  measurable: boolean;
}

export interface WeakLinksFigure {
  /** "Meeting → Proposal" per step. */
  steps: string[];
  team: (number | null)[];
  managers: { name: string; cells: WeakLinkCell[]; weakest: { step: string; conversion: number; team: number; cost: number } | null }[];
}

export interface StalledDeal {
  id: string;
  client: string;
  manager: string;
  stage: string;
  daysIdle: number;
  /** Absent where the figures come from an engine that does not price them (src/sql). */
  amount?: number;
}

/** Time in stage (docs/summary.md): per stage, and per manager × stage against the team. */
export interface TimeInStageFigure {
  stages: {
    stage: string;
    measured: number;
    median: number | null;
    p90: number | null;
    openNow: number;
    openMedian: number | null;
    openLongest: number | null;
  }[];
  managers: { name: string; cells: { median: number | null; deals: number; flag: 'slower' | 'faster' | null }[] }[];
}

/** One headline figure: this period, the previous one of the same length, and the last eight buckets. */
export interface Trend {
  current: number | null;
  previous: number | null;
  spark: (number | null)[];
}

export type HeadlineKey =
  | 'wonRevenue'
  | 'wonDeals'
  | 'winRate'
  | 'averageWon'
  | 'pipelineDeals'
  | 'pipelineValue'
  | 'meanCycle'
  | 'medianResponse'
  | 'breachRate'
  | 'effectiveTouches';

export interface ManagerFigure {
  name: string;
  deals: number;
  won: number;
  closed: number;
  winRate: number | null;
  interval: Interval | null;
  flag: 'above' | 'below' | null;
  wonRevenue: number;
  revenuePlan: number | null;
  revenuePlanFact: number | null;
  dealsPlan: number | null;
  dealsPlanFact: number | null;
  meanCycle: number | null;
  /** null without an activities source (0 would claim nobody worked). */
  effectiveTouches: number | null;
  touchPlan: number | null;
  touchPlanFact: number | null;
  discipline: number | null;
  medianResponse: number | null;
  /** null without a leads source. */
  slaBreaches: number | null;
}

export interface SummaryFigures {
  range: PeriodRange;
  previous: Span | null;
  sparkUnit: 'week' | 'month';
  headline: Record<HeadlineKey, Trend>;
  /** The forecast of the running period; absent when not computed (the SQL engine). */
  forecast?: ForecastFigures;
  deals: number;
  funnel: FunnelFigure[];
  /** Lost deals created in the period with nothing that says where they were lost. */
  lostUnknown: number;
  /** A lost-at-stage column, stage dates or a stage history are mapped. */
  placesLost: boolean;
  /** The steps' lost counts are known (lost deals without a stage are under 5% of the lost). */
  measurable: boolean;
  /** Lost deals of the period, placed or not. */
  lostTotal: number;
  /** The funnel, when it is still the order detection guessed from counts. */
  funnelGuessed: string[] | null;
  /** null without a stage history or stage dates. */
  timeInStage: TimeInStageFigure | null;
  averageWon: number | null;
  leaks: LeakFigure[];
  weakLinks: WeakLinksFigure;
  cycle: { mean: number | null; median: number | null; p90: number | null; count: number };
  /** The idlest ten, and the ten worth most (the calls to make first), with the value of them all. */
  stalled: {
    count: number;
    idlest: StalledDeal[];
    days: number;
    byStage: { stage: string; days: number }[];
    value?: number;
    mostValuable?: StalledDeal[];
  };
  leads: {
    sla: number;
    counted: boolean;
    medianResponse: number | null;
    breachRate: number | null;
    breaches: number;
    unanswered: number;
    rerouted: number;
    escalated: number;
  } | null;
  managers: ManagerFigure[];
  team: Omit<ManagerFigure, 'name' | 'interval' | 'flag'>;
  /** Which managers' columns have data behind them. */
  columns: { amount: boolean; activities: boolean; leads: boolean; revenuePlans: boolean; dealPlans: boolean; touchPlans: boolean };
  repeat: { rate: number | null; revenueShare: number | null; clients: number } | null;
  /** Lost deals of the period by reason; null without a lost-reason column; left out by an engine that does not compute it (SQL). */
  lossReasons?: LossReasonsFigure | null;
  /** Decided conversion lead → won by creation month (week); null when no deal has a created date; left out as lossReasons. */
  cohorts?: { unit: 'week' | 'month'; cycleDays: number | null; cohorts: Cohort[] } | null;
  notes: SkipNote[];
}

export interface LossReasonsFigure {
  lost: number;
  /** The stages some deal was lost at, in funnel order: the columns of atStage. */
  stages: string[];
  /** Some deal was lost at no known stage. */
  unknownStage: boolean;
  reasons: { reason: string; lost: number; atStage: number[]; unknownStage: number; byManager: Record<string, number> }[];
}

export interface SummaryInput {
  deals: DealsTable;
  activities: ActivitiesTable | null;
  leads: LeadsTable | null;
  /** Wall times of leads re-routed and escalated by the lead watch (from its log). */
  reroutedAt: number[];
  escalatedAt?: number[];
  funnel: Funnel;
  settings: Settings;
  range: PeriodRange;
  now: number;
  notes: SkipNote[];
  /** The spreadsheet locale's first weekday (0 = Sunday); Monday when not given. */
  firstDay?: number;
}
