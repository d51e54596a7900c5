// The functions that read dates: DEAL_CYCLE, STALLED_DEALS, RESPONSE_TIME, SLA_BREACH_RATE.
import { UserError } from '../errors';
import { pairedDurations } from '../metrics/cycle';
import { breachRate, countSla } from '../metrics/response';
import { countStalled } from '../metrics/stalled';
import { statistic, type StatisticName } from '../metrics/stats';
import { minutesBetween } from '../metrics/workingHours';
import { workingHoursOf } from '../settings/hours';
import {
  MS_PER_MINUTE,
  PlainDatePair,
  readDateColumn,
  readDateValue,
  WallColumns,
  type DateColumn,
  type WallPairs,
} from '../tracker/dates';
import { asColumn, isOmitted, optionalBoolean, optionalNumber, requireSameRows } from './args';
import type { Column } from '../tracker/cells';
import type { RowStatuses } from '../tracker/statuses';
import { localeOrder, StatusReader, zoneWall, type FunctionEnv } from './env';
import type { CustomFunctionSpec, ParamSpec } from './spec';
import { readStatistic, readUnit, UNIT_MINUTES, type TimeUnit } from './statisticArg';

export const SKIP_INVALID: ParamSpec = {
  name: 'skip_invalid',
  type: 'Boolean',
  optional: true,
  help: 'TRUE leaves out rows whose dates are unreadable or reversed instead of failing (default FALSE).',
};

function readDates(cells: Column, arg: string, env: FunctionEnv, skipInvalid: boolean, transient = false): DateColumn {
  return readDateColumn(cells, { arg, localeOrder: localeOrder(env), skipInvalid, wall: zoneWall(env), transient });
}

/**
 * A metric over two paired date columns (checked for equal height). When every cell is a Date, a
 * serial number or empty (the usual tracker), the metric reads them as it goes; else each column is
 * read in full (text dates settled, what is wrong reported) and the metric runs over the two. With
 * skip_invalid a row with an unreadable date is left out whole: its first date is dropped too (the
 * first column was read for this call alone).
 */
function overDatePairs<T>(
  a: unknown,
  aName: string,
  b: unknown,
  bName: string,
  env: FunctionEnv,
  skipInvalid: boolean,
  metric: (pairs: WallPairs) => T | null,
): T {
  const firstCells = asColumn(a, aName);
  const secondCells = asColumn(b, bName);
  const plain = PlainDatePair.of(firstCells, secondCells, zoneWall(env));
  const quick = plain && metric(plain);
  if (quick) return quick;
  const first = readDates(firstCells, aName, env, skipInvalid);
  const second = readDates(secondCells, bName, env, skipInvalid);
  requireSameRows(bName, second.wall.length, aName, first.wall.length);
  if (second.invalidCount !== 0) for (let row = 0; row < second.invalid.length; row++) if (second.invalid[row] === 1) first.wall[row] = NaN;
  // Over columns already read, every row is read: the metric answers.
  return metric(new WallColumns(first.wall, second.wall))!;
}

function asOfArg(value: unknown, env: FunctionEnv): number {
  const wall = zoneWall(env);
  return readDateValue(value, 'as_of', localeOrder(env), wall) ?? wall.wallOf(new Date(env.now()));
}

interface DurationOptions {
  start: string;
  end: string;
  statistic: StatisticName;
  unit: TimeUnit;
  units: TimeUnit[];
  /** Minutes from a to b: a divisor of b − a (ms per minute), or working minutes for lead response. */
  minutes: (env: FunctionEnv) => number | ((a: number, b: number) => number);
}

/** DEAL_CYCLE and RESPONSE_TIME: a statistic of end − start over the rows with both dates. */
function durationStatistic([start, end, stat, unitArg, skip]: unknown[], env: FunctionEnv, o: DurationOptions): number {
  const skipInvalid = optionalBoolean(skip, 'skip_invalid');
  const name = readStatistic(stat, o.statistic);
  const unit = readUnit(unitArg, o.unit, o.units);
  const measure = o.minutes(env);
  const { values } = overDatePairs(start, o.start, end, o.end, env, skipInvalid, (pairs) =>
    pairedDurations(pairs, { skipInvalid, endArg: o.end }, measure),
  );
  if (values.length === 0) throw new UserError('noData', { arg: `${o.start}, ${o.end}` });
  const result = statistic(values, name, true);
  if (name === 'count') return result;
  const inUnit = result / UNIT_MINUTES[unit];
  if (!Number.isFinite(inUnit)) throw new UserError('noData', { arg: o.start });
  return inUnit;
}

export const DEAL_CYCLE: CustomFunctionSpec = {
  name: 'DEAL_CYCLE',
  summary: 'How long deals take: end − start for every deal with both dates, as a mean, median or percentile.',
  params: [
    { name: 'start_dates', type: 'Range', help: 'When each deal started (created date), one column.' },
    { name: 'end_dates', type: 'Range', help: 'When each deal ended (paid or closed date), same rows as start_dates.' },
    { name: 'statistic', type: 'String', optional: true, help: 'mean (default), median, p75, p90, min, max or count.' },
    { name: 'unit', type: 'String', optional: true, help: 'days (default) or hours.' },
    SKIP_INVALID,
  ],
  returns: 'A number of days (or hours).',
  example: {
    formula: '=DEAL_CYCLE(F2:F8801, G2:G8801, "median")',
    gives: '45 on the Maven export (half the closed deals took 45 days or less; "p90" gives 104)',
  },
  run(args, env) {
    return durationStatistic(args, env, {
      start: 'start_dates',
      end: 'end_dates',
      statistic: 'mean',
      unit: 'days',
      units: ['days', 'hours'],
      minutes: () => MS_PER_MINUTE,
    });
  },
};

