// What a custom function may ask of its surroundings: each read at most once, and only when needed.
import type { Settings } from '../settings/schema';
import { dayOrderOfLocale, offsetsOf, WallTimeReader, type DayOrder, type WallOf } from '../tracker/dates';
import { builtInStatusWords, statusOf, statusWords, type Status, type StatusWords } from '../tracker/statuses';
import { CellMemo, isBlank } from '../tracker/cells';

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
 * the built-in words.
 */
export function statusReader(env: FunctionEnv): { status: (cell: unknown) => Status } {
  let extra: StatusWords | null = null;
  const words = () => {
    if (extra) return extra;
    const s = env.settings();
    extra = s && (s.wonWords.length || s.lostWords.length) ? statusWords(s.wonWords, s.lostWords) : builtInStatusWords();
    return extra;
  };
  const seen = new CellMemo<Status>((cell) => {
    const builtIn = statusOf(cell);
    return builtIn !== 'open' || isBlank(cell) ? builtIn : statusOf(cell, words());
  });
  return { status: (cell) => seen.get(cell) };
}
