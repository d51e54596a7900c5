// Typed tables from a source sheet's values and its column mapping: one pass per column.
// Unlike the custom functions, a report skips bad rows and says why instead of failing.
import { cellAt, columnOf, isBlank, type Column } from './cells';
import { readDateColumn, type DayOrder } from './dates';
import type { SourceKind } from './headers';
import { columnIndex, REQUIRED_ROLES } from './headers';

/** Which sheet a source is and which header plays which role (the settings' sources have this shape). */
export interface SourceMapping {
  sheet: string;
  columns: Partial<Record<string, string>>;
  /** Shape B: one date column per funnel stage, in funnel order. */
  stageColumns: readonly string[];
}
import { nameKey } from './names';
import { parseNumber } from './numbers';
import { readStageGrid, stageOfCell, type Funnel } from './stages';
import { statusOf, type Status, type StatusWords } from './statuses';

export type SkipReason = 'blank' | 'unreadableDate' | 'implausibleDate' | 'serialDate' | 'reversedDates' | 'unknownStage' | 'lostUnknownStage' | 'unreadableAmount' | 'noCreatedDate';

export interface SkipNote {
  source: SourceKind;
  reason: SkipReason;
  rows: number;
  /** The column concerned, when there is one. */
  column?: string;
}

/** A mapped column that the sheet does not have (or a required role not mapped). */
export class MissingColumn extends Error {
  constructor(readonly source: SourceKind, readonly sheet: string, readonly role: string, readonly header: string | null) {
    super(`${source}: ${header ?? role} not found in ${sheet}`);
  }
}

interface Columns {
  headers: unknown[];
  /** Data rows below the header row (a copy of the row list: only shape B needs it). */
  rows(): readonly (readonly unknown[])[];
  length: number;
  index(role: string): number;
  /** The role's column, read in place, or null when the role is not mapped. */
  column(role: string): Column | null;
}

function columnsOf(kind: SourceKind, values: unknown[][], source: SourceMapping, required: readonly string[] = REQUIRED_ROLES[kind]): Columns {
  const headers = (values[0] ?? []).map((h) => String(h).trim());
  const index = (role: string) => {
    const header = source.columns[role];
    if (!header) return -1;
    const i = columnIndex(headers, header);
    if (i === -1) throw new MissingColumn(kind, source.sheet, role, header);
    return i;
  };
  for (const role of required) {
    if (!source.columns[role]) throw new MissingColumn(kind, source.sheet, role, null);
  }
  const length = Math.max(0, values.length - 1);
  return {
    headers,
    rows: () => values.slice(1),
    length,
    index,
    column: (role) => {
      const i = index(role);
      return i === -1 ? null : columnOf(values, i, 1);
    },
  };
}

function text(column: Column | null, n: number): string[] {
  const out = new Array<string>(n).fill('');
  if (column) {
    for (let i = 0; i < n; i++) {
      const c = cellAt(column, i);
      if (!isBlank(c)) out[i] = String(c).trim();
    }
  }
  return out;
}

function countBlank(column: Column | null): number {
  let blank = 0;
  if (column) for (let i = 0; i < column.length; i++) if (isBlank(cellAt(column, i))) blank++;
  return blank;
}

export interface ReadContext {
  order: () => DayOrder;
  /** Wall time of a date cell, in the spreadsheet's zone. */
  wallOf: (date: Date) => number;
  words: StatusWords;
  notes: SkipNote[];
  /** Dates a sales tracker can hold (wall time): outside it a date is left out and noted. */
  plausible?: { from: number; to: number };
}

/** From 2000 to a year after `now`: what a sales tracker's dates can be. */
export function plausibleDates(now: number): { from: number; to: number } {
  return { from: Date.UTC(2000, 0, 1), to: now + 366 * 86_400_000 };
}

function dates(kind: SourceKind, cells: Column | null, n: number, column: string | undefined, ctx: ReadContext): Float64Array {
  if (!cells) return new Float64Array(n).fill(NaN);
  const read = readDateColumn(cells, { arg: column ?? '', localeOrder: ctx.order, skipInvalid: true, wallOf: ctx.wallOf });
  if (read.invalidCount) ctx.notes.push({ source: kind, reason: 'unreadableDate', rows: read.invalidCount, column });
  // A number in a date column was read as Sheets' serial days (45000 is 2023-03-15): say so.
  let serials = 0;
  for (let i = 0; i < n; i++) if (typeof cellAt(cells, i) === 'number') serials++;
  if (serials) ctx.notes.push({ source: kind, reason: 'serialDate', rows: serials, column });
  if (ctx.plausible) {
    const { from, to } = ctx.plausible;
    let implausible = 0;
    for (let i = 0; i < n; i++) {
      const w = read.wall[i];
      if (w < from || w > to) {
        read.wall[i] = NaN;
        implausible++;
      }
    }
    if (implausible) ctx.notes.push({ source: kind, reason: 'implausibleDate', rows: implausible, column });
  }
  return read.wall;
}

export interface DealsTable {
  length: number;
  /** Furthest stage reached; -1 for rows left out. */
  furthest: Int32Array;
  stage: string[];
  status: Status[];
  created: Float64Array;
  closed: Float64Array;
  lastActivity: Float64Array;
  amount: Float64Array;
  id: string[];
  manager: string[];
  client: string[];
  hasAmount: boolean;
  hasLastActivity: boolean;
}

