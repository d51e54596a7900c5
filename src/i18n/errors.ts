// What users did wrong, in both languages. {fn}, {arg}, {row}, {value} name the place; the rest says what would work.
import type { ErrorKey, UserError } from '../errors';
import { fill, type Language } from './language';

export const errorMessages: Record<Language, Record<ErrorKey, string>> = {
  en: {
    badDate:
      '{arg} row {row} is {value}, which is not a date. Use a date cell, yyyy-mm-dd or dd.mm.yyyy, or pass skip_invalid TRUE to leave such rows out',
    reversedDates: '{arg} row {row}: {end} is before {start}. Fix the dates, or pass skip_invalid TRUE to leave such rows out',
    badNumber: '{arg} row {row} is {value}, which is not a number. Use a number such as 1234.5 or "1 234,50"',
    notInFunnel: '{arg} row {row} is {value}, which is not a funnel stage ({stages})',
    stageNotInFunnel: '{arg} is {value}, which is not a funnel stage ({stages})',
    stageOrder: 'from_stage {from} must come before to_stage {to} in the funnel ({stages})',
    noFunnel:
      'no funnel given and none saved in the settings. Pass the stages in order, e.g. {"Lead","Meeting","Proposal","Paid"}, or set the funnel in Extensions › Sales KPI › Settings',
    funnelTooShort: 'the funnel needs at least two stages; {arg} has {count}',
    duplicateStage: '{arg} names the stage {value} twice',
    funnelColumns: '{arg} has {columns} columns but the funnel has {stages} stages: give one column per stage, in funnel order',
    sizeMismatch: '{arg} has {rows} rows but {other} has {otherRows}: paired ranges must have the same number of rows',
    oneColumn: '{arg} must be one column; it has {columns}',
    activityColumns: '{arg} must be one column (type) or two (type, result); it has {columns}',
    noData: 'no data to measure in {arg}: every row is blank or was left out',
    noReached: 'no deal reached {stage}, so conversion from it cannot be measured',
    badOption: '{arg} is {value}; use one of: {options}',
    badPositive: '{arg} is {value}; use a number greater than zero',
    badNonNegative: '{arg} is {value}; use a number zero or greater',
    badConfidence: 'confidence is {value}; use a share between 0 and 1, such as 0.95',
    badCount: '{arg} is {value}; use a whole number, zero or greater',
    successesOverTrials: 'successes ({successes}) cannot exceed trials ({trials})',
    badBoolean: '{arg} is {value}; use TRUE or FALSE',
    zeroPlan: 'the plan in {arg} adds up to zero, so plan/fact cannot be measured',
    noPlannedRows: 'no row of {arg} has a plan greater than zero',
    noWonClients: 'no client has a won deal, so the repeat rate cannot be measured',
    settingsBusy: 'the settings are being saved by someone else right now; please try again in a moment',
    settingsTooLarge: 'the settings are too large to save ({size} KB; at most {max} KB): remove some managers, plans or words',
    settingsStoreFull:
      'the document has no room to save the settings ({free} KB free, {needed} KB needed): turn the lead watch off and on again to clear its memory, or remove some managers, plans or words',
    settingsChangedMeanwhile:
      'someone saved the settings after you opened this page, so your changes were not saved: close and reopen Settings to see theirs, then make your changes again',
    notWholeSettings: 'this is not a whole settings document ({problem}); nothing was saved',
    noCountedLeads: 'no lead can be counted yet: every lead is answered within the SLA window or still inside it',
    badPeriod: 'period_end {end} is before period_start {start}: give the period’s first and last days',
    asOfOutsidePeriod: 'as_of {value} is outside the period: a forecast is made on a day from period_start to period_end',
  },
  ru: {
    badDate:
      '{arg}, строка {row}: {value} — не дата. Используйте ячейку-дату, гггг-мм-дд или дд.мм.гггг, либо передайте skip_invalid ИСТИНА, чтобы пропускать такие строки',
    reversedDates:
      '{arg}, строка {row}: {end} раньше, чем {start}. Исправьте даты или передайте skip_invalid ИСТИНА, чтобы пропускать такие строки',
    badNumber: '{arg}, строка {row}: {value} — не число. Используйте число, например 1234,5 или "1 234,50"',
    notInFunnel: '{arg}, строка {row}: {value} — не этап воронки ({stages})',
    stageNotInFunnel: '{arg}: {value} — не этап воронки ({stages})',
    stageOrder: 'этап from_stage {from} должен идти в воронке раньше, чем to_stage {to} ({stages})',
    noFunnel:
      'воронка не передана и не сохранена в настройках. Передайте этапы по порядку, например {"Лид";"Встреча";"КП";"Оплата"}, или задайте воронку в Расширения › Sales KPI › Настройки',
    funnelTooShort: 'в воронке должно быть не меньше двух этапов; в {arg} их {count}',
    duplicateStage: 'в {arg} этап {value} указан дважды',
    funnelColumns: 'в {arg} {columns} столбцов, а в воронке {stages} этапов: нужен один столбец на этап, по порядку воронки',
    sizeMismatch: 'в {arg} {rows} строк, а в {other} {otherRows}: парные диапазоны должны быть одной высоты',
    oneColumn: '{arg} должен быть одним столбцом; в нём {columns}',
    activityColumns: '{arg} должен быть одним столбцом (тип) или двумя (тип, результат); в нём {columns}',
    noData: 'в {arg} нечего считать: все строки пустые или пропущены',
    noReached: 'ни одна сделка не дошла до этапа {stage}, конверсию из него посчитать нельзя',
    badOption: '{arg}: {value}; допустимо: {options}',
    badPositive: '{arg}: {value}; нужно число больше нуля',
    badNonNegative: '{arg}: {value}; нужно число не меньше нуля',
    badConfidence: 'confidence: {value}; нужна доля от 0 до 1, например 0,95',
    badCount: '{arg}: {value}; нужно целое число, ноль или больше',
    successesOverTrials: 'успехов ({successes}) не может быть больше, чем попыток ({trials})',
    badBoolean: '{arg}: {value}; нужно ИСТИНА или ЛОЖЬ',
    zeroPlan: 'план в {arg} в сумме равен нулю, план/факт посчитать нельзя',
    noPlannedRows: 'ни в одной строке {arg} нет плана больше нуля',
    noWonClients: 'ни у одного клиента нет выигранной сделки, долю повторных продаж посчитать нельзя',
    settingsBusy: 'настройки сейчас сохраняет кто-то другой; попробуйте через минуту',
    settingsTooLarge: 'настройки слишком велики для сохранения ({size} КБ; не больше {max} КБ): уберите часть менеджеров, планов или слов',
    settingsStoreFull:
      'в документе нет места для сохранения настроек (свободно {free} КБ, нужно {needed} КБ): выключите и снова включите наблюдение за лидами, чтобы очистить его память, или уберите часть менеджеров, планов или слов',
    settingsChangedMeanwhile:
      'кто-то сохранил настройки после того, как вы открыли эту панель, поэтому ваши изменения не сохранены: закройте и снова откройте настройки, чтобы увидеть их, и внесите изменения заново',
    notWholeSettings: 'это не полный документ настроек ({problem}); ничего не сохранено',
    noCountedLeads: 'пока нечего считать: все лиды либо отвечены вовремя, либо ещё в пределах SLA',
    badPeriod: 'period_end {end} раньше, чем period_start {start}: укажите первый и последний дни периода',
    asOfOutsidePeriod: 'as_of {value} вне периода: прогноз делается на день от period_start до period_end',
  },
};

/** A user's mistake in their language. */
export function renderUserError(error: UserError, language: Language): string {
  return fill(errorMessages[language][error.key], error.values);
}
