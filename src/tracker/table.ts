// Typed tables from a source sheet's values and its column mapping: one pass per column.
// Unlike the custom functions, a report skips bad rows and says why instead of failing.
import { cellAt, columnOf, isBlank, type Column } from './cells';
import { formatWallTime, MS_PER_DAY, readDateColumn, type DayOrder, type WallOf } from './dates';
import type { SourceKind } from './headers';
import { columnIndex, REQUIRED_ROLES } from './headers';

/** Which sheet a source is and which header plays which role (the settings' sources have this shape). */
export interface SourceMapping {
  sheet: string;
  columns: Partial<Record<string, string>>;
  /** Shape B: one date column per funnel stage, in funnel order. */
  stageColumns: readonly string[];
  /** Beside a stage column: the date columns of some stages. */
  stageDates?: readonly { stage: string; column: string }[];
}
import { nameKey } from './names';
import { LARGEST_AMOUNT, parseNumber } from './numbers';
import { readStageGrid, stageCellReader, type Funnel } from './stages';
import { statusList, statusOf, type Status, type StatusWords } from './statuses';
import { LOST_STAGE, inTimeOrder, pathFacts, type StageEntry } from '../metrics/stagePath';
import type { HistoryPaths } from './history';
import { isKnownLostStage } from './pipelines';

export type SkipReason =
  | 'historyUnmatched'
  | 'blank'
  | 'unreadableDate'
  | 'implausibleDate'
  | 'serialDate'
  | 'reversedDates'
  | 'unknownStage'
  | 'lostUnknownStage'
  | 'unknownLostStage'
  | 'unreadableAmount'
  | 'noCreatedDate'
  | 'phantomPlan'
  | 'vagueLostReason'
  | 'otherCurrency';

export interface SkipNote {
  /** The sheet the rows are on, or the settings (a plan for a name found nowhere). */
  source: SourceKind | 'settings';
  reason: SkipReason;
  rows: number;
  /** The column concerned, when there is one. */
  column?: string;
  /** The count `rows` is part of, when the note gives a share ("12 of 40 lost deals"). */
  of?: number;
  /** The first few rows concerned: sheet row number and the offending value (null when blank). */
  examples?: { row: number; value: string | null }[];
}

