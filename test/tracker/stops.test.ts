// Where a deal stopped, read from a tracker: the stage cell, a "lost at stage" column, stage-date
// columns (docs/summary.md, "Where a deal stopped"), and their detection in both languages.
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../src/settings/schema';
import { detectSettings, type SheetProbe } from '../../src/settings/detect';
import { zoneClock } from '../../src/tracker/dates';
import { makeFunnel } from '../../src/tracker/stages';
import { statusWords } from '../../src/tracker/statuses';
import { readDeals, type SkipNote } from '../../src/tracker/table';

const d = (day: number) => new Date(Date.UTC(2026, 10, day));
const FUNNEL = ['Лид', 'Встреча', 'КП', 'Оплата'];
const HEADERS = ['Этап', 'Статус', 'Дата встречи', 'Этап отказа'];
const ROWS: unknown[][] = [
  HEADERS,
  ['Лид', 'В работе', '', ''], // open at Лид
  ['Отказ', '', d(3), ''], // lost: its meeting date says it got to Встреча
  ['Отказ', '', '', 'КП'], // lost at КП, by the lost-at-stage column
  ['Отказ', '', '', ''], // lost, nothing says where
  ['Встреча', 'Отказ', '', ''], // lost at the stage its cell names
  ['Лид', 'В работе', d(5), ''], // open, but its meeting date moves it to Встреча
  ['КП', 'Отказ', '', 'Проверка'], // "Проверка" is no stage: a note, and the stage cell decides
];

function read(columns: Record<string, string>, stageDates: { stage: string; column: string }[] = []) {
  const notes: SkipNote[] = [];
  const ctx = { order: () => 'dmy' as const, wall: zoneClock('UTC'), words: statusWords(), notes };
  const table = readDeals(ROWS, { sheet: 'Сделки', columns, stageColumns: [], stageDates }, makeFunnel(FUNNEL, 'funnel'), ctx);
  return { table, notes };
}

describe('where each deal stopped, from the tracker', () => {
  it('places lost deals by their stage cell, the lost-at-stage column and their stage dates', () => {
    const { table, notes } = read({ stage: 'Этап', status: 'Статус', lost_stage: 'Этап отказа' }, [
      { stage: 'Встреча', column: 'Дата встречи' },
    ]);
    expect(Array.from(table.furthest)).toEqual([0, 1, 2, 0, 1, 1, 2]);
    expect(Array.from(table.lostAt)).toEqual([-1, 1, 2, -1, 1, -1, 2]);
    expect(table.status).toEqual(['open', 'lost', 'lost', 'lost', 'lost', 'open', 'lost']);
    expect(table.placesLost).toBe(true);
    expect(notes).toEqual([
      { source: 'deals', reason: 'unknownLostStage', rows: 1, column: 'Этап отказа', examples: [{ row: 8, value: 'Проверка' }] },
      { source: 'deals', reason: 'lostUnknownStage', rows: 1, column: 'Этап', examples: [{ row: 5, value: 'Отказ' }] },
    ]);
  });

  it('without those columns a bare "Отказ" is lost with its stage unknown, and the summary says how to place it', () => {
    const { table } = read({ stage: 'Этап', status: 'Статус' });
    expect(Array.from(table.lostAt)).toEqual([-1, -1, -1, -1, 1, -1, 2]);
    expect(table.placesLost).toBe(false);
  });

  it('with no created column, the earliest stage date is the created date; the latest is the last stage change', () => {
    const { table } = read({ stage: 'Этап', status: 'Статус' }, [{ stage: 'Встреча', column: 'Дата встречи' }]);
    expect(table.created[1]).toBe(Date.UTC(2026, 10, 3));
    expect(table.stageChanged[5]).toBe(Date.UTC(2026, 10, 5));
    expect(Number.isNaN(table.created[0])).toBe(true);
  });
});

describe('detection of stage dates and the lost-at-stage column', () => {
  const probe = (name: string, rows: unknown[][]): SheetProbe => ({
    name,
    headers: rows[0],
    columnValues: (c) => rows.slice(1).map((r) => r[c]),
    dropdown: () => null,
  });

  it('an amoCRM-like export in Russian: "Дата встречи" is the date of "Встреча", "Этап отказа" is lost_stage', () => {
    const rows = [
      ['Этап', 'Дата создания', 'Дата встречи', 'Дата КП', 'Этап отказа', 'Ответственный'],
      ['Лид', d(1), '', '', '', 'Анна'],
      ['Встреча', d(1), d(2), '', '', 'Анна'],
      ['КП', d(1), d(2), d(3), '', 'Анна'],
      ['Оплата', d(1), d(2), d(3), '', 'Анна'],
    ];
    const { settings } = detectSettings([probe('Сделки', rows)], defaultSettings());
    expect(settings.funnel).toEqual(['Лид', 'Встреча', 'КП', 'Оплата']);
    expect(settings.sources.deals!.columns).toMatchObject({
      stage: 'Этап',
      created: 'Дата создания',
      lost_stage: 'Этап отказа',
      manager: 'Ответственный',
    });
    expect(settings.sources.deals!.stageDates).toEqual([
      { stage: 'Встреча', column: 'Дата встречи' },
      { stage: 'КП', column: 'Дата КП' },
    ]);
  });
});
