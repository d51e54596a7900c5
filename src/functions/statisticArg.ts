// The statistic and unit arguments shared by DEAL_CYCLE and RESPONSE_TIME.
import { UserError } from '../errors';
import type { StatisticName } from '../metrics/stats';
import { quote } from '../tracker/dates';
import { nameKey } from '../tracker/names';
import { isOmitted } from './args';

const STATISTICS: Record<string, StatisticName> = {
  mean: 'mean',
  average: 'mean',
  avg: 'mean',
  среднее: 'mean',
  median: 'median',
  медиана: 'median',
  min: 'min',
  минимум: 'min',
  мин: 'min',
  max: 'max',
  максимум: 'max',
  макс: 'max',
  count: 'count',
  количество: 'count',
  число: 'count',
};

/** mean, median, p75, p90, min, max, count (any pNN with NN from 0 to 100; Russian names too). */
export function readStatistic(value: unknown, fallback: StatisticName): StatisticName {
  if (isOmitted(value)) return fallback;
  const key = nameKey(value);
  if (STATISTICS[key]) return STATISTICS[key];
  const p = /^p(\d{1,3}(?:\.\d+)?)$/.exec(key);
  if (p && Number(p[1]) <= 100) return `p${Number(p[1])}`;
  throw new UserError('badOption', { arg: 'statistic', value: quote(value), options: 'mean, median, p75, p90, min, max, count' });
}

export type TimeUnit = 'minutes' | 'hours' | 'days';
export const UNIT_MINUTES: Record<TimeUnit, number> = { minutes: 1, hours: 60, days: 1440 };

const UNITS: Record<string, TimeUnit> = {
  minutes: 'minutes',
  minute: 'minutes',
  min: 'minutes',
  минуты: 'minutes',
  минут: 'minutes',
  мин: 'minutes',
  hours: 'hours',
  hour: 'hours',
  часы: 'hours',
  часов: 'hours',
  час: 'hours',
  days: 'days',
  day: 'days',
  дни: 'days',
  дней: 'days',
  день: 'days',
};

export function readUnit(value: unknown, fallback: TimeUnit, allowed: readonly TimeUnit[]): TimeUnit {
  if (isOmitted(value)) return fallback;
  const unit = UNITS[nameKey(value)];
  if (unit === undefined || !allowed.includes(unit)) {
    throw new UserError('badOption', { arg: 'unit', value: quote(value), options: allowed.join(', ') });
  }
  return unit;
}
