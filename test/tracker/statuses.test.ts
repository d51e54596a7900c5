// Won, lost or open in Russian and English, and names that match loosely.
import { describe, expect, it } from 'vitest';
import { statusOf, statusWords } from '../../src/tracker/statuses';
import { nameKey } from '../../src/tracker/names';

describe('statuses in Russian and English', () => {
  it.each(['Won', 'closed won', 'Успешно реализовано', 'Оплачено', 'выиграна', 'Closed-Won', 'ПРОДАЖА'])('%s is won', (s) => {
    expect(statusOf(s)).toBe('won');
  });
  it.each(['Lost', 'Closed Lost', 'Закрыто и не реализовано', 'отказ', 'Потерян'])('%s is lost', (s) => {
    expect(statusOf(s)).toBe('lost');
  });
  it('anything else, blank included, is open', () => {
    expect(statusOf('В работе')).toBe('open');
    expect(statusOf('')).toBe('open');
  });
  it('takes extra words from the settings', () => {
    expect(statusOf('Деньги на счёте', statusWords(['деньги на счете']))).toBe('won');
  });
  it('matches names case-, space- and ё/е-insensitively', () => {
    expect(nameKey('  Счёт   ВЫСТАВЛЕН ')).toBe(nameKey('счет выставлен'));
    for (const variant of ['Ёлка Трейд', 'ёлка\u00a0трейд', 'ЕЛКА трейд ', '\tелка  трейд']) expect(nameKey(variant)).toBe('елка трейд');
    expect(nameKey('Client 12')).toBe('client 12');
  });
});
