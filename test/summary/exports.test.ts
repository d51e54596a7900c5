// Columns as the CRMs write them, read for what they mean: last edits, currencies, results that undo a
// touch, and counts that say which deals they count — on small exports computed by hand.
import { describe, expect, it } from 'vitest';
import { defaultSettings, type Settings } from '../../src/settings/schema';
import { summaryFigures, type SummaryFigures } from '../../src/summary/figures';
import { summaryModel } from '../../src/summary/model';
import { currencySign, chooseCurrency } from '../../src/summary/currency';
import { periodRange } from '../../src/summary/period';
import { summaryText } from '../../src/i18n/summary';
import { detectColumns } from '../../src/tracker/headers';
import { makeFunnel } from '../../src/tracker/stages';
import { statusWords } from '../../src/tracker/statuses';
import { readActivities, readDeals, type SkipNote } from '../../src/tracker/table';
import { zoneClock } from '../../src/tracker/dates';
import { wall } from '../helpers/env';

const NOW = wall(2026, 11, 27, 12);
const FUNNEL = ['Первичный контакт', 'Переговоры', 'Принимают решение', 'Успешно реализовано'];

/** The roles a header row gets, as role → header. */
function detected(headers: string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(detectColumns('deals', headers)).map(([role, i]) => [role, headers[i]]));
}

interface Export {
  headers: string[];
  rows: unknown[][];
  activities?: unknown[][];
  period?: Settings['period'];
}

/** Summary figures of an export whose columns are detected as a user's would be. */
function figuresOf(x: Export): SummaryFigures {
  const settings = defaultSettings();
  settings.funnel = FUNNEL;
  settings.period = x.period ?? 'all';
  settings.sources.deals = { sheet: 'Сделки', columns: detected(x.headers), stageColumns: [] };
  if (x.activities) {
    const columns = {
      type: 'Тип',
      result: 'Результат',
      date: 'Дата',
      manager: 'Ответственный',
      ...(x.activities[0].includes('Сделка') ? { deal: 'Сделка' } : {}),
    };
    settings.sources.activities = { sheet: 'Задачи', columns, stageColumns: [] };
  }
  const notes: SkipNote[] = [];
  const ctx = { order: () => 'dmy' as const, wall: zoneClock('UTC'), words: statusWords(), notes };
  const funnel = makeFunnel(settings.funnel, 'funnel');
  return summaryFigures({
    deals: readDeals([x.headers, ...x.rows], settings.sources.deals, funnel, ctx),
    activities: x.activities ? readActivities(x.activities, settings.sources.activities!, ctx) : null,
    leads: null,
    reroutedAt: [],
    funnel,
    settings,
    range: periodRange(settings.period, NOW),
    now: NOW,
    notes,
  });
}

const AMO = [
  'ID',
  'Название сделки',
  'Бюджет',
  'Ответственный',
  'Этап сделки',
  'Дата создания',
  'Кем создана',
  'Дата редактирования',
  'Кем изменена',
  'Валюта',
  'Причина отказа',
];

describe('the columns each CRM writes are found', () => {
  it('amoCRM: «Дата редактирования» is the last edit (not «Кем изменена»), «Валюта» the currency, «Причина отказа» the lost reason', () => {
    expect(detected(AMO)).toMatchObject({
      last_edit: 'Дата редактирования',
      currency: 'Валюта',
      lost_reason: 'Причина отказа',
      amount: 'Бюджет',
      stage: 'Этап сделки',
    });
  });
  it('Bitrix24, HubSpot and Pipedrive', () => {
    expect(detected(['ID', 'Название', 'Стадия сделки', 'Сумма', 'Валюта', 'Дата создания', 'Дата изменения', 'Изменена'])).toMatchObject({
      last_edit: 'Дата изменения',
      currency: 'Валюта',
      amount: 'Сумма',
    });
    expect(
      detected([
        'Deal Name',
        'Deal Stage',
        'Amount',
        'Currency',
        'Create Date',
        'Last Modified Date',
        'Last Activity Date',
        'Closed Lost Reason',
        'Closed Won Reason',
      ]),
    ).toMatchObject({
      last_edit: 'Last Modified Date',
      last_activity: 'Last Activity Date',
      currency: 'Currency',
      lost_reason: 'Closed Lost Reason',
      amount: 'Amount',
    });
    expect(
      detected(['Deal - Title', 'Deal - Stage', 'Deal - Value', 'Deal - Currency', 'Deal - Update time', 'Deal - Lost reason']),
    ).toMatchObject({
      last_edit: 'Deal - Update time',
      currency: 'Deal - Currency',
      lost_reason: 'Deal - Lost reason',
      amount: 'Deal - Value',
    });
  });
});

