// The 12 custom functions as a head of sales calls them: figures, omitted arguments, messages, budgets.
import { describe, expect, it } from 'vitest';
import { callCustomFunction, CUSTOM_FUNCTIONS } from '../../src/functions/registry';
import { testEnv, wall } from '../helpers/env';

const call = (name: string, args: unknown[], env = testEnv()) => callCustomFunction(name, args, env);
const col = (...values: unknown[]) => values.map((v) => [v]);
const FUNNEL4 = [['Lead', 'Meeting', 'Proposal', 'Paid']];
const d = (s: string) => new Date(s);

describe('the registry', () => {
  it('has exactly the contract’s 12 functions in its order and parameter names', () => {
    expect(CUSTOM_FUNCTIONS.map((f) => `${f.name}(${f.params.map((p) => p.name).join(',')})`)).toEqual([
      'FUNNEL(stages,funnel,statuses,amounts)',
      'STAGE_CONVERSION(stages,from_stage,to_stage,funnel,statuses)',
      'DEAL_CYCLE(start_dates,end_dates,statistic,unit,skip_invalid)',
      'STALLED_DEALS(last_activity_dates,days,statuses,as_of,skip_invalid)',
      'TIME_IN_STAGE(deals,stages,dates,stage,statistic)',
      'RESPONSE_TIME(created,responded,statistic,unit,skip_invalid)',
      'SLA_BREACH_RATE(created,responded,sla_minutes,as_of,skip_invalid)',
      'EFFECTIVE_TOUCHES(activities,effective)',
      'REPEAT_RATE(clients,statuses)',
      'PLAN_FACT(plan,fact)',
      'PLAN_DISCIPLINE(plan,fact)',
      'CONVERSION_INTERVAL(successes,trials,confidence)',
      'FORECAST_REVENUE(stages,statuses,amounts,created,closed,period_start,period_end,as_of,funnel,expected_close,skip_invalid)',
    ]);
  });
});

