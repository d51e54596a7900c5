// Repeat sales: clients who came back and bought again.
import type { Column } from '../tracker/cells';

export interface RepeatCounts {
  wonClients: number;
  repeatClients: number;
}

/** Among clients with at least one purchase, how many have two or more. */
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
 * Purchases per client. Clients are tallied by their cell text first and merged by `key` (a
 * normalised name) at the end, so the name is normalised once per distinct text, not per row.
 */
export function tallyPurchases(clients: Column, isPurchase: (row: number) => boolean, key: (client: unknown) => string = String): Map<string, number> {
  // One lookup per row: a counter object per distinct text, incremented in place.
  const byText = new Map<unknown, { n: number }>();
  const { rows, index, from, length } = clients;
  for (let row = 0; row < length; row++) {
    const line = rows[from + row];
    const client = line === undefined ? undefined : line[index];
    if (client === '' || client === null || client === undefined || !isPurchase(row)) continue;
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
