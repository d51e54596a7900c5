// What a failed BigQuery query means for the user, in both languages: one dialog, one thing to do.
import type { BigQueryProblemKind } from '../bigquery/jobs';
import type { BigQuerySettingsProblem } from '../settings/bigquery';
import { fill, type Language } from './language';

const text: Record<Language, Record<BigQueryProblemKind, string>> = {
  en: {
    access:
      "BigQuery refused access to {table}: ask the project's owner for the BigQuery Job User role on {project} and BigQuery Data Viewer on the table. Nothing was changed.",
    billing:
      'BigQuery needs billing on the project {project}: enable billing (or use the BigQuery sandbox) in the Google Cloud console. Nothing was changed.',
    bytes:
      'The query would bill more than the {limit} allowed in Settings: raise the limit or point the source to a smaller table. Nothing was charged or changed.',
    notFound: "BigQuery has no table {table} in the project {project}: check the table's name in Settings. Nothing was changed.",
    timeout: 'BigQuery did not finish in time: try Build summary again in a minute. Nothing was changed.',
    query: "BigQuery could not run the summary's query ({detail}). Nothing was changed.",
  },
  ru: {
    access:
      'BigQuery не дал доступ к {table}: попросите владельца проекта выдать роль BigQuery Job User в {project} и BigQuery Data Viewer на таблицу. Ничего не изменено.',
    billing:
      'Для BigQuery в проекте {project} нужен биллинг: включите его (или песочницу BigQuery) в консоли Google Cloud. Ничего не изменено.',
    bytes:
      'Запрос обработал бы больше {limit}, разрешённых в настройках: поднимите предел или укажите таблицу поменьше. Ничего не списано и не изменено.',
    notFound: 'В проекте {project} нет таблицы {table}: проверьте её имя в настройках. Ничего не изменено.',
    timeout: 'BigQuery не успел выполнить запрос: попробуйте построить сводку ещё раз через минуту. Ничего не изменено.',
    query: 'BigQuery не смог выполнить запрос сводки ({detail}). Ничего не изменено.',
  },
};

export function bigQueryProblemText(
  language: Language,
  kind: BigQueryProblemKind,
  values: { project: string; table: string; limit: string; detail: string },
): string {
  return fill(text[language][kind], values);
}

/** What to fix in the BigQuery source's settings: the sidebar's field messages and the build's dialog (one line each). */
const settingsText: Record<Language, Record<BigQuerySettingsProblem['key'], string>> = {
  en: {
    tableParts: 'write the table as project.dataset.table, e.g. my-project.sales.deals',
    tableProject: 'the project id (before the first dot) is 6–30 lower-case letters, digits and hyphens, starting with a letter',
    tableDataset: 'the dataset (between the dots) holds only letters, digits and underscores',
    tableName: 'the table name (after the last dot) holds only letters, digits, underscores, hyphens and spaces',
    billingProject: 'the billing project is a project id: 6–30 lower-case letters, digits and hyphens (or leave it empty)',
    location: 'the location is US, EU or a region such as europe-west1 (or leave it empty)',
    stageColumn: "choose the table's column that holds each deal's stage",
  },
  ru: {
    tableParts: 'укажите таблицу как проект.набор.таблица, например my-project.sales.deals',
    tableProject: 'идентификатор проекта (до первой точки) — 6–30 строчных латинских букв, цифр и дефисов, начиная с буквы',
    tableDataset: 'набор данных (между точками) — только буквы, цифры и подчёркивания',
    tableName: 'имя таблицы (после последней точки) — только буквы, цифры, подчёркивания, дефисы и пробелы',
    billingProject: 'проект для оплаты — идентификатор проекта: 6–30 строчных латинских букв, цифр и дефисов (или оставьте пустым)',
    location: 'расположение — US, EU или регион, например europe-west1 (или оставьте пустым)',
    stageColumn: 'выберите столбец таблицы, в котором записан этап сделки',
  },
};

export function bigQuerySettingsText(language: Language, key: BigQuerySettingsProblem['key']): string {
  return settingsText[language][key];
}

/** The build's own lines: the service missing from this build, the settings to fix, progress. */
const buildText = {
  en: {
    noService:
      'This copy of Sales KPI cannot reach BigQuery: install the BigQuery build (docs/deploying.md, "The BigQuery build") or choose a sheet as the deals source in Settings. Nothing was changed.',
    fix: 'BigQuery source in Settings: {what}. Nothing was changed.',
    noFunnel: 'The funnel is not set: list your stages in order in Settings, as the table writes them. Nothing was changed.',
    progressQuery: 'Running the KPI queries in BigQuery…',
  },
  ru: {
    noService:
      'Эта копия Sales KPI не может обратиться к BigQuery: установите сборку с BigQuery (docs/deploying.md, «Сборка с BigQuery») или выберите лист источником сделок в настройках. Ничего не изменено.',
    fix: 'Источник BigQuery в настройках: {what}. Ничего не изменено.',
    noFunnel: 'Воронка не задана: перечислите этапы по порядку в настройках, как они записаны в таблице. Ничего не изменено.',
    progressQuery: 'Запросы KPI выполняются в BigQuery…',
  },
} satisfies Record<Language, Record<string, string>>;

export function bigQueryBuildText(language: Language, key: keyof (typeof buildText)['en'], values: Record<string, unknown> = {}): string {
  return fill(buildText[language][key], values);
}
