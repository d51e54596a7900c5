// Google's recalculation model for custom functions (RULES.md): a formula cell that calls one is
// evaluated again only when its formula text or a value it references changed since Sheets last saw
// it — Sheets sees the sheet at SpreadsheetApp.flush() and when a run ends, so a formula replaced and
// put back within one batch is no change — and its result is kept by formula and arguments.
import { parseA1, splitSheetName } from './a1';
import { isDate } from './realm';
import type { Book, CellValue, SheetModel } from './spreadsheet';

/** What a cell's last evaluation was for: its formula text and its arguments' values. */
interface Evaluated {
  formula: string;
  args: string;
}

export interface ParsedCall {
  name: string;
  /** Each argument: a literal, or a reference read at evaluation time. */
  args: ({ literal: unknown } | { sheet: string | null; a1: string })[];
}

/** Splits the text between a call's parentheses at its top-level commas (quotes and brackets respected). */
function splitArgs(text: string): string[] | null {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '(' || ch === '{')) depth++;
    else if (!quoted && (ch === ')' || ch === '}')) depth--;
    else if (!quoted && depth === 0 && ch === ',') {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
    if (depth < 0) return null;
  }
  if (quoted || depth !== 0) return null;
  parts.push(text.slice(start));
  return text.trim() === '' ? [] : parts;
}

/** A formula that is one call of a function with literal and reference arguments, or null (the host evaluates no other). */
export function parseCall(formula: string): ParsedCall | null {
  const m = /^=\s*([A-Za-z_][A-Za-z0-9_.]*)\s*\(([\s\S]*)\)\s*$/.exec(formula);
  if (!m) return null;
  const parts = splitArgs(m[2]);
  if (!parts) return null;
  const args: ParsedCall['args'] = [];
  for (const raw of parts) {
    const part = raw.trim();
    if (part === '') args.push({ literal: '' });
    else if (/^"([^"]|"")*"$/.test(part)) args.push({ literal: part.slice(1, -1).replace(/""/g, '"') });
    else if (/^-?\d+(\.\d+)?$/.test(part)) args.push({ literal: Number(part) });
    else if (/^(TRUE|FALSE)$/i.test(part)) args.push({ literal: part.toUpperCase() === 'TRUE' });
    else {
      const { sheet, cells } = splitSheetName(part);
      if (!parseA1(cells, 1)) return null;
      args.push({ sheet, a1: cells });
    }
  }
  return { name: m[1].toUpperCase(), args };
}

/** A reference's values as Sheets passes them: one cell as its value, a range as rows (an open end runs to the sheet's last row). */
function readReference(book: Book, from: SheetModel, ref: { sheet: string | null; a1: string }): unknown {
  const sheet = ref.sheet === null ? from : book.sheet(ref.sheet);
  if (!sheet) return '#REF!';
  const rect = parseA1(ref.a1, sheet.maxRows)!;
  if (rect.numRows === 1 && rect.numColumns === 1 && !ref.a1.includes(':')) return sheet.get(rect.row, rect.column);
  return Array.from({ length: rect.numRows }, (_, r) =>
    Array.from({ length: rect.numColumns }, (_, c) => sheet.get(rect.row + r, rect.column + c)),
  );
}

function argsKey(args: unknown[]): string {
  return JSON.stringify(args, (_key, value: unknown) => (isDate(value) ? { date: (value as Date).getTime() } : value));
}

/** How the host evaluates one call: the result, or the text Sheets shows for an error. */
export type Evaluate = (name: string, args: unknown[]) => CellValue;

/** A result in its cell; an array spills right and down (over blank cells only: else #REF!, as Sheets). */
function writeResult(sheet: SheetModel, row: number, column: number, result: unknown): [number, number][] {
  if (!Array.isArray(result)) {
    sheet.set(row, column, result as CellValue);
    return [];
  }
  const rows = (result as unknown[]).map((line) => (Array.isArray(line) ? line : [line]));
  const spill: [number, number][] = [];
  for (let r = 0; r < rows.length; r++) {
    for (let c = 0; c < rows[r].length; c++) {
      if (r === 0 && c === 0) continue;
      if (sheet.get(row + r, column + c) !== '' || sheet.formulas.has(`${row + r}:${column + c}`)) {
        sheet.set(row, column, '#REF!');
        return [];
      }
      spill.push([row + r, column + c]);
    }
  }
  for (let r = 0; r < rows.length; r++)
    for (let c = 0; c < rows[r].length; c++) sheet.set(row + r, column + c, (rows[r][c] ?? '') as CellValue);
  return spill;
}

export class Recalculation {
  /** Per "sheet id:row:column": what the cell was last evaluated for. */
  private readonly evaluated = new Map<string, Evaluated>();
  /** Per cell: the cells its last array result spilled into (cleared when it is evaluated again). */
  private readonly spills = new Map<string, [number, number][]>();
  /** How many cells each recalculate() evaluated, for tests. */
  lastEvaluated: string[] = [];

  constructor(
    private readonly book: Book,
    private readonly isCustomFunction: (name: string) => boolean,
  ) {}

  /** What Sheets sees at a flush or a run's end: a cell whose formula is not the one evaluated is to be evaluated again. */
  commit(): void {
    const current = new Map<string, string>();
    for (const sheet of this.book.sheets) for (const [key, formula] of sheet.formulas) current.set(`${sheet.id}:${key}`, formula);
    for (const [key, record] of this.evaluated) if (current.get(key) !== record.formula) this.evaluated.delete(key);
  }

  /** Evaluates the formula cells of custom functions whose formula or referenced values changed; returns how many. */
  recalculate(evaluate: Evaluate): number {
    this.commit();
    this.lastEvaluated = [];
    for (const sheet of this.book.sheets) {
      for (const [key, formula] of [...sheet.formulas]) {
        const call = parseCall(formula);
        if (!call || !this.isCustomFunction(call.name)) continue;
        const args = call.args.map((a) => ('literal' in a ? a.literal : readReference(this.book, sheet, a)));
        const id = `${sheet.id}:${key}`;
        const record = { formula, args: argsKey(args) };
        const before = this.evaluated.get(id);
        if (before && before.formula === record.formula && before.args === record.args) continue;
        const [row, column] = key.split(':').map(Number);
        for (const [r, c] of this.spills.get(id) ?? []) if (!sheet.formulas.has(`${r}:${c}`)) sheet.set(r, c, '');
        this.spills.set(id, writeResult(sheet, row, column, evaluate(call.name, args)));
        this.evaluated.set(id, record);
        this.lastEvaluated.push(`${sheet.name}!${key}`);
      }
    }
    return this.lastEvaluated.length;
  }
}
