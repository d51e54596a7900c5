// The KPI summary as a pure description of a sheet: cells, formats, styles, merges, charts.
import { fill, fillCount, languageOf, type Language } from '../i18n/language';
import { summaryText, type SummaryText } from '../i18n/summary';
import { formatWallTime } from '../tracker/dates';
import type { SkipNote } from '../tracker/table';
import type { HeadlineKey, ManagerFigure, SummaryFigures, TargetStatus, Trend } from './figures';
import { chooseCurrency, moneyFormat, moneyText } from './currency';
import { changeOf } from '../metrics/money';
import { wilsonInterval } from '../metrics/stats';
import { weeklyText } from '../i18n/weekly';
import type { Action, PipelineChange } from '../weekly/review';
import type { KpiRow } from '../weekly/record';
import { weekLabel } from '../weekly/weeks';

export interface ModelCell {
  /** null is a blank cell; { wall } a date-time. */
  value: string | number | null | { wall: number };
  /** Text taken from the user's data: written so that Sheets keeps it as text, never a formula. */
  fromData?: boolean;
  format?: string;
  bold?: boolean;
  background?: string;
  color?: string;
  size?: number;
}

export interface Block {
  row: number;
  column: number;
  rows: number;
  columns: number;
}

export interface ChartModel {
  type: 'BAR' | 'COLUMN';
  title: string;
  /** The label column and the value column, each with its header row. */
  ranges: Block[];
  anchor: { row: number; column: number };
}

export interface SheetModel {
  name: string;
  width: number;
  rows: ModelCell[][];
  merges: Block[];
  charts: ChartModel[];
  columnWidths: number[];
  frozenRows: number;
}

export const COLOURS = {
  on_track: '#d9ead3',
  at_risk: '#fff2cc',
  off_track: '#f4cccc',
  section: '#e8eaf6',
  header: '#f3f3f3',
  growth: '#fce8b2',
  above: '#137333',
  below: '#a50e0e',
  thin: '#9aa0a6',
  note: '#5f6368',
} as const;


const PCT = '0.0%';
const DASH = '—';
const DAYS = '0.0';
const INT = '#,##0';

class ModelBuilder {
  readonly rows: ModelCell[][] = [];
  readonly merges: Block[] = [];
  readonly charts: ChartModel[] = [];

  constructor(readonly width: number) {}

  get next(): number {
    return this.rows.length + 1;
  }

  line(cells: ModelCell[]): number {
    const row = cells.slice(0, this.width);
    while (row.length < this.width) row.push({ value: null });
    this.rows.push(row);
    return this.rows.length;
  }

  blank(): void {
    this.line([]);
  }

  section(title: string): void {
    this.blank();
    const row = this.line(Array.from({ length: this.width }, (_, i) => (i === 0 ? { value: title, bold: true, size: 12, background: COLOURS.section } : { value: null, background: COLOURS.section })));
    this.merges.push({ row, column: 1, rows: 1, columns: this.width });
  }

  header(labels: readonly string[]): number {
    return this.line(labels.map((value) => ({ value, bold: true, background: COLOURS.header })));
  }

  /** A sentence across the whole row. */
  note(text: string, fromData = false): void {
    const row = this.line([{ value: text, color: COLOURS.note, fromData }]);
    this.merges.push({ row, column: 1, rows: 1, columns: this.width });
  }
}

const num = (value: number | null, format: string): ModelCell => ({ value, format });
const data = (value: string): ModelCell => ({ value: value === '' ? null : value, fromData: true });
const statusCell = (t: SummaryText, status: TargetStatus): ModelCell =>
  status ? { value: t.status[status], background: COLOURS[status], bold: true } : { value: null };

const day = (wall: number) => formatWallTime(wall).slice(0, 10);
const spanText = (from: number, to: number) => `${day(from)} – ${day(to - 1)}`;

function periodLabel(t: SummaryText, figures: SummaryFigures): string {
  const { range } = figures;
  const name = t.periods[range.period];
  if (!Number.isFinite(range.from)) return name;
  return `${name} (${spanText(range.from, range.to)})`;
}

