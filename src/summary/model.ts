// The KPI summary as a pure description of a sheet: cells, formats, styles, merges, charts.
import { fill, type Language } from '../i18n/language';
import { summaryText, type SummaryText } from '../i18n/summary';
import { formatWallTime } from '../tracker/dates';
import type { SkipNote } from '../tracker/table';
import type { ManagerFigure, SummaryFigures, TargetStatus } from './figures';

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
} as const;

const WIDTH = 13;
const PCT = '0.0%';
const DAYS = '0.0';
const INT = '#,##0';

/** Money in the spreadsheet's currency, as a head of sales reads it. */
const CURRENCY_FORMATS: Record<string, string> = {
  '₽': '#,##0 "₽"', RUB: '#,##0 "₽"', $: '"$"#,##0', USD: '"$"#,##0', '€': '#,##0 "€"', EUR: '#,##0 "€"',
  '£': '"£"#,##0', GBP: '"£"#,##0', '₴': '#,##0 "₴"', UAH: '#,##0 "₴"', '₸': '#,##0 "₸"', KZT: '#,##0 "₸"',
};

/** The money format: the currency set in the settings, else the spreadsheet locale's. */
export function moneyFormat(locale: string, currency = ''): string {
  const chosen = currency.trim();
  if (chosen) return CURRENCY_FORMATS[chosen.toUpperCase()] ?? `#,##0 "${chosen.replace(/"/g, '')}"`;
  if (/^ru/i.test(locale)) return '#,##0 "₽"';
  if (/^(uk|be)/i.test(locale)) return '#,##0 "₴"';
  if (/^kk/i.test(locale)) return '#,##0 "₸"';
  if (/^en[_-]GB/i.test(locale)) return '"£"#,##0';
  if (/^(de|fr|es|it|nl|pt|fi|el|sk|sl|et|lv|lt)/i.test(locale)) return '#,##0 "€"';
  return '"$"#,##0';
}

class ModelBuilder {
  readonly rows: ModelCell[][] = [];
  readonly merges: Block[] = [];
  readonly charts: ChartModel[] = [];

  get next(): number {
    return this.rows.length + 1;
  }

  line(cells: ModelCell[]): number {
    const row = [...cells];
    while (row.length < WIDTH) row.push({ value: null });
    this.rows.push(row.slice(0, WIDTH));
    return this.rows.length;
  }

  blank(): void {
    this.line([]);
  }

  section(title: string): void {
    this.blank();
    const row = this.line([{ value: title, bold: true, size: 12, background: COLOURS.section }, ...Array.from({ length: WIDTH - 1 }, () => ({ value: null, background: COLOURS.section }))]);
    this.merges.push({ row, column: 1, rows: 1, columns: WIDTH });
  }

  header(labels: readonly string[]): number {
    return this.line(labels.map((value) => ({ value, bold: true, background: COLOURS.header })));
  }

  note(text: string): void {
    const row = this.line([{ value: text, color: '#5f6368' }]);
    this.merges.push({ row, column: 1, rows: 1, columns: WIDTH });
  }
}

const num = (value: number | null, format: string): ModelCell => ({ value, format });
const data = (value: string): ModelCell => ({ value: value === '' ? null : value, fromData: true });
const statusCell = (t: SummaryText, status: TargetStatus): ModelCell =>
  status ? { value: t.status[status], background: COLOURS[status], bold: true } : { value: null };

function periodLabel(t: SummaryText, figures: SummaryFigures): string {
  const { range } = figures;
  const name = t.periods[range.period];
  if (!Number.isFinite(range.from)) return name;
  const last = Math.min(range.to - 1, Number.isFinite(range.to) ? range.to - 1 : range.to);
  return `${name} (${formatWallTime(range.from).slice(0, 10)} – ${formatWallTime(last).slice(0, 10)})`;
}

