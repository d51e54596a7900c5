// The weekly rhythm's words, in both languages: the hidden history sheets, the summary's This week,
// Trends and Pipeline change sections, the digest e-mail and its menu messages.
import type { Language } from './language';

const en = {
  historySheet: 'KPI history',
  historyHeader: ['Week', 'Scope', 'Manager', 'Step', 'KPI', 'Value', 'Numerator', 'Denominator', 'Settings hash', 'Written at'],
  openDealsSheet: 'Open deals by week',
  openDealsHeader: ['Week', 'Deal', 'Stage', 'Amount', 'Manager', 'Written at'],
  thisWeek: 'This week',
  nothingThisWeek: 'Nothing needs you this week: no weak link, stalled deal, SLA breach or missed plan stands out.',
  thisWeekHeader: ['Action', 'Number', 'Money'],
  actions: {
    weakLink: 'Coach {manager} on {step}: {conversion} vs team {team}',
    stalled: 'Call the {n:stalled deal|stalled deals}, most valuable first: {deals}',
    breaches: 'SLA breaches: {managers}',
    planMissed: '{manager} missed the {plan} plan two weeks running ({facts})',
    growthPoint: 'Growth point: +5 pp on {step}',
  },
  plans: { touches: 'touch', deals: 'deals', revenue: 'revenue' },
  trends: 'Trends: the last 12 weeks',
  trendsNote:
    "Weekly figures from the KPI history (weeks it lacks are recomputed from the dated columns). Manager rows: decided conversion per step; red below the team's 95% band, green above.",
  trendsTeam: 'Team',
  pipelineChange: 'Pipeline change: week of {week}',
  pipelineHeader: ['Movement', 'Deals', 'Money'],
  moves: {
    new: 'New',
    advanced: 'Advanced a stage',
    slipped: 'Slipped back',
    won: 'Won',
    lost: 'Lost',
    aged: 'Aged past {days} idle days',
  },
  needsLastWeek:
    'Advanced and slipped back need the open deals of the week before, which the weekly record keeps from its first Monday on.',
  details: 'Managers: details',
  digestSubject: 'Sales KPI: week of {week}',
  digestSubjectLate: 'Sales KPI (late): week of {week}',
  digestLate: 'This digest is late: it could not be sent on Monday (e-mail quota or an outage).',
  digestHeadline: 'Last week',
  digestChange: 'Change',
  digestManagerSubject: 'Your week of {week}: Sales KPI',
  digestOpen: 'Open the spreadsheet',
  digestChart: 'Won revenue, last 12 weeks',
  digestNoActions: 'Nothing stands out this week.',
  digestOn: "The weekly digest is on: every Monday morning {to} {n:gets|get} the week's KPI by e-mail.",
  digestOnNoRecipient: "Set the head of sales' e-mail in Settings first: the digest has nobody to go to. Nothing was changed.",
  digestOff: 'The weekly digest is off.',
  digestTitle: 'Weekly digest',
};

const ru: typeof en = {
  historySheet: 'История KPI',
  historyHeader: ['Неделя', 'Охват', 'Менеджер', 'Шаг', 'KPI', 'Значение', 'Числитель', 'Знаменатель', 'Хеш настроек', 'Записано'],
  openDealsSheet: 'Открытые сделки по неделям',
  openDealsHeader: ['Неделя', 'Сделка', 'Этап', 'Сумма', 'Менеджер', 'Записано'],
  thisWeek: 'На этой неделе',
  nothingThisWeek:
    'На этой неделе ничего не требует вашего внимания: ни слабых звеньев, ни зависших сделок, ни нарушений SLA, ни сорванных планов.',
  thisWeekHeader: ['Действие', 'Число', 'Деньги'],
  actions: {
    weakLink: 'Поработать с {manager} над шагом {step}: {conversion} против {team} у команды',
    stalled: 'Позвонить по {n:зависшей сделке|зависшим сделкам|зависшим сделкам}, сначала самые дорогие: {deals}',
    breaches: 'Нарушения SLA: {managers}',
    planMissed: '{manager} не выполняет план ({plan}) две недели подряд ({facts})',
    growthPoint: 'Точка роста: +5 п.п. на шаге {step}',
  },
  plans: { touches: 'касания', deals: 'сделки', revenue: 'выручка' },
  trends: 'Динамика: последние 12 недель',
  trendsNote:
    'Недельные значения из истории KPI (недостающие недели пересчитаны по датам в трекере). Строки менеджеров: конверсия решённых сделок по шагам; красным — ниже 95%-й полосы команды, зелёным — выше.',
  trendsTeam: 'Команда',
  pipelineChange: 'Движение сделок: неделя с {week}',
  pipelineHeader: ['Движение', 'Сделок', 'Деньги'],
  moves: {
    new: 'Новые',
    advanced: 'Продвинулись на этап',
    slipped: 'Откатились назад',
    won: 'Выиграны',
    lost: 'Проиграны',
    aged: 'Без движения дольше {days} дн.',
  },
  needsLastWeek:
    'Продвижение и откат видны, когда есть открытые сделки прошлой недели: еженедельная запись хранит их с первого понедельника.',
  details: 'Менеджеры: подробно',
  digestSubject: 'KPI продаж: неделя с {week}',
  digestSubjectLate: 'KPI продаж (с опозданием): неделя с {week}',
  digestLate: 'Сводка опоздала: в понедельник её не удалось отправить (лимит писем или сбой).',
  digestHeadline: 'Прошлая неделя',
  digestChange: 'Изменение',
  digestManagerSubject: 'Ваша неделя с {week}: KPI продаж',
  digestOpen: 'Открыть таблицу',
  digestChart: 'Выручка по выигранным сделкам, 12 недель',
  digestNoActions: 'На этой неделе ничего особенного.',
  digestOn: 'Еженедельная сводка включена: каждое утро понедельника {to} {n:получает|получают|получают} KPI за неделю по почте.',
  digestOnNoRecipient: 'Сначала укажите e-mail руководителя отдела продаж в настройках: сводке некому уйти. Ничего не изменено.',
  digestOff: 'Еженедельная сводка выключена.',
  digestTitle: 'Еженедельная сводка',
};

export const weeklyText: Record<Language, typeof en> = { en, ru };
export type WeeklyText = typeof en;
