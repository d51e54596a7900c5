// What a custom function may ask of its surroundings: each read at most once, and only when needed.
import type { Settings } from '../settings/schema';
import { dayOrderOfLocale, offsetsOf, WallTimeReader, type DayOrder, type WallOf } from '../tracker/dates';
import { builtInStatusWords, statusOf, statusWords, type RowStatuses, type Status, type StatusWords } from '../tracker/statuses';
import { cellAt, CellMemo, isBlank, type Column } from '../tracker/cells';
import { keepShape } from '../tracker/shapes';

export interface FunctionEnv {
  /** The spreadsheet's locale, e.g. "ru_RU" (messages, date order of ambiguous columns). */
  locale(): string;
  /** The spreadsheet's time zone: the wall time of every Date cell and of "now" (never the script's zone). */
  timeZone(): string;
  /** The saved settings, or null when none are saved. */
  settings(): Settings | null;
  /** Now, as an instant (ms since the epoch). */
  now(): number;
}

/** Wraps an env so that each read happens at most once per call. */
export function memoEnv(env: FunctionEnv): FunctionEnv {
  let locale: string | undefined;
  let timeZone: string | undefined;
  let settings: Settings | null | undefined;
  return {
    locale: () => (locale ??= env.locale()),
    timeZone: () => (timeZone ??= env.timeZone()),
    settings: () => (settings === undefined ? (settings = env.settings()) : settings),
    now: env.now,
  };
}

/**
 * Wall time of Date cells in the spreadsheet's zone; the zone is read at the first Date, so a call
 * on text dates or serials never asks for it. One reader per call (the env is per call), shared by
 * all its date arguments.
 */
const zoneWalls = new WeakMap<FunctionEnv, WallTimeReader>();

export function zoneWall(env: FunctionEnv): WallOf {
  let wall = zoneWalls.get(env);
  if (!wall) zoneWalls.set(env, (wall = new WallTimeReader(() => offsetsOf(env.timeZone()))));
  return wall;
}

export function localeOrder(env: FunctionEnv): () => DayOrder {
  return () => dayOrderOfLocale(env.locale());
}

/**
 * Status of a cell; the settings' extra won/lost words are read only when a cell is not one of
 * the built-in words. Each distinct cell is read once per call.
 */
export class StatusReader {
  private extra: StatusWords | null = null;
  private readonly seen: CellMemo<Status>;

  constructor(private readonly env: FunctionEnv) {
    this.seen = new CellMemo<Status>((cell) => {
      const builtIn = statusOf(cell);
      return builtIn !== 'open' || isBlank(cell) ? builtIn : statusOf(cell, this.words());
    });
    keepShape(this);
  }

  status(cell: unknown): Status {
    return this.seen.get(cell);
  }

  /** The statuses of a column's rows, row i being cell `offset + i`. */
  column(cells: Column, offset = 0): RowStatuses {
    return new StatusColumn(cells, offset, this.seen);
  }

  private words(): StatusWords {
    if (this.extra) return this.extra;
    const s = this.env.settings();
    return (this.extra = s && (s.wonWords.length || s.lostWords.length) ? statusWords(s.wonWords, s.lostWords) : builtInStatusWords());
  }
}

class StatusColumn implements RowStatuses {
  constructor(
    private readonly cells: Column,
    private readonly offset: number,
    private readonly seen: CellMemo<Status>,
  ) {
    keepShape(this);
  }

  at(row: number): Status {
    return this.seen.get(cellAt(this.cells, this.offset + row));
  }
}
