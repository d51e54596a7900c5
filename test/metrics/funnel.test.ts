// Funnel arithmetic: which stage each deal reached, and the conversions between stages.
import { describe, expect, it } from 'vitest';
import { inEnglish } from '../helpers/env';
import { conversion, countReached, funnelRows, reachedOf, tallyWin, winRate, winRateOf } from '../../src/metrics/funnel';
import { makeFunnel, readStageColumn, readStageGrid } from '../../src/tracker/stages';
import { statusList, statusOf } from '../../src/tracker/statuses';
import { listColumn } from '../../src/tracker/cells';

const funnel = makeFunnel(['Lead', 'Meeting', 'Proposal', 'Paid'], 'funnel');
const readA = (cells: unknown[], statuses: ('won' | 'lost' | 'open')[] | null = null) =>
  readStageColumn(listColumn(cells), funnel, statuses && statusList(statuses), statusOf, 'stages');

describe('funnel', () => {
  it('a deal reached every stage up to the one it is in', () => {
    const { furthest } = readA(['Lead', 'Proposal', 'meeting ', 'Paid']);
    expect(countReached(furthest, 4).reached).toEqual([4, 3, 2, 1]);
  });

  it('a won deal reached every stage, wherever its stage column stopped', () => {
    const { furthest } = readA(['Meeting', 'Lead'], ['won', 'open']);
    expect(countReached(furthest, 4).reached).toEqual([2, 1, 1, 1]);
  });

  it('"Успешно реализовано" counts as the last stage; a lost deal with no stage counts at the first stage', () => {
    const reading = readA(['Успешно реализовано', 'Закрыто и не реализовано', 'Meeting']);
    expect(countReached(reading.furthest, 4).reached).toEqual([3, 2, 1, 1]);
    expect(reading.lostUnknownStage).toBe(1);
  });

  it('an unknown stage name is an error naming the row and the funnel', () => {
    expect(inEnglish(() => readA(['Lead', 'Negotiation']))).toThrow(
      'stages row 2 is "Negotiation", which is not a funnel stage (Lead, Meeting, Proposal, Paid)',
    );
  });

  it('shape B: a later stage filled means the skipped ones were passed', () => {
    const { furthest } = readStageGrid(
      [
        ['2024-01-01', '', '2024-01-09', ''],
        ['2024-01-02', '', '', ''],
        ['', '', '', ''],
      ],
      4,
      null,
    );
    expect([...furthest]).toEqual([2, 0, -1]);
  });

  it('counts the deals that stopped at each stage while reading, in both shapes: the same reach as counting afterwards', () => {
    const a = readA(
      ['Lead', '', 'Proposal', 'Успешно реализовано', 'Отказ', 'Meeting', 'Lead'],
      ['open', 'open', 'won', 'open', 'open', 'lost', 'open'],
    );
    expect([...a.stoppedAt]).toEqual([3, 1, 0, 2]);
    expect(reachedOf(a.stoppedAt)).toEqual(countReached(a.furthest, 4));
    const b = readStageGrid(
      [
        ['x', '', 'x', ''],
        ['x', '', '', ''],
        ['', '', '', ''],
        ['x', 'x', '', ''],
      ],
      4,
      statusList(['open', 'open', 'open', 'won']),
    );
    expect([...b.stoppedAt]).toEqual([1, 0, 1, 1]);
    expect(reachedOf(b.stoppedAt)).toEqual(countReached(b.furthest, 4));
  });

  it('step and total conversions, with the amount of deals that reached each stage', () => {
    const counts = countReached([0, 1, 1, 3], 4, [100, 200, 300, 400]);
    expect(conversion(counts.reached, 0, 3)).toBe(0.25);
    const rows = funnelRows(funnel.names, counts);
    expect(rows[1]).toEqual({ stage: 'Meeting', reached: 3, step: 0.75, total: 0.75, amount: 900 });
    expect(rows[0].step).toBeNull();
  });

  it('refuses a funnel with a stage named twice', () => {
    expect(inEnglish(() => makeFunnel(['Lead', 'lead'], 'funnel'))).toThrow(/twice/);
  });

  it("counts a cell holding a renamed stage's old name at the new stage; an alias that is a stage itself is ignored", () => {
    const renamed = makeFunnel(['Lead', 'Demo', 'Paid'], 'funnel', [
      { alias: 'Meeting', stage: 'Demo' },
      { alias: 'Lead', stage: 'Paid' },
      { alias: 'Gone', stage: 'Removed' },
    ]);
    expect(renamed.indexOf.get('meeting')).toBe(1);
    expect(renamed.indexOf.get('lead')).toBe(0);
    expect(renamed.indexOf.has('gone')).toBe(false);
    expect(renamed.names).toEqual(['Lead', 'Demo', 'Paid']);
  });
});

describe('win rate', () => {
  it('is won ÷ (won + lost): an open deal is not an outcome yet, and nothing closed has no rate', () => {
    expect(winRate(['won', 'lost', 'open', 'won'])).toEqual({ won: 2, closed: 3, rate: 2 / 3 });
    expect(winRate(['open', 'open']).rate).toBeNull();
  });

  it('tallied deal by deal (as the headline counts several periods at once) it is the same rate', () => {
    const statuses = ['won', 'open', 'lost', 'lost', 'won', 'open'] as const;
    const counts = { won: 0, closed: 0 };
    for (const status of statuses) tallyWin(counts, status);
    expect(counts).toEqual({ won: 2, closed: 4 });
    expect(winRateOf(counts)).toBe(winRate(statuses).rate);
  });
});