export interface ModelInput {
  figures: SummaryFigures;
  language: Language;
  /** The spreadsheet's locale: number grouping, and the currency when the data and settings name none. */
  locale: string;
  /** The currency set in the settings ('' follows the data, then the locale). */
  currency?: string;
  /** The currency the data shows: the amount column's number format, else its currency column or a sign in text amounts. */
  dataCurrency?: { format: string; text: string };
  now: number;
  sources: { kind: 'deals' | 'activities' | 'leads' | 'history'; sheet: string | null; rows: number }[];
  /** The name the sheet gets (a user's own sheet may already hold the usual name). */
  sheetName?: string;
  /** The weekly review (This week, Trends, Pipeline change); none for a summary built without one. */
  weekly?: WeeklyReview;
}

export interface WeeklyReview {
  actions: Action[];
  /** The trends' weeks, oldest first, and their history rows. */
  weeks: number[];
  history: KpiRow[];
  change: PipelineChange;
}

interface Ctx {
  t: SummaryText;
  f: SummaryFigures;
  language: Language;
  locale: string;
  money: string;
  sign: string;
}

function headerSection(b: ModelBuilder, c: Ctx, input: ModelInput): void {
  const { t } = c;
  const row = b.line([{ value: t.title, bold: true, size: 16 }]);
  b.merges.push({ row, column: 1, rows: 1, columns: b.width });
  const sources = input.sources
    .map((s) => `${t.kinds[s.kind]}: ${s.sheet ? fillCount(c.language, t.sourceRows, { sheet: s.sheet, rows: countText(s.rows, c.locale), n: s.rows }) : t.noSource}`)
    .join(' · ');
  const header: [string, ModelCell][] = [[t.period, { value: periodLabel(t, c.f) }]];
  if (c.f.previous) header.push([t.compared, { value: spanText(c.f.previous.from, c.f.previous.to) }]);
  header.push([t.sources, { value: sources, fromData: true }], [t.updated, { value: { wall: input.now }, format: 'yyyy-mm-dd hh:mm' }]);
  for (const [label, cell] of header) {
    // The value spans the row, so a long list of sources does not widen the tables' columns.
    const r = b.line([{ value: label, bold: true }, cell]);
    b.merges.push({ row: r, column: 2, rows: 1, columns: b.width - 1 });
  }
}

const SPARK = '▁▂▃▄▅▆▇█';

/** A sparkline as text (a formula's array separators depend on the locale; text does not). */
export function sparkText(values: readonly (number | null)[]): string {
  const known = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (!known.length) return '';
  const low = Math.min(...known);
  const high = Math.max(...known);
  // A flat line sits low when it is all zeros, mid-height otherwise.
  const flat = high === 0 ? 0 : 3;
  return values.map((v) => (v === null || !Number.isFinite(v) ? '·' : SPARK[high === low ? flat : Math.round(((v - low) / (high - low)) * 7)])).join('');
}

/** Lower is better for these: a shorter cycle, a faster answer, fewer breaches. */
const LOWER_IS_BETTER: ReadonlySet<HeadlineKey> = new Set(['meanCycle', 'medianResponse', 'breachRate']);
const RATES: ReadonlySet<HeadlineKey> = new Set(['winRate', 'breachRate']);

function changeCell(key: HeadlineKey, trend: Trend, language: Language): ModelCell {
  const change = changeOf(trend.current, trend.previous, !LOWER_IS_BETTER.has(key));
  if (!change) return { value: null };
  const pp = language === 'ru' ? 'п.п.' : 'pp';
  const previous = trend.previous!;
  let value: number;
  let format: string;
  if (RATES.has(key)) {
    value = change.delta * 100;
    format = `"▲ "0.0" ${pp}";"▼ "0.0" ${pp}";"="`;
  } else {
    if (previous === 0) return { value: change.delta === 0 ? 0 : null, format: '"="' };
    value = change.delta / Math.abs(previous);
    format = '"▲ "0.0%;"▼ "0.0%;"="';
  }
  if (change.better === null) return { value: 0, format };
  return { value, format, color: change.better ? COLOURS.above : COLOURS.below, bold: true };
}

const HEADLINE_FORMATS = (money: string): Record<HeadlineKey, string> => ({
  wonRevenue: money, wonDeals: INT, winRate: PCT, averageWon: money, pipelineDeals: INT, pipelineValue: money,
  meanCycle: DAYS, medianResponse: DAYS, breachRate: PCT, effectiveTouches: INT,
});

