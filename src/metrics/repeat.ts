// Repeat sales: clients who came back and bought again.
import type { Column } from '../tracker/cells';
import type { RowStatuses } from '../tracker/statuses';
import { inPeriod, type Span } from './calendar';

export interface RepeatCounts {
  wonClients: number;
  repeatClients: number;
}

/**
 * Among clients with at least one purchase, how many have two or more.
 * @example countRepeatClients(new Map([['acme', 3], ['zeta', 1]])) // { wonClients: 2, repeatClients: 1 }
 */
export function countRepeatClients(purchasesByClient: ReadonlyMap<string, number>): RepeatCounts {
  let wonClients = 0;
  let repeatClients = 0;
  for (const purchases of purchasesByClient.values()) {
    if (purchases >= 1) wonClients++;
    if (purchases >= 2) repeatClients++;
  }
  return { wonClients, repeatClients };
}

/**
 * Purchases per client: every row with a client when there are no statuses, else the won rows.
 * Clients are tallied by their cell text first and merged by `key` (a normalised name) at the end,
 * so the name is normalised once per distinct text, not per row.
 * @example tallyPurchases(listColumn(['Acme', 'ACME ', 'Zeta']), null, nameKey) // Map { 'acme' => 2, 'zeta' => 1 }
 */
export function tallyPurchases(
  clients: Column,
  statuses: RowStatuses | null,
  key: (client: unknown) => string = String,
): Map<string, number> {
  // One lookup per row: a counter object per distinct text, incremented in place.
  const byText = new Map<unknown, { n: number }>();
  const { rows, index, from, length } = clients;
  for (let row = 0; row < length; row++) {
    const line = rows[from + row];
    const client = line === undefined ? undefined : line[index];
    if (client === '' || client === null || client === undefined || (statuses !== null && statuses.at(row) !== 'won')) continue;
    const counter = byText.get(client);
    if (counter) counter.n++;
    else byText.set(client, { n: 1 });
  }
  const tally = new Map<string, number>();
  for (const [client, { n }] of byText) {
    const k = key(client);
    if (k !== '') tally.set(k, (tally.get(k) ?? 0) + n);
  }
  return tally;
}

/** One won deal: its client (a normalised name), when it was won (wall time) and its amount. */
export interface Win {
  client: string;
  when: number;
  amount: number;
}

/**
 * Repeat sales over a span. All time: among clients with a win, the share with two or more — the
 * rule of REPEAT_RATE. A period: among clients who won in it, the share who had won before it.
 * Also the share of the span's won revenue that came from those repeat clients.
 * @example repeatSales([{ client: 'acme', when: jan, amount: 100 }, { client: 'acme', when: mar, amount: 300 }, { client: 'zeta', when: mar, amount: 100 }], march) // { clients: 2, rate: 0.5, revenueShare: 0.75 }
 */
export function repeatSales(wins: readonly Win[], span: Span): { clients: number; rate: number | null; revenueShare: number | null } {
  const allTime = span.from === -Infinity;
  const firstWin = new Map<string, number>();
  const inSpan = new Map<string, number>();
  for (const w of wins) {
    const when = Number.isNaN(w.when) ? -Infinity : w.when;
    const prev = firstWin.get(w.client);
    if (prev === undefined || when < prev) firstWin.set(w.client, when);
    if (allTime || inPeriod(w.when, span)) inSpan.set(w.client, (inSpan.get(w.client) ?? 0) + 1);
  }
  const isRepeat = (client: string) => (allTime ? (inSpan.get(client) ?? 0) >= 2 : (firstWin.get(client) ?? Infinity) < span.from);
  const { wonClients, repeatClients } = allTime
    ? countRepeatClients(inSpan)
    : { wonClients: inSpan.size, repeatClients: [...inSpan.keys()].filter(isRepeat).length };
  let revenue = 0;
  let repeatRevenue = 0;
  for (const w of wins) {
    if (!(allTime || inPeriod(w.when, span))) continue;
    revenue += w.amount;
    if (isRepeat(w.client)) repeatRevenue += w.amount;
  }
  return {
    clients: wonClients,
    rate: wonClients ? repeatClients / wonClients : null,
    revenueShare: revenue > 0 ? repeatRevenue / revenue : null,
  };
}
