// Exports written the way amoCRM, Bitrix24, Pipedrive and HubSpot write them, generated with the
// truth known in advance: where each lost deal was lost, each manager's weak step, the days every
// deal spent in every stage. The truth is plain arithmetic over what was generated, never the product's.

export type Crm = 'amocrm' | 'bitrix24' | 'pipedrive' | 'hubspot';

/** Each CRM's default pipeline as it writes it: open stages then won, and its lost stage. */
export const PIPELINES: Record<Crm, { stages: string[]; lost: string }> = {
  amocrm: {
    stages: ['Первичный контакт', 'Переговоры', 'Принимают решение', 'Согласование договора', 'Успешно реализовано'],
    lost: 'Закрыто и не реализовано',
  },
  bitrix24: { stages: ['Новая', 'Подготовка документов', 'Счёт на предоплату', 'В работе', 'Сделка успешна'], lost: 'Сделка провалена' },
  pipedrive: { stages: ['Qualified', 'Contact Made', 'Demo Scheduled', 'Proposal Made', 'Negotiations Started', 'Won'], lost: 'Lost' },
  hubspot: {
    stages: [
      'Appointment Scheduled',
      'Qualified To Buy',
      'Presentation Scheduled',
      'Decision Maker Bought-In',
      'Contract Sent',
      'Closed Won',
    ],
    lost: 'Closed Lost',
  },
};

const MANAGERS_RU = ['Анна Смирнова', 'Борис Ковалёв', 'Вера Орлова'];
const MANAGERS_EN = ['Alice Young', 'Bob Stone', 'Carol King'];

/** One generated deal: its path (stage index and the day it entered it) and how it ended. */
export interface GeneratedDeal {
  id: number;
  title: string;
  manager: string;
  created: number;
  /** Entered stages in order (skipped stages absent), each with its day (ms). */
  path: { stage: number; at: number }[];
  status: 'won' | 'lost' | 'open';
  /** For a lost deal, the stage it was lost at, and when. */
  lostAt: number;
  lostOn: number;
  amount: number;
}

export interface Truth {
  /** The funnel in order: open stages then won. */
  funnel: string[];
  /** Lost deals per stage (the funnel's "Lost here"). */
  lostAt: number[];
  /** Each manager's weak step "A → B" (the one built in), or null. */
  weakStep: Record<string, string | null>;
  /** Per stage (not the last): the days deals spent there, sorted; and open deals in it now. */
  days: number[][];
  openNow: number[];
  /** The manager built to be slow in one stage, and that stage. */
  slow: { manager: string; stage: string };
  managers: string[];
}

const DAY = 86_400_000;
const START = Date.UTC(2026, 0, 5, 10, 30);

/**
 * The deals: each manager starts 60 deals; at every step a fixed number are lost and 2 stay open, the
 * rest go on. Manager 0 loses 24 at step 1, manager 1 loses 20 at step 2 (their weak steps). Every 5th
 * deal that passes stage 1 skips it. Days in stage i: BASE[i] + (deal % 3); manager 2 spends 10 more in stage 2.
 */
