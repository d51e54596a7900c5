// Reading and writing blocks of cells: one getValues per sheet read, one setValues per block written,
// the grid grown first (Sheets refuses ranges outside it).
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Grows the sheet's grid so that rows × columns fit; calls only when it must grow. */
export function ensureGrid(sheet: Sheet, rows: number, columns: number): void {
  const maxRows = sheet.getMaxRows();
  if (maxRows < rows) sheet.insertRowsAfter(maxRows, rows - maxRows);
  const maxColumns = sheet.getMaxColumns();
  if (maxColumns < columns) sheet.insertColumnsAfter(maxColumns, columns - maxColumns);
}

/** Pads ragged rows to one width (setValues wants a rectangle). */
export function rectangle<T>(rows: readonly (readonly T[])[], blank: T): T[][] {
  const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
  return rows.map((r) => (r.length === width ? [...r] : [...r, ...Array.from({ length: width - r.length }, () => blank)]));
}

/** All values of a sheet's used range, header row first: one call. */
export function readSheetValues(sheet: Sheet): unknown[][] {
  if (sheet.getLastRow() === 0) return [];
  return sheet.getDataRange().getValues();
}

/** The first row only: what a sheet's headers are, without reading its data. */
export function readHeaderRow(sheet: Sheet): unknown[] {
  return sheet.getRange(1, 1, 1, Math.max(1, sheet.getLastColumn())).getValues()[0];
}

/** `base`, or "base 2", "base 3", … ("base (2)" … with `parenthesised`): the first name no sheet has yet. */
export function freeSheetName(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, base: string, parenthesised = false): string {
  for (let n = 1; ; n++) {
    const name = n === 1 ? base : parenthesised ? `${base} (${n})` : `${base} ${n}`;
    if (!spreadsheet.getSheetByName(name)) return name;
  }
}

/** Text from the data, forced to stay text: Sheets turns "=…", "+7…", "2024-01-01" into formulas, numbers, dates. */
export function asText(value: string): string {
  return `'${value}`;
}

export const SUMMARY_KEY = 'salesKpi.summary';
/** A summary sheet under construction: marked before its first cell is written, unmarked when it is in place. */
export const SUMMARY_BUILDING_KEY = `${SUMMARY_KEY}.building`;
export const SAMPLE_KEY = 'salesKpi.sample';
export const WATCH_LOG_KEY = 'salesKpi.watchLog';

/** The add-on's marks on a sheet (developer metadata keys): one read for every question about it. */
export function sheetMarks(sheet: Sheet): string[] {
  return sheet.getDeveloperMetadata().map((m) => m.getKey());
}

/** Whether the add-on made this sheet (marked with developer metadata under `key`). */
export function isOwnedSheet(sheet: Sheet, key: string): boolean {
  return sheetMarks(sheet).includes(key);
}