export interface ModelInput {
  figures: SummaryFigures;
  language: Language;
  /** The spreadsheet's locale: money format. */
  locale: string;
  /** The currency set in the settings ('' follows the locale). */
  currency?: string;
  now: number;
  sources: { kind: 'deals' | 'activities' | 'leads'; sheet: string | null; rows: number }[];
  /** The name the sheet gets (a user's own sheet may already hold the usual name). */
  sheetName?: string;
}

function headerSection(b: ModelBuilder, t: SummaryText, input: ModelInput): void {
  const row = b.line([{ value: t.title, bold: true, size: 16 }]);
  b.merges.push({ row, column: 1, rows: 1, columns: WIDTH });
  const sources = input.sources.map((s) => `${t.kinds[s.kind]}: ${s.sheet ? fill(t.sourceRows, { sheet: s.sheet, rows: countText(s.rows, input.locale) }) : t.noSource}`).join(' · ');
  const header: [string, ModelCell][] = [
    [t.period, { value: periodLabel(t, input.figures) }],
    [t.sources, { value: sources, fromData: true }],
    [t.updated, { value: { wall: input.now }, format: 'yyyy-mm-dd hh:mm' }],
  ];
  for (const [label, cell] of header) {
    // The value spans the row, so a long list of sources does not widen the tables' columns.
    const r = b.line([{ value: label, bold: true }, cell]);
    b.merges.push({ row: r, column: 2, rows: 1, columns: WIDTH - 1 });
  }
}

function funnelSection(b: ModelBuilder, t: SummaryText, f: SummaryFigures): void {
  b.section(t.funnel);
  if (f.deals === 0) b.note(t.noDeals);
  const header = b.header(t.funnelHeader);
  for (const s of f.funnel) {
    b.line([data(s.stage), num(s.reached, INT), num(s.step, PCT), num(s.total, PCT), num(s.target, PCT), statusCell(t, s.status)]);
  }
  b.charts.push({ type: 'BAR', title: t.funnelChart, ranges: [{ row: header, column: 1, rows: f.funnel.length + 1, columns: 2 }], anchor: { row: header, column: WIDTH + 2 } });
}

function leaksSection(b: ModelBuilder, t: SummaryText, f: SummaryFigures, money: string): void {
  b.section(t.leaks);
  if (f.averageWon === null) b.note(t.noAmounts);
  b.header(t.leaksHeader);
  for (const leak of f.leaks) {
    const bg = leak.growthPoint ? COLOURS.growth : undefined;
    b.line([
      { value: `${leak.from} → ${leak.to}`, fromData: true, background: bg },
      { value: leak.lost, format: INT, background: bg },
      { value: f.averageWon === null ? null : leak.lostValue, format: money, background: bg },
      { value: f.averageWon === null ? null : leak.gainAt5pp, format: money, background: bg, bold: leak.growthPoint },
      { value: leak.growthPoint ? t.growthPoint : null, bold: true, background: bg },
    ]);
  }
  b.line([{ value: t.averageWon, bold: true }, num(f.averageWon, money)]);
}

function cycleSection(b: ModelBuilder, t: SummaryText, f: SummaryFigures): void {
  b.section(t.cycle);
  b.header(t.cycleHeader);
  b.line([num(f.cycle.mean, DAYS), num(f.cycle.median, DAYS), num(f.cycle.p90, DAYS), num(f.cycle.count, INT)]);
  b.section(fill(t.stalled, { days: f.stalled.days }));
  b.line([{ value: t.stalledCount, bold: true }, num(f.stalled.count, INT)]);
  if (f.stalled.idlest.length) {
    b.header(t.stalledHeader);
    for (const d of f.stalled.idlest) b.line([data(d.id), data(d.client), data(d.manager), data(d.stage), num(d.daysIdle, INT)]);
  }
}

