// What a custom function may ask of its surroundings: each read at most once, and only when needed.
import type { Settings } from '../settings/schema';
import { dayOrderOfLocale, zoneClock, type DayOrder } from '../tracker/dates';
import { builtInStatusWords, statusOf, statusWords, type Status, type StatusWords } from '../tracker/statuses';
import { isBlank } from '../tracker/cells';

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
 * on text dates or serials never asks for it.
 */
export function zoneWallOf(env: FunctionEnv): (date: Date) => number {
  let wallOf: ((date: Date) => number) | null = null;
  return (date) => (wallOf ??= zoneClock(env.timeZone()).wallOf)(date);
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
  const seen = new Map<unknown, Status>();
  const read = (cell: unknown): Status => {
    const builtIn = statusOf(cell);
    return builtIn !== 'open' || isBlank(cell) ? builtIn : statusOf(cell, words());
  };
  return {
    status: (cell) => {
      let status = seen.get(cell);
      if (status === undefined) seen.set(cell, (status = read(cell)));
      return status;
    },
  };
}