export const STALLED_DEALS: CustomFunctionSpec = {
  name: 'STALLED_DEALS',
  summary: 'Open deals whose last activity is more than `days` days before the as-of date.',
  params: [
    { name: 'last_activity_dates', type: 'Range', help: 'Date of each deal’s last activity or stage change, one column.' },
    { name: 'days', type: 'Number', optional: true, help: 'Idle days that make a deal stalled (default: the settings’ value, 14).' },
    { name: 'statuses', type: 'Range', optional: true, help: 'Won/lost/open status column, same rows: only open deals count.' },
    { name: 'as_of', type: 'Date', optional: true, help: 'The date to measure from (default: now).' },
    SKIP_INVALID,
  ],
  returns: 'A count of deals.',
  example: {
    formula: '=STALLED_DEALS(F2:F8801, 14, E2:E8801, DATE(2017,12,31))',
    gives: '1,582 on the Maven export (open deals engaged more than 14 days before the end of 2017)',
  },
  run([lastActivity, daysArg, statusesArg, asOfValue, skip], env) {
    const skipInvalid = optionalBoolean(skip, 'skip_invalid');
    const days = isOmitted(daysArg) ? (env.settings()?.stalledDays ?? 14) : optionalNumber(daysArg, 'days', 14, 'nonNegative');
    // as_of before the column, as SLA_BREACH_RATE reads it: an argument's error comes before a cell's.
    const asOf = asOfArg(asOfValue, env);
    // Read into the execution's spare column: the count needs it only here.
    const column = readDates(asColumn(lastActivity, 'last_activity_dates'), 'last_activity_dates', env, skipInvalid, true);
    let statuses: RowStatuses | null = null;
    if (!isOmitted(statusesArg)) {
      const cells = asColumn(statusesArg, 'statuses');
      requireSameRows('statuses', cells.length, 'last_activity_dates', column.wall.length);
      statuses = new StatusReader(env).column(cells);
    }
    return countStalled(column.wall, statuses, asOf, days);
  },
};

export const RESPONSE_TIME: CustomFunctionSpec = {
  name: 'RESPONSE_TIME',
  summary: 'How fast leads are answered: responded − created, in minutes (working minutes when working hours are set).',
  params: [
    { name: 'created', type: 'Range', help: 'When each lead came in (date and time), one column.' },
    { name: 'responded', type: 'Range', help: 'When each lead was first answered, same rows; blank = not answered yet.' },
    { name: 'statistic', type: 'String', optional: true, help: 'median (default), mean, p90, min, max or count.' },
    { name: 'unit', type: 'String', optional: true, help: 'minutes (default) or hours.' },
    SKIP_INVALID,
  ],
  returns: 'A number of minutes (or hours).',
  example: { formula: '=RESPONSE_TIME(Leads!B2:B, Leads!C2:C)', gives: '6.7 on the sample tracker (median minutes to the first answer)' },
  run(args, env) {
    return durationStatistic(args, env, {
      start: 'created',
      end: 'responded',
      statistic: 'median',
      unit: 'minutes',
      units: ['minutes', 'hours'],
      minutes: (e) => {
        const hours = workingHoursOf(e.settings());
        return hours === null ? MS_PER_MINUTE : (a, b) => minutesBetween(a, b, hours);
      },
    });
  },
};

export const SLA_BREACH_RATE: CustomFunctionSpec = {
  name: 'SLA_BREACH_RATE',
  summary: 'Share of leads answered later than the SLA, or still unanswered past it at the as-of time.',
  params: [
    { name: 'created', type: 'Range', help: 'When each lead came in (date and time), one column.' },
    { name: 'responded', type: 'Range', help: 'When each lead was first answered, same rows; blank = not answered yet.' },
    { name: 'sla_minutes', type: 'Number', optional: true, help: 'The SLA in minutes (default: the settings’ value, 10).' },
    { name: 'as_of', type: 'Date', optional: true, help: 'The time unanswered leads are measured at (default: now).' },
    SKIP_INVALID,
  ],
  returns: 'A share between 0 and 1 (format the cell as %).',
  example: {
    formula: '=SLA_BREACH_RATE(Leads!B2:B, Leads!C2:C, 10)',
    gives: '0.31 on the sample tracker (31% of counted leads waited over 10 minutes)',
  },
  run([created, responded, slaArg, asOfValue, skip], env) {
    const skipInvalid = optionalBoolean(skip, 'skip_invalid');
    const settings = env.settings();
    const sla = optionalNumber(slaArg, 'sla_minutes', settings?.sla.minutes ?? 10, 'positive');
    // as_of first: the counting below needs it as it reads.
    const asOf = asOfArg(asOfValue, env);
    const hours = workingHoursOf(settings);
    const counts = overDatePairs(created, 'created', responded, 'responded', env, skipInvalid, (pairs) =>
      countSla(pairs, asOf, sla, hours, { skipInvalid, endArg: 'responded' }),
    );
    if (counts.counted === 0) throw new UserError(counts.anyLead ? 'noCountedLeads' : 'noData', { arg: 'created' });
    return breachRate(counts);
  },
};
