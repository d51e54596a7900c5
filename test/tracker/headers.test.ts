// Header auto-detection on real exports: amoCRM, Bitrix24, Pipedrive, HubSpot, Maven, Olist (docs/own-exports.md).
import { describe, expect, it } from 'vitest';
import { dateEnteredColumnsIn, detectColumns, isStageEvent, sourceFit, stageDateColumnsIn } from '../../src/tracker/headers';
import { hasDatasets, MAVEN, OLIST_DEALS, OLIST_LEADS, readCsv, SKIP_REASON } from '../helpers/datasets';

/** role → header text, for readable expectations. */
function detected(kind: 'deals' | 'activities' | 'leads' | 'history', headers: string[]) {
  return Object.fromEntries(Object.entries(detectColumns(kind, headers)).map(([role, i]) => [role, headers[i]]));
}

describe('header auto-detection', () => {
  it('reads an amoCRM deals export (Russian)', () => {
    const headers = [
      'ID',
      'Название сделки',
      'Бюджет ₽',
      'Ответственный',
      'Дата создания',
      'Кем создана',
      'Изменена',
      'Дата закрытия',
      'Теги',
      'Этап сделки',
      'Воронка',
      'Компания',
      'Основной контакт',
    ];
    expect(detected('deals', headers)).toMatchObject({
      id: 'ID',
      manager: 'Ответственный',
      created: 'Дата создания',
      closed: 'Дата закрытия',
      stage: 'Этап сделки',
      client: 'Компания',
      last_edit: 'Изменена',
    });
    expect(detected('deals', headers).amount).toBe('Бюджет ₽');
  });

  it('reads a Bitrix24 deals export and does not take the expected close date for the closing date', () => {
    const headers = [
      'ID',
      'Название',
      'Стадия сделки',
      'Сумма',
      'Валюта',
      'Ответственный',
      'Дата создания',
      'Дата изменения',
      'Предполагаемая дата закрытия',
      'Компания',
      'Источник',
    ];
    const d = detected('deals', headers);
    expect(d).toMatchObject({
      stage: 'Стадия сделки',
      amount: 'Сумма',
      manager: 'Ответственный',
      created: 'Дата создания',
      client: 'Компания',
      source: 'Источник',
    });
    expect(d.closed).toBeUndefined();
  });

  it('reads a Pipedrive deals export with its "Deal - " prefixes', () => {
    const headers = [
      'Deal - ID',
      'Deal - Title',
      'Deal - Value',
      'Deal - Currency',
      'Deal - Organization',
      'Deal - Owner',
      'Deal - Stage',
      'Deal - Status',
      'Deal - Deal created',
      'Deal - Won time',
      'Deal - Last activity date',
      'Deal - Expected close date',
    ];
    expect(detected('deals', headers)).toMatchObject({
      id: 'Deal - ID',
      amount: 'Deal - Value',
      client: 'Deal - Organization',
      manager: 'Deal - Owner',
      stage: 'Deal - Stage',
      status: 'Deal - Status',
      created: 'Deal - Deal created',
      closed: 'Deal - Won time',
      last_activity: 'Deal - Last activity date',
    });
  });

  it('reads a HubSpot deals and activities export', () => {
    const headers = [
      'Record ID',
      'Deal Name',
      'Deal Stage',
      'Amount',
      'Close Date',
      'Create Date',
      'Deal owner',
      'Pipeline',
      'Last Activity Date',
      'Associated Company',
    ];
    expect(detected('deals', headers)).toEqual({
      id: 'Record ID',
      name: 'Deal Name',
      stage: 'Deal Stage',
      amount: 'Amount',
      closed: 'Close Date',
      created: 'Create Date',
      manager: 'Deal owner',
      last_activity: 'Last Activity Date',
      client: 'Associated Company',
    });
    expect(
      detected('activities', ['Activity ID', 'Activity date', 'Activity type', 'Activity assigned to', 'Associated Deal', 'Outcome']),
    ).toEqual({
      date: 'Activity date',
      type: 'Activity type',
      manager: 'Activity assigned to',
      deal: 'Associated Deal',
      result: 'Outcome',
    });
  });

  it("reads a stage history: amoCRM's event list, Bitrix24's stage history, a hand-kept log", () => {
    expect(detected('history', ['Дата', 'Автор', 'Объект', 'Название', 'Событие', 'Значение до', 'Значение после'])).toEqual({
      at: 'Дата',
      deal: 'Название',
      event: 'Событие',
      from: 'Значение до',
      stage: 'Значение после',
    });
    expect(detected('history', ['ID', 'ID сделки', 'Стадия', 'Дата изменения', 'Ответственный'])).toEqual({
      deal: 'ID сделки',
      stage: 'Стадия',
      at: 'Дата изменения',
    });
    expect(detected('history', ['Deal', 'Stage', 'Date'])).toEqual({ deal: 'Deal', stage: 'Stage', at: 'Date' });
    // Only stage changes of an event list count.
    expect([
      isStageEvent('Изменение этапа продажи'),
      isStageEvent('Stage changed'),
      isStageEvent('Изменение поля «Бюджет»'),
      isStageEvent('Новое примечание'),
    ]).toEqual([true, true, false, false]);
    // A deals export is no history: it has no date a stage was entered.
    expect(sourceFit('history', ['ID', 'Название сделки', 'Бюджет', 'Этап сделки', 'Дата создания'])).toBe(0);
  });

  it('finds HubSpot\'s "Date entered" columns, the lost stage\'s too, and leaves "Date exited" alone', () => {
    const headers = [
      'Deal Stage',
      'Date entered "Appointment Scheduled (Sales Pipeline)"',
      'Date exited "Appointment Scheduled (Sales Pipeline)"',
      'Date entered "Closed Won (Sales Pipeline)"',
      'Date entered "Closed Lost (Sales Pipeline)"',
    ];
    expect(dateEnteredColumnsIn(headers, ['Appointment Scheduled', 'Closed Won'], ['Closed Lost'])).toEqual([
      { stage: 'Appointment Scheduled', column: headers[1] },
      { stage: 'Closed Won', column: headers[3] },
      { stage: 'Closed Lost', column: headers[4] },
    ]);
  });

  it('reads activity exports in both languages', () => {
    expect(
      detected('activities', ['Activity - Type', 'Activity - Due date', 'Activity - Assigned to user', 'Activity - Deal']),
    ).toMatchObject({ type: 'Activity - Type', date: 'Activity - Due date', deal: 'Activity - Deal' });
    expect(detected('activities', ['Тип задачи', 'Дата выполнения', 'Ответственный', 'Результат', 'Сделка'])).toMatchObject({
      type: 'Тип задачи',
      date: 'Дата выполнения',
      manager: 'Ответственный',
      result: 'Результат',
      deal: 'Сделка',
    });
  });

  it('reads snake_case and camelCase headers', () => {
    expect(detected('deals', ['dealStage', 'createdAt', 'salesAgent', 'lost_stage'])).toEqual({
      stage: 'dealStage',
      created: 'createdAt',
      manager: 'salesAgent',
      lost_stage: 'lost_stage',
    });
  });

  it('finds the stage a lost deal was lost at, in both languages', () => {
    for (const h of ['Этап отказа', 'Lost at stage', 'loss stage', 'lostStage'])
      expect(detected('deals', ['Этап', h])).toEqual({ stage: 'Этап', lost_stage: h });
  });

  it("a date column named as a stage is that stage's date column, inflected or with a date word", () => {
    expect(
      stageDateColumnsIn(
        ['opportunity_id', 'deal_stage', 'engage_date', 'close_date'],
        ['Prospecting', 'Engaging', 'Won'],
        ['deal_stage', 'close_date'],
      ),
    ).toEqual([{ stage: 'Engaging', column: 'engage_date' }]);
    expect(stageDateColumnsIn(['Этап', 'Дата встречи', 'Дата КП', 'Счёт выставлен'], ['Лид', 'Встреча', 'КП', 'Счёт'])).toEqual([
      { stage: 'Встреча', column: 'Дата встречи' },
      { stage: 'КП', column: 'Дата КП' },
    ]);
    expect(stageDateColumnsIn(['Meeting date', 'Proposal'], ['Lead', 'Meeting', 'Proposal'])).toEqual([
      { stage: 'Meeting', column: 'Meeting date' },
      { stage: 'Proposal', column: 'Proposal' },
    ]);
    // A column already mapped to a role is not a stage date.
    expect(stageDateColumnsIn(['Stage'], ['Stage', 'Won'], ['Stage'])).toEqual([]);
  });

  it('a planned close date is expected_close, never the closed date: «Плановая дата закрытия», Pipedrive, HubSpot', () => {
    expect(detected('deals', ['Этап', 'Плановая дата закрытия', 'Дата закрытия', 'Бюджет'])).toMatchObject({
      expected_close: 'Плановая дата закрытия',
      closed: 'Дата закрытия',
    });
    expect(detected('deals', ['Deal - Stage', 'Deal - Expected close date', 'Deal - Won time'])).toMatchObject({
      expected_close: 'Deal - Expected close date',
      closed: 'Deal - Won time',
    });
    // HubSpot's "Close Date" is the actual close of a closed deal (an open deal's planned one: see the forecast).
    expect(detected('deals', ['Deal Stage', 'Close Date', 'Create Date', 'Amount'])).toMatchObject({
      closed: 'Close Date',
      created: 'Create Date',
    });
    expect(detected('deals', ['Deal Stage', 'Close Date'])).not.toHaveProperty('expected_close');
  });

  describe.skipIf(!hasDatasets)(`on the real datasets ${hasDatasets ? '' : SKIP_REASON}`, () => {
    it('maps the Maven CRM pipeline', () => {
      expect(detected('deals', readCsv(MAVEN)[0])).toEqual({
        id: 'opportunity_id',
        manager: 'sales_agent',
        client: 'account',
        stage: 'deal_stage',
        closed: 'close_date',
        amount: 'close_value',
      });
    });
    it('maps the Olist leads and closed deals', () => {
      expect(detected('leads', readCsv(OLIST_LEADS)[0])).toMatchObject({ id: 'mql_id', created: 'first_contact_date', source: 'origin' });
      expect(detected('deals', readCsv(OLIST_DEALS)[0])).toMatchObject({ id: 'mql_id', manager: 'sr_id', closed: 'won_date' });
    });
  });
});
