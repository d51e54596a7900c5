// Cohorts: decided conversion lead → won by the month deals were created, young cohorts marked.
import { describe, expect, it } from 'vitest';
import { cohorts } from '../../src/metrics/cohorts';
import type { Status } from '../../src/tracker/statuses';

const at = (m: number, d: number) => Date.UTC(2026, m - 1, d);
const month = (m: number) => ({ from: at(m, 1), to: at(m + 1, 1) });

describe('cohorts', () => {
  const created = Float64Array.of(at(1, 5), at(1, 9), at(1, 20), at(2, 2), at(2, 3), at(3, 10), at(3, 11), NaN, at(12, 1));
  const status: Status[] = ['won', 'lost', 'lost', 'won', 'open', 'open', 'won', 'won', 'won'];
  const rows = [0, 1, 2, 3, 4, 5, 6, 7, 8];

  it('won ÷ decided per creation month; open deals and deals created elsewhere or undated left out', () => {
    const c = cohorts(created, status, rows, [month(1), month(2), month(3)], at(4, 1), 30);
    expect(c.map((x) => [x.deals, x.won, x.lost, x.open])).toEqual([
      [3, 1, 2, 0],
      [2, 1, 0, 1],
      [2, 1, 0, 1],
    ]);
    expect(c.map((x) => x.conversion)).toEqual([1 / 3, 1, 1]);
  });

  it('a cohort with open deals, younger than the usual cycle, is young; a decided one never is', () => {
    // As of 1 April with a 45-day cycle: February ended 31 days ago (young), March just now (young), January all decided.
    expect(cohorts(created, status, rows, [month(1), month(2), month(3)], at(4, 1), 45).map((x) => x.young)).toEqual([false, true, true]);
    // With a 20-day cycle February has had its time.
    expect(cohorts(created, status, rows, [month(1), month(2), month(3)], at(4, 1), 20).map((x) => x.young)).toEqual([false, false, true]);
    // No cycle known: young when more than half is open (February 1 of 2 is not).
    expect(cohorts(created, status, [0, 1, 2, 3, 4, 5], [month(1), month(2), month(3)], at(4, 1), null).map((x) => x.young)).toEqual([
      false,
      false,
      true,
    ]);
  });
});