describe('a deal edited lately is not idle', () => {
  const row = (id: string, created: string, edited: string) => [
    id,
    `Сделка ${id}`,
    '10 000',
    'Анна',
    'Переговоры',
    created,
    'Анна',
    edited,
    'Анна',
    'Российский рубль',
    '',
  ];
  // Created 41 days before 27 November; D1 edited 7 days ago, D2 never since it was created.
  const rows = [row('D1', '17.10.2026', '20.11.2026'), row('D2', '17.10.2026', '17.10.2026')];

  it('the last edit is the last activity when nothing else says: only the deal untouched for 41 days is stalled', () => {
    const f = figuresOf({ headers: AMO, rows });
    expect(f.stalled.count).toBe(1);
    expect(f.stalled.idlest.map((d) => [d.id, d.daysIdle])).toEqual([['D2', 41]]);
  });

  it('an activities source that names the deal says more than a last edit', () => {
    const activities = [
      ['Дата', 'Ответственный', 'Тип', 'Результат', 'Сделка'],
      // D1 was edited 7 days ago but last worked on 30 days ago; D2 worked on 2 days ago, by its id.
      ['28.10.2026', 'Анна', 'Звонок', '', 'D1'],
      ['25.11.2026', 'Анна', 'Звонок', '', 'd2'],
    ];
    const f = figuresOf({ headers: AMO, rows, activities });
    expect(f.stalled.idlest.map((d) => [d.id, d.daysIdle])).toEqual([['D1', 30]]);
  });

  it('a last-activity column still says more than a last edit', () => {
    const headers = [...AMO, 'Последняя активность'];
    const f = figuresOf({ headers, rows: rows.map((r) => [...r, '01.10.2026']) });
    expect(f.stalled.idlest.map((d) => d.id).sort()).toEqual(['D1', 'D2']);
  });
});

describe("the data's currency", () => {
  it('a currency column, by code, sign or name', () => {
    expect(
      ['Российский рубль', 'RUB', 'руб.', '₽', 'Доллар США', 'USD', 'US Dollar', 'Евро', 'EUR', 'Белорусский рубль', 'Тенге'].map((c) =>
        currencySign(c),
      ),
    ).toEqual(['₽', '₽', '₽', '₽', '$', '$', '$', '€', '€', 'BYN', '₸']);
  });

  it("Bitrix24's «Валюта» = «Российский рубль» shows roubles, not the locale's dollars; the settings then the locale only when the data says nothing", () => {
    const headers = ['ID', 'Стадия сделки', 'Сумма', 'Валюта', 'Дата создания'];
    const ctx = { order: () => 'dmy' as const, wall: zoneClock('UTC'), words: statusWords(), notes: [] };
    const deals = readDeals(
      [headers, ['1', 'Переговоры', '1000', 'Российский рубль', '01.11.2026']],
      { sheet: 'x', columns: detected(headers), stageColumns: [] },
      makeFunnel(FUNNEL, 'funnel'),
      ctx,
    );
    expect(deals.currencyColumn).toBe('Российский рубль');
    expect(chooseCurrency('', deals.currencyColumn, '', 'en_US')).toBe('₽');
    expect(chooseCurrency('', '', '€', 'en_US')).toBe('€');
    const f = figuresOf({
      headers: AMO,
      rows: [['D1', 'x', '5 000', 'Анна', 'Успешно реализовано', '01.11.2026', 'Анна', '02.11.2026', 'Анна', 'Российский рубль', '']],
    });
    const model = summaryModel({
      figures: f,
      language: 'en',
      locale: 'en_US',
      now: NOW,
      sources: [],
      dataCurrency: { format: '', text: deals.currencyColumn },
    });
    expect(model.rows.flat().some((c) => c.format === '#,##0 "₽"')).toBe(true);
    expect(model.rows.flat().some((c) => String(c.format ?? '').includes('"$"'))).toBe(false);
  });
});

