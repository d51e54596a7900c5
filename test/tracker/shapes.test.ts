// The per-call objects whose methods the row loops call keep their hidden classes alive between
// calls (src/tracker/shapes.ts): without a live instance V8 lets the class die and throws away the
// loops' optimised code at the next garbage collection.
import { describe, expect, it } from 'vitest';
import { CellMemo, listColumn } from '../../src/tracker/cells';
import { PlainDatePair, WallColumns, WallTimeReader } from '../../src/tracker/dates';
import { FirstReversed } from '../../src/metrics/cycle';
import { StatusReader } from '../../src/functions/env';
import { keptShape } from '../../src/tracker/shapes';
import { testEnv } from '../helpers/env';

describe('the latest instance of each class a row loop calls into is kept', () => {
  it('for every such class, the one made last', () => {
    const column = listColumn([new Date(2026, 0, 1)]);
    const statuses = () => new StatusReader(testEnv());
    const makers: [string, () => object][] = [
      ['WallTimeReader', () => new WallTimeReader()],
      ['WallColumns', () => new WallColumns(new Float64Array(1), new Float64Array(1))],
      ['PlainDatePair', () => PlainDatePair.of(column, column, new WallTimeReader())!],
      ['CellMemo', () => new CellMemo(String)],
      ['FirstReversed', () => new FirstReversed({ skipInvalid: false, endArg: 'end' })],
      ['StatusReader', statuses],
      ['StatusColumn', () => statuses().column(listColumn(['Won']))],
    ];
    for (const [name, make] of makers) {
      const instance = make();
      expect(keptShape(instance.constructor as new () => object), name).toBe(instance);
    }
    // A newer one replaces it: one kept per class, not every one ever made.
    const newer = new WallTimeReader();
    expect(keptShape(WallTimeReader)).toBe(newer);
  });
});
