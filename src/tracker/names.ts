// Names of stages, managers, clients and activity types match case-, space- and ё/е-insensitively.

export function nameKey(value: unknown): string {
  return String(value ?? '')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[\s\u00a0\u202f]+/g, ' ')
    .trim();
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
