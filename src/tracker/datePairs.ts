// Two date columns read as pairs (start and end, created and answered), so metrics over pairs are written once.
import { cellAt, type Column } from './cells';
import { NOT_PLAIN, plainWall, spareWalls } from './dateCells';
import { keepShape } from './shapes';
import type { WallOf } from './zoneClock';

/**
 * Rows of paired wall times (start and end, created and answered), one row at a time: `read(row)`
 * puts the row's two in `a` and `b` (NaN where a date is missing). Metrics over pairs (durations, SLA
 * counts) take either kind below, so they are written once.
 */
export interface WallPairs {
  readonly length: number;
  a: number;
  b: number;
  /** False when the row cannot be read this way: the caller reads the columns in full instead. */
  read(row: number): boolean;
  /** A column of `length` values the metric may write over (what it reads from it is read first). */
  scratch(): Float64Array;
}

/** Two columns of wall times already read. Its scratch is the first column: the caller made it for this. */
export class WallColumns implements WallPairs {
  a = NaN;
  b = NaN;

  constructor(
    private readonly first: Float64Array,
    private readonly second: Float64Array,
  ) {
    keepShape(this);
  }

  get length(): number {
    return this.first.length;
  }

  read(row: number): boolean {
    this.a = this.first[row];
    this.b = this.second[row];
    return true;
  }

  scratch(): Float64Array {
    return this.first;
  }
}

/**
 * Two date columns of one height read side by side as the metric goes, for the usual tracker whose
 * every cell is a Date, a serial number or empty: no column of wall times is made, and the metric
 * computes as it reads (a pass and a column's memory saved). A row with anything else
 * (text, an unreadable value) is not read: the caller then reads each column with readDateColumn,
 * which settles text dates and says what is wrong where.
 */
export class PlainDatePair implements WallPairs {
  a = NaN;
  b = NaN;

  private constructor(
    private readonly first: Column,
    private readonly second: Column,
    private readonly reader: WallOf,
  ) {
    keepShape(this);
  }

  /** Null when the heights differ (the full readers report it). */
  static of(first: Column, second: Column, reader: WallOf): PlainDatePair | null {
    return first.length === second.length ? new PlainDatePair(first, second, reader) : null;
  }

  get length(): number {
    return this.first.length;
  }

  read(row: number): boolean {
    this.a = plainWall(cellAt(this.first, row), this.reader);
    this.b = plainWall(cellAt(this.second, row), this.reader);
    return this.a !== NOT_PLAIN && this.b !== NOT_PLAIN;
  }

  scratch(): Float64Array {
    return spareWalls.take(this.first.length);
  }
}
