// Paired date columns read as the metric goes (PlainDatePair) answer exactly as the columns read in
// full (readDateColumn, then WallColumns) — or step aside, never differ.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import vm from 'node:vm';
import { pairedDurations } from '../../src/metrics/cycle';
import { countSla } from '../../src/metrics/response';
import { columnOf, type Column } from '../../src/tracker/cells';
import { PlainDatePair, readDateColumn, WallColumns, WallTimeReader, type WallPairs } from '../../src/tracker/dates';
import { inEnglish } from '../helpers/env';

const base = Date.UTC(2024, 2, 1, 9);
const day = 86_400_000;
const otherRealmDate = vm.runInNewContext('(t) => new Date(t)') as (t: number) => Date;

/** Cells as trackers hold dates: mostly Dates, serials and blanks, sometimes text or worse. */
const plainCell = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 40 * 24 }).map((h) => new Date(base + h * 3_600_000)) },
  { weight: 2, arbitrary: fc.integer({ min: 45_300, max: 45_400 }) },
  { weight: 2, arbitrary: fc.constantFrom('', null, undefined) },
);
const otherCell = fc.oneof(
  fc.constantFrom('2024-03-05', '05.03.2024 10:30', '03/04/2024', '  ', 'soon', true, 0, -3, 3_000_000, new Date(NaN)),
  fc.integer({ min: 0, max: 40 }).map((d) => otherRealmDate(base + d * day)),
);
const cell = fc.oneof({ weight: 12, arbitrary: plainCell }, { weight: 1, arbitrary: otherCell });
const rows = (cells: fc.Arbitrary<unknown>) => fc.array(fc.tuple(cells, cells), { maxLength: 40 });

const columns = (pairs: [unknown, unknown][]): [Column, Column] => [columnOf(pairs.map(([a]) => [a])), columnOf(pairs.map(([, b]) => [b]))];

/** What the full path gives: each column read in full, rows with an unreadable date left out whole. */
function fullPairs(first: Column, second: Column, skipInvalid: boolean): WallPairs {
  const options = { localeOrder: () => 'dmy' as const, skipInvalid, wall: new WallTimeReader() };
  const a = readDateColumn(first, { arg: 'start', ...options });
  const b = readDateColumn(second, { arg: 'end', ...options });
  for (let row = 0; row < b.invalid.length; row++) if (b.invalid[row] === 1) a.wall[row] = NaN;
  return new WallColumns(a.wall, b.wall);
}

/** An answer or the one line of its error, in English. */
function outcome(run: () => unknown): unknown {
  try {
    return run();
  } catch {
    try {
      inEnglish(run)();
    } catch (error) {
      return { error: (error as Error).message };
    }
  }
}

const durationsOf = (pairs: WallPairs, skipInvalid: boolean) => {
  const d = pairedDurations(pairs, { skipInvalid, endArg: 'end' }, 60_000);
  return d && { values: [...d.values], reversedSkipped: d.reversedSkipped };
};
const slaOf = (pairs: WallPairs, skipInvalid: boolean) => countSla(pairs, base + 50 * day, 10, null, { skipInvalid, endArg: 'end' });

describe.each([
  ['durations', durationsOf],
  ['SLA counts', slaOf],
] as const)('%s over paired date columns', (_, metric) => {
  it('read as they go give what the columns read in full give, or step aside (null)', () => {
    fc.assert(
      fc.property(rows(cell), fc.boolean(), (pairs, skipInvalid) => {
        const [first, second] = columns(pairs);
        const quick = outcome(() => metric(PlainDatePair.of(first, second, new WallTimeReader())!, skipInvalid));
        if (quick === null) return;
        expect(quick).toEqual(outcome(() => metric(fullPairs(first, second, skipInvalid), skipInvalid)));
      }),
    );
  });

  it('always answer (never step aside) when every cell is a Date, a serial number or empty', () => {
    fc.assert(
      fc.property(rows(plainCell), fc.boolean(), (pairs, skipInvalid) => {
        const [first, second] = columns(pairs);
        const quick = outcome(() => metric(PlainDatePair.of(first, second, new WallTimeReader())!, skipInvalid));
        expect(quick).not.toBeNull();
        expect(quick).toEqual(outcome(() => metric(fullPairs(first, second, skipInvalid), skipInvalid)));
      }),
    );
  });
});

describe('paired date columns read as they go', () => {
  it('step aside at a text cell even after a reversed row, so the full readers report the first thing wrong', () => {
    const [first, second] = columns([
      [new Date(base + 2 * day), new Date(base)],
      [new Date(base), 'soon'],
    ]);
    expect(durationsOf(PlainDatePair.of(first, second, new WallTimeReader())!, false)).toBeNull();
    expect(outcome(() => durationsOf(fullPairs(first, second, false), false))).toEqual({
      error: expect.stringMatching(/^end row 2 is "soon"/),
    });
  });

  it('are not made for columns of different heights', () => {
    const [first] = columns([[new Date(base), new Date(base)]]);
    expect(PlainDatePair.of(first, columnOf([]), new WallTimeReader())).toBeNull();
  });
});
