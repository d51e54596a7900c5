// The sample tracker: seeded, realistic Deals, Activities and Leads for five managers over the
// last three months, in the user's language, and the settings that read them.
import type { Language } from '../i18n/language';
import { MS_PER_DAY, MS_PER_MINUTE } from '../tracker/dates';
import { defaultSettings, type Settings } from '../settings/schema';

export type SampleCell = string | number | { wall: number };
export interface SampleSheet {
  name: string;
  rows: SampleCell[][];
  /** Number formats per column (null = leave). */
  formats: (string | null)[];
  /** Column (0-based) that gets the stage dropdown. */
  dropdownColumn?: number;
}
export interface SampleTracker {
  deals: SampleSheet;
  activities: SampleSheet;
  leads: SampleSheet;
  funnel: string[];
  settings: Settings;
}

const TEXT = {
  en: {
    sheets: ['Deals', 'Activities', 'Leads'],
    deals: ['ID', 'Created', 'Client', 'Manager', 'Stage', 'Status', 'Amount', 'Closed', 'Last activity', 'Source'],
    activities: ['Date', 'Manager', 'Type', 'Result', 'Deal'],
    leads: ['Lead ID', 'Created', 'Responded', 'Manager', 'Source', 'Assigned at'],
    funnel: ['Lead', 'Qualified', 'Meeting', 'Proposal', 'Invoice', 'Paid'],
    won: 'Won',
    lost: 'Lost',
    open: 'Open',
    managers: ['Anna Smirnova', 'Boris Ivanov', 'Chloe Martin', 'David Kim', 'Elena Petrova'],
    clientA: ['North', 'Blue', 'Green', 'Silver', 'Bright', 'Rapid', 'Prime', 'Urban', 'Solid', 'Clear', 'Swift', 'True'],
    clientB: [
      'wind Ltd',
      'stone Inc',
      'field LLC',
      'line Co',
      'works',
      'bridge Group',
      'point Labs',
      'gate Corp',
      'wave Trading',
      'peak Systems',
    ],
    sources: ['Website', 'Phone', 'Referral', 'Ads'],
    types: ['Call', 'Email', 'Meeting', 'Demo', 'Proposal sent', 'Invoice'],
    callResults: ['No answer', 'Call back later', 'Meeting scheduled', 'Not interested', 'Interested'],
    money: '"$"#,##0',
    amount: [800, 15_000],
  },
  ru: {
    sheets: ['Сделки', 'Активности', 'Лиды'],
    deals: ['ID', 'Дата создания', 'Клиент', 'Менеджер', 'Этап', 'Статус', 'Сумма', 'Дата оплаты', 'Последняя активность', 'Источник'],
    activities: ['Дата', 'Менеджер', 'Тип', 'Результат', 'Сделка'],
    leads: ['Номер заявки', 'Дата создания', 'Время ответа', 'Менеджер', 'Источник', 'Время назначения'],
    funnel: ['Лид', 'Квалификация', 'Встреча', 'КП', 'Счёт', 'Оплата'],
    won: 'Оплачено',
    lost: 'Отказ',
    open: 'В работе',
    managers: ['Анна Смирнова', 'Борис Иванов', 'Виктор Орлов', 'Галина Ким', 'Дмитрий Петров'],
    clientA: ['ООО', 'АО', 'ИП', 'ООО', 'ООО', 'АО'],
    clientB: [
      'Ромашка',
      'Вектор',
      'СтройМастер',
      'Альфа-Трейд',
      'Северный ветер',
      'Гранит',
      'ТехноПарк',
      'Медведь',
      'Интерлог',
      'Восход',
      'Лидер',
      'Монолит',
      'Светоч',
      'Радуга',
    ],
    sources: ['Сайт', 'Звонок', 'Рекомендация', 'Реклама'],
    types: ['Звонок', 'Письмо', 'Встреча', 'Демонстрация', 'КП', 'Счёт'],
    callResults: ['Не дозвонился', 'Перезвонить', 'Встреча назначена', 'Не интересно', 'Интересно'],
    money: '#,##0 "₽"',
    amount: [60_000, 900_000],
  },
};

/** A small deterministic generator (mulberry32): the same seed gives the same tracker. */
function generator(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)],
    chance: (p: number) => next() < p,
  };
}

const DATE = 'yyyy-mm-dd';
const DATETIME = 'yyyy-mm-dd hh:mm';

