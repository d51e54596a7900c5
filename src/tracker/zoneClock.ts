// Wall time: the calendar fields of a date encoded as if they were UTC, so that whole days apart
// are whole days apart even across a daylight-saving change — and the spreadsheet zone's clock that makes it.
import { keepShape } from './shapes';

export const MS_PER_DAY = 86_400_000;
export const MS_PER_MINUTE = 60_000;
const DAYS_PER_MS = 1 / MS_PER_DAY;

const NEAR_DAYS = 16_384; // ±22 years around the first date
const NO_DAYS = new Float64Array(0);
const OFFSET_BIAS = 100_000;
const TRANSITION = 1;
/** The widest gap, in days, between the span of one offset and a date that the span is widened across. */
const SPAN_GAP_DAYS = 64;
/** A span narrower than this is moved to a date too far from it rather than kept. */
const YOUNG_SPAN_DAYS = 7;

/** Works for Dates made in another V8 context (Apps Script hands us its own realm's Dates). */
export function isDateObject(value: unknown): value is Date {
  return value instanceof Date || Object.prototype.toString.call(value) === '[object Date]';
}

/** The local calendar fields of a Date as wall time (one time-zone lookup, not seven field getters). */
export function wallTimeOfDate(date: Date): number {
  return date.getTime() - date.getTimezoneOffset() * MS_PER_MINUTE;
}

/** What turns a Date cell into wall time: a reader, a clock, or anything with this method. */
export interface WallOf {
  wallOf(date: Date): number;
  /** The same for an instant (ms since the epoch), when the Date's time is already read. */
  wallAt(t: number): number;
}

/**
 * wallTimeOfDate for a whole column: the time-zone offset is looked up a week at a time — at the
 * starts of the week and of the next one; when they agree, every day between has that offset, and
 * when they differ a binary search over the day starts finds the one day with the change, which
 * asks for each of its Dates. Same result, a fraction of the lookups (each an Intl call for a named
 * zone): about 60 for a year of dates instead of one or two per day. It assumes no zone changes its
 * offset twice within one of its weeks (seven UTC days): the closest changes in the time-zone data
 * since 1970, Recife's in October 2000, were 6 days 23 hours apart but on UTC days seven apart, so
 * no week holds both (tested).
 *
 * A class, not closures: every call of a custom function makes a new reader, and a per-cell call
 * of a method on one shape stays optimised where a new closure each time would not.
 */
export class WallTimeReader implements WallOf {
  // Per UTC day: the offset + OFFSET_BIAS when constant all day, TRANSITION when it changes, 0 unknown.
  // Days near the first one seen are indexed directly; others go to a Map.
  // Made with the first date (128 KB), unless the zone has no offsets to learn.
  private near = NO_DAYS;
  private readonly far = new Map<number, number>();
  private base = NaN;
  private baseMs = NaN; // base * MS_PER_DAY
  private offsets: ((t: number) => number) | null = null;
  // The span of whole days around the dates read so far with one offset, as instants [from, to):
  // most zones keep one offset for years (Moscow since 2014), and a date inside costs two
  // comparisons instead of a day's table read. NaN until a date is read: every comparison false.
  private from = NaN;
  private to = NaN;
  private shift = NaN; // ms to subtract inside the span (the offset in ms)
  private mixed = false; // dates of two offsets seen: no span
  private readonly changes = new Map<number, number>(); // day → changeOn's instant

  /** `offsetsOf` is asked when the first date needs an offset (for a zone: its read, an Intl formatter). */
  constructor(private readonly offsetsOf: () => (t: number) => number = () => localOffset) {
    keepShape(this);
  }

  wallOf(date: Date): number {
    return this.wallAt(date.getTime());
  }

