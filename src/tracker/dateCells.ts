// Reading date cells as trackers hold them: Date objects from any realm, Sheets serial days, and text
// (ISO, dotted day-first, and `/` or `-` dates whose order the whole column settles).
import { UserError } from '../errors';
import { cellText, isBlank, listColumn, type Column } from './cells';
import { Spare } from './spare';
import { isDateObject, MS_PER_DAY, wallTimeOfDate, formatWallTime, type WallOf } from './zoneClock';

/** Day 0 of Sheets' serial numbers is 1899-12-30. */
const SERIAL_EPOCH_OFFSET_DAYS = 25_569;
const MAX_SERIAL = 2_958_465; // 9999-12-31

export type DayOrder = 'dmy' | 'mdy';

export function serialToWallTime(serial: number): number {
  return Math.round((serial - SERIAL_EPOCH_OFFSET_DAYS) * MS_PER_DAY);
}

/** Locales that write the month first in `/` and `-` dates (Sheets' en_US and its neighbours). */
const MONTH_FIRST_LOCALES = /^(en[_-](US|PH|CA|BZ|FM|MH|PW|UM|AS|GU|MP|PR|VI)|es[_-]US|en)$/i;

export function dayOrderOfLocale(locale: string): DayOrder {
  return MONTH_FIRST_LOCALES.test(locale.trim()) ? 'mdy' : 'dmy';
}

function validWallTime(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): number | null {
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return null;
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(ms);
  return check.getUTCDate() === d && check.getUTCMonth() === mo - 1 ? ms : null;
}

function fullYear(y: string): number {
  const n = Number(y);
  return y.length <= 2 ? 2000 + n : n;
}

const TIME = String.raw`(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?`;
const ISO = new RegExp(String.raw`^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})${TIME}$`);
const ISO_ZONED = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/;
const DOTTED = new RegExp(String.raw`^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})${TIME}$`);
const AMBIGUOUS = new RegExp(String.raw`^(\d{1,2})[/-](\d{1,2})[/-](\d{2}|\d{4})${TIME}$`);

type Parsed =
  | { kind: 'wall'; wall: number }
  | { kind: 'ambiguous'; first: number; second: number; year: number; h: number; mi: number; s: number }
  | { kind: 'invalid' };

const INVALID: Parsed = { kind: 'invalid' };

function parseDateText(text: string, wall: WallOf): Parsed {
  let m = ISO.exec(text);
  if (m) return asWall(validWallTime(+m[1], +m[2], +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0)));
  m = DOTTED.exec(text);
  if (m) return asWall(validWallTime(fullYear(m[3]), +m[2], +m[1], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0)));
  m = AMBIGUOUS.exec(text);
  if (m) {
    return {
      kind: 'ambiguous',
      first: +m[1],
      second: +m[2],
      year: fullYear(m[3]),
      h: +(m[4] ?? 0),
      mi: +(m[5] ?? 0),
      s: +(m[6] ?? 0),
    };
  }
  if (ISO_ZONED.test(text)) {
    const instant = new Date(text);
    return Number.isNaN(instant.getTime()) ? INVALID : { kind: 'wall', wall: wall.wallOf(instant) };
  }
  return INVALID;
}

function asWall(wall: number | null): Parsed {
  return wall === null ? INVALID : { kind: 'wall', wall };
}

function parseCell(value: unknown, wall: WallOf): Parsed {
  if (isDateObject(value)) {
    const t = value.getTime();
    return Number.isNaN(t) ? INVALID : { kind: 'wall', wall: wall.wallOf(value) };
  }
  if (typeof value === 'number') {
    return Number.isFinite(value) && value > 0 && value <= MAX_SERIAL ? { kind: 'wall', wall: serialToWallTime(value) } : INVALID;
  }
  if (typeof value === 'string') return parseDateText(value.trim(), wall);
  return INVALID;
}

function resolveAmbiguous(p: Extract<Parsed, { kind: 'ambiguous' }>, order: DayOrder): number | null {
  const [day, month] = order === 'dmy' ? [p.first, p.second] : [p.second, p.first];
  return validWallTime(p.year, month, day, p.h, p.mi, p.s);
}

/** What plainWall gives for a cell it does not read (no wall time is infinite). */
export const NOT_PLAIN = Infinity;

/**
 * The wall time of a cell as most trackers hold dates — a Date of the script's realm, a serial
 * number, an empty cell (NaN) — and NOT_PLAIN for anything else (text, a Date from another realm,
 * an unreadable value), which the full reader takes.
 */