export function generateDeals(crm: Crm): { deals: GeneratedDeal[]; truth: Truth } {
  const { stages } = PIPELINES[crm];
  const steps = stages.length - 1;
  const managers = crm === 'amocrm' || crm === 'bitrix24' ? MANAGERS_RU : MANAGERS_EN;
  const BASE = [2, 5, 8, 3, 4, 6];
  const lostPlan = (m: number, i: number) => (m === 0 && i === 1 ? 24 : m === 1 && i === 2 ? 20 : [10, 8, 6, 4, 3][i]);
  const deals: GeneratedDeal[] = [];
  const days: number[][] = Array.from({ length: steps }, () => []);
  const openNow = new Array<number>(steps).fill(0);
  const lostAt = new Array<number>(stages.length).fill(0);
  let id = 1000;
  managers.forEach((manager, m) => {
    // Each of the manager's deals: its fate decided in turn at each step.
    let remaining = Array.from({ length: 60 }, (_, k) => k);
    const fate = new Map<number, { status: 'lost' | 'open'; at: number }>();
    for (let i = 0; i < steps; i++) {
      const lost = remaining.slice(0, lostPlan(m, i));
      const open = remaining.slice(lostPlan(m, i), lostPlan(m, i) + 2);
      for (const k of lost) fate.set(k, { status: 'lost', at: i });
      for (const k of open) fate.set(k, { status: 'open', at: i });
      remaining = remaining.slice(lostPlan(m, i) + 2);
    }
    for (let k = 0; k < 60; k++) {
      const end = fate.get(k) ?? { status: 'won' as const, at: steps };
      const created = START + ((id * 7) % 90) * DAY;
      const skips = end.at > 1 && k % 5 === 0;
      const path: { stage: number; at: number }[] = [];
      let t = created;
      for (let s = 0; s <= end.at; s++) {
        if (s === 1 && skips) continue;
        path.push({ stage: s, at: t });
        if (s === end.at) break;
        const spent = BASE[s] + (k % 3) + (m === 2 && s === 2 ? 10 : 0);
        days[s].push(spent);
        t += spent * DAY;
      }
      const last = path[path.length - 1];
      let lostOn = NaN;
      if (end.status === 'lost') {
        const spent = BASE[end.at] + (k % 3) + (m === 2 && end.at === 2 ? 10 : 0);
        days[end.at].push(spent);
        lostOn = last.at + spent * DAY;
        lostAt[end.at]++;
      }
      if (end.status === 'open') openNow[end.at]++;
      deals.push({
        id,
        title: `${crm === 'amocrm' || crm === 'bitrix24' ? 'Сделка' : 'Deal'} #${id}`,
        manager,
        created,
        path,
        status: end.status,
        lostAt: end.status === 'lost' ? end.at : -1,
        lostOn,
        amount: 1000 * (1 + (id % 5)),
      });
      id++;
    }
  });
  for (const d of days) d.sort((a, b) => a - b);
  const step = (i: number) => `${stages[i]} → ${stages[i + 1]}`;
  return {
    deals,
    truth: {
      funnel: stages,
      lostAt,
      weakStep: { [managers[0]]: step(1), [managers[1]]: step(2), [managers[2]]: null },
      days,
      openNow,
      slow: { manager: managers[2], stage: stages[2] },
      managers,
    },
  };
}

/** PERCENTILE.INC over sorted values (as Sheets computes it). */
export function percentileInc(sorted: readonly number[], p: number): number {
  const rank = p * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
}