function headlineSection(b: ModelBuilder, c: Ctx): void {
  const { t, f } = c;
  b.section(t.headline);
  if (!f.previous) b.note(t.noComparison);
  b.header(t.headlineHeader.map((label) => fill(label, { unit: t.units[f.sparkUnit] })));
  const formats = HEADLINE_FORMATS(c.money);
  const shown = (key: HeadlineKey) =>
    !(['wonRevenue', 'averageWon', 'pipelineValue'].includes(key) && !f.columns.amount) &&
    !(['medianResponse', 'breachRate'].includes(key) && !f.columns.leads) &&
    !(key === 'effectiveTouches' && !f.columns.activities);
  for (const key of Object.keys(formats) as HeadlineKey[]) {
    if (!shown(key)) continue;
    const trend = f.headline[key];
    b.line([
      { value: t.figures[key], bold: true },
      { ...num(trend.current, formats[key]), bold: true },
      num(f.previous ? trend.previous : null, formats[key]),
      f.previous ? changeCell(key, trend, c.language) : { value: null },
      { value: sparkText(trend.spark) || null },
    ]);
  }
}

function forecastSection(b: ModelBuilder, c: Ctx): void {
  const { t, f } = c;
  const fc = f.forecast;
  if (!fc) return;
  b.section(t.forecast);
  const value = fc.count ? INT : c.money;
  b.note(fill(t.forecastExplain, { period: t.periods[fc.period], end: day(fc.to - 1), day: day(fc.asOf) }));
  if (fc.period !== f.range.period) b.note(fill(t.forecastOtherPeriod, { period: t.forecastFor[fc.period] ?? t.periods[fc.period] }));
  if (fc.count) b.note(t.forecastCount);
  const width = fc.plans ? t.forecastHeader.length : 7;
  b.header(t.forecastHeader.slice(0, width));
  const line = (name: ModelCell, l: NonNullable<SummaryFigures['forecast']>['team'], bold = false) =>
    b.line([
      name,
      { ...num(l.point, value), bold: true },
      num(l.low, value),
      num(l.high, value),
      num(l.wonSoFar, value),
      num(l.fromOpen, value),
      num(l.fromNew, value),
      ...(fc.plans ? [num(l.plan, value), { ...num(l.gap, value), color: l.gap === null ? undefined : l.gap >= 0 ? COLOURS.above : COLOURS.below }, num(l.coverage, '0.0"×"')] : []),
    ].map((cell) => (bold ? { ...cell, bold: true } : cell)));
  line({ value: t.team }, fc.team, true);
  for (const m of fc.managers) line(data(m.name), m);
  if (fc.plans) b.note(t.forecastCoverage);
  if (fc.plans && fc.plannedManagers < fc.managers.length) b.note(fillCount(c.language, t.forecastPartialPlan, { count: fc.plannedManagers, n: fc.plannedManagers }));
  if (fc.stages.length) {
    b.header(t.forecastStagesHeader);
    for (const s of fc.stages) {
      const interval = s.low === null || s.high === null ? null : `${pctText(s.low)}–${pctText(s.high)}${s.thin ? ' (95%)' : ''}`;
      b.line([data(s.stage), num(s.open, INT), num(s.expected, value), num(s.decided, INT), num(s.rate, PCT), { value: interval, color: s.thin ? COLOURS.below : undefined }]);
    }
  }
  for (const s of fc.stages) if (s.thin && s.open > 0) b.note(fillCount(c.language, t.forecastThin, { stage: s.stage, count: s.decided, n: s.decided }));
  if (fc.undated) b.note(fillCount(c.language, t.forecastUndated, { count: countText(fc.undated, c.locale), n: fc.undated }));
  if (fc.timing === 'cycle') b.note(t.forecastByCycle);
  const error = pctText(fc.error);
  b.note(fc.checked ? fillCount(c.language, t.forecastChecked, { count: fc.checked, n: fc.checked, error }) : fill(t.forecastUnchecked, { error }));
}