describe('a file in several currencies', () => {
  it('sums them in the first one, and a data note names the deals in another', () => {
    const row = (id: string, currency: string) => [
      id,
      'x',
      '1 000',
      'Анна',
      'Переговоры',
      '01.11.2026',
      'Анна',
      '02.11.2026',
      'Анна',
      currency,
      '',
    ];
    const f = figuresOf({
      headers: AMO,
      rows: [row('D1', 'Российский рубль'), row('D2', 'российский  рубль'), row('D3', 'Доллар США'), row('D4', '')],
    });
    const note = f.notes.find((n) => n.reason === 'otherCurrency')!;
    expect(note).toMatchObject({ rows: 1, column: 'Валюта', examples: [{ row: 4, value: 'Доллар США' }] });
    const model = summaryModel({ figures: f, language: 'en', locale: 'en_US', now: NOW, sources: [] });
    expect(model.rows.flat().map((c) => c.value)).toContain(
      'Deals: 1 deal is in another currency than the first in Валюта, and is summed with it as if it were in it — row 4 "Доллар США"',
    );
  });
});

describe('a result that undoes its type is no touch in the summary', () => {
  it('two columns, type + result: "Встреча | Встреча отменена" and "Meeting | No-show" count nothing', () => {
    const activities = [
      ['Дата', 'Ответственный', 'Тип', 'Результат'],
      ['02.11.2026', 'Анна', 'Встреча', 'Встреча проведена'],
      ['03.11.2026', 'Анна', 'Встреча', 'Встреча отменена'],
      ['04.11.2026', 'Анна', 'Встреча', 'Не состоялась'],
      ['05.11.2026', 'Анна', 'Meeting', 'No-show'],
      ['06.11.2026', 'Анна', 'Звонок', 'Назначена встреча'],
      ['09.11.2026', 'Анна', 'Встреча | Встреча отменена', ''],
    ];
    const rows = [['D1', 'x', '5 000', 'Анна', 'Переговоры', '01.11.2026', 'Анна', '02.11.2026', 'Анна', '', '']];
    const f = figuresOf({ headers: AMO, rows, activities, period: 'this_month' });
    // The meeting held, and the call whose result is a meeting (a phrase starting with "встреча" is not listed: only the first).
    expect(f.headline.effectiveTouches.current).toBe(1);
    expect(f.managers.find((m) => m.name === 'Анна')!.effectiveTouches).toBe(1);
  });
});

describe('every count names the deals it counts', () => {
  it("the headline's won deals are won in the period by close date; the managers' are of the deals created in it", () => {
    for (const t of [summaryText.en, summaryText.ru]) {
      expect(t.figures.wonDeals).toMatch(/closed in period|закрыты в периоде/);
      expect(t.figures.wonRevenue).toMatch(/closed in period|в периоде/);
      expect(t.managersColumns.deals).toMatch(/created in the period|Создано сделок в периоде/);
      expect(t.managersColumns.won).toMatch(/Of these|Из них/);
      expect(t.managersColumns.wonRevenue).toMatch(/closed in period|закрыты в периоде/);
      expect(t.figures.pipelineDeals).toMatch(/now|сейчас/);
      expect(t.funnelExplain).toMatch(/^(Deals created in the period|Сделки, созданные в периоде)\./);
    }
  });
});

