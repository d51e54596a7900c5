// Reading numbers as exports write them.
import { describe, expect, it } from 'vitest';
import { parseNumber } from '../../src/tracker/numbers';

describe('reading numbers as exports write them', () => {
  it.each([
    ['1 234,50 ₽', 1234.5],
    ['1\u00a0234,50', 1234.5],
    ['$1,234.50', 1234.5],
    ['1.234,50 €', 1234.5],
    ['12%', 0.12],
    ['(300)', -300],
    ['−5', -5],
    ['1,234,567', 1234567],
    ['15000 руб.', 15000],
    [42, 42],
  ])('%s is %s', (text, value) => {
    expect(parseNumber(text)).toBeCloseTo(value, 10);
  });

  it('gives NaN for text that is not a number, and for blanks', () => {
    expect(parseNumber('много')).toBeNaN();
    expect(parseNumber('')).toBeNaN();
    expect(parseNumber(true)).toBeNaN();
    expect(parseNumber(Infinity)).toBeNaN();
  });
});