function leadsSection(b: ModelBuilder, t: SummaryText, f: SummaryFigures): void {
  b.section(t.leads);
  if (!f.leads) {
    b.note(t.noLeads);
    return;
  }
  b.header(t.leadsHeader.map((label) => fill(label, { sla: f.leads!.sla })));
  b.line([num(f.leads.medianResponse, DAYS), num(f.leads.breachRate, PCT), num(f.leads.unanswered, INT), num(f.leads.rerouted, INT)]);
}

function intervalText(m: ManagerFigure): string | null {
  if (!m.interval) return null;
  return `${(m.interval.low * 100).toFixed(0)}–${(m.interval.high * 100).toFixed(0)}%`;
}

function managersSection(b: ModelBuilder, t: SummaryText, f: SummaryFigures): void {
  b.section(t.managers);
  if (!f.hasActivities) b.note(t.noActivities);
  const header = b.header(t.managersHeader);
  for (const m of f.managers) {
    const flag: ModelCell = m.flag ? { value: m.flag === 'above' ? t.above : t.below, color: m.flag === 'above' ? COLOURS.above : COLOURS.below, bold: true } : { value: null };
    b.line([
      data(m.name), num(m.deals, INT), num(m.won, INT), num(m.winRate, PCT), { value: intervalText(m) }, flag,
      num(m.meanCycle, DAYS), num(m.effectiveTouches, INT), num(m.plan, INT), num(m.planFact, PCT), num(m.discipline, PCT),
      num(m.medianResponse, DAYS), num(m.slaBreaches, INT),
    ]);
  }
  b.line([{ value: t.team, bold: true }, num(f.deals, INT), { value: null }, { ...num(f.team.winRate, PCT), bold: true }]);
  if (f.managers.length) {
    const rows = f.managers.length + 1;
    const touches = t.managersHeader.length - 5; // the "Effective touches" column
    b.charts.push({
      type: 'COLUMN',
      title: t.managersChart,
      ranges: [{ row: header, column: 1, rows, columns: 1 }, { row: header, column: touches, rows, columns: 1 }],
      anchor: { row: header, column: WIDTH + 2 },
    });
  }
}

function repeatSection(b: ModelBuilder, t: SummaryText, f: SummaryFigures): void {
  b.section(t.repeat);
  if (!f.repeat) return;
  b.header(t.repeatHeader);
  b.line([num(f.repeat.rate, PCT), num(f.repeat.revenueShare, PCT), num(f.repeat.clients, INT)]);
}

/** A count in words, grouped as the locale writes numbers ("8,800", "8 800"). */
export function countText(n: number, locale: string): string {
  return new Intl.NumberFormat(locale.replace('_', '-')).format(n);
}

export function noteText(t: SummaryText, note: SkipNote, locale = 'en_US'): string {
  return `${t.kinds[note.source]}: ${fill(t.reasons[note.reason], { rows: countText(note.rows, locale), column: note.column ?? '' })}`;
}

function notesSection(b: ModelBuilder, t: SummaryText, f: SummaryFigures, locale: string): void {
  b.section(t.notes);
  if (!f.notes.length) b.note(t.noNotes);
  for (const note of f.notes) {
    const row = b.line([{ value: noteText(t, note, locale), fromData: true }]);
    b.merges.push({ row, column: 1, rows: 1, columns: WIDTH });
  }
}

export function summaryModel(input: ModelInput): SheetModel {
  const t = summaryText[input.language];
  const f = input.figures;
  const money = moneyFormat(input.locale, input.currency);
  const b = new ModelBuilder();
  headerSection(b, t, input);
  funnelSection(b, t, f);
  leaksSection(b, t, f, money);
  cycleSection(b, t, f);
  leadsSection(b, t, f);
  managersSection(b, t, f);
  repeatSection(b, t, f);
  notesSection(b, t, f, input.locale);
  return {
    name: input.sheetName ?? t.sheetName,
    width: WIDTH,
    rows: b.rows,
    merges: b.merges,
    charts: b.charts,
    columnWidths: [200, 90, 110, 110, 110, 110, 110, 110, 90, 90, 120, 120, 100],
    frozenRows: 1,
  };
}
