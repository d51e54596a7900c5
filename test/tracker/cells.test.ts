// Reading a cell once per distinct value: CellMemo's direct table, its list and its map.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CellMemo, isBlank } from '../../src/tracker/cells';

/** Texts that share a slot (same length, first and last character), and ones that do not. */
const TEXTS = ['Lead', 'Lord', 'Laid', 'Load', 'Paid', 'Won', 'Wan', 'Lost', 'Meeting', 'Proposal sent', 'Встреча', ' Won', 'won'];
const cell = fc.oneof(
  fc.constantFrom(...TEXTS),
  // The same texts as new strings, as Sheets hands over every cell's text afresh.
  fc.constantFrom(...TEXTS).map((t) => [...t].join('')),
  fc.constantFrom('', '  ', null, undefined, 0, 1, -0, NaN, true, false),
  fc.string({ maxLength: 6 }),
);

describe('CellMemo', () => {
  it('gives what a reading of the cell gives, reading each distinct cell once (colliding slots, blanks, numbers, past a dozen)', () => {
    fc.assert(
      fc.property(fc.array(cell, { maxLength: 300 }), (cells) => {
        const reads = new Map<unknown, number>();
        const readCell = (c: unknown) => `${typeof c}:${String(c)}`;
        const memo = new CellMemo((c) => {
          reads.set(c, (reads.get(c) ?? 0) + 1);
          return readCell(c);
        });
        for (const c of cells) expect(memo.get(c)).toBe(readCell(c));
        expect([...reads.values()].every((n) => n === 1)).toBe(true);
        expect(reads.size).toBe(new Set(cells).size);
      }),
      { numRuns: 300 },
    );
  });

  it('tells texts of one slot apart: "Lead" and "Lord" are read separately and keep their own readings', () => {
    const memo = new CellMemo((c) => String(c).toUpperCase());
    for (let i = 0; i < 3; i++) {
      expect(memo.get('Lead')).toBe('LEAD');
      expect(memo.get('Lord')).toBe('LORD');
      expect(memo.get('')).toBe('');
      expect(memo.get(isBlank(' ') ? ' ' : 'x')).toBe(' ');
    }
  });
});