describe('STAGE_CONVERSION and FUNNEL', () => {
  const stages = col('Lead', 'Meeting', 'Proposal', 'Paid', 'Lead', '', 'Meeting');

  it('converts from one stage to a later one', () => {
    expect(call('STAGE_CONVERSION', [stages, 'Lead', 'Paid', FUNNEL4])).toBeCloseTo(1 / 6, 12);
    expect(call('STAGE_CONVERSION', [stages, 'meeting', 'Proposal', FUNNEL4])).toBe(0.5);
  });

  it('a single cell arrives as a scalar and still works', () => {
    expect(call('STAGE_CONVERSION', ['Paid', 'Lead', 'Paid', FUNNEL4])).toBe(1);
  });

  it('an omitted funnel comes from the settings, read once', () => {
    const env = testEnv({ settings: { funnel: ['Lead', 'Meeting', 'Proposal', 'Paid'] } });
    expect(call('STAGE_CONVERSION', [stages, 'Lead', 'Meeting', '', ''], env)).toBe(4 / 6);
    expect(env.reads).toEqual({ locale: 0, timeZone: 0, settings: 1 });
  });

  it('with no funnel given or saved, says how to pass one', () => {
    expect(() => call('STAGE_CONVERSION', [stages, 'Lead', 'Paid'])).toThrow(
      /STAGE_CONVERSION: no funnel given.*\{"Lead","Meeting","Proposal","Paid"\}/,
    );
  });

  it('speaks Russian in a Russian spreadsheet', () => {
    expect(() =>
      call('STAGE_CONVERSION', [col('Лид', 'Переговоры'), 'Лид', 'Оплата', [['Лид', 'Оплата']]], testEnv({ locale: 'ru_RU' })),
    ).toThrow('STAGE_CONVERSION: stages, строка 2: "Переговоры" — не этап воронки (Лид, Оплата)');
  });

  it('refuses a to_stage that is not later', () => {
    expect(() => call('STAGE_CONVERSION', [stages, 'Paid', 'Lead', FUNNEL4])).toThrow(/must come before/);
  });

  it('a won status reaches every stage', () => {
    expect(call('STAGE_CONVERSION', [col('Lead', 'Meeting'), 'Lead', 'Paid', FUNNEL4, col('Won', 'Open')])).toBe(0.5);
  });

  it('statuses must have as many rows as stages', () => {
    expect(() => call('STAGE_CONVERSION', [col('Lead', 'Meeting'), 'Lead', 'Paid', FUNNEL4, col('Won')])).toThrow(
      'statuses has 1 rows but stages has 2: paired ranges must have the same number of rows',
    );
  });

  it('shape B: first row = stage names, later stages filled count as passed', () => {
    const grid = [
      ['Lead', 'Meeting', 'Paid'],
      [d('2024-01-01'), '', d('2024-01-20')],
      [d('2024-01-02'), d('2024-01-05'), ''],
      [d('2024-01-03'), '', ''],
      ['', '', ''],
    ];
    expect(call('STAGE_CONVERSION', [grid, 'Lead', 'Meeting'])).toBeCloseTo(2 / 3, 12);
    expect(call('FUNNEL', [grid])).toEqual([
      ['Stage', 'Deals reached', 'Step conversion', 'Total conversion'],
      ['Lead', 3, '', 1],
      ['Meeting', 2, 2 / 3, 2 / 3],
      ['Paid', 1, 0.5, 1 / 3],
    ]);
  });

  it('FUNNEL adds amounts and localises its header', () => {
    const table = call(
      'FUNNEL',
      [col('Lead', 'Paid', 'Paid'), [['Lead', 'Paid']], '', col('100', '1 000,50 ₽', '')],
      testEnv({ locale: 'ru_RU' }),
    ) as unknown[][];
    expect(table[0]).toEqual(['Этап', 'Дошли сделок', 'Конверсия шага', 'Конверсия от начала', 'Сумма']);
    expect(table[2]).toEqual(['Paid', 2, 2 / 3, 2 / 3, 1000.5]);
  });

  it('no deals at all is an error, like AVERAGE of nothing', () => {
    expect(() => call('FUNNEL', [col('', ''), FUNNEL4])).toThrow(/no data to measure in stages/);
  });
});

describe('DEAL_CYCLE', () => {
  const start = col(d('2024-01-01'), '2024-01-10', '', '05.02.2024');
  const end = col(d('2024-01-11'), '2024-01-30', d('2024-01-01'), '2024-02-06');
  it('mean, median and count over deals with both dates', () => {
    expect(call('DEAL_CYCLE', [start, end])).toBeCloseTo((10 + 20 + 1) / 3, 10);
    expect(call('DEAL_CYCLE', [start, end, 'median'])).toBe(10);
    expect(call('DEAL_CYCLE', [start, end, 'count'])).toBe(3);
    expect(call('DEAL_CYCLE', [start, end, 'max', 'hours'])).toBe(480);
    expect(call('DEAL_CYCLE', [start, end, 'p90'])).toBeCloseTo(18, 10);
  });
  it('an end before its start is an error that mentions skip_invalid; with it the row is left out', () => {
    const s = col('2024-01-10', '2024-01-01');
    const e = col('2024-01-08', '2024-01-05');
    expect(() => call('DEAL_CYCLE', [s, e])).toThrow(
      'DEAL_CYCLE: end_dates row 1: 2024-01-08 is before 2024-01-10. Fix the dates, or pass skip_invalid TRUE to leave such rows out',
    );
    expect(call('DEAL_CYCLE', [s, e, '', '', true])).toBe(4);
  });
  it('an unreadable date names the row and value; skip_invalid leaves it out', () => {
    expect(() => call('DEAL_CYCLE', [col('2024-01-01', 'вчера'), col('2024-01-02', '2024-01-03')])).toThrow(/start_dates row 2 is "вчера"/);
    expect(call('DEAL_CYCLE', [col('2024-01-01', 'вчера'), col('2024-01-02', '2024-01-03'), 'mean', 'days', true])).toBe(1);
  });
  it('refuses an unknown statistic and lists the ones that work', () => {
    expect(() => call('DEAL_CYCLE', [start, end, 'mode'])).toThrow(
      'statistic is "mode"; use one of: mean, median, p75, p90, min, max, count',
    );
  });
  it('takes Russian statistic names', () => {
    expect(call('DEAL_CYCLE', [start, end, 'медиана'])).toBe(10);
  });
});