function funnelSection(b: ModelBuilder, c: Ctx): void {
  const { t, f } = c;
  b.section(t.funnel);
  if (f.deals === 0) b.note(t.noDeals);
  b.note(t.funnelExplain);
  const header = b.header(t.funnelHeader);
  // Unknown, never 0 lost and 100 %: lost deals carry no stage.
  const unknown = (i: number): ModelCell => ({ value: i === 0 ? null : DASH, color: COLOURS.thin });
  f.funnel.forEach((s, i) => {
    const lost = s.lost === null ? unknown(1) : num(s.lost, INT);
    const decided = !f.measurable ? unknown(i) : { ...num(s.decided, PCT), bold: true };
    b.line([data(s.stage), num(s.reached, INT), num(s.step, PCT), num(s.total, PCT), num(s.open, INT), lost, decided, num(s.target, PCT), statusCell(t, s.status)]);
  });
  if (!f.measurable) b.note(unmeasurableText(c));
  else if (f.lostUnknown) {
    b.note(fillCount(c.language, t.lostUnknownLine, { count: countText(f.lostUnknown, c.locale), n: f.lostUnknown }));
    if (!f.placesLost) b.note(t.lostUnknownHow);
  }
  b.charts.push({ type: 'BAR', title: t.funnelChart, ranges: [{ row: header, column: 1, rows: f.funnel.length + 1, columns: 2 }], anchor: { row: header, column: b.width + 2 } });
}

function leaksSection(b: ModelBuilder, c: Ctx): void {
  const { t, f, money } = c;
  b.section(t.leaks);
  if (f.averageWon === null) b.note(t.noAmounts);
  b.header(t.leaksHeader);
  const priced = f.averageWon !== null;
  if (!f.measurable) b.note(unmeasurableText(c));
  for (const leak of f.leaks) {
    const bg = leak.growthPoint ? COLOURS.growth : undefined;
    if (!leak.measurable) {
      b.line([{ value: `${leak.from} → ${leak.to}`, fromData: true }, { value: t.notMeasurable, color: COLOURS.thin }, { value: DASH, color: COLOURS.thin }, num(leak.open, INT), { value: DASH, color: COLOURS.thin }]);
      continue;
    }
    b.line([
      { value: `${leak.from} → ${leak.to}`, fromData: true, background: bg },
      { value: leak.lost, format: INT, background: bg },
      { value: priced ? leak.lostValue : null, format: money, background: bg },
      { value: leak.open, format: INT, background: bg },
      { value: priced ? leak.gainAt5pp : null, format: money, background: bg, bold: leak.growthPoint },
      { value: leak.growthPoint ? t.growthPoint : null, bold: true, background: bg },
    ]);
  }
  b.line([{ value: t.averageWon, bold: true }, num(f.averageWon, money)]);
}

const pctText = (x: number) => `${Math.round(x * 100)}%`;

function weakLinksSection(b: ModelBuilder, c: Ctx): void {
  const { t, f } = c;
  const w = f.weakLinks;
  b.section(t.weakLinks);
  if (!w.managers.length) {
    b.note(t.noWeakLinks);
    return;
  }
  b.note(t.weakExplain);
  if (!f.measurable) b.note(unmeasurableText(c));
  const none: ModelCell = f.measurable ? { value: null } : { value: DASH, color: COLOURS.thin };
  b.header([t.weakHeaderManager, ...w.steps, t.weakHeaderWeakest]);
  b.line([{ value: t.team, bold: true }, ...w.team.map((r) => (r === null ? none : { ...num(r, PCT), bold: true }))]);
  for (const m of w.managers) {
    const cells: ModelCell[] = m.cells.map((cell) => {
      if (cell.conversion === null) return none;
      if (cell.thin) return { value: cell.conversion, format: PCT, color: COLOURS.thin };
      if (cell.flag) return { value: cell.conversion, format: PCT, background: cell.flag === 'above' ? COLOURS.on_track : COLOURS.off_track, bold: true };
      return num(cell.conversion, PCT);
    });
    const weakest = m.weakest
      ? fill(f.averageWon === null ? t.weakestNoMoney : t.weakest, { step: m.weakest.step, rate: pctText(m.weakest.conversion), team: pctText(m.weakest.team), money: moneyText(m.weakest.cost, c.sign, c.locale) })
      : '';
    b.line([data(m.name), ...cells, data(weakest)]);
  }
}

function cycleSection(b: ModelBuilder, c: Ctx): void {
  const { t, f } = c;
  b.section(t.cycle);
  b.header(t.cycleHeader);
  b.line([num(f.cycle.mean, DAYS), num(f.cycle.median, DAYS), num(f.cycle.p90, DAYS), num(f.cycle.count, INT)]);
  timeInStageSection(b, c);
  b.section(fill(t.stalled, { days: f.stalled.days }));
  if (f.stalled.byStage.length) b.note(fill(t.stalledByStage, { list: f.stalled.byStage.map((s) => `${s.stage} ${s.days}`).join(', ') }), true);
  b.line([{ value: t.stalledCount, bold: true }, num(f.stalled.count, INT)]);
  if (f.stalled.idlest.length) {
    b.header(t.stalledHeader);
    for (const d of f.stalled.idlest) b.line([data(d.id), data(d.client), data(d.manager), data(d.stage), num(d.daysIdle, INT)]);
  }
}

