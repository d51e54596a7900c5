// Random texts for property tests of folding and matching.
import fc from 'fast-check';

/** Texts made of the pieces that matter: ASCII, Russian, other scripts, digits of other scripts, blanks, punctuation. */
export const pieces = (extra: string[]) =>
  fc
    .array(
      fc.constantFrom(
        'a',
        'Z',
        'q',
        '7',
        ' ',
        '  ',
        '_',
        '-',
        '.',
        ',',
        'ё',
        'Ё',
        'Я',
        'я',
        'ж',
        'é',
        'É',
        'ß',
        'İ',
        'ї',
        '٣',
        '²',
        '中',
        '\u00a0',
        '\u202f',
        '\t',
        '\u0000',
        'camelCase',
        'ВыигранаСделка',
        ...extra,
      ),
      { maxLength: 12 },
    )
    .map((p) => p.join(''));
