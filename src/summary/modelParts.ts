// What every section of the summary's sheet model shares: the cell and sheet types, colours, the row builder and the section context.
import type { Language } from '../i18n/language';
import type { SummaryText } from '../i18n/summary';
import { formatWallTime } from '../tracker/dates';
import type { SummaryFigures, TargetStatus } from './figures';
import type { Action, PipelineChange } from '../weekly/review';
import type { KpiRow } from '../weekly/record';

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

export const PCT = '0.0%';
export const DASH = '—';
export const DAYS = '0.0';
export const INT = '#,##0';

export class ModelBuilder {
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
    const row = this.line(
      Array.from({ length: this.width }, (_, i) =>
        i === 0 ? { value: title, bold: true, size: 12, background: COLOURS.section } : { value: null, background: COLOURS.section },
      ),
    );
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

export const num = (value: number | null, format: string): ModelCell => ({ value, format });
export const data = (value: string): ModelCell => ({ value: value === '' ? null : value, fromData: true });
export const statusCell = (t: SummaryText, status: TargetStatus): ModelCell =>
  status ? { value: t.status[status], background: COLOURS[status], bold: true } : { value: null };

export const day = (wall: number) => formatWallTime(wall).slice(0, 10);
export const spanText = (from: number, to: number) => `${day(from)} – ${day(to - 1)}`;

export function periodLabel(t: SummaryText, figures: SummaryFigures): string {
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

export interface Ctx {
  t: SummaryText;
  f: SummaryFigures;
  language: Language;
  locale: string;
  money: string;
  sign: string;
}