describe('TIME_IN_STAGE', () => {
  // A stage history as amoCRM lists it, newest first: two deals, one lost after Meeting.
  const deals = col('D2', 'D1', 'D2', 'D1', 'D2', 'D1');
  const stages = col('Lost', 'Paid', 'Meeting', 'Meeting', 'Lead', 'Lead');
  const dates = col(d('2026-11-20'), d('2026-11-15'), d('2026-11-10'), d('2026-11-05'), d('2026-11-02'), d('2026-11-01'));

  it('one stage: the days from entering it to entering the next, per deal, as a statistic', () => {
    expect(call('TIME_IN_STAGE', [deals, stages, dates, 'Meeting'])).toBe(10);
    expect(call('TIME_IN_STAGE', [deals, stages, dates, 'meeting', 'max'])).toBe(10);
    expect(call('TIME_IN_STAGE', [deals, stages, dates, 'Lead', 'mean'])).toBe(6);
  });

  it("no stage: a table in the saved funnel's order, else the order deals move in; a stage never left is not listed", () => {
    expect(call('TIME_IN_STAGE', [deals, stages, dates])).toEqual([
      ['Stage', 'Deals measured', 'Days (median)'],
      ['Lead', 2, 6],
      ['Meeting', 2, 10],
    ]);
    const ru = testEnv({ locale: 'ru_RU', settings: { funnel: ['Meeting', 'Lead', 'Paid'] } });
    expect(call('TIME_IN_STAGE', [deals, stages, dates, '', 'p90'], ru)).toEqual([
      ['Этап', 'Сделок измерено', 'Дни (p90)'],
      ['Meeting', 2, 10],
      ['Lead', 2, 7.6],
    ]);
  });

  it('says what is wrong: ranges of different heights, a stage with no time, an unreadable date', () => {
    expect(() => call('TIME_IN_STAGE', [deals, col('Lead'), dates])).toThrow(/^TIME_IN_STAGE: /);
    expect(() => call('TIME_IN_STAGE', [deals, stages, dates, 'Paid'])).toThrow(/no data to measure in stages = "Paid"/);
    expect(() => call('TIME_IN_STAGE', [col('D1'), col('Lead'), col('someday')])).toThrow(/dates/);
  });
});

describe('STALLED_DEALS', () => {
  const last = col(wall(2026, 11, 1) / 86400000 + 25569, '2026-11-20', '2026-10-01', '');
  it('counts open deals idle more than 14 days', () => {
    const asOf = '2026-11-27';
    expect(call('STALLED_DEALS', [last, '', '', asOf])).toBe(2);
    expect(call('STALLED_DEALS', [last, 30, '', asOf])).toBe(1);
    expect(call('STALLED_DEALS', [last, '', col('open', '', 'Won', ''), asOf])).toBe(1);
  });
  it('as_of defaults to now', () => {
    expect(call('STALLED_DEALS', [last], testEnv({ now: wall(2026, 11, 27) }))).toBe(2);
  });
});