  /**
   * Wall time of an instant (ms since the epoch): inside the span of one offset, a subtraction;
   * else one table read. Small enough to be inlined into a reading loop; whatever is not a known
   * day of the near table goes to shiftSlowly.
   */
  wallAt(t: number): number {
    if (t >= this.from && t < this.to) return t - this.shift;
    // Days since the table's first by a multiplication (a division costs several times more: a
    // tenth of a call in a zone with summer time); exact at every day start of the table (a test
    // checks each). Before the first date, baseMs is NaN and so is i: the comparisons are false.
    const i = (t - this.baseMs) * DAYS_PER_MS;
    const known = i >= 0 && i < NEAR_DAYS ? this.near[i | 0] : 0;
    // One subtraction after the paths meet: whether or not the reading loop inlines shiftSlowly
    // (it does not when a call has run it only once, as in UTC), the wall time stays an unboxed
    // number. A call's result returned as the wall time made the loop box every wall time it read
    // (two numbers of garbage a row).
    return t - (known > TRANSITION ? (known - OFFSET_BIAS) * MS_PER_MINUTE : this.shiftSlowly(t, Math.floor(t / MS_PER_DAY)));
  }

  /** A day the table does not know yet: its week is learned, and the span widened to it. The ms to subtract. */
  private shiftSlowly(t: number, day: number): number {
    if (this.base !== this.base && this.begin(day)) return this.shift;
    const known = this.dayOf(day);
    if (known !== TRANSITION && !this.mixed) this.widenTo(day, known);
    return (known === TRANSITION ? this.offsetOnChangeDay(t, day) : known - OFFSET_BIAS) * MS_PER_MINUTE;
  }

  /**
   * The first date read: the table is centred on its day. True when the zone has no offsets to
   * learn (UTC, GMT): then the span is every instant. Apart from shiftSlowly, which a reading
   * loop inlines: its size counts against what else the loop can inline.
   */
  private begin(day: number): boolean {
    this.baseMs = (this.base = day - NEAR_DAYS / 2) * MS_PER_DAY;
    if ((this.offsets ??= this.offsetsOf()) === noOffset) {
      this.from = -Infinity;
      this.to = Infinity;
      this.shift = 0;
      return true;
    }
    if (this.near === NO_DAYS) this.near = new Float64Array(NEAR_DAYS);
    return false;
  }

  /** The offset of a date on the day its zone changes offset: before the instant of change, the old one. */
  private offsetOnChangeDay(t: number, day: number): number {
    this.mixed = true;
    this.from = this.to = NaN;
    return t < this.changeOn(day) ? this.atStart(day) : this.atStart(day + 1);
  }

  /** What the table knows of a day (learning its week first when it knows nothing). */
  private dayOf(day: number): number {
    const known = this.knownOf(day);
    if (known !== 0) return known;
    this.learnWeekOf(day);
    return this.knownOf(day);
  }

  /**
   * Widens the span to a day of one offset (`known`, as the table holds it), learning the days
   * between. Called only when a week is first learned, so its work is bounded by the weeks, never
   * by the rows. Dates of two offsets (a zone with summer time, a change of the zone's rules) end
   * the span for this reader: a span that covers part of the dates would cost the rest a missed
   * branch each, and the table alone is faster there. A day further than SPAN_GAP_DAYS from the
   * span is left to the table (a stray date years away must not make the reader learn every week
   * between), except that a span of a few days is moved to it: it was likely started by an
   * outlier such as an as_of date.
   */
  private widenTo(day: number, known: number): void {
    const shift = (known - OFFSET_BIAS) * MS_PER_MINUTE;
    const first = this.from / MS_PER_DAY;
    const end = this.to / MS_PER_DAY; // the day after the span
    const gap = day >= end ? day - end + 1 : first - day; // days to learn to reach it (NaN: no span)
    if (!(gap <= SPAN_GAP_DAYS) && !(end - first >= YOUNG_SPAN_DAYS)) {
      this.from = day * MS_PER_DAY;
      this.to = (day + 1) * MS_PER_DAY;
      this.shift = shift;
      return;
    }
    if (day >= first && day < end) return;
    if (shift === this.shift && gap > SPAN_GAP_DAYS) return; // too far: the table reads it
    // Every day between must have the span's offset too.
    const step = day >= end ? 1 : -1;
    if (shift === this.shift) {
      for (let d = step === 1 ? end : first - 1; this.dayOf(d) === known; d += step) {
        if (d !== day) continue;
        if (step === 1) this.to = (day + 1) * MS_PER_DAY;
        else this.from = day * MS_PER_DAY;
        return;
      }
    }
    this.mixed = true;
    this.from = this.to = NaN;
  }

