// REPEAT_RATE and CONVERSION_INTERVAL.
import { UserError } from '../errors';
import { countRepeatClients, tallyPurchases } from '../metrics/repeat';
import { wilsonInterval } from '../metrics/stats';
import { quote } from '../tracker/dates';
import { nameKey } from '../tracker/names';
import { parseNumber } from '../tracker/numbers';
import { asColumn, isOmitted, mapColumn, requireSameRows } from './args';
import type { RowStatuses } from '../tracker/statuses';
import { StatusReader } from './env';
import type { CustomFunctionSpec } from './spec';

export const REPEAT_RATE: CustomFunctionSpec = {
  name: 'REPEAT_RATE',
  summary: 'Repeat sales: among clients with at least one won deal, the share with two or more.',
  params: [
    { name: 'clients', type: 'Range', help: 'The client of each deal, one column.' },
    { name: 'statuses', type: 'Range', optional: true, help: 'Won/lost/open status column, same rows; omit when every row is a purchase.' },
  ],
  returns: 'A share between 0 and 1 (format as %).',
  example: { formula: '=REPEAT_RATE(D2:D8801, E2:E8801)', gives: '1 on the Maven export (each of its 85 accounts won more than once)' },
  run([clientsArg, statusesArg], env) {
    const clients = asColumn(clientsArg, 'clients');
    let statuses: RowStatuses | null = null;
    if (!isOmitted(statusesArg)) {
      const cells = asColumn(statusesArg, 'statuses');
      requireSameRows('statuses', cells.length, 'clients', clients.length);
      statuses = new StatusReader(env).column(cells);
    }
    const counts = countRepeatClients(tallyPurchases(clients, statuses, nameKey));
    if (counts.wonClients === 0)
      throw new UserError(mapColumn(clients, nameKey).some((c) => c !== '') ? 'noWonClients' : 'noData', { arg: 'clients' });
    return counts.repeatClients / counts.wonClients;
  },
};

function count(value: unknown, arg: string): number {
  const n = parseNumber(Array.isArray(value) ? value.flat()[0] : value);
  // Counts of deals are whole: 0.3 successes of 0.5 trials is a mistake, not an interval.
  if (!(n >= 0) || !Number.isInteger(n)) throw new UserError('badCount', { arg, value: quote(value) });
  return n;
}

export const CONVERSION_INTERVAL: CustomFunctionSpec = {
  name: 'CONVERSION_INTERVAL',
  summary: 'The 95% Wilson score interval of a conversion: how sure "3 of 4" really is.',
  params: [
    { name: 'successes', type: 'Number', help: 'How many converted (e.g. deals won).' },
    { name: 'trials', type: 'Number', help: 'Out of how many (e.g. deals).' },
    { name: 'confidence', type: 'Number', optional: true, help: 'Confidence level between 0 and 1 (default 0.95).' },
  ],
  returns: 'One row: low, high.',
  example: {
    formula: '=CONVERSION_INTERVAL(3, 4)',
    gives: '0.30 | 0.95 — "3 of 4 won" could be anything from 30% to 95%; 4,238 of 8,800 gives 0.471 | 0.492',
  },
  run([successesArg, trialsArg, confidenceArg]) {
    const successes = count(successesArg, 'successes');
    const trials = count(trialsArg, 'trials');
    if (trials === 0) throw new UserError('badPositive', { arg: 'trials', value: quote(trialsArg) });
    if (successes > trials) throw new UserError('successesOverTrials', { successes, trials });
    const confidence = isOmitted(confidenceArg) ? 0.95 : parseNumber(confidenceArg);
    // Also refused: a level so close to 1 (or 0) that the interval is not defined in doubles.
    const tail = (1 - confidence) / 2;
    if (!(confidence > 0 && tail > 0 && 1 - tail < 1 && tail < 0.5)) throw new UserError('badConfidence', { value: quote(confidenceArg) });
    const { low, high } = wilsonInterval(successes, trials, confidence);
    if (!Number.isFinite(low) || !Number.isFinite(high)) throw new UserError('badConfidence', { value: quote(confidenceArg) });
    return [[low, high]];
  },
};