describe('RESPONSE_TIME and SLA_BREACH_RATE', () => {
  const created = col('2026-11-27 10:00', '2026-11-27 10:00', '2026-11-27 10:00', '2026-11-27 11:50', '');
  const responded = col('2026-11-27 10:04', '2026-11-27 10:20', '', '', '');
  const asOf = '2026-11-27 12:00';
  it('median minutes to the first answer', () => {
    expect(call('RESPONSE_TIME', [created, responded])).toBe(12);
    expect(call('RESPONSE_TIME', [created, responded, 'mean', 'hours'])).toBeCloseTo(0.2, 10);
  });
  it('a breach is a late answer or an unanswered lead past the SLA; unanswered inside it is not counted', () => {
    // row 1 met, row 2 late, row 3 unanswered for 120 min, row 4 unanswered for 10 min (pending).
    expect(call('SLA_BREACH_RATE', [created, responded, 10, asOf])).toBeCloseTo(2 / 3, 12);
    // With 30 minutes the late answer (20 min) is on time: only the 120-minute wait breaches.
    expect(call('SLA_BREACH_RATE', [created, responded, 30, asOf])).toBeCloseTo(1 / 3, 12);
  });
  it('counts only working minutes when the settings set working hours', () => {
    const env = testEnv({
      settings: {
        sla: {
          minutes: 10,
          workingHours: { days: [1, 2, 3, 4, 5], from: '09:00', to: '19:00' },
          rotation: [],
          maxReassignments: 3,
          notifyManagers: false,
          everyMinute: false,
        },
      },
    });
    // Friday 18:55 → Monday 09:03 is 8 working minutes.
    expect(call('RESPONSE_TIME', [col('2026-11-27 18:55'), col('2026-11-30 09:03')], env)).toBe(8);
    expect(call('SLA_BREACH_RATE', [col('2026-11-27 18:55'), col('2026-11-30 09:03')], env)).toBe(0);
  });
  it('a negative SLA is refused', () => {
    expect(() => call('SLA_BREACH_RATE', [created, responded, -5])).toThrow('sla_minutes is -5; use a number greater than zero');
  });
  it('a response before the lead came in is an error unless skipped', () => {
    expect(() => call('SLA_BREACH_RATE', [col('2026-11-27 10:00'), col('2026-11-27 09:00')])).toThrow(/responded row 1/);
  });
  it('with skip_invalid a lead answered before it came in, or with an unreadable answer, counts nowhere', () => {
    const leads = col('2026-11-27 10:00', '2026-11-27 10:00', '2026-11-27 10:00', '2026-11-27 10:00');
    const answers = col('2026-11-27 10:20', '2026-11-27 09:00', 'soon', '2026-11-27 10:05');
    // Rows 2 and 3 are left out: one breach (20 min) of two counted leads.
    expect(call('SLA_BREACH_RATE', [leads, answers, 10, asOf, true])).toBe(0.5);
    // Every lead left out is "no data", not "nothing to count yet"; one inside the SLA window is the latter.
    expect(() =>
      call('SLA_BREACH_RATE', [col('2026-11-27 10:00', '2026-11-27 10:00'), col('2026-11-27 09:00', 'soon'), 10, asOf, true]),
    ).toThrow(/no data to measure in created/);
    expect(() => call('SLA_BREACH_RATE', [col('2026-11-27 11:55'), col(''), 10, asOf, true])).toThrow(/no lead can be counted yet/);
  });
});