/** Per manager: how well they convert and how disciplined they are (share of weeks on plan). */
const PROFILES = [
  { advance: 0.8, activity: 1.05, steadiness: 0.9 },
  { advance: 0.68, activity: 0.8, steadiness: 0.55 },
  { advance: 0.74, activity: 1.2, steadiness: 0.8 },
  { advance: 0.58, activity: 0.95, steadiness: 0.4 },
  { advance: 0.78, activity: 1.0, steadiness: 0.7 },
];

type Random = ReturnType<typeof generator>;
type Text = (typeof TEXT)[Language];

/** What every part of the sample draws from: the words, the random stream (in one order), the clients and the clock. */
interface SampleWorld {
  t: Text;
  rnd: Random;
  now: number;
  /** The first day of the sample's 91 days. */
  start: number;
  clients: string[];
  /** A moment of a working day (09:00–18:00). */
  workTime: (day: number) => number;
}

/** 300 deals over the 91 days, each moving through the funnel as its manager's profile makes it. */
function sampleDeals(w: SampleWorld): { rows: SampleCell[][]; byManager: string[][] } {
  const { t, rnd, now } = w;
  const rows: SampleCell[][] = [t.deals];
  const byManager: string[][] = t.managers.map(() => []);
  const last = t.funnel.length - 1;
  for (let i = 0; i < 300; i++) {
    const m = rnd.int(0, 4);
    const profile = PROFILES[m];
    const created = w.workTime(w.start + rnd.int(0, 90) * MS_PER_DAY);
    let stage = 0;
    let at = created;
    let status = t.open;
    for (;;) {
      const step = rnd.int(1, 9) * MS_PER_DAY;
      if (at + step > now) break;
      if (stage === last) break;
      if (!rnd.chance(profile.advance)) {
        if (rnd.chance(0.7)) status = t.lost;
        at += step;
        break;
      }
      stage++;
      at += step;
    }
    if (stage === last) status = t.won;
    const closed = status === t.open ? '' : { wall: Math.min(at, now) };
    const idle = status === t.open ? (rnd.chance(0.25) ? rnd.int(15, 40) : rnd.int(0, 10)) * MS_PER_DAY : 0;
    const lastActivity = { wall: status === t.open ? Math.max(created, now - idle) : Math.min(at, now) };
    const client = rnd.chance(0.3) ? w.clients[rnd.int(0, 25)] : rnd.pick(w.clients);
    const amount = Math.round(rnd.int(t.amount[0], t.amount[1]) / 100) * 100;
    const id = `D-${1001 + i}`;
    byManager[m].push(id);
    rows.push([id, { wall: created }, client, t.managers[m], t.funnel[stage], status, amount, closed, lastActivity, rnd.pick(t.sources)]);
  }
  return { rows, byManager };
}

/** 13 weeks of activities, in time order: steady managers meet their plan most weeks. */
function sampleActivities(w: SampleWorld, dealsByManager: string[][]): SampleCell[][] {
  const { t, rnd } = w;
  const rows: SampleCell[][] = [t.activities];
  for (let week = 0; week < 13; week++) {
    for (let m = 0; m < 5; m++) {
      const profile = PROFILES[m];
      const onPlan = rnd.chance(profile.steadiness);
      const perDay = Math.max(1, Math.round(profile.activity * (onPlan ? rnd.int(6, 8) : rnd.int(3, 5))));
      for (let d = 0; d < 5; d++) {
        const day = w.start + (week * 7 + d) * MS_PER_DAY;
        if (day > w.now - MS_PER_DAY) continue;
        for (let k = 0; k < perDay; k++) {
          const roll = rnd.next();
          const type = roll < 0.5 ? 0 : roll < 0.68 ? 1 : roll < 0.8 ? 2 : roll < 0.86 ? 3 : roll < 0.95 ? 4 : 5;
          const result = type === 0 ? rnd.pick(t.callResults) : '';
          const deal = dealsByManager[m].length ? rnd.pick(dealsByManager[m]) : '';
          rows.push([{ wall: w.workTime(day) }, t.managers[m], t.types[type], result, deal]);
        }
      }
    }
  }
  rows.splice(1, rows.length - 1, ...rows.slice(1).sort((a, b) => (a[0] as { wall: number }).wall - (b[0] as { wall: number }).wall));
  return rows;
}

