// FUNNEL and STAGE_CONVERSION: the stage column (shape A) or stage-date columns (shape B) → conversions.
import { UserError } from '../errors';
import { languageOf } from '../i18n/language';
import { conversion, countReached, funnelRows, reachedOf } from '../metrics/funnel';
import { quote } from '../tracker/dates';
import { nameKey } from '../tracker/names';
import { funnelList, makeFunnel, readStageColumn, readStageGrid, type Funnel, type StageReading } from '../tracker/stages';
import type { RowStatuses } from '../tracker/statuses';
import { asColumn, asGrid, asList, columnCount, isOmitted, readAmounts, requireSameRows } from './args';
import { columnOf } from '../tracker/cells';
import { StatusReader, type FunctionEnv } from './env';
import type { CustomFunctionSpec } from './spec';

interface FunnelInput {
  funnel: Funnel;
  reading: StageReading;
  /** 1 when the first row of `stages` is a header of stage names (shape B without `funnel`). */
  headerRows: number;
  rows: number;
}

function savedFunnel(env: FunctionEnv): Funnel {
  const settings = env.settings();
  const saved = settings?.funnel ?? [];
  if (saved.length < 2) throw new UserError('noFunnel');
  return makeFunnel(saved, 'funnel', settings?.stageAliases);
}

function readStatuses(value: unknown, rows: number, headerRows: number, reader: StatusReader): RowStatuses | null {
  if (isOmitted(value)) return null;
  const cells = asColumn(value, 'statuses');
  requireSameRows('statuses', cells.length, 'stages', rows);
  return reader.column(cells, headerRows);
}

export function readFunnelInput(stages: unknown, funnelArg: unknown, statusesArg: unknown, env: FunctionEnv): FunnelInput {
  const grid = asGrid(stages, 'stages');
  const columns = columnCount(grid);
  // One reader for the status column and for stage cells that read as won or lost: one cache.
  const reader = new StatusReader(env);
  if (columns > 1) {
    const headerRows = isOmitted(funnelArg) ? 1 : 0;
    const funnel = headerRows ? makeFunnel(grid[0], 'stages') : makeFunnel(asList(funnelArg, 'funnel'), 'funnel');
    if (funnel.names.length !== columns) {
      throw new UserError('funnelColumns', { arg: 'stages', columns, stages: funnel.names.length });
    }
    const statuses = readStatuses(statusesArg, grid.length, headerRows, reader);
    return { funnel, reading: readStageGrid(grid.slice(headerRows), columns, statuses), headerRows, rows: grid.length };
  }
  const cells = columnOf(grid);
  const funnel = isOmitted(funnelArg) ? savedFunnel(env) : makeFunnel(asList(funnelArg, 'funnel'), 'funnel');
  const statuses = readStatuses(statusesArg, cells.length, 0, reader);
  return {
    funnel,
    reading: readStageColumn(cells, funnel, statuses, (cell) => reader.status(cell), 'stages'),
    headerRows: 0,
    rows: cells.length,
  };
}

/** No deal at all (every row blank) is "no data", like AVERAGE of nothing. */
function requireSomeDeals(reached: readonly number[]): void {
  if (reached[0] === 0) throw new UserError('noData', { arg: 'stages' });
}

const HEADERS = {
  en: ['Stage', 'Deals reached', 'Step conversion', 'Total conversion', 'Amount'],
  ru: ['Этап', 'Дошли сделок', 'Конверсия шага', 'Конверсия от начала', 'Сумма'],
};

