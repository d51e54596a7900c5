// Effective touches: activities that moved a deal (a meeting, a proposal, a demo, an invoice), not raw calls.
import { nameKey } from '../tracker/names';

export const DEFAULT_EFFECTIVE_TOUCHES = [
  'встреча', 'встреча назначена', 'встреча проведена', 'демонстрация', 'презентация', 'кп', 'коммерческое предложение',
  'отправлено кп', 'счёт', 'счет выставлен', 'meeting', 'meeting scheduled', 'meeting held', 'demo', 'presentation',
  'proposal', 'proposal sent', 'invoice',
];

/** Words after a listed phrase that undo it: "meeting cancelled" is not a meeting. */
const UNDONE = /(?<![\p{L}\p{N}])(cancel+ed|no show|not held|отмен\p{L}*|не состоял\p{L}*|сорвал\p{L}*|перенес\p{L}*)(?![\p{L}\p{N}])/u;

export type EffectiveMatcher = (text: unknown) => boolean;

/** A cell is effective when it is a listed phrase or starts with one as whole words, not undone. */
export function effectiveMatcher(list: readonly string[]): EffectiveMatcher {
  const phrases = new Set(list.map(nameKey).filter((p) => p !== ''));
  // Activity types and results repeat: decide each distinct text once.
  const decided = new Map<unknown, boolean>();
  return (text) => {
    let effective = decided.get(text);
    if (effective === undefined) decided.set(text, (effective = decide(text)));
    return effective;
  };

  function decide(text: unknown): boolean {
    const key = nameKey(text).replace(/[.,:;!]+/g, ' ').replace(/\s+/g, ' ').trim();
    if (key === '') return false;
    if (phrases.has(key)) return true;
    if (UNDONE.test(key)) return false;
    const words = key.split(' ');
    for (let n = words.length - 1; n >= 1; n--) {
      if (phrases.has(words.slice(0, n).join(' '))) return true;
    }
    return false;
  }
}

export function isEffectiveTouch(type: unknown, result: unknown, matches: EffectiveMatcher): boolean {
  return matches(type) || matches(result);
}