/** 400 inbound leads: most answered within the SLA, some late, some never; the last few still waiting. */
function sampleLeads(w: SampleWorld): SampleCell[][] {
  const { t, rnd, now } = w;
  const rows: SampleCell[][] = [t.leads];
  for (let i = 0; i < 400; i++) {
    const recent = i >= 396;
    const created = recent ? now - rnd.int(2, 40) * MS_PER_MINUTE : w.workTime(w.start + rnd.int(0, 90) * MS_PER_DAY);
    if (created > now) continue;
    const roll = rnd.next();
    const wait = roll < 0.72 ? rnd.int(1, 9) : roll < 0.94 ? rnd.int(11, 90) : -1;
    const responded = recent || wait < 0 ? '' : { wall: Math.min(now, created + wait * MS_PER_MINUTE + rnd.int(0, 59) * 1000) };
    rows.push([`L-${5001 + i}`, { wall: created }, responded, rnd.pick(t.managers), rnd.pick(t.sources), { wall: created }]);
  }
  return rows;
}

/** The settings the sample comes with: its sheets mapped, its funnel, targets, plans and rotation. */
function sampleSettings(t: Text, language: Language): Settings {
  const [dealsName, activitiesName, leadsName] = t.sheets;
  const settings = defaultSettings();
  const columns = (headers: string[], roles: string[]) =>
    Object.fromEntries(roles.map((r, i) => [r, headers[i]]).filter(([r]) => r !== ''));
  settings.sources = {
    deals: {
      sheet: dealsName,
      columns: columns(t.deals, ['id', 'created', 'client', 'manager', 'stage', 'status', 'amount', 'closed', 'last_activity', 'source']),
      stageColumns: [],
    },
    activities: { sheet: activitiesName, columns: columns(t.activities, ['date', 'manager', 'type', 'result', 'deal']), stageColumns: [] },
    leads: {
      sheet: leadsName,
      columns: columns(t.leads, ['id', 'created', 'responded', 'manager', 'source', 'assigned_at']),
      stageColumns: [],
    },
    history: null,
  };
  settings.funnel = [...t.funnel];
  // Targets for the decided conversion into each stage (open deals set aside).
  settings.targets = [0.85, 0.85, 0.8, 0.8, 0.9];
  settings.wonWords = [];
  settings.period = 'last_30_days';
  settings.plans = t.managers.map((manager) => ({
    manager,
    touchesPerWeek: 10,
    dealsPerMonth: 4,
    revenuePerMonth: language === 'ru' ? 2_000_000 : 32_000,
  }));
  settings.sla = { ...settings.sla, rotation: t.managers.map((manager, i) => ({ manager, email: '', onDuty: i !== 4 })) };
  return settings;
}

export function sampleTracker(language: Language, now: number, seed = 20261127): SampleTracker {
  const t = TEXT[language];
  const rnd = generator(seed);
  const clients = Array.from(
    { length: 110 },
    (_, i) =>
      `${t.clientA[i % t.clientA.length]} ${language === 'ru' ? '«' : ''}${t.clientB[(i * 7) % t.clientB.length]}${language === 'ru' ? '»' : ''}${i >= t.clientB.length ? ` ${Math.floor(i / t.clientB.length) + 1}` : ''}`,
  );
  const world: SampleWorld = {
    t,
    rnd,
    now,
    start: Math.floor(now / MS_PER_DAY) * MS_PER_DAY - 91 * MS_PER_DAY,
    clients,
    workTime: (day) => day + rnd.int(9 * 60, 18 * 60) * MS_PER_MINUTE,
  };
  // In this order: each part draws from the one random stream.
  const deals = sampleDeals(world);
  const activities = sampleActivities(world, deals.byManager);
  const leads = sampleLeads(world);
  const [dealsName, activitiesName, leadsName] = t.sheets;
  return {
    deals: {
      name: dealsName,
      rows: deals.rows,
      formats: [null, DATE, null, null, null, null, t.money, DATE, DATE, null],
      dropdownColumn: 4,
    },
    activities: { name: activitiesName, rows: activities, formats: [DATETIME, null, null, null, null] },
    leads: { name: leadsName, rows: leads, formats: [null, DATETIME, DATETIME, null, null, DATETIME] },
    funnel: [...t.funnel],
    settings: sampleSettings(t, language),
  };
}