describe('paired date columns of Date cells (read as the function goes)', () => {
  // The same instants as Date cells and as text in Berlin's wall time: a DST change in the middle.
  const env = () => testEnv({ timeZone: 'Europe/Berlin' });
  const texts = ['2026-03-28 10:00', '2026-03-28 23:30', '2026-03-29 09:00', '', '2026-03-30 08:00'];
  const answers = ['2026-03-28 10:04', '2026-03-29 00:15', '2026-03-29 09:30', '2026-03-29 10:00', ''];
  const berlin = (text: string) =>
    text === '' ? '' : new Date(`${text.replace(' ', 'T')}:00${text < '2026-03-29 02:00' ? '+01:00' : '+02:00'}`);
  const asDates = (values: string[]) => col(...values.map(berlin));
  const asOf = '2026-03-30 09:00';
  it('give what the same dates as text give, for every statistic', () => {
    for (const stat of ['mean', 'median', 'p90', 'min', 'max', 'count']) {
      expect(call('RESPONSE_TIME', [asDates(texts), asDates(answers), stat], env())).toBe(
        call('RESPONSE_TIME', [col(...texts), col(...answers), stat], env()),
      );
      expect(call('DEAL_CYCLE', [asDates(texts), asDates(answers), stat, 'hours'], env())).toBe(
        call('DEAL_CYCLE', [col(...texts), col(...answers), stat, 'hours'], env()),
      );
    }
    expect(call('SLA_BREACH_RATE', [asDates(texts), asDates(answers), 10, asOf], env())).toBe(
      call('SLA_BREACH_RATE', [col(...texts), col(...answers), 10, asOf], env()),
    );
    // 23:30 → 00:15 is 45 minutes across midnight; 09:00 → 09:30 is 30 minutes the day the clocks go forward.
    expect(call('RESPONSE_TIME', [asDates(texts), asDates(answers), 'max'], env())).toBe(45);
  });
  it('report a bad as_of before a bad cell, in both functions that take one', () => {
    expect(() => call('SLA_BREACH_RATE', [col('2026-03-28 10:00'), col('soon'), 10, 'someday'], env())).toThrow(/as_of/);
    expect(() => call('STALLED_DEALS', [col('soon'), 14, '', 'someday'], env())).toThrow(/as_of/);
    expect(() => call('STALLED_DEALS', [col('soon'), 14, '', '2026-03-30'], env())).toThrow(/last_activity_dates row 1 is "soon"/);
  });
  it('report a reversed row only when no cell after it is unreadable; skip_invalid leaves it out', () => {
    const starts = asDates(['2026-03-28 10:00', '2026-03-28 12:00']);
    expect(() => call('DEAL_CYCLE', [starts, asDates(['2026-03-28 09:00', '2026-03-29 12:00'])], env())).toThrow(
      /end_dates row 1: 2026-03-28 09:00 is before 2026-03-28 10:00/,
    );
    expect(() => call('DEAL_CYCLE', [starts, [[berlin('2026-03-28 09:00')], ['soon']]], env())).toThrow(/end_dates row 2 is "soon"/);
    expect(call('DEAL_CYCLE', [starts, asDates(['2026-03-28 09:00', '2026-03-29 12:00']), 'mean', 'hours', true], env())).toBe(24);
    expect(() => call('SLA_BREACH_RATE', [starts, asDates(['2026-03-28 09:00', ''])], env())).toThrow(/responded row 1/);
  });
});

describe('EFFECTIVE_TOUCHES', () => {
  it('counts meetings, proposals and invoices by type or result, not calls', () => {
    const activities = [
      ['Звонок', 'Встреча назначена'],
      ['Звонок', 'Не дозвонился'],
      ['Встреча', ''],
      ['Email', 'КП отправлено'],
      ['', 'Встреча'],
    ];
    expect(call('EFFECTIVE_TOUCHES', [activities])).toBe(3);
    expect(call('EFFECTIVE_TOUCHES', [col('Call', 'Meeting', 'Lunch'), col('Lunch')])).toBe(1);
  });
  it('refuses three columns', () => {
    expect(() => call('EFFECTIVE_TOUCHES', [[['a', 'b', 'c']]])).toThrow(/one column \(type\) or two/);
  });
});

describe('REPEAT_RATE, PLAN_FACT, PLAN_DISCIPLINE, CONVERSION_INTERVAL', () => {
  it('repeat rate among won clients', () => {
    const clients = col('ООО Ромашка', 'ооо  ромашка', 'Acme', 'Acme', 'Beta');
    expect(call('REPEAT_RATE', [clients])).toBeCloseTo(2 / 3, 12);
    // Ромашка won twice; Acme won once and lost once; Beta won once.
    expect(call('REPEAT_RATE', [clients, col('Won', 'Оплачено', 'Won', 'Lost', 'Won')])).toBeCloseTo(1 / 3, 12);
  });
  it('plan/fact and discipline', () => {
    const plan = col(10, 10, 10, '', 0);
    const fact = col(12, 5, 10, 99, 3);
    expect(call('PLAN_FACT', [plan, fact])).toBeCloseTo(30 / 30, 12);
    expect(call('PLAN_DISCIPLINE', [plan, fact])).toBeCloseTo(2 / 3, 12);
    expect(() => call('PLAN_FACT', [col(0), col(1)])).toThrow(/adds up to zero/);
  });
  it('Wilson interval as one row', () => {
    const [[low, high]] = call('CONVERSION_INTERVAL', [3, 4]) as number[][];
    expect(low).toBeCloseTo(0.3006, 4);
    expect(high).toBeCloseTo(0.9544, 4);
    expect(() => call('CONVERSION_INTERVAL', [5, 4])).toThrow('successes (5) cannot exceed trials (4)');
  });
});

