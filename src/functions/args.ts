// Turning what Sheets passes (scalars, 2-D arrays, "" for omitted) into what the metrics take.
import { UserError } from '../errors';
import { cellAt, columnOf, isBlank, type Column } from '../tracker/cells';
import { quote } from '../tracker/dates';
import { nameKey } from '../tracker/names';
import { LARGEST_AMOUNT, parseNumber } from '../tracker/numbers';

/** undefined, null and "" (an empty argument between commas) all mean omitted. */
export function isOmitted(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

/** A range as rows: a single cell arrives as a scalar. */
export function asGrid(value: unknown, _arg: string): unknown[][] {
  if (!Array.isArray(value)) return [[value]];
  // Sheets hands over rectangles: the first row tells the shape (a flat list is one column).
  if (value.length > 0 && !Array.isArray(value[0])) return value.map((v) => [v]);
  return value as unknown[][];
}

export function columnCount(grid: readonly (readonly unknown[])[]): number {
  return grid.length ? grid[0].length : 0;
}

/** One column of cells, read in place; a single cell is fine, several columns are not. */
export function asColumn(value: unknown, arg: string): Column {
  const grid = asGrid(value, arg);
  const columns = columnCount(grid);
  if (columns > 1) throw new UserError('oneColumn', { arg, columns });
  return columnOf(grid);
}

/** A value per cell of a column (statuses and the like). */
export function mapColumn<T>(column: Column, read: (cell: unknown) => T): T[] {
  const out: T[] = [];
  for (let i = 0; i < column.length; i++) out.push(read(cellAt(column, i)));
  return out;
}

/** Every non-blank cell of a range, row by row: for lists such as a funnel given as a row or a column. */
export function asList(value: unknown, arg: string): unknown[] {
  return asGrid(value, arg)
    .flat()
    .filter((v) => !isBlank(v));
}

export function requireSameRows(arg: string, rows: number, other: string, otherRows: number): void {
  if (rows !== otherRows) throw new UserError('sizeMismatch', { arg, rows, other, otherRows });
}

export function optionalBoolean(value: unknown, arg: string): boolean {
  if (isOmitted(value)) return false;
  if (typeof value === 'boolean') return value;
  if (value === 1 || value === 0) return value === 1;
  const key = nameKey(value);
  if (['true', 'истина', 'да', 'yes'].includes(key)) return true;
  if (['false', 'ложь', 'нет', 'no'].includes(key)) return false;
  throw new UserError('badBoolean', { arg, value: quote(value) });
}

export function optionalNumber(value: unknown, arg: string, fallback: number, rule: 'positive' | 'nonNegative'): number {
  if (isOmitted(value)) return fallback;
  const n = parseNumber(value);
  if (rule === 'positive' ? !(n > 0) : !(n >= 0)) {
    throw new UserError(rule === 'positive' ? 'badPositive' : 'badNonNegative', { arg, value: quote(value) });
  }
  return n;
}

/** Amounts: blank is 0, anything unreadable (or absurdly large) is an error naming the row. */
export function readAmounts(cells: Column, arg: string): Float64Array {
  const { rows, index, from, length } = cells;
  const out = new Float64Array(length);
  for (let row = 0; row < length; row++) {
    const line = rows[from + row];
    out[row] = amountOf(line === undefined ? undefined : line[index], row, arg);
  }
  return out;
}

/** One amount cell (row counted from 0): blank is 0, anything unreadable or absurdly large an error naming the row. */
export function amountOf(cell: unknown, row: number, arg: string): number {
  // Most cells are plain numbers: take them without the general parse.
  if (typeof cell === 'number' && cell <= LARGEST_AMOUNT && cell >= -LARGEST_AMOUNT) return cell;
  if (isBlank(cell)) return 0;
  const n = parseNumber(cell);
  if (!(Math.abs(n) <= LARGEST_AMOUNT)) throw new UserError('badNumber', { arg, row: row + 1, value: quote(cell) });
  return n;
}