  private offsetAt(t: number): number {
    return (this.offsets ??= this.offsetsOf())(t);
  }

  /**
   * The instant a day of change takes its new offset: found once per reader by halving the day to
   * the millisecond (27 lookups), instead of a lookup — an Intl call — per date of that day.
   */
  private changeOn(day: number): number {
    let at = this.changes.get(day);
    if (at === undefined) {
      // The day's start has the old offset, the next day's start the new one.
      at = this.firstWithOther(day * MS_PER_DAY, (day + 1) * MS_PER_DAY, this.atStart(day), 1);
      this.changes.set(day, at);
    }
    return at;
  }

  /**
   * The first x after `lo` whose offset (at x × `unit` ms) is not `before`, by halving: `lo` has
   * that offset and `hi` does not (the days of a week by their starts, or the instants of a day).
   * No closure: these run inside the reading loops' inlined slow path.
   */
  private firstWithOther(lo: number, hi: number, before: number, unit: number): number {
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (this.offsetAt(mid * unit) === before) lo = mid;
      else hi = mid;
    }
    return hi;
  }

  private knownOf(day: number): number {
    const i = day - this.base;
    return i >= 0 && i < NEAR_DAYS ? this.near[i] : (this.far.get(day) ?? 0);
  }

  /** The offset at a UTC day's start (a zone's offsets keep those: see offsetsOf). */
  private atStart(day: number): number {
    return this.offsetAt(day * MS_PER_DAY);
  }

  private learnWeekOf(day: number): void {
    const first = day - (((day % 7) + 7) % 7);
    const a = this.atStart(first);
    const b = this.atStart(first + 7);
    // The first day whose start has the new offset (first + 7: none this week).
    const change = a === b ? first + 7 : this.firstWithOther(first, first + 7, a, MS_PER_DAY);
    for (let d = first; d < first + 7; d++) {
      const value = d < change - 1 ? a + OFFSET_BIAS : d === change - 1 && a !== b ? TRANSITION : b + OFFSET_BIAS;
      const i = d - this.base;
      if (i >= 0 && i < NEAR_DAYS) this.near[i] = value;
      else this.far.set(d, value);
    }
  }
}

/** The script's own zone: minutes to add to local time to get UTC, like Date#getTimezoneOffset. */
function localOffset(t: number): number {
  return new Date(t).getTimezoneOffset();
}

/**
 * The offset function of a named zone (the spreadsheet's), through Intl; null where Intl does not
 * know the zone, and the caller falls back to the script's zone.
 */
export function zoneOffset(zone: string): ((t: number) => number) | null {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    return null;
  }
  const offsetOf = (t: number, wall: number) => Math.round((Math.floor(t / 1000) * 1000 - wall) / MS_PER_MINUTE);
  const fromParts = (parts: Intl.DateTimeFormatPart[], t: number) => {
    const p: Record<string, number> = {};
    for (const part of parts) if (part.type !== 'literal') p[part.type] = Number(part.value);
    return offsetOf(t, Date.UTC(p.year, p.month - 1, p.day, p.hour % 24, p.minute, p.second));
  };
  const byParts = (t: number) => fromParts(format.formatToParts(t), t);
  // format() costs a quarter of formatToParts(): its six numbers are read in the parts' order
  // (en-US: month, day, year, hour, minute, second), checked once against formatToParts.
  const probe = 1_700_000_000_000;
  const parts = format.formatToParts(probe);
  if (
    parts
      .filter((part) => part.type !== 'literal')
      .map((part) => part.type)
      .join(',') !== 'month,day,year,hour,minute,second'
  )
    return byParts;
  const byText = (t: number) => {
    const n = format.format(t).match(DIGITS);
    return n && n.length === 6 ? offsetOf(t, Date.UTC(+n[2], +n[0] - 1, +n[1], +n[3] % 24, +n[4], +n[5])) : byParts(t);
  };
  return byText(probe) === fromParts(parts, probe) ? byText : byParts;
}

