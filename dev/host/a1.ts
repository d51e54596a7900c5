// A1 notation: "B2", "A1:C10", "A2:D" (to the last row), "A:C", "'My sheet'!A1:B2".

export interface GridRect {
  row: number; // 1-based
  column: number;
  numRows: number;
  numColumns: number;
}

export function columnLetters(column: number): string {
  let s = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function a1Of(rect: GridRect): string {
  const start = `${columnLetters(rect.column)}${rect.row}`;
  if (rect.numRows === 1 && rect.numColumns === 1) return start;
  return `${start}:${columnLetters(rect.column + rect.numColumns - 1)}${rect.row + rect.numRows - 1}`;
}

/** Splits "'Sheet'!A1:B2" into sheet name and the A1 part. */
export function splitSheetName(a1: string): { sheet: string | null; cells: string } {
  const bang = a1.lastIndexOf('!');
  if (bang === -1) return { sheet: null, cells: a1 };
  const sheet = a1
    .slice(0, bang)
    .replace(/^'(.*)'$/, '$1')
    .replace(/''/g, "'");
  return { sheet, cells: a1.slice(bang + 1) };
}

/** Parses A1 notation against a grid's size; null when it is not valid A1. */
export function parseA1(a1: string, maxRows: number): GridRect | null {
  const m = /^\$?([A-Z]+)\$?(\d*)(?::\$?([A-Z]+)\$?(\d*))?$/i.exec(a1.trim());
  if (!m) return null;
  const c1 = columnNumber(m[1]);
  const r1 = m[2] ? Number(m[2]) : 1;
  if (m[3] === undefined) {
    if (!m[2]) return null;
    return { row: r1, column: c1, numRows: 1, numColumns: 1 };
  }
  const c2 = columnNumber(m[3]);
  const r2 = m[4] ? Number(m[4]) : maxRows;
  if (r1 < 1) return null;
  const top = Math.min(r1, r2);
  const left = Math.min(c1, c2);
  return { row: top, column: left, numRows: Math.abs(r2 - r1) + 1, numColumns: Math.abs(c2 - c1) + 1 };
}
