// The summary periods' names, said the same way on the summary sheet and in the settings sidebar.
export const PERIOD_NAMES = {
  en: {
    this_week: 'This week',
    last_week: 'Last week',
    this_month: 'This month',
    last_month: 'Last month',
    last_30_days: 'Last 30 days',
    this_quarter: 'This quarter',
    last_quarter: 'Last quarter',
    this_year: 'This year',
    all: 'All time',
  },
  ru: {
    this_week: 'Эта неделя',
    last_week: 'Прошлая неделя',
    this_month: 'Этот месяц',
    last_month: 'Прошлый месяц',
    last_30_days: 'Последние 30 дней',
    this_quarter: 'Этот квартал',
    last_quarter: 'Прошлый квартал',
    this_year: 'Этот год',
    all: 'Всё время',
  },
};
