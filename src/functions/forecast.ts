// FORECAST_REVENUE: the summary's forecast in a cell — the same columns give the same figure.
import { UserError } from '../errors';
import { forecastData, forecastRevenue } from '../metrics/forecast';
import { cellAt, columnOf, type Column } from '../tracker/cells';
import { formatWallTime, MS_PER_DAY, quote, readDateColumn, readDateValue } from '../tracker/dates';
import { nameKey } from '../tracker/names';
import type { Status } from '../tracker/statuses';
import { asColumn, asGrid, isOmitted, optionalBoolean, readAmounts, requireSameRows } from './args';
import { readFunnelInput } from './funnel';
import { localeOrder, StatusReader, zoneWall, type FunctionEnv } from './env';
import type { CustomFunctionSpec } from './spec';
import { SKIP_INVALID } from './time';

/** A date column of the deals (same rows as `stages`, header rows skipped); NaN where blank. */
function dealDates(value: unknown, arg: string, rows: number, headerRows: number, env: FunctionEnv, skipInvalid: boolean): Float64Array {
  const cells = asColumn(value, arg);
  requireSameRows(arg, cells.length, 'stages', rows);
  return readDateColumn(
    { ...cells, from: cells.from + headerRows, length: cells.length - headerRows },
    { arg, localeOrder: localeOrder(env), skipInvalid, wall: zoneWall(env) },
  ).wall;
}

function dateArg(value: unknown, arg: string, env: FunctionEnv): number {
  const wall = readDateValue(value, arg, localeOrder(env), zoneWall(env));
  if (wall === null) throw new UserError('noData', { arg });
  return wall;
}

/** Each row's status: its status cell, else what its stage cell says ("Won", «Отказ»), else open. */
function statusesOf(stages: unknown, statusesArg: unknown, rows: number, headerRows: number, env: FunctionEnv): Status[] {
  const reader = new StatusReader(env);
  const grid = asGrid(stages, 'stages');
  const stageCells: Column | null = grid.length && grid[0].length === 1 ? columnOf(grid) : null;
  const given = isOmitted(statusesArg) ? null : reader.column(asColumn(statusesArg, 'statuses'), headerRows);
  const out: Status[] = [];
  for (let r = 0; r < rows - headerRows; r++) {
    let s = given ? given.at(r) : 'open';
    if (s === 'open' && stageCells) s = reader.status(cellAt(stageCells, r));
    out.push(s);
  }
  return out;
}

export const FORECAST_REVENUE: CustomFunctionSpec = {
  name: 'FORECAST_REVENUE',
  summary:
    'The period’s revenue forecast, as the KPI summary makes it: won so far + open deals × their chance to be won by the period’s end + what new deals usually bring.',
  params: [
    { name: 'stages', type: 'Range', help: 'The stage column (D2:D), or one column per stage with stage names in the first row.' },
    {
      name: 'statuses',
      type: 'Range',
      optional: true,
      help: 'Won/lost/open status column, same rows; leave it empty (,,) when the stage cells say Won and Lost.',
    },
    {
      name: 'amounts',
      type: 'Range',
      optional: true,
      help: 'Deal amounts, same rows; leave it empty for a forecast of the count of won deals.',
    },
    { name: 'created', type: 'Range', help: 'When each deal was created, same rows.' },
    {
      name: 'closed',
      type: 'Range',
      help: 'When each deal was won or lost, same rows (blank while open; an open deal’s date is its planned close).',
    },
    { name: 'period_start', type: 'Date', help: 'The period’s first day, e.g. DATE(2017,4,1).' },
    { name: 'period_end', type: 'Date', help: 'The period’s last day, e.g. DATE(2017,6,30).' },
    {
      name: 'as_of',
      type: 'Date',
      optional: true,
      help: 'The day the forecast is made on, inside the period (default: today); what happened from that day on is not known to it.',
    },
    { name: 'funnel', type: 'Range', optional: true, help: 'Stage names in funnel order; omit to use the funnel saved in the settings.' },
    {
      name: 'expected_close',
      type: 'Range',
      optional: true,
      help: 'Each deal’s planned close date, same rows (a deal planned after the period counts 0).',
    },
    SKIP_INVALID,
  ],
  returns: 'One row: the forecast, and its 80% range (from, to).',
  example: {
    formula:
      '=FORECAST_REVENUE(E2:E8801, , H2:H8801, F2:F8801, G2:G8801, DATE(2017,4,1), DATE(2017,6,30), DATE(2017,4,1), {"Prospecting";"Engaging";"Won"})',
    gives:
      'on the Maven export: 2,782,707 · 1,881,911 · 3,683,502 (won in that quarter: 3,086,111) — the figure of the summary for this quarter as of 2017-04-01',
  },
  run([stages, statusesArg, amountsArg, createdArg, closedArg, startArg, endArg, asOfArg, funnelArg, expectedArg, skip], env) {
    const skipInvalid = optionalBoolean(skip, 'skip_invalid');
    const input = readFunnelInput(stages, funnelArg, statusesArg, env);
    const { rows, headerRows, funnel } = input;
    const n = rows - headerRows;
    const furthest = Int32Array.from(input.reading.furthest.subarray(0, n));
    const from = dateArg(startArg, 'period_start', env);
    const to = Math.floor(dateArg(endArg, 'period_end', env) / MS_PER_DAY) * MS_PER_DAY + MS_PER_DAY;
    if (to <= from) throw new UserError('badPeriod', { start: quote(startArg), end: quote(endArg) });
    const asOf = isOmitted(asOfArg) ? zoneWall(env).wallOf(new Date(env.now())) : dateArg(asOfArg, 'as_of', env);
    if (asOf < from || asOf >= to) throw new UserError('asOfOutsidePeriod', { value: formatWallTime(asOf).slice(0, 10) });
    const status = statusesOf(stages, statusesArg, rows, headerRows, env);
    const created = dealDates(createdArg, 'created', rows, headerRows, env, skipInvalid);
    const closed = dealDates(closedArg, 'closed', rows, headerRows, env, skipInvalid);
    const expectedClose = isOmitted(expectedArg) ? undefined : dealDates(expectedArg, 'expected_close', rows, headerRows, env, skipInvalid);
    let amount: Float64Array = new Float64Array(n);
    if (!isOmitted(amountsArg)) {
      const cells = asColumn(amountsArg, 'amounts');
      requireSameRows('amounts', cells.length, 'stages', rows);
      amount = readAmounts({ ...cells, from: cells.from + headerRows, length: n }, 'amounts');
    }
    // A lost deal was lost at the stage its cell names (shape A), or at its furthest stage (shape B).
    const grid = asGrid(stages, 'stages');
    const stageCells = grid[0]?.length === 1 ? columnOf(grid) : null;
    const lostAt = Int32Array.from(furthest, (s, r) =>
      status[r] === 'lost' && (!stageCells || funnel.indexOf.has(nameKey(cellAt(stageCells, r)))) ? s : -1,
    );
    if (!furthest.some((s) => s >= 0)) throw new UserError('noData', { arg: 'stages' });
    const data = forecastData({ length: n, furthest, lostAt, status, created, closed, amount, expectedClose }, funnel.names.length);
    const f = forecastRevenue(data, { from, to, asOf }, { count: isOmitted(amountsArg) });
    return [[f.point, f.low, f.high]];
  },
};
