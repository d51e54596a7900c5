// Numbers as exports hold them: "1 234,50 ₽", "$1,234.50", "12%", "(300)".
import { isBlank } from './cells';

const CURRENCY = /[₽$€£¥₸₴₺₹]|руб\.?|р\.|rub|usd|eur|kzt|uah/gi;
const SPACES = /[\s\u00a0\u202f\u2009']/g;

/** Beyond this no sales figure is real, and sums of such values overflow: an amount past it is unreadable. */
export const LARGEST_AMOUNT = 1e15;

/** A number from a cell, or NaN when the cell is not a number. Blank is NaN too: callers decide. */
export function parseNumber(value: unknown): number {
  if (typeof value === 'number') return Number.isFinite(value) ? value : NaN;
  if (typeof value === 'boolean' || isBlank(value) || typeof value !== 'string') return NaN;
  let text = value.replace(CURRENCY, '').replace(SPACES, '').replace(/[−–]/g, '-');
  let sign = 1;
  if (/^\(.*\)$/.test(text)) {
    sign = -1;
    text = text.slice(1, -1);
  }
  let scale = 1;
  if (text.endsWith('%')) {
    scale = 0.01;
    text = text.slice(0, -1);
  }
  text = normaliseSeparators(text);
  // One way to match each digit (the dot required before a fraction): no backtracking on 50,000 digits.
  if (!/^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i.test(text)) return NaN;
  const n = sign * Number(text) * scale;
  return Number.isFinite(n) ? n : NaN;
}

/** Leaves one "." as the decimal point: the last of "," and "." is decimal, the other groups digits. */
function normaliseSeparators(text: string): string {
  const lastComma = text.lastIndexOf(',');
  const lastDot = text.lastIndexOf('.');
  if (lastComma === -1) return text;
  if (lastDot > lastComma) return text.replace(/,/g, '');
  if (lastDot !== -1) return text.replace(/\./g, '').replace(',', '.');
  // Only commas: several of them group thousands (1,234,567); one is a decimal comma (1234,5).
  return text.indexOf(',') !== lastComma ? text.replace(/,/g, '') : text.replace(',', '.');
}