const DIGITS = /\d+/g;

/**
 * Each zone's offsets, made once per execution: a zone's rules do not change while a script runs,
 * and the calls an execution makes (the summary's metrics; every call after the first in one
 * context) share its Intl formatter and the offsets it has found at day starts — the reader learns
 * a week from those — instead of making a formatter and asking it again each call.
 */
const zones = new Map<string, (t: number) => number>();

/** The offsets of UTC and of GMT: zero at every instant. */
const noOffset = (): number => 0;

/**
 * IANA's names of offset zero for ever (tzdata's Etc/UTC and Etc/GMT and their links): no Intl
 * formatter for them, whose making and asking cost a cold cell a tenth of its time.
 */
export const ZERO_ZONES = new Set([
  'UTC',
  'Etc/UTC',
  'Etc/UCT',
  'UCT',
  'Etc/Universal',
  'Universal',
  'Etc/Zulu',
  'Zulu',
  'GMT',
  'Etc/GMT',
  'Etc/GMT0',
  'Etc/GMT+0',
  'Etc/GMT-0',
  'GMT0',
  'GMT+0',
  'GMT-0',
  'Etc/Greenwich',
  'Greenwich',
]);

/** The offsets of a zone: through Intl, or the script's own when Intl does not know it (or none is given). */
export function offsetsOf(zone: string | null): (t: number) => number {
  if (!zone) return localOffset;
  if (ZERO_ZONES.has(zone)) return noOffset;
  let offsets = zones.get(zone);
  if (offsets === undefined) {
    const ofZone = zoneOffset(zone);
    zones.set(zone, (offsets = ofZone ? dayStartsKept(ofZone) : localOffset));
  }
  return offsets;
}

/** `offsetAt` with the offsets at UTC day starts remembered (the instants a reader asks most). */
function dayStartsKept(offsetAt: (t: number) => number): (t: number) => number {
  const starts = new Map<number, number>();
  return (t) => {
    if (t % MS_PER_DAY !== 0) return offsetAt(t);
    let offset = starts.get(t);
    if (offset === undefined) starts.set(t, (offset = offsetAt(t)));
    return offset;
  };
}

/** Reading and writing date cells in one zone: wall time of a Date, the Date of a wall time, now. */
export interface ZoneClock extends WallOf {
  dateOf(wall: number): Date;
  now(): number;
}

/**
 * A clock in the spreadsheet's zone (or the script's, when the zone is unknown to Intl). Plain
 * functions, not methods: callers hand `wallOf` and `dateOf` on as values.
 */
export function zoneClock(zone: string | null): ZoneClock {
  const offsetAt = offsetsOf(zone);
  const reader = new WallTimeReader(() => offsetAt);
  return {
    wallOf: (date) => reader.wallOf(date),
    wallAt: (t) => reader.wallAt(t),
    // One correction step finds the instant even when the wall time sits next to a DST change.
    dateOf: (wall) => new Date(wall + offsetAt(wall + offsetAt(wall) * MS_PER_MINUTE) * MS_PER_MINUTE),
    now: () => reader.wallOf(new Date()),
  };
}

/** yyyy-mm-dd, with hh:mm when the time is not midnight. */
export function formatWallTime(wall: number): string {
  const iso = new Date(wall).toISOString();
  const time = iso.slice(11, 16);
  return time === '00:00' ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${time}`;
}
