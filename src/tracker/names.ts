// Names of stages, managers, clients and activity types match case-, space- and ё/е-insensitively.

/** Anything nameKey must fold beyond lower case: ё, runs of spaces, edge spaces, other blanks. */
const NEEDS_FOLDING = /ё|\s\s|^\s|\s$|[^\S ]/;

export function nameKey(value: unknown): string {
  const lower = String(value ?? '').toLowerCase();
  // Most names need nothing more than lower case: one test instead of two replacements.
  return NEEDS_FOLDING.test(lower) ? lower.replace(/ё/g, 'е').replace(/[\s\u00a0\u202f]+/g, ' ').trim() : lower;
}

/** Header text as words: snake_case, camelCase, punctuation and ё/е folded. */
export function headerKey(value: unknown): string {
  return String(value ?? '')
    .replace(/([a-zа-яё])([A-ZА-ЯЁ])/g, '$1 $2')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