describe('budgets', () => {
  it('reads neither settings nor locale when the arguments make them unnecessary', () => {
    const env = testEnv();
    call('STAGE_CONVERSION', [col('Lead', 'Paid'), 'Lead', 'Paid', FUNNEL4], env);
    call('DEAL_CYCLE', [col('2024-01-01'), col('2024-01-05')], env);
    call('PLAN_FACT', [col(1), col(1)], env);
    expect(env.reads).toEqual({ locale: 0, timeZone: 0, settings: 0 });
  });
  it('reads the locale once for an error, however many rows fail', () => {
    const env = testEnv();
    expect(() => call('DEAL_CYCLE', [col('x', 'y', 'z'), col('', '', '')], env)).toThrow();
    expect(env.reads.locale).toBe(1);
  });
});

describe('one spare column per execution (STALLED_DEALS, and the paired date functions’ durations)', () => {
  it('a long read, then shorter ones, then the long one again: each answer as if alone', () => {
    const day = 86_400_000;
    const asOf = new Date(Date.UTC(2026, 0, 31));
    const long = Array.from({ length: 500 }, (_, i) => [new Date(Date.UTC(2026, 0, 1) + (i % 30) * day)]);
    const short = [[new Date(Date.UTC(2026, 0, 30))], [new Date(Date.UTC(2026, 0, 1))]];
    const closed = long.map(([d]) => [new Date((d as Date).getTime() + 3 * day)]);
    const alone = [
      call('STALLED_DEALS', [long, 14, undefined, asOf]),
      call('STALLED_DEALS', [short, 14, undefined, asOf]),
      call('DEAL_CYCLE', [short, short.map(([d]) => [new Date((d as Date).getTime() + day)])]),
    ];
    const env = testEnv();
    const inTurn = [
      call('STALLED_DEALS', [long, 14, undefined, asOf], env),
      call('DEAL_CYCLE', [long, closed], env),
      call('STALLED_DEALS', [short, 14, undefined, asOf], env),
      call('DEAL_CYCLE', [short, short.map(([d]) => [new Date((d as Date).getTime() + day)])], env),
      call('STALLED_DEALS', [long, 14, undefined, asOf], env),
    ];
    expect(inTurn).toEqual([alone[0], 3, alone[1], alone[2], alone[0]]);
    expect(alone).toEqual([272, 1, 1]); // 16 of every 30 days are over 14 days old; Jan 1 only; one day each
  });
});

describe('one spare stage column per execution (FUNNEL, STAGE_CONVERSION)', () => {
  it('a long funnel with amounts, a short one, the long one again: each as if alone', () => {
    const stages = ['Lead', 'Meeting', 'Proposal', 'Paid'];
    const long = Array.from({ length: 300 }, (_, i) => [stages[i % 4]]);
    const longAmounts = long.map((_, i) => [100 + i]);
    const short = [['Paid'], ['Lead']];
    const shortAmounts = [[5], [7]];
    const alone = [call('FUNNEL', [long, [stages], undefined, longAmounts]), call('FUNNEL', [short, [stages], undefined, shortAmounts])];
    const env = testEnv();
    const inTurn = [long, short, long].map((cells) =>
      call('FUNNEL', [cells, [stages], undefined, cells === long ? longAmounts : shortAmounts], env),
    );
    expect(inTurn).toEqual([alone[0], alone[1], alone[0]]);
    expect((alone[1] as unknown[][]).slice(1).map((row) => row[1])).toEqual([2, 1, 1, 1]);
  });
});
