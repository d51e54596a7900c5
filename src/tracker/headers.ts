// Header auto-detection: which column plays which role, from header text in Russian or English.
import { headerKey, nameKey } from './names';

export type SourceKind = 'deals' | 'activities' | 'leads' | 'history';

export const ROLES = {
  deals: [
    'stage',
    'created',
    'status',
    'manager',
    'client',
    'amount',
    'closed',
    'last_activity',
    'id',
    'name',
    'source',
    'lost_stage',
    'last_edit',
    'currency',
    'lost_reason',
    'expected_close',
  ],
  activities: ['type', 'date', 'manager', 'result', 'deal', 'plan'],
  leads: ['created', 'responded', 'manager', 'id', 'source', 'assigned_at'],
  // Stage history: one row per stage a deal entered (docs/own-exports.md).
  history: ['deal', 'stage', 'at', 'from', 'event'],
} as const;

/** Where a mapped header is in a header row (spaces at the ends ignored), or -1. */
export function columnIndex(headers: readonly unknown[], header: string): number {
  const wanted = header.trim();
  return headers.findIndex((h) => String(h ?? '').trim() === wanted);
}

export const REQUIRED_ROLES: { [K in SourceKind]: readonly string[] } = {
  deals: ['stage'],
  activities: ['type'],
  leads: ['created', 'responded'],
  history: ['deal', 'stage', 'at'],
};

const SYNONYMS: Record<SourceKind, Record<string, string[]>> = {
  deals: {
    stage: ['stage', 'deal stage', 'pipeline stage', 'этап', 'стадия', 'этап сделки', 'стадия сделки', 'статус сделки', 'этап воронки'],
    created: [
      'created',
      'created at',
      'create date',
      'creation date',
      'date created',
      'deal created',
      'add time',
      'дата создания',
      'создана',
      'создан',
      'дата создания сделки',
      'first contact date',
    ],
    status: ['status', 'deal status', 'outcome', 'result', 'статус', 'результат', 'итог'],
    manager: [
      'manager',
      'owner',
      'deal owner',
      'sales rep',
      'sales agent',
      'responsible',
      'assigned to',
      'sr id',
      'менеджер',
      'ответственный',
      'ответственный менеджер',
      'продавец',
    ],
    client: [
      'client',
      'customer',
      'account',
      'company',
      'organization',
      'organisation',
      'клиент',
      'компания',
      'контрагент',
      'организация',
      'покупатель',
    ],
    amount: ['amount', 'value', 'deal value', 'close value', 'revenue', 'sum', 'budget', 'сумма', 'бюджет', 'выручка', 'сумма сделки'],
    closed: [
      'closed',
      'close date',
      'closed at',
      'won date',
      'won time',
      'paid date',
      'payment date',
      'дата оплаты',
      'дата закрытия',
      'закрыта',
      'дата закрытия сделки',
      'дата выигрыша',
    ],
    last_activity: [
      'last activity',
      'last activity date',
      'last contact',
      'last contacted',
      'последняя активность',
      'дата последней активности',
      'последний контакт',
    ],
    // When the deal was last edited (amoCRM, Bitrix24, HubSpot write it): the last activity when nothing else says.
    last_edit: [
      'last modified',
      'last modified date',
      'modified',
      'modified at',
      'date modified',
      'updated',
      'updated at',
      'last updated',
      'last update',
      'update time',
      'дата редактирования',
      'дата изменения',
      'изменена',
      'изменено',
      'дата последнего изменения',
      'последнее изменение',
    ],
    currency: ['currency', 'deal currency', 'currency code', 'валюта', 'валюта сделки'],
    lost_reason: [
      'lost reason',
      'loss reason',
      'closed lost reason',
      'reason lost',
      'reason for loss',
      'причина отказа',
      'причина проигрыша',
      'причина потери',
      'причина закрытия',
    ],
    id: ['id', 'deal id', 'opportunity id', 'mql id', 'number', 'номер', 'ид', 'номер сделки', 'record id', 'id сделки'],
    // The deal's title: how amoCRM's event list names a deal.
    name: [
      'name',
      'deal name',
      'deal',
      'title',
      'deal title',
      'название',
      'название сделки',
      'наименование',
      'наименование сделки',
      'сделка',
    ],
    source: ['source', 'lead source', 'origin', 'channel', 'источник', 'канал', 'источник сделки'],
    expected_close: [
      'expected close date',
      'expected close',
      'expected close time',
      'planned close date',
      'forecast close date',
      'плановая дата закрытия',
      'ожидаемая дата закрытия',
      'предполагаемая дата закрытия',
      'планируемая дата закрытия',
      'плановая дата оплаты',
      'ожидаемая дата оплаты',
    ],
    lost_stage: [
      'lost stage',
      'lost at stage',
      'lost at',
      'loss stage',
      'stage lost',
      'lost in stage',
      'этап отказа',
      'этап потери',
      'этап проигрыша',
      'стадия отказа',
      'отказ на этапе',
    ],
  },
  activities: {
    type: [
      'type',
      'activity type',
      'activity',
      'task type',
      'action',
      'тип',
      'тип активности',
      'тип задачи',
      'тип дела',
      'активность',
      'действие',
    ],
    date: [
      'date',
      'activity date',
      'due date',
      'done date',
      'completed',
      'дата',
      'дата активности',
      'дата выполнения',
      'срок',
      'дата задачи',
    ],
    manager: ['manager', 'owner', 'sales rep', 'sales agent', 'assigned to', 'user', 'менеджер', 'ответственный', 'исполнитель'],
    result: ['result', 'outcome', 'note', 'результат', 'итог'],
    deal: ['deal', 'deal id', 'client', 'account', 'company', 'сделка', 'клиент', 'компания'],
    plan: ['plan', 'план'],
  },
  leads: {
    created: [
      'created',
      'created at',
      'lead created',
      'received',
      'received at',
      'first contact date',
      'дата создания',
      'создан',
      'поступил',
      'дата заявки',
      'время заявки',
      'время поступления',
    ],
    responded: [
      'responded',
      'responded at',
      'first response',
      'first response at',
      'answered',
      'answered at',
      'reply time',
      'ответ',
      'первый ответ',
      'время ответа',
      'дата ответа',
      'ответили',
    ],
    manager: ['manager', 'owner', 'assigned to', 'sales rep', 'менеджер', 'ответственный'],
    id: ['id', 'lead id', 'mql id', 'номер', 'номер заявки', 'ид'],
    source: ['source', 'origin', 'channel', 'источник', 'канал'],
    assigned_at: ['assigned at', 'assigned', 'назначен', 'время назначения', 'назначено'],
  },
  history: {
    // amoCRM's event list names the deal by its title («Название»); Bitrix24 and a hand-kept log by id or name.
    deal: [
      'deal',
      'deal id',
      'deal name',
      'opportunity',
      'opportunity id',
      'record id',
      'owner id',
      'сделка',
      'id сделки',
      'ид сделки',
      'номер сделки',
      'название',
      'название сделки',
    ],
    stage: [
      'stage',
      'new stage',
      'to stage',
      'stage entered',
      'entered stage',
      'stage name',
      'stage id',
      'value after',
      'этап',
      'стадия',
      'новый этап',
      'новая стадия',
      'этап сделки',
      'стадия сделки',
      'значение после',
      'новое значение',
    ],
    at: [
      'date',
      'at',
      'time',
      'changed at',
      'entered at',
      'date entered',
      'date changed',
      'change date',
      'date create',
      'created time',
      'when',
      'дата',
      'время',
      'дата изменения',
      'дата перехода',
      'дата смены',
      'дата события',
      'когда',
    ],
    from: [
      'from',
      'from stage',
      'old stage',
      'previous stage',
      'stage left',
      'value before',
      'значение до',
      'прежний этап',
      'предыдущий этап',
      'старый этап',
      'прежняя стадия',
      'предыдущая стадия',
      'старое значение',
    ],
    event: ['event', 'event type', 'action', 'событие', 'тип события', 'действие'],
  },
};

