// Repeat sales: clients who came back and bought again.
import { describe, expect, it } from 'vitest';
import { countRepeatClients, repeatSales, tallyPurchases } from '../../src/metrics/repeat';
import { listColumn } from '../../src/tracker/cells';
import { nameKey } from '../../src/tracker/names';

const m = (month: number) => Date.UTC(2026, month - 1, 15);
const march = { from: Date.UTC(2026, 2, 1), to: Date.UTC(2026, 3, 1) };

describe('repeat sales', () => {
  it('"Acme", "ACME " and "Zeta": Acme bought twice', () => {
    const tally = tallyPurchases(listColumn(['Acme', 'ACME ', 'Zeta', '']), null, nameKey);
    expect([...tally]).toEqual([
      ['acme', 2],
      ['zeta', 1],
    ]);
    expect(countRepeatClients(tally)).toEqual({ wonClients: 2, repeatClients: 1 });
  });

  it('in March: Acme, who had won in January, is a repeat client; Zeta, new in March, is not', () => {
    const wins = [
      { client: 'acme', when: m(1), amount: 100 },
      { client: 'acme', when: m(3), amount: 300 },
      { client: 'zeta', when: m(3), amount: 100 },
    ];
    expect(repeatSales(wins, march)).toEqual({ clients: 2, rate: 0.5, revenueShare: 0.75 });
  });

  it("over all time the rule is REPEAT_RATE's: two wins or more", () => {
    const wins = [
      { client: 'acme', when: m(1), amount: 100 },
      { client: 'acme', when: m(3), amount: 300 },
      { client: 'zeta', when: NaN, amount: 100 },
    ];
    expect(repeatSales(wins, { from: -Infinity, to: Infinity })).toEqual({ clients: 2, rate: 0.5, revenueShare: 0.8 });
  });

  it('no wins in the period measure nothing', () => {
    expect(repeatSales([{ client: 'acme', when: m(1), amount: 100 }], march)).toEqual({ clients: 0, rate: null, revenueShare: null });
  });
});