/** What makes the steps unmeasurable, and how to fix it. */
function unmeasurableText(c: Ctx): string {
  return fill(c.t.unmeasurable, { count: countText(c.f.lostUnknown, c.locale), lost: countText(c.f.lostTotal, c.locale) });
}

const SLOWER = '▲';
const FASTER = '▼';

function timeInStageSection(b: ModelBuilder, c: Ctx): void {
  const { t, f } = c;
  b.section(t.timeInStage);
  const time = f.timeInStage;
  if (!time) {
    b.note(t.noTimeInStage);
    return;
  }
  b.note(t.timeExplain);
  b.header(t.timeHeader);
  for (const s of time.stages) {
    b.line([data(s.stage), num(s.measured, INT), num(s.median, DAYS), num(s.p90, DAYS), num(s.openNow, INT), num(s.openMedian, DAYS), num(s.openLongest, DAYS)]);
  }
  if (!time.managers.length) return;
  b.note(t.timeManagers);
  b.header([t.weakHeaderManager, ...time.stages.map((s) => s.stage)]);
  b.line([{ value: t.team, bold: true }, ...time.stages.map((s) => ({ ...num(s.median, DAYS), bold: true }))]);
  for (const m of time.managers) {
    const cells = m.cells.map((cell): ModelCell => {
      if (cell.median === null) return { value: null };
      if (cell.deals < 5) return { value: cell.median, format: DAYS, color: COLOURS.thin };
      if (!cell.flag) return num(cell.median, DAYS);
      const slower = cell.flag === 'slower';
      return { value: cell.median, format: `"${slower ? SLOWER : FASTER} "0.0`, bold: true, background: slower ? COLOURS.off_track : COLOURS.on_track };
    });
    b.line([data(m.name), ...cells]);
  }
}

function leadsSection(b: ModelBuilder, c: Ctx): void {
  const { t, f } = c;
  b.section(t.leads);
  if (!f.leads) {
    b.note(t.noLeads);
    return;
  }
  b.header(t.leadsHeader.map((label) => fill(label, { sla: f.leads!.sla })));
  b.line([num(f.leads.medianResponse, DAYS), num(f.leads.breachRate, PCT), num(f.leads.unanswered, INT), num(f.leads.rerouted, INT), num(f.leads.escalated, INT)]);
}

function intervalText(m: ManagerFigure): string | null {
  if (!m.interval) return null;
  return `${(m.interval.low * 100).toFixed(0)}–${(m.interval.high * 100).toFixed(0)}%`;
}

type ManagerColumn = keyof SummaryText['managersColumns'];

/** The managers table's columns: a column whose source is not mapped, or a plan nobody has, is left out. */
export function managerColumns(f: SummaryFigures): ManagerColumn[] {
  const cols = f.columns;
  const list: (ManagerColumn | false)[] = [
    'name', 'deals', 'won', 'winRate', 'interval', 'flag',
    cols.amount && 'wonRevenue', cols.amount && cols.revenuePlans && 'revenuePlan', cols.amount && cols.revenuePlans && 'revenuePlanFact',
    cols.dealPlans && 'dealsPlan', cols.dealPlans && 'dealsPlanFact',
    'meanCycle',
    cols.activities && 'effectiveTouches', cols.activities && cols.touchPlans && 'touchPlan', cols.activities && cols.touchPlans && 'touchPlanFact', cols.activities && cols.touchPlans && 'discipline',
    cols.leads && 'medianResponse', cols.leads && 'slaBreaches',
  ];
  return list.filter((x): x is ManagerColumn => x !== false);
}

/** What a head of sales reads at a glance; the rest is in the details block lower down. */
const GLANCE: ReadonlySet<ManagerColumn> = new Set(['name', 'deals', 'won', 'winRate', 'flag', 'wonRevenue', 'revenuePlanFact', 'dealsPlanFact', 'touchPlanFact', 'slaBreaches']);

