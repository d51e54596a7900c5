// Effective touches: activities that moved a deal (a meeting, a proposal, a demo, an invoice), not raw calls.
import { CellMemo } from '../tracker/cells';
import { madeOnUse, nameKey } from '../tracker/names';

export const DEFAULT_EFFECTIVE_TOUCHES = [
  'встреча',
  'встреча назначена',
  'встреча проведена',
  'демонстрация',
  'презентация',
  'кп',
  'коммерческое предложение',
  'отправлено кп',
  'счёт',
  'счет выставлен',
  'meeting',
  'meeting scheduled',
  'meeting held',
  'demo',
  'presentation',
  'proposal',
  'proposal sent',
  'invoice',
];

/** Words after a listed phrase that undo it: "meeting cancelled" is not a meeting. */
const UNDOING_WORDS = 'cancel+ed|no show|not held|did not take place|rescheduled|postponed'; // whole words: they end where the word does
const UNDOING_STEMS = 'отмен|не состоял|сорвал|перенес'; // stems: a word's start only
// No trailing letter run to backtrack over: linear on any cell.
const UNDONE = madeOnUse(`(?<![\\p{L}\\p{N}])(?:(?:${UNDOING_WORDS})(?![\\p{L}\\p{N}])|${UNDOING_STEMS})`, 'u');
/**
 * The same words without their word edges: a text UNDONE matches holds one of them. Making UNDONE
 * (Unicode letter classes in lookarounds) costs a cold cell 0.4–1 ms; most activity texts hold
 * none of these words and never need it.
 */
const UNDONE_WORDS = new RegExp(`${UNDOING_WORDS}|${UNDOING_STEMS}`);

/**
 * Whether a folded text holds a word that undoes a touch (UNDONE), made only when it may.
 * @example isUndone('meeting cancelled') // true; isUndone('meeting held') // false
 */
export function isUndone(key: string): boolean {
  return UNDONE_WORDS.test(key) && UNDONE().test(key);
}

export type EffectiveMatcher = (text: unknown) => boolean;

/** An activity text as words: punctuation, dashes and bars are spaces ("no-show" is "no show"). */
function touchKey(text: unknown): string {
  return nameKey(text)
    .replace(/[.,:;!|/\\\-–—_()]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A cell is effective when it is a listed phrase or starts with one as whole words, not undone.
 * @example effectiveMatcher(['meeting'])('Meeting held') // true; ('Meeting cancelled') // false; ('Call') // false
 */
export function effectiveMatcher(list: readonly string[]): EffectiveMatcher {
  const phrases = new Set(list.map(touchKey).filter((p) => p !== ''));
  // Only prefixes as long as the longest phrase can match: linear in the cell, however long.
  let longest = 0;
  for (const p of phrases) longest = Math.max(longest, p.split(' ').length);
  // Activity types and results repeat: decide each distinct text once.
  const decided = new CellMemo(decide);
  return (text) => decided.get(text);

  function decide(text: unknown): boolean {
    const key = touchKey(text);
    if (key === '') return false;
    if (phrases.has(key)) return true;
    if (isUndone(key)) return false;
    // Prefixes of 1…longest whole words, found by walking the spaces (never rebuilding them).
    let end = -1;
    for (let n = 1; n <= longest; n++) {
      end = key.indexOf(' ', end + 1);
      if (end === -1) return false;
      if (phrases.has(key.slice(0, end))) return true;
    }
    return false;
  }
}

/**
 * An activity row is effective when its type or its result is, unless its result undoes it: a
 * meeting whose result is "cancelled" or «не состоялась» moved nothing.
 * @example isEffectiveTouch('Call', 'Meeting scheduled', effectiveMatcher(DEFAULT_EFFECTIVE_TOUCHES)) // true; ('Встреча', 'Встреча отменена', …) // false
 */
export function isEffectiveTouch(type: unknown, result: unknown, matches: EffectiveMatcher): boolean {
  if (result === '' || result === null || result === undefined) return matches(type);
  if (!matches(type) && !matches(result)) return false;
  return !isUndone(touchKey(result));
}