/** An event that is a stage change (amoCRM's «Изменение этапа продажи»): other events of an event list are not stages. */
const STAGE_EVENT = /этап|стади|воронк|stage|pipeline|status|статус/;
export function isStageEvent(event: string): boolean {
  return STAGE_EVENT.test(event.toLowerCase());
}

/** Words that make a header mean something else (an expected date is not a closing date): only the roles made for such headers take it. */
const NEGATIVE =
  /(?<![\p{L}\p{N}])(expected|planned|forecast|предполагаем\p{L}*|планируем\p{L}*|планов\p{L}*|ожидаем\p{L}*|currency|валюта)(?![\p{L}\p{N}])/u;
/** Words of a header that names who did something ("Modified by", «Кем изменена»). */
const BY_WHOM = /(^| )(by|кем|кто)( |$)/;
/** The roles that take the headers NEGATIVE keeps from the others: a currency, a planned close date. */
const NEGATIVE_ROLES: ReadonlySet<string> = new Set(['currency', 'expected_close']);
/** Export prefixes: Pipedrive writes "Deal - Stage", "Activity - Type". */
const PREFIX = /^(deal|activity|lead|person|organization|сделка|лид|задача)\s+(?=\S)/;

export type ColumnMapping = Record<string, number>;

function score(header: string, synonym: string): number {
  if (header === synonym) return 3;
  const stripped = header.replace(PREFIX, '');
  if (stripped === synonym) return 3;
  const padded = ` ${header} `;
  return padded.includes(` ${synonym} `) ? 1 + synonym.length / 100 : 0;
}

/**
 * Proposes role → column index from a header row. Each role and each column is used at most once;
 * exact matches win over partial ones.
 */