function managersSection(b: ModelBuilder, c: Ctx, details = false): void {
  const { t, f, money } = c;
  b.section(details ? weeklyText[c.language].details : t.managers);
  if (!f.columns.activities) b.note(t.noActivities);
  if (f.columns.revenuePlans || f.columns.dealPlans || f.columns.touchPlans) b.note(t.plansExplain);
  const all = managerColumns(f);
  const columns = details ? all : all.filter((k) => GLANCE.has(k));
  const header = b.header(columns.map((k) => t.managersColumns[k]));
  const formats: Partial<Record<ManagerColumn, string>> = {
    deals: INT, won: INT, winRate: PCT, wonRevenue: money, revenuePlan: money, revenuePlanFact: PCT, dealsPlan: '#,##0.0', dealsPlanFact: PCT,
    meanCycle: DAYS, effectiveTouches: INT, touchPlan: INT, touchPlanFact: PCT, discipline: PCT, medianResponse: DAYS, slaBreaches: INT,
  };
  const cellOf = (m: Omit<ManagerFigure, 'name' | 'interval' | 'flag'> & Partial<ManagerFigure>, k: ManagerColumn, bold = false): ModelCell => {
    if (k === 'name') return m.name !== undefined ? data(m.name) : { value: t.team, bold: true };
    if (k === 'interval') return { value: m.interval ? intervalText(m as ManagerFigure) : null };
    if (k === 'flag') return m.flag ? { value: m.flag === 'above' ? t.above : t.below, color: m.flag === 'above' ? COLOURS.above : COLOURS.below, bold: true } : { value: null };
    return { value: m[k] as number | null, format: formats[k], bold };
  };
  for (const m of f.managers) b.line(columns.map((k) => cellOf(m, k)));
  b.line(columns.map((k) => cellOf(f.team, k, true)));
  if (f.managers.length && !details) {
    const chartKey = f.columns.amount ? 'wonRevenue' : f.columns.activities ? 'effectiveTouches' : 'deals';
    const rows = f.managers.length + 1;
    b.charts.push({
      type: 'COLUMN',
      title: t.managersChart[chartKey],
      ranges: [{ row: header, column: 1, rows, columns: 1 }, { row: header, column: columns.indexOf(chartKey) + 1, rows, columns: 1 }],
      anchor: { row: header, column: b.width + 2 },
    });
  }
}

function repeatSection(b: ModelBuilder, c: Ctx): void {
  const { t, f } = c;
  b.section(t.repeat);
  if (!f.repeat) {
    b.note(t.noRepeat);
    return;
  }
  b.header(t.repeatHeader);
  b.line([num(f.repeat.rate, PCT), num(f.repeat.revenueShare, PCT), num(f.repeat.clients, INT)]);
}

/** The top reasons get a column in the managers' table of losses; the rest are summed. */
const TOP_REASONS = 5;

/** Lost deals by reason × stage, then by manager × the top reasons. */
function lossReasonsSection(b: ModelBuilder, c: Ctx): void {
  const { t, f } = c;
  const loss = f.lossReasons;
  if (loss === undefined) return;
  b.section(t.lossReasons);
  if (!loss) return b.note(t.noLossReasons);
  if (!loss.lost) return b.note(t.noLost);
  b.note(t.lossExplain);
  const reasonCell = (reason: string): ModelCell => (reason === '' ? { value: t.blankReason, color: COLOURS.note } : data(reason));
  b.header([...t.lossHeader, ...loss.stages, ...(loss.unknownStage ? [t.lossStageUnknown] : [])]);
  for (const r of loss.reasons) {
    b.line([reasonCell(r.reason), num(r.lost, INT), num(r.lost / loss.lost, PCT), ...r.atStage.map((n) => num(n || null, INT)), ...(loss.unknownStage ? [num(r.unknownStage || null, INT)] : [])]);
  }
  const top = loss.reasons.slice(0, TOP_REASONS);
  const managers = new Map<string, number>();
  for (const r of loss.reasons) for (const [name, n] of Object.entries(r.byManager)) managers.set(name, (managers.get(name) ?? 0) + n);
  if (!managers.size) return;
  const rest = loss.reasons.length > top.length;
  b.blank();
  b.header([...t.lossManagersHeader, ...top.map((r) => r.reason || t.blankReason), ...(rest ? [t.lossOtherReasons] : [])]);
  for (const [name, lost] of [...managers].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))) {
    const counts = top.map((r) => r.byManager[name] ?? 0);
    const other = lost - counts.reduce((a, n) => a + n, 0);
    b.line([data(name), num(lost, INT), ...counts.map((n) => num(n || null, INT)), ...(rest ? [num(other || null, INT)] : [])]);
  }
}

