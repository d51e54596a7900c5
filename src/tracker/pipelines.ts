// The CRMs' own default pipelines, in order, in Russian and English: a funnel whose stage names
// match one of them takes its order from it (docs/own-exports.md). Each stage lists the names a
// CRM writes it under (interface language, version); the lost stages are left out of a funnel.
import { nameKey } from './names';

export interface KnownPipeline {
  crm: string;
  /** Open stages then the won stage, each as the names it may carry. */
  stages: readonly (readonly string[])[];
  lost: readonly string[];
}

export const KNOWN_PIPELINES: readonly KnownPipeline[] = [
  {
    crm: 'amoCRM',
    stages: [
      ['Неразобранное', 'Incoming leads', 'Unsorted'],
      ['Первичный контакт', 'Initial contact'],
      ['Переговоры', 'Negotiation', 'Negotiations', 'Discussions'],
      ['Принимают решение', 'Decision making', 'Making decision'],
      ['Согласование договора', 'Contract discussion', 'Contract negotiation'],
      ['Успешно реализовано', 'Closed - won', 'Closed won', 'Successfully realized'],
    ],
    lost: ['Закрыто и не реализовано', 'Closed - lost', 'Closed lost', 'Closed and not realized'],
  },
  {
    crm: 'Bitrix24',
    stages: [
      ['Новая', 'New'],
      ['Подготовка документов', 'Preparing documents', 'Prepare documents', 'Documents preparation'],
      ['Счёт на предоплату', 'Счет на предоплату', 'Prepayment invoice', 'Invoice for prepayment'],
      ['В работе', 'In progress', 'In work'],
      ['Финальный счёт', 'Финальный счет', 'Final invoice'],
      ['Сделка успешна', 'Deal won', 'Deal successful', 'Won'],
    ],
    lost: ['Сделка провалена', 'Анализ причины провала', 'Deal lost', 'Deal failed', 'Analyze failure', 'Lost'],
  },
  {
    crm: 'Pipedrive',
    stages: [
      ['Lead In', 'Qualified', 'Квалифицирован', 'Лид получен'],
      ['Contact Made', 'Контакт установлен'],
      ['Demo Scheduled', 'Needs Defined', 'Демонстрация назначена', 'Потребности определены'],
      ['Proposal Made', 'Предложение сделано'],
      ['Negotiations Started', 'Переговоры начаты'],
      ['Won', 'Выиграна'],
    ],
    lost: ['Lost', 'Проиграна'],
  },
  {
    crm: 'HubSpot',
    stages: [
      ['Appointment Scheduled', 'Встреча назначена'],
      ['Qualified To Buy', 'Готов к покупке', 'Квалифицирован для покупки'],
      ['Presentation Scheduled', 'Презентация назначена'],
      ['Decision Maker Bought-In', 'Decision Maker Bought In', 'ЛПР согласен', 'Лицо, принимающее решение, согласно'],
      ['Contract Sent', 'Договор отправлен', 'Контракт отправлен'],
      ['Closed Won', 'Закрыта с успехом', 'Закрыта успешно'],
    ],
    lost: ['Closed Lost', 'Закрыта без успеха', 'Закрыта неуспешно'],
  },
];

/**
 * The stage names given, in the order of the known pipeline that holds every one of them (at least
 * three of its stages, lost ones aside), with its CRM's name; null when none does.
 * @example pipelineOrder(['Переговоры', 'Первичный контакт', 'Принимают решение', 'Закрыто и не реализовано'])
 * // { crm: 'amoCRM', order: ['Первичный контакт', 'Переговоры', 'Принимают решение'] }
 */
export function pipelineOrder(names: readonly string[]): { crm: string; order: string[] } | null {
  const distinct = new Map<string, string>();
  for (const n of names) if (nameKey(n) && !distinct.has(nameKey(n))) distinct.set(nameKey(n), String(n).trim());
  for (const pipeline of KNOWN_PIPELINES) {
    const place = new Map<string, number>();
    pipeline.stages.forEach((aliases, i) => aliases.forEach((a) => place.set(nameKey(a), i)));
    const lost = new Set(pipeline.lost.map(nameKey));
    const open = [...distinct.keys()].filter((k) => !lost.has(k));
    if (open.length < 3 || !open.every((k) => place.has(k))) continue;
    const order = open.sort((a, b) => place.get(a)! - place.get(b)!).map((k) => distinct.get(k)!);
    return { crm: pipeline.crm, order };
  }
  return null;
}

/** The names that mean a lost stage in a known pipeline (a history's «Закрыто и не реализовано»). */
export function isKnownLostStage(name: unknown): boolean {
  const key = nameKey(name);
  return KNOWN_PIPELINES.some((p) => p.lost.some((l) => nameKey(l) === key));
}
