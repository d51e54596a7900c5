// Won, lost or open, as trackers in Russian and English write it (docs/functions.md, "Statuses").
import { headerKey } from './names';

export type Status = 'won' | 'lost' | 'open';

/**
 * The status of each row, read when asked (a status column is read in the same pass as what it
 * qualifies). An object with a method, not a function: a per-row call of one class's method stays
 * optimised, where a closure made anew by every custom-function call would not.
 */
export interface RowStatuses {
  at(row: number): Status;
}

/** Row statuses from a list (tests, and readers that have the statuses already). */
export function statusList(statuses: readonly Status[]): RowStatuses {
  return { at: (row) => statuses[row] };
}

export const WON_WORDS = [
  'won',
  'closed won',
  'win',
  'paid',
  'deal won',
  'успешно',
  'успешно реализовано',
  'выиграна',
  'выигран',
  'выиграно',
  'оплачено',
  'оплачен',
  'оплачена',
  'продажа',
  'сделка успешна',
  'успешная сделка',
  'оплата получена',
];
export const LOST_WORDS = [
  'lost',
  'closed lost',
  'deal lost',
  'отказ',
  'проиграна',
  'проигран',
  'проиграно',
  'закрыто и не реализовано',
  'не реализовано',
  'потеряна',
  'потерян',
  'потеряно',
  'сделка провалена',
  'провалена',
  'провал',
];

export interface StatusWords {
  won: ReadonlySet<string>;
  lost: ReadonlySet<string>;
}

export function statusWords(extraWon: readonly string[] = [], extraLost: readonly string[] = []): StatusWords {
  return {
    won: new Set([...WON_WORDS, ...extraWon].map(headerKey)),
    lost: new Set([...LOST_WORDS, ...extraLost].map(headerKey)),
  };
}

let builtIn: StatusWords | null = null;
export function builtInStatusWords(): StatusWords {
  return (builtIn ??= statusWords());
}

export function statusOf(value: unknown, words: StatusWords = builtInStatusWords()): Status {
  const key = headerKey(value);
  if (key === '') return 'open';
  if (words.won.has(key)) return 'won';
  if (words.lost.has(key)) return 'lost';
  return 'open';
}
