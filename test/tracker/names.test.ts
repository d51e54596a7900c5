// Folding names and headers: the cheap paths give exactly what the Unicode-class regular expressions
// give, which a fresh execution makes only when a text needs them.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { headerKey } from '../../src/tracker/names';
import { pieces } from '../helpers/texts';

/** headerKey as written before the plain-text path: every text through the Unicode letter classes. */
const headerKeyByUnicode = (value: string) =>
  value
    .replace(/([a-zа-яё])([A-ZА-ЯЁ])/g, '$1 $2')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

describe('headerKey', () => {
  it('folds any text exactly as the Unicode letter classes do', () => {
    fc.assert(
      fc.property(pieces([]), (text) => {
        expect(headerKey(text)).toBe(headerKeyByUnicode(text));
      }),
      { numRuns: 3000 },
    );
    for (const text of ['Won', 'Закрыто и не реализовано', 'deal_stage', 'Deal Stage ', 'Étape gagnée', 'Ёлка-2', 'ст. 5', ''])
      expect(headerKey(text)).toBe(headerKeyByUnicode(text));
  });
});
