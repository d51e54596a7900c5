// The lead watch's words, in both languages.
import type { Language } from './language';

const en = {
  logSheet: 'Lead watch log',
  logHeader: ['Time', 'Lead', 'From', 'To', 'Minutes waited', 'Action', 'Code'],
  rerouted: 'rerouted',
  escalated: 'escalated',
  title: 'Lead watch',
  onAddon:
    "The lead watch is on. Unanswered leads are re-routed after {sla} minutes: checked on every change in the spreadsheet, and by a timed check asked for at the next deadline. Google promises only that a timed check does not run early, and limits an add-on's timed checks to about one an hour, so without changes a lead may wait up to an hour.",
  clockStopped: 'The timed check had stopped.',
  clockStoppedSince: 'The timed check had stopped: the last one was due at {time}.',
  clockSetAgain: ' It is set again.',
  onBound: 'The lead watch is on. Unanswered leads are re-routed after {sla} minutes: checked on every change and every minute.',
  refused:
    'The lead watch stays off: Google refused its trigger ({error}). In a test deployment Google runs no installable triggers: use "Lead watch: check now" there, or install the add-on.',
  off: 'The lead watch is off; triggers removed: {count}.',
  checked: 'Checked {leads} leads: {rerouted} re-routed, {escalated} escalated.{next}',
  nextCheck: ' Next deadline: {time}.',
  nextCheckLater:
    ' Next deadline: {time}; Google did not allow a check at that moment, so it comes with the next change in the spreadsheet or within the hour.',
  busy: 'Another check is running right now; try again in a moment.',
  mailWaiting: ' {count} e-mails are waiting to be sent (daily quota or a failed attempt); they are retried on the next checks.',
  mailDropped: ' {count} e-mails were given up (a bad address, repeated failures or an interrupted send); the log has every re-route.',
  includeOverdue:
    '{count} unanswered leads are already past the SLA (the oldest has waited {days} days). Re-route them now? Yes: they are re-routed at once (a large backlog in batches). No: it leaves these leads alone and watches the newer ones.',
  includeOverdueStale:
    '{count} unanswered leads are already past the SLA (the oldest has waited {days} days); {stale} of them are more than a week past it and are left alone either way. Re-route the other {fresh} now? Yes: they are re-routed at once (a large backlog in batches). No: it leaves these leads alone and watches the newer ones.',
  needsLeads:
    'The lead watch needs a leads sheet with the columns created, responded, manager and "assigned at". Map them in Settings. Nothing was changed.',
  needsRotation: 'The lead watch needs a rotation with at least one manager on duty (Settings › Lead watch). Nothing was changed.',
  mailRerouteSubject: 'Lead {lead} is yours now: please answer it',
  mailRerouteBody:
    'Lead {lead} waited {minutes} minutes without an answer from {from}, so it was re-routed to you. Please answer it within {sla} minutes.',
  mailEscalateSubject: 'Lead {lead} is still unanswered',
  mailEscalateBody:
    'Lead {lead} has waited {minutes} minutes without an answer; it was re-routed {count} times (last manager: {manager}). Please take it in hand.',
};

const ru: typeof en = {
  logSheet: 'Журнал контроля лидов',
  logHeader: ['Время', 'Лид', 'От', 'Кому', 'Ждал минут', 'Действие', 'Код'],
  rerouted: 'переназначен',
  escalated: 'эскалация',
  title: 'Контроль лидов',
  onAddon:
    'Контроль лидов включён. Лиды без ответа переназначаются через {sla} минут: проверка при каждом изменении таблицы и по таймеру, заказанному к ближайшему сроку. Google обещает лишь, что проверка по таймеру не начнётся раньше срока, и ограничивает таймеры дополнений примерно одним в час, поэтому без изменений лид может ждать до часа.',
  clockStopped: 'Проверка по таймеру была остановлена.',
  clockStoppedSince: 'Проверка по таймеру была остановлена: последняя ожидалась в {time}.',
  clockSetAgain: ' Она снова назначена.',
  onBound: 'Контроль лидов включён. Лиды без ответа переназначаются через {sla} минут: проверка при каждом изменении и каждую минуту.',
  refused:
    'Контроль лидов не включён: Google отказал в создании триггера ({error}). В тестовом развёртывании Google не запускает устанавливаемые триггеры: используйте там «Контроль лидов: проверить сейчас» или установите дополнение.',
  off: 'Контроль лидов выключен; удалено триггеров: {count}.',
  checked: 'Проверено лидов: {leads}; переназначено: {rerouted}, эскалаций: {escalated}.{next}',
  nextCheck: ' Ближайший срок: {time}.',
  nextCheckLater:
    ' Ближайший срок: {time}; Google не разрешил проверку к этому моменту, она пройдёт при следующем изменении таблицы или в течение часа.',
  busy: 'Сейчас уже идёт проверка; попробуйте через минуту.',
  mailWaiting: ' Писем ждут отправки: {count} (дневная квота или неудачная попытка); они будут отправлены при следующих проверках.',
  mailDropped:
    ' Писем не отправлено окончательно: {count} (неверный адрес, повторные ошибки или прерванная отправка); все переназначения есть в журнале.',
  includeOverdue:
    'Лидов без ответа с истёкшим SLA: {count} (самый старый ждёт {days} дн.). Переназначить их сейчас? Да — они будут переназначены сразу (большой объём — частями). Нет — эти лиды останутся без изменений, а более новые будут под контролем.',
  includeOverdueStale:
    'Лидов без ответа с истёкшим SLA: {count} (самый старый ждёт {days} дн.); у {stale} из них SLA истёк больше недели назад — их наблюдение не трогает в любом случае. Переназначить остальные {fresh} сейчас? Да — они будут переназначены сразу (большой объём — частями). Нет — эти лиды останутся без изменений, а более новые будут под контролем.',
  needsLeads:
    'Для контроля лидов нужен лист лидов со столбцами: создан, ответ, менеджер и «время назначения». Укажите их в настройках. Ничего не изменено.',
  needsRotation: 'Для контроля лидов нужна очередь менеджеров, хотя бы один на смене (Настройки › Контроль лидов). Ничего не изменено.',
  mailRerouteSubject: 'Лид {lead} теперь ваш: ответьте, пожалуйста',
  mailRerouteBody:
    'Лид {lead} ждал ответа {minutes} минут у менеджера {from} и переназначен на вас. Ответьте, пожалуйста, в течение {sla} минут.',
  mailEscalateSubject: 'Лид {lead} всё ещё без ответа',
  mailEscalateBody:
    'Лид {lead} ждёт ответа {minutes} минут; его переназначали {count} раз (последний менеджер: {manager}). Возьмите его в работу.',
};

export const watchText: Record<Language, typeof en> = { en, ru };
