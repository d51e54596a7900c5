// TIME_IN_STAGE: days deals spent in each stage, from a stage history range (deal, stage, date).
import { UserError } from '../errors';
import { languageOf } from '../i18n/language';
import { orderFromPaths } from '../metrics/stagePath';
import { daysByStage } from '../metrics/stageTime';
import { statistic } from '../metrics/stats';
import { readDateColumn, quote } from '../tracker/dates';
import { nameKey } from '../tracker/names';
import { cellAt } from '../tracker/cells';
import { asColumn, isOmitted, mapColumn, requireSameRows } from './args';
import { localeOrder, zoneWall, type FunctionEnv } from './env';
import type { CustomFunctionSpec } from './spec';
import { readStatistic } from './statisticArg';

const HEADERS = {
  en: ['Stage', 'Deals measured', 'Days ({statistic})'],
  ru: ['Этап', 'Сделок измерено', 'Дни ({statistic})'],
};

/** Stage keys in the saved funnel's order, then the order deals move in for stages the funnel lacks. */
function stageOrder(env: FunctionEnv, paths: string[][], measured: ReadonlySet<string>): string[] {
  const funnel = (env.settings()?.funnel ?? []).map(nameKey);
  const moved = orderFromPaths(paths).filter((k) => !funnel.includes(k));
  return [...funnel, ...moved].filter((k) => measured.has(k));
}

export const TIME_IN_STAGE: CustomFunctionSpec = {
  name: 'TIME_IN_STAGE',
  summary:
    'Days deals spent in a stage, from a stage history (one row per stage a deal entered): the next stage’s date − this stage’s, per deal.',
  params: [
    { name: 'deals', type: 'Range', help: 'The deal (id or name) of each history row, one column.' },
    { name: 'stages', type: 'Range', help: 'The stage the deal entered, same rows.' },
    { name: 'dates', type: 'Range', help: 'When it entered it, same rows (rows in any order).' },
    {
      name: 'stage',
      type: 'String',
      optional: true,
      help: 'One stage, e.g. "Meeting": gives one number; omit for a table of every stage.',
    },
    { name: 'statistic', type: 'String', optional: true, help: 'median (default), mean, p90, min, max or count.' },
  ],
  returns: 'A number of days for one stage; without `stage`, a table: stage, deals measured, days.',
  example: {
    formula: '=TIME_IN_STAGE(History!A2:A, History!B2:B, History!C2:C, "Переговоры")',
    gives: '6 on an amoCRM event list where deals spent 5–7 days in Переговоры (the median; "p90" gives the slow tail)',
  },
  run([dealsArg, stagesArg, datesArg, stageArg, statisticArg], env) {
    const name = readStatistic(statisticArg, 'median');
    const dealCells = asColumn(dealsArg, 'deals');
    const stageCells = asColumn(stagesArg, 'stages');
    const dateCells = asColumn(datesArg, 'dates');
    requireSameRows('stages', stageCells.length, 'deals', dealCells.length);
    requireSameRows('dates', dateCells.length, 'deals', dealCells.length);
    const at = readDateColumn(dateCells, { arg: 'dates', localeOrder: localeOrder(env), skipInvalid: false, wall: zoneWall(env) }).wall;
    const { days, paths } = daysByStage(mapColumn(dealCells, nameKey), mapColumn(stageCells, nameKey), at);
    if (days.size === 0) throw new UserError('noData', { arg: 'dates' });
    if (!isOmitted(stageArg)) {
      const spent = days.get(nameKey(stageArg));
      if (!spent) throw new UserError('noData', { arg: `stages = ${quote(stageArg)}` });
      return statistic(spent, name);
    }
    const display = new Map<string, string>();
    for (let r = 0; r < stageCells.length; r++) {
      const cell = cellAt(stageCells, r);
      const key = nameKey(cell);
      if (key && !display.has(key)) display.set(key, String(cell).trim());
    }
    const header = HEADERS[languageOf(env.locale())].map((h) => h.replace('{statistic}', name));
    return [
      header,
      ...stageOrder(env, paths, new Set(days.keys())).map((k) => [display.get(k) ?? k, days.get(k)!.length, statistic(days.get(k)!, name)]),
    ];
  },
};
