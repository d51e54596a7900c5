// Repeat sales: clients who came back and bought again.

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

export function tallyPurchases(clientKeys: readonly string[], isPurchase: (row: number) => boolean): Map<string, number> {
  const tally = new Map<string, number>();
  for (let row = 0; row < clientKeys.length; row++) {
    const key = clientKeys[row];
    if (key === '' || !isPurchase(row)) continue;
    tally.set(key, (tally.get(key) ?? 0) + 1);
  }
  return tally;
}
