// What a cell is, before it is a date, a number or a name: blank or not, and its text.

/** Blank cells arrive as "" (Sheets) or null/undefined (omitted arguments, JSON). */
export function isBlank(value: unknown): boolean {
  return value === '' || value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  return String(value);
}
