// Names of stages, managers, clients and activity types match case-, space- and ё/е-insensitively.

/** Anything nameKey must fold beyond lower case: ё, runs of spaces, edge spaces, other blanks. */
const NEEDS_FOLDING = /ё|\s\s|^\s|\s$|[^\S ]/;

export function nameKey(value: unknown): string {
  const lower = String(value ?? '').toLowerCase();
  // Most names need nothing more than lower case: one test instead of two replacements.
  return NEEDS_FOLDING.test(lower)
    ? lower
        .replace(/ё/g, 'е')
        .replace(/[\s\u00a0\u202f]+/g, ' ')
        .trim()
    : lower;
}

/**
 * A regular expression made at its first use. V8 checks a regex literal with \p{…} against its
 * Unicode tables while it compiles the script — about 0.3 ms for each such literal, paid by every
 * execution that compiles Code.js, whether or not the literal is ever used (test/bundle.test.ts
 * keeps Code.js free of such literals). Made here, only a call that runs it pays: 0.5–1 ms in a
 * fresh V8 isolate, far less where V8's regexp cache already holds it.
 */
export function madeOnUse(source: string, flags: string): () => RegExp {
  let made: RegExp | undefined;
  return () => (made ??= new RegExp(source, flags));
}

const NOT_LETTERS = madeOnUse('[^\\p{L}\\p{N}]+', 'gu');
/**
 * Lower-case text of ASCII and Russian letters only (ё folded): there the letters and digits are
 * a-z, а-я and 0-9, and NOT_PLAIN_LETTERS does NOT_LETTERS' work. Making NOT_LETTERS (Unicode
 * letter classes) costs a fresh execution about 0.5 ms; a header or status word rarely needs it.
 */
const PLAIN_TEXT = /^[\u0000-\u007fа-я]*$/;
const NOT_PLAIN_LETTERS = /[^a-z0-9а-я]+/g;

/** Header text as words: snake_case, camelCase, punctuation and ё/е folded. */
export function headerKey(value: unknown): string {
  const folded = String(value ?? '')
    .replace(/([a-zа-яё])([A-ZА-ЯЁ])/g, '$1 $2')
    .toLowerCase()
    .replace(/ё/g, 'е');
  return folded.replace(PLAIN_TEXT.test(folded) ? NOT_PLAIN_LETTERS : NOT_LETTERS(), ' ').trim();
}