/** Decided conversion of each creation month (week), young cohorts marked. */
function cohortsSection(b: ModelBuilder, c: Ctx): void {
  const { t, f } = c;
  const co = f.cohorts;
  if (co === undefined) return;
  const unit = t.cohortUnits[co?.unit ?? 'month'];
  b.section(fill(t.cohorts, { unit }));
  if (!co) return b.note(t.noCohorts);
  b.note(fill(co.cycleDays === null ? t.cohortsExplainNoCycle : t.cohortsExplain, { unit, days: co.cycleDays ?? '' }));
  b.header(t.cohortsHeader);
  for (const k of co.cohorts) {
    const label = co.unit === 'month' ? day(k.from).slice(0, 7) : spanText(k.from, k.to);
    const faint = k.young ? { color: COLOURS.thin } : {};
    b.line([{ value: label }, num(k.deals, INT), num(k.won, INT), num(k.lost, INT), num(k.open, INT), { ...num(k.conversion, PCT), ...faint, bold: !k.young }, k.young ? { value: t.young, color: COLOURS.thin } : { value: null }]);
  }
}

/** A count in words, grouped as the locale writes numbers ("8,800", "8 800"). */
export function countText(n: number, locale: string): string {
  return new Intl.NumberFormat(locale.replace('_', '-')).format(n);
}

/** One data note: what was left out and why, then the first few rows and values concerned. */
export function noteText(t: SummaryText, note: SkipNote, locale = 'en_US', language: Language = languageOf(locale)): string {
  const share = note.of ? `${Math.round((note.rows / note.of) * 100)}%` : '';
  const head = `${t.kinds[note.source]}: ${fillCount(language, t.reasons[note.reason], { rows: countText(note.rows, locale), n: note.rows, column: note.column ?? '', of: countText(note.of ?? 0, locale), share })}`;
  const examples = (note.examples ?? []).map((e) => {
    const value = e.value === null ? '' : `"${e.value}"`;
    return e.row > 0 ? [fill(t.row, { row: e.row }), value].filter(Boolean).join(' ') : value;
  });
  if (!examples.length) return head;
  return `${head} — ${examples.join(', ')}${note.rows > examples.length ? ', …' : ''}`;
}

function notesSection(b: ModelBuilder, c: Ctx): void {
  const { t, f } = c;
  b.section(t.notes);
  if (!f.notes.length && !f.funnelGuessed && f.measurable) b.note(t.noNotes);
  if (f.funnelGuessed) b.note(fill(t.funnelGuessed, { stages: f.funnelGuessed.join(' → ') }), true);
  if (!f.measurable) b.note(unmeasurableText(c));
  for (const note of f.notes) b.note(noteText(t, note, c.locale, c.language), true);
}

/** A sentence in the first column, its number and money in the last two: the empty cells between let the sentence run on (no merge, no call). */
function actionLine(b: ModelBuilder, cells: [ModelCell, ModelCell, ModelCell]): void {
  b.line([cells[0], ...Array.from({ length: b.width - 3 }, () => ({ value: null })), cells[1], cells[2]]);
}

function thisWeekSection(b: ModelBuilder, c: Ctx, weekly: WeeklyReview): void {
  const w = weeklyText[c.language];
  b.section(w.thisWeek);
  if (!weekly.actions.length) {
    b.note(w.nothingThisWeek);
    return;
  }
  const [action, number, money] = w.thisWeekHeader;
  const head = { bold: true, background: COLOURS.header };
  actionLine(b, [{ value: action, ...head }, { value: number, ...head }, { value: money, ...head }]);
  weekly.actions.forEach((a, i) => actionLine(b, [{ value: `${i + 1}. ${a.text}`, fromData: true }, { value: a.number }, num(a.money, c.money)]));
}