describe('loss reasons and cohorts in the summary', () => {
  const headers = [...AMO, 'Этап отказа'];
  const deal = (id: string, manager: string, stage: string, created: string, reason = '', lostAt = '') => [
    id,
    `Сделка ${id}`,
    '1 000',
    manager,
    stage,
    created,
    manager,
    created,
    manager,
    'RUB',
    reason,
    lostAt,
  ];
  const LOST = 'Закрыто и не реализовано';
  const rows = [
    deal('1', 'Анна', LOST, '02.08.2026', 'Дорого', 'Переговоры'),
    deal('2', 'Анна', LOST, '03.08.2026', 'дорого', 'Принимают решение'),
    deal('3', 'Борис', LOST, '04.09.2026', 'Выбрали конкурента', 'Переговоры'),
    deal('4', 'Борис', LOST, '05.09.2026', '', 'Переговоры'),
    deal('5', 'Борис', LOST, '06.10.2026', 'Другое'),
    deal('6', 'Анна', 'Успешно реализовано', '07.08.2026'),
    deal('7', 'Анна', 'Переговоры', '20.11.2026'),
    deal('8', 'Борис', 'Первичный контакт', '21.11.2026'),
  ];

  it('lost deals per reason × the stage they were lost at, and per manager; blank and "other" as a data note with their share', () => {
    const f = figuresOf({ headers, rows });
    expect(f.lossReasons).toEqual({
      lost: 5,
      stages: ['Переговоры', 'Принимают решение'],
      unknownStage: true,
      reasons: [
        { reason: 'Дорого', lost: 2, atStage: [1, 1], unknownStage: 0, byManager: { Анна: 2 } },
        { reason: '', lost: 1, atStage: [1, 0], unknownStage: 0, byManager: { Борис: 1 } },
        { reason: 'Выбрали конкурента', lost: 1, atStage: [1, 0], unknownStage: 0, byManager: { Борис: 1 } },
        { reason: 'Другое', lost: 1, atStage: [0, 0], unknownStage: 1, byManager: { Борис: 1 } },
      ],
    });
    const model = summaryModel({ figures: f, language: 'en', locale: 'en_US', now: NOW, sources: [] });
    const at = model.rows.findIndex((r) => r[0].value === 'Loss reasons (lost deals created in the period)');
    expect(model.rows[at + 2].map((c) => c.value).filter((v) => v !== null)).toEqual([
      'Reason',
      'Lost',
      'Share of lost',
      'Переговоры',
      'Принимают решение',
      'Stage unknown',
    ]);
    expect(model.rows[at + 3].map((c) => c.value).slice(0, 5)).toEqual(['Дорого', 2, 0.4, 1, 1]);
    expect(model.rows[at + 4][0].value).toBe('(no reason)');
    const byManager = model.rows.findIndex((r) => r[0].value === 'Manager' && r[1].value === 'Lost');
    expect(model.rows[byManager + 1].map((c) => c.value).filter((v) => v !== null)).toEqual(['Борис', 3, 1, 1, 1]);
    expect(model.rows.flat().map((c) => c.value)).toContain(
      'Deals: 2 of 5 lost deals (40%) have no reason or "other" in Причина отказа: the loss reasons explain the rest only',
    );
    const ru = summaryModel({ figures: f, language: 'ru', locale: 'ru_RU', now: NOW, sources: [] });
    expect(ru.rows.some((r) => r[0].value === 'Причины отказа (проигранные сделки, созданные в периоде)')).toBe(true);
  });

  it('without a lost-reason column the section says which column to map', () => {
    const f = figuresOf({ headers: headers.map((h) => (h === 'Причина отказа' ? 'Теги' : h)), rows });
    expect(f.lossReasons).toBeNull();
    const model = summaryModel({ figures: f, language: 'en', locale: 'en_US', now: NOW, sources: [] });
    expect(model.rows.flat().some((c) => String(c.value).startsWith('No lost-reason column: map one (amoCRM «Причина отказа»'))).toBe(true);
  });

  it('cohorts by creation month for all time, from the first month with deals; the newest, still open and young, marked', () => {
    const f = figuresOf({ headers, rows });
    const c = f.cohorts!;
    expect(c.unit).toBe('month');
    // No close date column: no cycle known, so a cohort is young when more than half of it is open.
    expect(c.cycleDays).toBeNull();
    expect(
      c.cohorts.map((k) => [new Date(k.from).toISOString().slice(0, 7), k.deals, k.won, k.lost, k.open, k.conversion, k.young]),
    ).toEqual([
      ['2026-08', 3, 1, 2, 0, 1 / 3, false],
      ['2026-09', 2, 0, 2, 0, 0, false],
      ['2026-10', 1, 0, 1, 0, 0, false],
      // November: both its deals still open.
      ['2026-11', 2, 0, 0, 2, null, true],
    ]);
    const model = summaryModel({ figures: f, language: 'en', locale: 'en_US', now: NOW, sources: [] });
    const nov = model.rows.find((r) => r[0].value === '2026-11')!;
    expect(nov.map((c) => c.value).slice(0, 7)).toEqual(['2026-11', 2, 0, 0, 2, null, 'young: not yet decided']);
    expect(model.rows.some((r) => r[0].value === 'Cohorts: decided conversion lead → won by month created')).toBe(true);
  });

  it('by week for a period of a month or less', () => {
    const c = figuresOf({ headers, rows, period: 'this_month' }).cohorts!;
    expect(c.unit).toBe('week');
    // Eight weeks up to 27 November, from the week of 5 October (deal 5, on the 6th); 20 and 21 November in the week of the 16th.
    expect(c.cohorts.map((k) => k.deals)).toEqual([1, 0, 0, 0, 0, 0, 2, 0]);
    expect(new Date(c.cohorts[0].from).toISOString().slice(0, 10)).toBe('2026-10-05');
    expect(c.cohorts.map((k) => k.young)).toEqual([false, false, false, false, false, false, true, false]);
  });
});