export function readDeals(values: unknown[][], source: SourceMapping, funnel: Funnel, ctx: ReadContext): DealsTable {
  // With one date column per stage (shape B) the stage column is not needed.
  const cols = columnsOf('deals', values, source, source.stageColumns.length >= 2 ? [] : REQUIRED_ROLES.deals);
  const n = cols.length;
  const statusCells = cols.column('status');
  const status = new Array<Status>(n).fill('open');
  if (statusCells) for (let row = 0; row < n; row++) status[row] = statusOf(cellAt(statusCells, row), ctx.words);
  let furthest: Int32Array;
  let stage: string[];
  if (source.stageColumns.length >= 2) {
    const idx = source.stageColumns.map((h) => columnIndex(cols.headers, h));
    const missing = idx.indexOf(-1);
    if (missing !== -1) throw new MissingColumn('deals', source.sheet, 'stage', source.stageColumns[missing]);
    const reading = readStageGrid(cols.rows().map((r) => idx.map((i) => r[i])), idx.length, statusCells ? (r) => status[r] : null);
    furthest = reading.furthest;
    stage = Array.from(furthest, (s) => (s >= 0 ? funnel.names[s] : ''));
    if (reading.blankRows) ctx.notes.push({ source: 'deals', reason: 'blank', rows: reading.blankRows, column: source.stageColumns.join(', ') });
  } else {
    const cells = cols.column('stage') ?? columnOf([], 0);
    furthest = new Int32Array(n).fill(-1);
    let unknown = 0;
    let blank = 0;
    let lostUnknown = 0;
    const last = funnel.names.length - 1;
    const statusOfCell = (c: unknown) => statusOf(c, ctx.words);
    // Row by row: an unknown stage skips its row (and is noted) instead of failing the report.
    for (let row = 0; row < n; row++) {
      const cell = cellAt(cells, row);
      if (isBlank(cell)) {
        blank++;
        continue;
      }
      const read = stageOfCell(cell, funnel, statusOfCell);
      if (statusCells && status[row] === 'won') furthest[row] = last;
      else if (read === null) unknown++;
      else {
        furthest[row] = read.stage;
        if (read.lostUnknown) lostUnknown++;
      }
    }
    stage = text(cells, n);
    if (blank) ctx.notes.push({ source: 'deals', reason: 'blank', rows: blank, column: source.columns.stage });
    if (unknown) ctx.notes.push({ source: 'deals', reason: 'unknownStage', rows: unknown, column: source.columns.stage });
    if (lostUnknown) ctx.notes.push({ source: 'deals', reason: 'lostUnknownStage', rows: lostUnknown, column: source.columns.stage });
  }
  // A stage cell that reads as won/lost ("Успешно реализовано", "Отказ") is the deal's status too,
  // unless a status cell says otherwise.
  for (let row = 0; row < n; row++) if (status[row] === 'open') status[row] = statusOf(stage[row], ctx.words);

  const amountCells = cols.column('amount');
  const amount = new Float64Array(n);
  let badAmounts = 0;
  if (amountCells) {
    for (let row = 0; row < n; row++) {
      const cell = cellAt(amountCells, row);
      if (isBlank(cell)) continue;
      const v = parseNumber(cell);
      if (Math.abs(v) <= 1e15) amount[row] = v;
      else badAmounts++;
    }
  }
  if (badAmounts) ctx.notes.push({ source: 'deals', reason: 'unreadableAmount', rows: badAmounts, column: source.columns.amount });
  const lastCells = cols.column('last_activity');
  return {
    length: n,
    furthest,
    stage,
    status,
    created: dates('deals', cols.column('created'), n, source.columns.created, ctx),
    closed: dates('deals', cols.column('closed'), n, source.columns.closed, ctx),
    lastActivity: dates('deals', lastCells, n, source.columns.last_activity, ctx),
    amount,
    id: text(cols.column('id'), n),
    manager: text(cols.column('manager'), n),
    client: text(cols.column('client'), n),
    hasAmount: amountCells !== null,
    hasLastActivity: lastCells !== null,
  };
}

export interface ActivitiesTable {
  length: number;
  type: string[];
  result: string[];
  date: Float64Array;
  manager: string[];
}

export function readActivities(values: unknown[][], source: SourceMapping, ctx: ReadContext): ActivitiesTable {
  const cols = columnsOf('activities', values, source);
  const n = cols.length;
  const type = text(cols.column('type'), n);
  const blank = type.filter((t) => t === '').length;
  if (blank) ctx.notes.push({ source: 'activities', reason: 'blank', rows: blank, column: source.columns.type });
  return {
    length: n,
    type,
    result: text(cols.column('result'), n),
    date: dates('activities', cols.column('date'), n, source.columns.date, ctx),
    manager: text(cols.column('manager'), n),
  };
}

export interface LeadsTable {
  length: number;
  id: string[];
  created: Float64Array;
  responded: Float64Array;
  manager: string[];
}

export function readLeads(values: unknown[][], source: SourceMapping, ctx: ReadContext): LeadsTable {
  const cols = columnsOf('leads', values, source);
  const n = cols.length;
  const created = dates('leads', cols.column('created'), n, source.columns.created, ctx);
  const responded = dates('leads', cols.column('responded'), n, source.columns.responded, ctx);
  let reversed = 0;
  for (let row = 0; row < n; row++) {
    if (responded[row] < created[row]) {
      responded[row] = NaN;
      created[row] = NaN;
      reversed++;
    }
  }
  if (reversed) ctx.notes.push({ source: 'leads', reason: 'reversedDates', rows: reversed, column: source.columns.responded });
  const blank = countBlank(cols.column('created'));
  if (blank > 0) ctx.notes.push({ source: 'leads', reason: 'blank', rows: blank, column: source.columns.created });
  return { length: n, id: text(cols.column('id'), n), created, responded, manager: text(cols.column('manager'), n) };
}

export { nameKey };