const pad = (n: number) => String(n).padStart(2, '0');
const ru = (t: number) => {
  const d = new Date(t);
  return `${pad(d.getUTCDate())}.${pad(d.getUTCMonth() + 1)}.${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
};
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);

function csv(rows: (string | number)[][], sep: string): string {
  const cell = (v: string | number) => {
    const s = String(v);
    return s.includes(sep) || s.includes('"') || s.includes('\n') ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return `${rows.map((r) => r.map(cell).join(sep)).join('\r\n')}\r\n`;
}

/** Windows-1251 bytes, as Russian Excel and the Russian CRMs save a CSV. */
export function win1251(text: string): Buffer {
  const bytes = Buffer.alloc(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    bytes[i] =
      c < 0x80
        ? c
        : c === 0x401
          ? 0xa8
          : c === 0x451
            ? 0xb8
            : c >= 0x410 && c <= 0x44f
              ? c - 0x350
              : c === 0x2116
                ? 0xb9
                : c === 0xab
                  ? 0xab
                  : c === 0xbb
                    ? 0xbb
                    : 0x3f;
  }
  return bytes;
}

const stageNow = (crm: Crm, d: GeneratedDeal) => {
  const { stages, lost } = PIPELINES[crm];
  if (d.status === 'lost') return crm === 'pipedrive' ? stages[d.lostAt] : lost;
  return stages[d.path[d.path.length - 1].stage];
};

/** The deals export, in the CRM's own columns, encoding and separator. */
export function dealsExport(crm: Crm, deals: GeneratedDeal[]): Buffer {
  const { stages, lost } = PIPELINES[crm];
  const closedOn = (d: GeneratedDeal) => (d.status === 'won' ? d.path[d.path.length - 1].at : d.status === 'lost' ? d.lostOn : NaN);
  if (crm === 'amocrm') {
    const rows: (string | number)[][] = [
      ['ID', 'Название сделки', 'Бюджет', 'Ответственный', 'Дата создания', 'Дата закрытия', 'Теги', 'Этап сделки', 'Воронка'],
    ];
    for (const d of deals)
      rows.push([
        d.id,
        d.title,
        d.amount,
        d.manager,
        ru(d.created),
        Number.isNaN(closedOn(d)) ? '' : ru(closedOn(d)),
        '',
        stageNow(crm, d),
        'Воронка',
      ]);
    return win1251(csv(rows, ';'));
  }
  if (crm === 'bitrix24') {
    const rows: (string | number)[][] = [
      ['ID', 'Название', 'Стадия сделки', 'Ответственный', 'Сумма', 'Валюта', 'Дата создания', 'Предполагаемая дата закрытия', 'Компания'],
    ];
    for (const d of deals)
      rows.push([d.id, d.title, stageNow(crm, d), d.manager, d.amount, 'Российский рубль', ru(d.created), '', `ООО «Клиент ${d.id % 40}»`]);
    return win1251(csv(rows, ';'));
  }
  if (crm === 'pipedrive') {
    const rows: (string | number)[][] = [
      [
        'Deal - ID',
        'Deal - Title',
        'Deal - Value',
        'Deal - Currency',
        'Deal - Owner',
        'Deal - Stage',
        'Deal - Status',
        'Deal - Deal created',
        'Deal - Won time',
        'Deal - Lost time',
        'Deal - Lost reason',
      ],
    ];
    for (const d of deals)
      rows.push([
        d.id,
        d.title,
        d.amount,
        'USD',
        d.manager,
        stageNow(crm, d),
        d.status,
        iso(d.created),
        d.status === 'won' ? iso(closedOn(d)) : '',
        d.status === 'lost' ? iso(d.lostOn) : '',
        d.status === 'lost' ? 'Price' : '',
      ]);
    return Buffer.from(csv(rows, ','), 'utf8');
  }
  const named = [...stages, lost];
  const rows: (string | number)[][] = [
    [
      'Record ID',
      'Deal Name',
      'Deal Stage',
      'Pipeline',
      'Amount',
      'Deal owner',
      'Create Date',
      'Close Date',
      ...named.map((s) => `Date entered "${s} (Sales Pipeline)"`),
      ...named.map((s) => `Date exited "${s} (Sales Pipeline)"`),
    ],
  ];
  for (const d of deals) {
    const entered = named.map((_, s) => {
      if (s === stages.length) return d.status === 'lost' ? iso(d.lostOn) : '';
      const e = d.path.find((p) => p.stage === s);
      return e ? iso(e.at) : '';
    });
    rows.push([
      d.id,
      d.title,
      stageNow(crm, d),
      'Sales Pipeline',
      d.amount,
      d.manager,
      iso(d.created),
      Number.isNaN(closedOn(d)) ? '' : iso(closedOn(d)),
      ...entered,
      ...named.map(() => ''),
    ]);
  }
  return Buffer.from(csv(rows, ','), 'utf8');
}

/**
 * The stage history: amoCRM's event list (newest first, other events between, the deal named by its
 * title, the first stage as «Значение до» of the first change), or Bitrix24's stage history (one row
 * per stage entered, the first stage included, by deal ID).
 */
export function historyExport(crm: 'amocrm' | 'bitrix24', deals: GeneratedDeal[]): Buffer {
  const { stages, lost } = PIPELINES[crm];
  if (crm === 'amocrm') {
    const events: { at: number; row: string[] }[] = [];
    for (const d of deals) {
      const entered = [
        ...d.path.map((p) => ({ name: stages[p.stage], at: p.at })),
        ...(d.status === 'lost' ? [{ name: lost, at: d.lostOn }] : []),
      ];
      for (let i = 1; i < entered.length; i++) {
        events.push({
          at: entered[i].at,
          row: [ru(entered[i].at), d.manager, 'Сделка', d.title, 'Изменение этапа продажи', entered[i - 1].name, entered[i].name],
        });
      }
      events.push({
        at: d.created + 3_600_000,
        row: [ru(d.created + 3_600_000), d.manager, 'Сделка', d.title, 'Изменение поля «Бюджет»', '', String(d.amount)],
      });
    }
    events.sort((a, b) => b.at - a.at);
    return win1251(
      csv([['Дата', 'Автор', 'Объект', 'Название', 'Событие', 'Значение до', 'Значение после'], ...events.map((e) => e.row)], ';'),
    );
  }
  const rows: (string | number)[][] = [['ID', 'ID сделки', 'Стадия', 'Дата изменения', 'Ответственный']];
  let n = 1;
  for (const d of deals) {
    for (const p of d.path) rows.push([n++, d.id, stages[p.stage], ru(p.at), d.manager]);
    if (d.status === 'lost') rows.push([n++, d.id, lost, ru(d.lostOn), d.manager]);
  }
  return win1251(csv(rows, ';'));
}