export function plainWall(value: unknown, reader: WallOf): number {
  if (value instanceof Date) {
    const t = value.getTime();
    return t === t ? reader.wallAt(t) : NOT_PLAIN;
  }
  if (typeof value === 'number') return value > 0 && value <= MAX_SERIAL ? serialToWallTime(value) : NOT_PLAIN;
  return value === '' || value === null || value === undefined ? NaN : NOT_PLAIN;
}

export interface DateColumnOptions {
  /** The argument's name, for messages. */
  arg: string;
  /** Wall time of a Date cell: in the spreadsheet's zone (docs/limitations.md, "Time zones"), never the script's. */
  wall: WallOf;
  /** Asked only when a `/` or `-` column gives no evidence of its order. */
  localeOrder: () => DayOrder;
  /** Leave unreadable cells out (marked in `invalid`) instead of failing. */
  skipInvalid: boolean;
  /** The column is needed only until the caller's next read (one metric's call): read into the spare buffer. */
  transient?: boolean;
}

export interface DateColumn {
  /** Wall time per row; NaN where the cell is blank or (with skipInvalid) unreadable. */
  wall: Float64Array;
  /** 1 where a non-blank cell could not be read: only with skipInvalid (without, it is empty: a cell that cannot be read fails). */
  invalid: Uint8Array;
  invalidCount: number;
}

/**
 * Reads one column of dates. `/`- and `-`-separated dates are settled for the whole column:
 * a first part over 12 makes it day-first, a second part over 12 month-first, else the locale decides.
 */
export function readDateColumn(cells: Column, options: DateColumnOptions): DateColumn {
  const { rows, index, from, length: n } = cells;
  // Every row is written below (NaN for blank and unreadable ones): no fill first.
  const wall = options.transient ? spareWalls.take(n) : new Float64Array(n);
  const invalid = new Uint8Array(options.skipInvalid ? n : 0);
  let invalidCount = 0;
  const pending: number[] = [];
  const pendingParsed: Extract<Parsed, { kind: 'ambiguous' }>[] = [];
  let order: DayOrder | null = null;

  const fail = (row: number) => {
    if (!options.skipInvalid) {
      throw new UserError('badDate', { arg: options.arg, row: row + 1, value: quote(rows[from + row][index]) });
    }
    wall[row] = NaN;
    invalid[row] = 1;
    invalidCount++;
  };

  const reader = options.wall;
  for (let row = 0; row < n; row++) {
    const line = rows[from + row];
    const value = line === undefined ? undefined : line[index];
    // Date cells, serial numbers and empty cells are most cells: read them without allocating.
    const plain = plainWall(value, reader);
    if (plain !== NOT_PLAIN) {
      wall[row] = plain;
      continue;
    }
    if (isBlank(value)) {
      wall[row] = NaN;
      continue;
    }
    const parsed = parseCell(value, reader);
    if (parsed.kind === 'wall') wall[row] = parsed.wall;
    else if (parsed.kind === 'invalid') fail(row);
    else {
      if (order === null) {
        if (parsed.first > 12) order = 'dmy';
        else if (parsed.second > 12) order = 'mdy';
      }
      wall[row] = NaN;
      pending.push(row);
      pendingParsed.push(parsed);
    }
  }

  if (pending.length > 0) {
    const decided = order ?? options.localeOrder();
    for (let i = 0; i < pending.length; i++) {
      const w = resolveAmbiguous(pendingParsed[i], decided);
      if (w === null) fail(pending[i]);
      else wall[pending[i]] = w;
    }
  }
  return { wall, invalid, invalidCount };
}

/** The wall times of a column a custom function reads and drops within its call (PlainDatePair's scratch, a transient readDateColumn). */
export const spareWalls = new Spare((n) => new Float64Array(n));

/** One date argument (as_of and the like); blank gives null. */
export function readDateValue(value: unknown, arg: string, localeOrder: () => DayOrder, wall: WallOf): number | null {
  if (isBlank(value)) return null;
  const column = readDateColumn(listColumn([value]), { arg, localeOrder, skipInvalid: false, wall });
  return column.wall[0];
}

export function quote(value: unknown): string {
  if (isDateObject(value)) return Number.isNaN(value.getTime()) ? '"Invalid Date"' : formatWallTime(wallTimeOfDate(value));
  if (typeof value === 'string') return `"${value.length > 60 ? `${value.slice(0, 57)}...` : value}"`;
  // A whole range passed where one value belongs: name its shape, not its 100 KB of cells.
  if (Array.isArray(value)) return `a range of ${value.length} rows`;
  const text = cellText(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