/** A mapped column that the sheet does not have (or a required role not mapped). */
export class MissingColumn extends Error {
  constructor(
    readonly source: SourceKind,
    readonly sheet: string,
    readonly role: string,
    readonly header: string | null,
  ) {
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

function columnsOf(
  kind: SourceKind,
  values: unknown[][],
  source: SourceMapping,
  required: readonly string[] = REQUIRED_ROLES[kind],
): Columns {
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

export interface ReadContext {
  order: () => DayOrder;
  /** Wall time of a date cell, in the spreadsheet's zone (a ZoneClock). */
  wall: WallOf;
  words: StatusWords;
  notes: SkipNote[];
  /** Dates a sales tracker can hold (wall time): outside it a date is left out and noted. */
  plausible?: { from: number; to: number };
}

/** From 2000 to a year after `now`: what a sales tracker's dates can be. */
export function plausibleDates(now: number): { from: number; to: number } {
  return { from: Date.UTC(2000, 0, 1), to: now + 366 * MS_PER_DAY };
}

function dates(kind: SourceKind, cells: Column | null, n: number, column: string | undefined, ctx: ReadContext): Float64Array {
  if (!cells) return new Float64Array(n).fill(NaN);
  const read = readDateColumn(cells, { arg: column ?? '', localeOrder: ctx.order, skipInvalid: true, wall: ctx.wall });
  const unreadable = tally(ctx, kind, 'unreadableDate', column);
  // A number in a date column was read as Sheets' serial days (45000 is 2023-03-15): say so.
  const serials = tally(ctx, kind, 'serialDate', column);
  const implausible = tally(ctx, kind, 'implausibleDate', column);
  const { from, to } = ctx.plausible ?? { from: -Infinity, to: Infinity };
  for (let i = 0; i < n; i++) {
    const cell = cellAt(cells, i);
    if (read.invalid[i]) unreadable.add(i, cell);
    if (typeof cell === 'number') serials.add(i, cell);
    const w = read.wall[i];
    if (w < from || w > to) {
      read.wall[i] = NaN;
      implausible.add(i, cell instanceof Date ? formatWallTime(w).slice(0, 10) : cell);
    }
  }
  unreadable.done();
  serials.done();
  implausible.done();
  return read.wall;
}

export interface DealsTable {
  length: number;
  /** Furthest stage reached; -1 for rows left out. */
  furthest: Int32Array;
  /** For a lost deal, the stage it was lost at (its furthest known stage); -1 when nothing says where, and for other deals. */
  lostAt: Int32Array;
  stage: string[];
  status: Status[];
  created: Float64Array;
  closed: Float64Array;
  lastActivity: Float64Array;
  /** When the deal was last edited (amoCRM «Дата редактирования», "Last modified"); NaN without such a column. */
  lastEdit: Float64Array;
  /** What the currency column says, its first non-blank cell as written («Российский рубль», "USD"); '' without one. */
  currencyColumn: string;
  /** Why a deal was lost, as written ('' when blank or not mapped). */
  lostReason: string[];
  hasLostReason: boolean;
  /** The latest stage date of each deal (its last stage change); NaN without stage dates. */
  stageChanged: Float64Array;
  /** The stage-date columns: per stage, the date each deal entered it (NaN where blank). */
  stageDates?: { stage: number; at: Float64Array }[];
  /** When an open deal is planned to close (an expected close date column); NaN where none. */
  expectedClose?: Float64Array;
  amount: Float64Array;
  /** A currency sign or code written in the amount cells' text ("1 234 ₽"), the first one met; '' when none. */
  currencyInText: string;
  id: string[];
  /** The deal's title (how amoCRM's event list names it); '' when not mapped. */
  name: string[];
  manager: string[];
  client: string[];
  /** Days each deal spent in each funnel stage (per stage, per row; NaN where unknown); null without a history or stage dates. */
  stageDays: Float64Array[] | null;
  /** When an open deal entered the stage it is in now (NaN when unknown). */
  currentSince: Float64Array;
  hasAmount: boolean;
  hasLastActivity: boolean;
  /** A lost-at-stage column or stage dates are mapped: the way to place lost deals exists. */
  placesLost: boolean;
}

/** Counts the rows one note is about and keeps the first few (sheet row, value) to name them. */
function tally(ctx: ReadContext, source: SourceKind, reason: SkipReason, column: string | undefined) {
  const note: SkipNote = { source, reason, rows: 0, column, examples: [] };
  return {
    add(row: number, value?: unknown) {
      note.rows++;
      if (note.examples!.length < 3)
        note.examples!.push({ row: row + 2, value: value === undefined ? null : String(value).trim().slice(0, 60) });
    },
    done() {
      if (note.rows) ctx.notes.push(note);
    },
  };
}

const CURRENCY_IN_TEXT = /[₽$€£¥₴₸]|\b(RUB|USD|EUR|GBP|UAH|KZT|CNY)\b|руб/i;

/** The stage-date columns of a mapping as (stage index, cells); a column missing from the sheet is named. */
function stageDateCells(
  cols: Columns,
  source: SourceMapping,
  funnel: Funnel,
  values: unknown[][],
  words: StatusWords,
): { stage: number; cells: Column }[] {
  const out: { stage: number; cells: Column }[] = [];
  const pairs =
    source.stageColumns.length >= 2
      ? source.stageColumns.map((column, i) => ({ stage: funnel.names[i], column }))
      : (source.stageDates ?? []);
  for (const { stage, column } of pairs) {
    // A lost stage's date (HubSpot's "Date entered 'Closed Lost'") says when the deal was lost.
    const at =
      funnel.indexOf.get(nameKey(stage)) ?? (statusOf(stage, words) === 'lost' || isKnownLostStage(stage) ? LOST_STAGE : undefined);
    if (at === undefined) continue;
    const i = columnIndex(cols.headers, column);
    if (i === -1) throw new MissingColumn('deals', source.sheet, 'stage', column);
    out.push({ stage: at, cells: columnOf(values, i, 1) });
  }
  return out;
}

/** Reads each distinct status cell once (a tracker repeats a handful of statuses and stages). */
function statusReader(words: StatusWords): (cell: unknown) => Status {
  const seen = new Map<unknown, Status>();
  return (c) => {
    let s = seen.get(c);
    if (s === undefined) seen.set(c, (s = statusOf(c, words)));
    return s;
  };
}

/** Where each deal got to by its stage cells: the furthest stage, the stage as written, and whether something placed it. */
interface StageReading {
  furthest: Int32Array;
  stage: string[];
  /** 1 where something says which stage the deal is at (not a bare "Lost"). */
  placed: Uint8Array;
}

/** Shape B: one date column per stage; any mark counts as reaching that stage. */
function readStageColumns(cols: Columns, source: SourceMapping, funnel: Funnel, status: Status[] | null, ctx: ReadContext): StageReading {
  const idx = source.stageColumns.map((h) => columnIndex(cols.headers, h));
  const reading = readStageGrid(
    cols.rows().map((r) => idx.map((i) => r[i])),
    idx.length,
    status ? statusList(status) : null,
  );
  const placed = new Uint8Array(cols.length).fill(1);
  const stage = Array.from(reading.furthest, (s) => (s >= 0 ? funnel.names[s] : ''));
  if (reading.blankRows)
    ctx.notes.push({ source: 'deals', reason: 'blank', rows: reading.blankRows, column: source.stageColumns.join(', ') });
  return { furthest: reading.furthest, stage, placed };
}

/** Shape A: one stage column. An unknown stage skips its row (and is noted) instead of failing the report. */
function readStageColumn(
  cols: Columns,
  source: SourceMapping,
  funnel: Funnel,
  status: Status[],
  statusKnown: boolean,
  statusOfCell: (c: unknown) => Status,
  ctx: ReadContext,
): StageReading {
  const n = cols.length;
  const cells = cols.column('stage') ?? columnOf([], 0);
  const furthest = new Int32Array(n).fill(-1);
  const placed = new Uint8Array(n);
  const blank = tally(ctx, 'deals', 'blank', source.columns.stage);
  const unknown = tally(ctx, 'deals', 'unknownStage', source.columns.stage);
  const stageOf = stageCellReader(funnel, statusOfCell);
  const last = funnel.names.length - 1;
  for (let row = 0; row < n; row++) {
    const cell = cellAt(cells, row);
    if (isBlank(cell)) {
      blank.add(row);
      continue;
    }
    const read = stageOf.get(cell);
    if (statusKnown && status[row] === 'won') {
      furthest[row] = last;
      placed[row] = 1;
    } else if (read === null) unknown.add(row, cell);
    else {
      furthest[row] = read.stage;
      if (!read.lostUnknown) placed[row] = 1;
    }
  }
  blank.done();
  unknown.done();
  return { furthest, stage: text(cells, n), placed };
}

/** What the stage-date columns say: the furthest stage raised, the last stage change, the dates for the forecast and paths. */
function applyStageDates(
  stageDates: ReturnType<typeof stageDateCells>,
  n: number,
  reading: StageReading,
  status: Status[] | null,
  raise: boolean,
  createdMissing: boolean,
  ctx: ReadContext,
) {
  const { furthest, placed } = reading;
  const stageChanged = new Float64Array(n).fill(NaN);
  const enteredAt: NonNullable<DealsTable['stageDates']> = [];
  const stageWalls: { stage: number; walls: Float64Array }[] = [];
  const earliestStage = stageDates.length && createdMissing ? new Float64Array(n).fill(NaN) : null;
  // Stage dates are read quietly: any mark in one counts as reaching that stage.
  const quiet: ReadContext = { ...ctx, notes: [] };
  for (const { stage: at, cells } of stageDates) {
    const walls = dates('deals', cells, n, undefined, quiet);
    stageWalls.push({ stage: at, walls });
    // The forecast reads the funnel's stages only; a lost stage's date places a lost deal.
    if (at >= 0) enteredAt.push({ stage: at, at: walls });
    for (let row = 0; row < n; row++) {
      if (furthest[row] < 0 || isBlank(cellAt(cells, row))) continue;
      if (at === LOST_STAGE) continue;
      if (raise && at > furthest[row] && status?.[row] !== 'won') furthest[row] = at;
      placed[row] = 1;
      const w = walls[row];
      if (w === w) {
        if (!(w <= stageChanged[row])) stageChanged[row] = w;
        if (earliestStage && !(w >= earliestStage[row])) earliestStage[row] = w;
      }
    }
  }
  return { stageChanged, enteredAt, stageWalls, earliestStage };
}

/** The lost_stage column: a lost deal placed at the stage it names (raised, never lowered). */
function applyLostStageColumn(
  lostCells: Column,
  source: SourceMapping,
  funnel: Funnel,
  reading: StageReading,
  status: Status[],
  ctx: ReadContext,
): void {
  const { furthest, placed } = reading;
  const unknownLost = tally(ctx, 'deals', 'unknownLostStage', source.columns.lost_stage);
  for (let row = 0; row < furthest.length; row++) {
    const cell = cellAt(lostCells, row);
    if (furthest[row] < 0 || isBlank(cell)) continue;
    const at = funnel.indexOf.get(nameKey(cell));
    if (at === undefined) {
      unknownLost.add(row, cell);
      continue;
    }
    if (at > furthest[row] && status[row] !== 'won') furthest[row] = at;
    placed[row] = 1;
  }
  unknownLost.done();
}

/** The amounts, and the currency sign the first one written as text carries. */
function readAmounts(
  amountCells: Column | null,
  n: number,
  source: SourceMapping,
  ctx: ReadContext,
): { amount: Float64Array; currencyInText: string } {
  const amount = new Float64Array(n);
  let currencyInText = '';
  const badAmounts = tally(ctx, 'deals', 'unreadableAmount', source.columns.amount);
  if (amountCells) {
    for (let row = 0; row < n; row++) {
      const cell = cellAt(amountCells, row);
      if (isBlank(cell)) continue;
      const v = parseNumber(cell);
      if (Math.abs(v) <= LARGEST_AMOUNT) amount[row] = v;
      else badAmounts.add(row, cell);
      if (!currencyInText && typeof cell === 'string') currencyInText = CURRENCY_IN_TEXT.exec(cell)?.[0] ?? '';
    }
  }
  badAmounts.done();
  return { amount, currencyInText };
}

/** The currency column: the first currency is the summary's; deals in another are summed with it, and said so. */
function readCurrencyColumn(currencyCells: Column | null, furthest: Int32Array, source: SourceMapping, ctx: ReadContext): string {
  let currencyColumn = '';
  if (!currencyCells) return currencyColumn;
  const other = tally(ctx, 'deals', 'otherCurrency', source.columns.currency);
  for (let row = 0; row < furthest.length; row++) {
    const cell = cellAt(currencyCells, row);
    if (furthest[row] < 0 || isBlank(cell)) continue;
    if (!currencyColumn) currencyColumn = String(cell).trim();
    else if (nameKey(cell) !== nameKey(currencyColumn)) other.add(row, cell);
  }
  other.done();
  return currencyColumn;
}

/** The stage each lost deal was lost at: its path's, else its furthest; unplaced lost deals are counted in a note. */
function lostStagesOf(
  reading: StageReading,
  status: Status[],
  pathLostAt: Int32Array,
  source: SourceMapping,
  ctx: ReadContext,
): Int32Array {
  const { furthest, placed, stage } = reading;
  const n = status.length;
  const lostAt = new Int32Array(n).fill(-1);
  const lostUnknown = tally(ctx, 'deals', 'lostUnknownStage', source.columns.stage ?? source.columns.status);
  for (let row = 0; row < n; row++) {
    if (status[row] !== 'lost' || furthest[row] < 0) continue;
    if (placed[row]) lostAt[row] = pathLostAt[row] >= 0 ? pathLostAt[row] : furthest[row];
    else lostUnknown.add(row, stage[row] || undefined);
  }
  lostUnknown.done();
  return lostAt;
}

export function readDeals(
  values: unknown[][],
  source: SourceMapping,
  funnel: Funnel,
  ctx: ReadContext,
  history: HistoryPaths | null = null,
): DealsTable {
  // With one date column per stage (shape B) the stage column is not needed.
  const shapeB = source.stageColumns.length >= 2;
  const cols = columnsOf('deals', values, source, shapeB ? [] : REQUIRED_ROLES.deals);
  const n = cols.length;
  const statusCells = cols.column('status');
  const status = new Array<Status>(n).fill('open');
  const statusOfCell = statusReader(ctx.words);
  if (statusCells) for (let row = 0; row < n; row++) status[row] = statusOfCell(cellAt(statusCells, row));
  const stageDates = stageDateCells(cols, source, funnel, values, ctx.words);
  const reading = shapeB
    ? readStageColumns(cols, source, funnel, statusCells ? status : null, ctx)
    : readStageColumn(cols, source, funnel, status, statusCells !== null, statusOfCell, ctx);
  const { furthest, stage, placed } = reading;
  // A stage cell that reads as won/lost ("Успешно реализовано", "Отказ") is the deal's status too,
  // unless a status cell says otherwise.
  for (let row = 0; row < n; row++) if (status[row] === 'open') status[row] = statusOfCell(stage[row]);

  // Where a deal got to, from every column that says: stage dates and the stage it was lost at.
  // With a status column, a won deal is at the last stage already: its stage dates do not move it.
  const { stageChanged, enteredAt, stageWalls, earliestStage } = applyStageDates(
    stageDates,
    n,
    reading,
    statusCells ? status : null,
    !shapeB,
    !source.columns.created,
    ctx,
  );
  const id = text(cols.column('id'), n);
  const name = text(cols.column('name'), n);
  const created = dates('deals', cols.column('created'), n, source.columns.created, ctx);
  if (earliestStage) created.set(earliestStage);
  const paths = dealPaths({ n, furthest, status, placed, stageChanged, created, id, name }, funnel, stageWalls, history, ctx);
  const lostCells = cols.column('lost_stage');
  if (lostCells) applyLostStageColumn(lostCells, source, funnel, reading, status, ctx);
  const lostAt = lostStagesOf(reading, status, paths.lostAt, source, ctx);

  const amountCells = cols.column('amount');
  const { amount, currencyInText } = readAmounts(amountCells, n, source, ctx);
  const lastCells = cols.column('last_activity');
  const currencyColumn = readCurrencyColumn(cols.column('currency'), furthest, source, ctx);
  const reasonCells = cols.column('lost_reason');
  return {
    length: n,
    furthest,
    lostAt,
    stage,
    status,
    created,
    closed: dates('deals', cols.column('closed'), n, source.columns.closed, ctx),
    lastActivity: dates('deals', lastCells, n, source.columns.last_activity, ctx),
    lastEdit: dates('deals', cols.column('last_edit'), n, source.columns.last_edit, ctx),
    currencyColumn,
    lostReason: text(reasonCells, n),
    hasLostReason: reasonCells !== null,
    stageChanged,
    stageDates: enteredAt.length || !paths.entered ? enteredAt : paths.entered.map((at, stage) => ({ stage, at })),
    expectedClose: dates('deals', cols.column('expected_close'), n, source.columns.expected_close, ctx),
    amount,
    currencyInText,
    id,
    name,
    manager: text(cols.column('manager'), n),
    client: text(cols.column('client'), n),
    stageDays: paths.stageDays,
    currentSince: paths.currentSince,
    hasAmount: amountCells !== null,
    hasLastActivity: lastCells !== null,
    placesLost: lostCells !== null || stageDates.length > 0 || (history !== null && history.paths.size > 0),
  };
}

interface DealRows {
  n: number;
  furthest: Int32Array;
  status: Status[];
  placed: Uint8Array;
  stageChanged: Float64Array;
  created: Float64Array;
  id: string[];
  name: string[];
}

/**
 * Each deal's path — from the stage history (matched by id, else by title), else from its stage-date
 * columns — and what it says: the furthest stage (raised, never lowered), the stage a lost deal was
 * lost at, the days spent in each stage and since when it is in its current one.
 */
function dealPaths(
  d: DealRows,
  funnel: Funnel,
  stageWalls: readonly { stage: number; walls: Float64Array }[],
  history: HistoryPaths | null,
  ctx: ReadContext,
) {
  const stageCount = funnel.names.length;
  const lostAt = new Int32Array(d.n).fill(-1);
  const currentSince = new Float64Array(d.n).fill(NaN);
  const timed = stageWalls.length > 0 || (history !== null && history.paths.size > 0);
  const stageDays = timed ? Array.from({ length: stageCount }, () => new Float64Array(d.n).fill(NaN)) : null;
  // When the history entered each funnel stage, per deal (the first time): the forecast's stage as of a past date.
  const entered = history ? Array.from({ length: stageCount }, () => new Float64Array(d.n).fill(NaN)) : null;
  if (!stageDays) return { lostAt, currentSince, stageDays, entered };
  const matched = new Set<string>();
  for (let row = 0; row < d.n; row++) {
    if (d.furthest[row] < 0) continue;
    let entries: StageEntry[] | undefined;
    if (history) {
      const key = [nameKey(d.id[row]), nameKey(d.name[row])].find((k) => k && history.paths.has(k));
      if (key) {
        matched.add(key);
        entries = history.paths.get(key)!;
        const from = history.firstFrom.get(key);
        // The stage a deal was in before its first recorded change: entered when the deal was created.
        if (from !== undefined && entries[0]?.stage !== from) entries = [{ stage: from, at: d.created[row] }, ...entries];
      }
    }
    if (!entries && stageWalls.length) {
      const own: StageEntry[] = [];
      for (const { stage, walls } of stageWalls) if (Number.isFinite(walls[row])) own.push({ stage, at: walls[row] });
      entries = inTimeOrder(own.sort((a, b) => (a.stage === LOST_STAGE ? 1 : 0) - (b.stage === LOST_STAGE ? 1 : 0) || a.stage - b.stage));
    }
    if (!entries || entries.length === 0) {
      // A deal never moved on from the first stage entered it when it was created.
      if (d.furthest[row] === 0) currentSince[row] = d.created[row];
      continue;
    }
    const facts = pathFacts(entries, stageCount);
    if (facts.furthest > d.furthest[row] && d.status[row] !== 'won') d.furthest[row] = facts.furthest;
    d.placed[row] = 1;
    // Lost at its furthest stage when it had moved back before it was lost: a step never counts one deal
    // both as advanced and as lost.
    if (d.status[row] === 'lost' && facts.lostAt >= 0) lostAt[row] = Math.max(facts.lostAt, d.furthest[row]);
    if (entered && history)
      for (const e of entries) if (e.stage >= 0 && e.stage < stageCount && !(entered[e.stage][row] <= e.at)) entered[e.stage][row] = e.at;
    for (let s = 0; s < stageCount; s++) stageDays[s][row] = facts.days[s];
    currentSince[row] = facts.currentSince;
    const last = entries[entries.length - 1].at;
    if (Number.isFinite(last) && !(last <= d.stageChanged[row])) d.stageChanged[row] = last;
  }
  if (history) {
    const unmatched = history.paths.size - matched.size;
    if (unmatched > 0) ctx.notes.push({ source: 'history', reason: 'historyUnmatched', rows: unmatched });
  }
  return { lostAt, currentSince, stageDays, entered };
}

export interface ActivitiesTable {
  length: number;
  type: string[];
  result: string[];
  date: Float64Array;
  manager: string[];
  /** The deal (its id or client) each activity belongs to; '' when not mapped. */
  deal: string[];
}

export function readActivities(values: unknown[][], source: SourceMapping, ctx: ReadContext): ActivitiesTable {
  const cols = columnsOf('activities', values, source);
  const n = cols.length;
  const type = text(cols.column('type'), n);
  const blank = tally(ctx, 'activities', 'blank', source.columns.type);
  for (let row = 0; row < n; row++) if (type[row] === '') blank.add(row);
  blank.done();
  return {
    length: n,
    type,
    result: text(cols.column('result'), n),
    date: dates('activities', cols.column('date'), n, source.columns.date, ctx),
    manager: text(cols.column('manager'), n),
    deal: text(cols.column('deal'), n),
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
  const reversed = tally(ctx, 'leads', 'reversedDates', source.columns.responded);
  for (let row = 0; row < n; row++) {
    if (responded[row] < created[row]) {
      reversed.add(row);
      responded[row] = NaN;
      created[row] = NaN;
    }
  }
  reversed.done();
  const blank = tally(ctx, 'leads', 'blank', source.columns.created);
  const createdCells = cols.column('created');
  if (createdCells) for (let row = 0; row < n; row++) if (isBlank(cellAt(createdCells, row))) blank.add(row);
  blank.done();
  return { length: n, id: text(cols.column('id'), n), created, responded, manager: text(cols.column('manager'), n) };
}

export { nameKey };