export const FUNNEL: CustomFunctionSpec = {
  name: 'FUNNEL',
  summary: 'The funnel as a table: per stage, deals that reached it, step conversion and total conversion (and their amount).',
  params: [
    { name: 'stages', type: 'Range', help: 'The stage column (D2:D), or one column per stage with stage names in the first row.' },
    { name: 'funnel', type: 'Range', optional: true, help: 'Stage names in funnel order; omit to use the funnel saved in the settings.' },
    {
      name: 'statuses',
      type: 'Range',
      optional: true,
      help: 'Won/lost/open status column, same rows as stages: a won deal reached every stage.',
    },
    {
      name: 'amounts',
      type: 'Range',
      optional: true,
      help: 'Deal amounts, same rows as stages: adds the amount of deals that reached each stage.',
    },
  ],
  returns: 'A table: header row, then stage, deals reached, step conversion, total conversion (and amount).',
  example: {
    formula: '=FUNNEL(E2:E8801, {"Prospecting";"Engaging";"Won"}, , H2:H8801)',
    gives: 'on the Maven export: Prospecting 8,800 · Engaging 5,827 (66.2%) · Won 4,238 (72.7% step, 48.2% total), each with $10,005,534',
  },
  run([stages, funnelArg, statuses, amountsArg], env) {
    const input = readFunnelInput(stages, funnelArg, statuses, env);
    let amounts: Float64Array | undefined;
    if (!isOmitted(amountsArg)) {
      const cells = asColumn(amountsArg, 'amounts');
      requireSameRows('amounts', cells.length, 'stages', input.rows);
      amounts = readAmounts({ ...cells, from: input.headerRows, length: cells.length - input.headerRows }, 'amounts');
    }
    const counts = amounts ? countReached(input.reading.furthest, input.funnel.names.length, amounts) : reachedOf(input.reading.stoppedAt);
    requireSomeDeals(counts.reached);
    const rows = funnelRows(input.funnel.names, counts);
    const header = HEADERS[languageOf(env.locale())];
    const width = amounts ? 5 : 4;
    return [header.slice(0, width), ...rows.map((r) => [r.stage, r.reached, r.step ?? '', r.total ?? '', r.amount].slice(0, width))];
  },
};

function stageIndex(funnel: Funnel, value: unknown, arg: string): number {
  const i = funnel.indexOf.get(nameKey(value));
  if (i === undefined) throw new UserError('stageNotInFunnel', { arg, value: quote(value), stages: funnelList(funnel) });
  return i;
}

export const STAGE_CONVERSION: CustomFunctionSpec = {
  name: 'STAGE_CONVERSION',
  summary: 'Conversion from one funnel stage to a later one: deals that reached to_stage ÷ deals that reached from_stage.',
  params: [
    { name: 'stages', type: 'Range', help: 'The stage column (D2:D), or one column per stage with stage names in the first row.' },
    { name: 'from_stage', type: 'String', help: 'The earlier stage, e.g. "Lead".' },
    { name: 'to_stage', type: 'String', help: 'The later stage, e.g. "Paid".' },
    { name: 'funnel', type: 'Range', optional: true, help: 'Stage names in funnel order; omit to use the funnel saved in the settings.' },
    {
      name: 'statuses',
      type: 'Range',
      optional: true,
      help: 'Won/lost/open status column, same rows as stages: a won deal reached every stage.',
    },
  ],
  returns: 'A share between 0 and 1 (format the cell as %).',
  example: {
    formula: '=STAGE_CONVERSION(E2:E8801, "Engaging", "Won", {"Prospecting";"Engaging";"Won"})',
    gives: '0.727 on the Maven export (72.7% of engaged deals were won)',
  },
  run([stages, from, to, funnelArg, statuses], env) {
    const input = readFunnelInput(stages, funnelArg, statuses, env);
    const i = stageIndex(input.funnel, from, 'from_stage');
    const j = stageIndex(input.funnel, to, 'to_stage');
    if (j <= i) {
      throw new UserError('stageOrder', { from: quote(from), to: quote(to), stages: funnelList(input.funnel) });
    }
    const counts = reachedOf(input.reading.stoppedAt);
    requireSomeDeals(counts.reached);
    if (counts.reached[i] === 0) throw new UserError('noReached', { stage: input.funnel.names[i] });
    return conversion(counts.reached, i, j);
  },
};
