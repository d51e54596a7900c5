// What a cell is, before it is a date, a number or a name: blank or not, and its text.
import { keepShape } from './shapes';

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

/** How many distinct cells a CellMemo compares one by one before it turns to a hash map. */
const FEW_DISTINCT = 12;
/** Slots of a CellMemo's direct table (a power of two). */
const SLOTS = 256;

/**
 * Where a text may sit in a CellMemo's direct table: from its length and its first and last
 * characters, no hashing of the whole text (never called with "").
 */
function slotOf(text: string): number {
  return (text.length * 31 + text.charCodeAt(0) + text.charCodeAt(text.length - 1) * 7) & (SLOTS - 1);
}

/**
 * What a pure reading of a cell gave, per distinct cell: a column of stages or statuses holds a
 * handful of distinct texts. Each text first claims a slot of a small table chosen by its length
 * and end characters, so most cells cost one comparison with the text in their slot — no loop and
 * no hashing, whose branches a column of randomly mixed values mispredicts row after row. Texts
 * whose slot is taken, and other cells, are compared one by one against the first dozen distinct
 * cells, then looked up in a Map. A class with one shape, so a per-cell call stays optimised even
 * though every custom-function call makes its own.
 * @example new CellMemo((c) => String(c).length).get('Won') // 3, read once however many rows say "Won"
 */
export class CellMemo<V> {
  private readonly slotKeys: (string | null)[] = new Array<string | null>(SLOTS).fill(null);
  private readonly slotValues: (V | undefined)[] = new Array<V | undefined>(SLOTS).fill(undefined);
  private readonly keys: unknown[] = [];
  private readonly values: V[] = [];
  private map: Map<unknown, V> | null = null;
  // "" (a blank cell, common in status columns) has a field of its own.
  private emptyRead = false;
  private emptyValue: V | undefined = undefined;

  constructor(private readonly read: (cell: unknown) => V) {
    keepShape(this);
  }

  get(cell: unknown): V {
    if (typeof cell === 'string') {
      if (cell.length === 0) {
        if (!this.emptyRead) {
          this.emptyValue = this.lookUp(cell);
          this.emptyRead = true;
        }
        return this.emptyValue as V;
      }
      const slot = slotOf(cell);
      if (this.slotKeys[slot] === cell) return this.slotValues[slot] as V;
      const value = this.lookUp(cell);
      if (this.slotKeys[slot] === null) {
        this.slotKeys[slot] = cell;
        this.slotValues[slot] = value;
      }
      return value;
    }
    return this.lookUp(cell);
  }

  private lookUp(cell: unknown): V {
    const map = this.map;
    if (map === null) {
      const keys = this.keys;
      // NaN is not === itself: the list compares by Object.is for it, as a Map does.
      if (cell !== cell) {
        for (let i = 0; i < keys.length; i++) if (keys[i] !== keys[i]) return this.values[i];
      } else for (let i = 0; i < keys.length; i++) if (keys[i] === cell) return this.values[i];
    } else {
      const value = map.get(cell);
      if (value !== undefined || map.has(cell)) return value as V;
    }
    const value = this.read(cell);
    if (map !== null) map.set(cell, value);
    else if (this.keys.length < FEW_DISTINCT) {
      this.keys.push(cell);
      this.values.push(value);
    } else {
      this.map = new Map<unknown, V>(this.keys.map((k, i) => [k, this.values[i]]));
      this.map.set(cell, value);
    }
    return value;
  }
}
