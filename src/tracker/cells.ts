// What a cell is, before it is a date, a number or a name: blank or not, and its text.

/**
 * Blank cells arrive as "" (Sheets) or null/undefined (omitted arguments, JSON); a cell of spaces is
 * blank too. A string that starts with a visible character is not, and costs no trim.
 */
export function isBlank(value: unknown): boolean {
  if (value === '' || value === null || value === undefined) return true;
  if (typeof value !== 'string') return false;
  const first = value.charCodeAt(0);
  // Below U+1680 the only white space is ASCII's (≤ 32) and the no-break space (U+00A0).
  if (first > 32 && first !== 0xa0 && first < 0x1680) return false;
  return value.trim() === '';
}

export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  return String(value);
}

/**
 * One column of a 2-D range, read in place: cell i is rows[from + i][index]. Readers take this
 * rather than a copied array: copying a 100,000-row column costs more than reading it.
 */
export interface Column {
  rows: readonly (readonly unknown[])[];
  index: number;
  from: number;
  length: number;
}

export function columnOf(rows: readonly (readonly unknown[])[], index = 0, from = 0): Column {
  return { rows, index, from, length: Math.max(0, rows.length - from) };
}

/** A plain list of cells as a column (small inputs, tests). */
export function listColumn(values: readonly unknown[]): Column {
  return columnOf(values.map((v) => [v]));
}

/** Cell i of a column; undefined past a short row. */
export function cellAt(column: Column, i: number): unknown {
  const row = column.rows[column.from + i];
  return row === undefined ? undefined : row[column.index];
}
