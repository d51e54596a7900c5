// What a failed BigQuery query means for the user, in both languages: one dialog, one thing to do.
import type { BigQueryProblemKind } from '../bigquery/jobs';
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