export function detectColumns(kind: SourceKind, headers: readonly unknown[]): ColumnMapping {
  const candidates: { role: string; column: number; score: number }[] = [];
  headers.forEach((raw, column) => {
    const header = headerKey(raw);
    if (header === '') return;
    const negative = NEGATIVE.test(header);
    for (const [role, synonyms] of Object.entries(SYNONYMS[kind])) {
      // "Currency", «Валюта», "Expected close date" mean something else to every role but their own.
      if (negative && !NEGATIVE_ROLES.has(role)) continue;
      // «Кем изменена», "Last modified by" name a person, not when.
      if (role === 'last_edit' && BY_WHOM.test(header)) continue;
      const best = Math.max(...synonyms.map((s) => score(header, headerKey(s))));
      // A history's columns are named outright: "Дата создания" is no date a stage was entered.
      if (best > 0 && (kind !== 'history' || best >= 3)) candidates.push({ role, column, score: best });
    }
  });
  candidates.sort((a, b) => b.score - a.score || a.column - b.column);
  const mapping: ColumnMapping = {};
  const usedColumns = new Set<number>();
  for (const c of candidates) {
    if (c.role in mapping || usedColumns.has(c.column)) continue;
    mapping[c.role] = c.column;
    usedColumns.add(c.column);
  }
  return mapping;
}

/** How well a header row fits a source: required roles found count most. */
export function sourceFit(kind: SourceKind, headers: readonly unknown[]): number {
  const mapping = detectColumns(kind, headers);
  const required = REQUIRED_ROLES[kind].filter((r) => r in mapping).length;
  return required === REQUIRED_ROLES[kind].length ? 10 * required + Object.keys(mapping).length : 0;
}

/**
 * Shape B: the headers of the stage-date columns, one per funnel stage in funnel order (a column
 * is headed by its stage's name); null when a stage has no column.
 */
export function stageColumnsIn(headers: readonly unknown[], stages: readonly string[]): string[] | null {
  const byKey = new Map(headers.map((h) => [headerKey(h), String(h).trim()]));
  const found = stages.map((stage) => byKey.get(headerKey(stage)) ?? null);
  return stages.length >= 2 && found.every((h) => h !== null) ? (found as string[]) : null;
}

const DATE_WORD = /^(date|at|time|on|дата|время|когда|день)$/;

/** A word's stem for matching a header to a stage name: "встречи" ~ "встреча", "engage" ~ "engaging". */
function stem(word: string): string {
  const cut = /[а-я]/.test(word) ? word.replace(/[аяиыеоуюйь]+$/, '') : word.replace(/(ing|ed|es|s|e)$/, '');
  return cut.length >= 3 ? cut : word;
}

const stemsOf = (text: string) =>
  headerKey(text)
    .split(' ')
    .filter((w) => w !== '' && !DATE_WORD.test(w))
    .map(stem)
    .join(' ');

/**
 * The date column of each funnel stage, where the header is the stage's name alone or with a date
 * word ("Meeting", "Дата встречи", Maven's `engage_date` for "Engaging"). Stages without one are left out.
 */
export function stageDateColumnsIn(
  headers: readonly unknown[],
  stages: readonly string[],
  taken: readonly string[] = [],
): { stage: string; column: string }[] {
  const byStem = new Map<string, string>();
  for (const h of headers) {
    const header = String(h ?? '').trim();
    const key = stemsOf(header);
    if (key && !taken.includes(header) && !byStem.has(key)) byStem.set(key, header);
  }
  const out: { stage: string; column: string }[] = [];
  for (const stage of stages) {
    const column = byStem.get(stemsOf(stage));
    if (column && !out.some((o) => o.column === column)) out.push({ stage, column });
  }
  return out;
}

/** HubSpot's "Date entered 'Closed Won (Sales Pipeline)'": the stage's name, the pipeline's left off. */
const DATE_ENTERED = /^date entered\s*["'‘’“”]?(.+?)["'‘’“”]?$/i;

/**
 * Date-entered columns (HubSpot): the date each stage was entered, for the funnel's stages and for the
 * lost stages named in `lost` (they say when a deal was lost, so where).
 */
export function dateEnteredColumnsIn(
  headers: readonly unknown[],
  stages: readonly string[],
  lost: readonly string[] = [],
): { stage: string; column: string }[] {
  const wanted = new Map([...stages, ...lost].map((s) => [nameKey(s), s]));
  const out: { stage: string; column: string }[] = [];
  for (const h of headers) {
    const header = String(h ?? '').trim();
    const m = DATE_ENTERED.exec(header);
    if (!m) continue;
    const named = m[1].trim();
    const stage = wanted.get(nameKey(named)) ?? wanted.get(nameKey(named.replace(/\s*\([^()]*\)$/, '')));
    if (stage && !out.some((o) => o.stage === stage)) out.push({ stage, column: header });
  }
  return out;
}
