// Everything else the user reads, in both languages: dialogs, toasts (the menu: i18n/menu.ts).
import { fill, type Language } from './language';

const uiText = {
  en: {
    helpTitle: 'Sales KPI',
    helpBody:
      'Custom functions: FUNNEL, STAGE_CONVERSION, DEAL_CYCLE, STALLED_DEALS, RESPONSE_TIME, SLA_BREACH_RATE, EFFECTIVE_TOUCHES, REPEAT_RATE, PLAN_FACT, PLAN_DISCIPLINE, CONVERSION_INTERVAL — type = and the name in any cell to see their help.\n\nBuild KPI summary writes a "KPI Summary" sheet from the sources in Settings. New here? Use Insert sample tracker first.',
    sampleTitle: 'Sample tracker',
    sampleInserted: 'Added the sheets {sheets} with sample deals, activities and leads, and settings for them. Now try Build KPI summary.',
    functionsNote:
      'The functions (=FUNNEL(…) and the others) work in a spreadsheet once the add-on has been used in it, as now; in a test deployment they show #NAME?.',
    refreshTitle: 'Refresh formulas',
    refreshDone: 'Recomputed {cells} formula cells that call Sales KPI functions; each reads as you wrote it.',
    refreshBusy: 'Another refresh or save is running right now; try again in a moment.',
    sampleExists: 'The sample sheets are already here ({sheets}); nothing was changed.',
    sampleNameTaken: 'Your own sheet {sheet} was left as it is; the sample went to {other}.',
    sampleReplaceSettings:
      'Your settings already point to your own sheets. Switch the settings to the sample sheets? (No: the sample sheets are added and your settings stay as they are.)',
    sampleInsertedKeptSettings:
      'Added the sheets {sheets} with sample deals, activities and leads. Your settings were kept, so the summary still reads your own sheets.',
    sampleProgress: 'Adding the sample tracker…',
    settingsTitle: 'Sales KPI settings',
    sidebarSave: 'Save',
    sidebarWorking: 'Working…',
    settingsRepaired: 'The saved settings were damaged ({fields}) and those parts were reset to defaults. Please check them in Settings.',
    settingsUnreadable:
      'The saved settings could not be read and were reset to defaults (the damaged text is kept in the document for recovery). Please set them again in Settings.',
    settingsFellBack:
      'The latest save of the settings was incomplete or damaged, so the previous settings are in use (the damaged text is kept in the document). Please check them in Settings.',
    settingsMigrated: 'The settings were updated from an older version.',
    settingsSalvaged:
      'The saved settings were damaged and no whole copy was left; what could be read of them is in use (the damaged text is kept in the document). Please check them in Settings.',
    settingsKeptPart: 'The document properties are nearly full, so only the first {kept} KB of the {total} KB damaged text were kept.',
    settingsKeptNone: 'The document properties are full, so the damaged text could not be kept.',
    settingsNoticeRead: 'Got it',
    summaryTitle: 'KPI summary',
    summaryNoDeals:
      'The summary needs a deals sheet. Open Extensions › Sales KPI › Settings… and choose it — or try Insert sample tracker first. Nothing was changed.',
    summarySheetMissing:
      'The sheet "{sheet}" chosen for {kind} in Settings is not in this spreadsheet (renamed or deleted?). Choose it again in Settings. Nothing was changed.',
    summaryNoFunnel: 'The funnel is not set: list your stages in order in Settings (from first contact to payment). Nothing was changed.',
    summaryColumnMissing:
      'The column "{header}" (used as {role}) is not in the first row of "{sheet}". Fix the mapping in Settings. Nothing was changed.',
    summaryRoleUnmapped: 'No column of "{sheet}" is chosen as {role}, which the summary needs. Choose it in Settings. Nothing was changed.',
  },
  ru: {
    helpTitle: 'Sales KPI',
    helpBody:
      'Формулы: FUNNEL, STAGE_CONVERSION, DEAL_CYCLE, STALLED_DEALS, RESPONSE_TIME, SLA_BREACH_RATE, EFFECTIVE_TOUCHES, REPEAT_RATE, PLAN_FACT, PLAN_DISCIPLINE, CONVERSION_INTERVAL — наберите = и имя в любой ячейке, чтобы увидеть подсказку.\n\n«Построить сводку KPI» создаёт лист «Сводка KPI» по источникам из настроек. Впервые здесь? Сначала «Вставить пример трекера».',
    sampleTitle: 'Пример трекера',
    sampleInserted:
      'Добавлены листы {sheets} с примером сделок, активностей и лидов, и настройки для них. Теперь попробуйте «Построить сводку KPI».',
    functionsNote:
      'Функции (=FUNNEL(…) и другие) работают в таблице, когда дополнение в ней уже использовано, как сейчас; в тестовом развёртывании они показывают #NAME?.',
    refreshTitle: 'Обновить формулы',
    refreshDone: 'Пересчитано ячеек с формулами Sales KPI: {cells}; каждая выглядит так, как вы её написали.',
    refreshBusy: 'Сейчас уже идёт обновление или сохранение; попробуйте через минуту.',
    sampleExists: 'Листы примера уже есть ({sheets}); ничего не изменено.',
    sampleNameTaken: 'Ваш лист {sheet} не тронут; пример записан на {other}.',
    sampleReplaceSettings:
      'Настройки уже указывают на ваши листы. Переключить настройки на листы примера? (Нет: листы примера добавятся, ваши настройки останутся как есть.)',
    sampleInsertedKeptSettings:
      'Добавлены листы {sheets} с примером сделок, активностей и лидов. Ваши настройки сохранены, сводка по-прежнему строится по вашим листам.',
    sampleProgress: 'Добавляю пример трекера…',
    settingsTitle: 'Настройки Sales KPI',
    sidebarSave: 'Сохранить',
    sidebarWorking: 'Загружаю…',
    settingsRepaired:
      'Сохранённые настройки были повреждены ({fields}), эти части сброшены к значениям по умолчанию. Проверьте их в настройках.',
    settingsUnreadable:
      'Сохранённые настройки не читаются и сброшены к значениям по умолчанию (повреждённый текст сохранён в документе). Задайте их заново в настройках.',
    settingsFellBack:
      'Последнее сохранение настроек не завершилось или повреждено, поэтому действуют предыдущие настройки (повреждённый текст сохранён в документе). Проверьте их в настройках.',
    settingsMigrated: 'Настройки обновлены из старой версии.',
    settingsSalvaged:
      'Сохранённые настройки повреждены, целой копии не осталось; действует то, что удалось прочитать (повреждённый текст сохранён в документе). Проверьте их в настройках.',
    settingsKeptPart: 'Свойства документа почти заполнены, поэтому сохранены только первые {kept} КБ из {total} КБ повреждённого текста.',
    settingsKeptNone: 'Свойства документа заполнены, поэтому повреждённый текст сохранить не удалось.',
    settingsNoticeRead: 'Понятно',
    summaryTitle: 'Сводка KPI',
    summaryNoDeals:
      'Для сводки нужен лист со сделками. Откройте Расширения › Sales KPI › Настройки… и выберите его — или сначала попробуйте «Вставить пример трекера». Ничего не изменено.',
    summarySheetMissing:
      'Лист «{sheet}», выбранный в настройках для источника «{kind}», не найден (переименован или удалён?). Выберите его заново в настройках. Ничего не изменено.',
    summaryNoFunnel: 'Воронка не задана: перечислите этапы по порядку в настройках (от первого контакта до оплаты). Ничего не изменено.',
    summaryColumnMissing:
      'Столбца «{header}» (роль {role}) нет в первой строке листа «{sheet}». Исправьте сопоставление в настройках. Ничего не изменено.',
    summaryRoleUnmapped:
      'На листе «{sheet}» не выбран столбец для роли {role}, а он нужен сводке. Выберите его в настройках. Ничего не изменено.',
  },
} as const;

export type UiKey = keyof (typeof uiText)['en'];

export function ui(language: Language, key: UiKey, values: Record<string, unknown> = {}): string {
  return fill(uiText[language][key], values);
}