/** 12 weeks of each headline KPI, then per step the team's decided conversion and each manager's, coloured outside the team's 95% band. */
function trendsSection(b: ModelBuilder, c: Ctx, weekly: WeeklyReview): void {
  const w = weeklyText[c.language];
  const { t } = c;
  b.section(w.trends);
  b.note(w.trendsNote);
  b.header(['', ...weekly.weeks.map((week) => weekLabel(week).slice(5))]);
  const find = (week: number, manager: string, step: string, kpi: string) => weekly.history.find((r) => r.week === week && r.manager === manager && r.step === step && r.kpi === kpi) ?? null;
  const formats = HEADLINE_FORMATS(c.money);
  for (const key of Object.keys(formats) as HeadlineKey[]) {
    const values = weekly.weeks.map((week) => find(week, '', '', key)?.value ?? null);
    if (values.every((v) => v === null)) continue;
    b.line([{ value: t.figures[key], bold: true }, ...values.map((v) => num(v, formats[key]))]);
  }
  const managers = [...new Set(weekly.history.filter((r) => r.manager && r.kpi === 'decided').map((r) => r.manager))].sort();
  for (const step of c.f.weakLinks.steps) {
    const team = weekly.weeks.map((week) => find(week, '', step, 'decided'));
    if (team.every((r) => r === null)) continue;
    b.line([{ value: `${w.trendsTeam} · ${step}`, bold: true }, ...team.map((r) => ({ ...num(r?.value ?? null, PCT), bold: true }))]);
    for (const manager of managers) {
      const cells = weekly.weeks.map((week, i) => {
        const r = find(week, manager, step, 'decided');
        const band = team[i]?.denominator ? wilsonInterval(team[i]!.numerator ?? 0, team[i]!.denominator!) : null;
        const colour = r && band && (r.denominator ?? 0) >= 5 ? (r.value < band.low ? COLOURS.below : r.value > band.high ? COLOURS.above : undefined) : undefined;
        return { ...num(r?.value ?? null, PCT), ...(colour ? { color: colour, bold: true } : {}) };
      });
      if (cells.some((cell) => cell.value !== null)) b.line([{ ...data(`${manager} · ${step}`) }, ...cells]);
    }
  }
}

function pipelineChangeSection(b: ModelBuilder, c: Ctx, change: PipelineChange): void {
  const w = weeklyText[c.language];
  b.section(fill(w.pipelineChange, { week: weekLabel(change.week) }));
  b.header(w.pipelineHeader);
  const moves: [string, { count: number; money: number } | null][] = [
    [w.moves.new, change.new], [w.moves.advanced, change.advanced], [w.moves.slipped, change.slipped],
    [w.moves.won, change.won], [w.moves.lost, change.lost], [fill(w.moves.aged, { days: change.agedDays }), change.aged],
  ];
  for (const [label, move] of moves) b.line([{ value: label, bold: true }, num(move?.count ?? null, INT), num(c.f.columns.amount && move ? move.money : null, c.money)]);
  if (!change.advanced) b.note(w.needsLastWeek);
}

export function summaryModel(input: ModelInput): SheetModel {
  const t = summaryText[input.language];
  const f = input.figures;
  const sign = chooseCurrency(input.dataCurrency?.format ?? '', input.dataCurrency?.text ?? '', input.currency ?? '', input.locale);
  const c: Ctx = { t, f, language: input.language, locale: input.locale, money: moneyFormat(sign), sign };
  const loss = f.lossReasons;
  const lossWidth = loss ? Math.max(t.lossHeader.length + loss.stages.length + 1, t.lossManagersHeader.length + TOP_REASONS + 1) : 0;
  const width = Math.max(t.funnelHeader.length, managerColumns(f).length, f.weakLinks.steps.length + 2, lossWidth, input.weekly ? input.weekly.weeks.length + 1 : 0, 10);
  const b = new ModelBuilder(width);
  headerSection(b, c, input);
  if (input.weekly) thisWeekSection(b, c, input.weekly);
  headlineSection(b, c);
  if (input.weekly) {
    trendsSection(b, c, input.weekly);
    pipelineChangeSection(b, c, input.weekly.change);
  }
  forecastSection(b, c);
  funnelSection(b, c);
  leaksSection(b, c);
  weakLinksSection(b, c);
  cycleSection(b, c);
  leadsSection(b, c);
  managersSection(b, c);
  repeatSection(b, c);
  lossReasonsSection(b, c);
  cohortsSection(b, c);
  managersSection(b, c, true);
  notesSection(b, c);
  return {
    name: input.sheetName ?? t.sheetName,
    width,
    rows: b.rows,
    merges: b.merges,
    charts: b.charts,
    columnWidths: Array.from({ length: width }, (_, i) => (i === 0 ? 220 : 110)),
    frozenRows: 1,
  };
}
