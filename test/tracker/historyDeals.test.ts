// A deals table read with its stage history: where a lost deal was lost, and when each deal entered each stage.
import { describe, expect, it } from 'vitest';
import { historyPaths, readHistoryRows } from '../../src/tracker/history';
import { makeFunnel } from '../../src/tracker/stages';
import { statusWords } from '../../src/tracker/statuses';
import { readDeals, type SkipNote } from '../../src/tracker/table';
import { zoneClock } from '../../src/tracker/dates';

const FUNNEL = makeFunnel(['Lead', 'Meeting', 'Proposal', 'Won'], 'funnel');

function table(history: string[][]) {
  const notes: SkipNote[] = [];
  const ctx = { order: () => 'dmy' as const, wall: zoneClock('UTC'), words: statusWords(), notes };
  const historySource = { sheet: 'History', columns: { deal: 'Deal', stage: 'Stage', at: 'Date' }, stageColumns: [] };
  const paths = historyPaths(
    readHistoryRows([['Deal', 'Stage', 'Date'], ...history], historySource, ctx),
    FUNNEL,
    ctx.words,
    notes,
    'Stage',
  );
  const deals = [
    ['ID', 'Stage', 'Status', 'Created'],
    ['D1', 'Lead', 'lost', '2026-10-01'],
    ['D2', 'Proposal', 'open', '2026-10-01'],
  ];
  const dealsSource = { sheet: 'Deals', columns: { id: 'ID', stage: 'Stage', status: 'Status', created: 'Created' }, stageColumns: [] };
  return readDeals(deals, dealsSource, FUNNEL, ctx, paths);
}

describe('a deals table with its stage history', () => {
  it('a lost deal that moved back before it was lost is lost at its furthest stage, never advanced and lost at one step', () => {
    const t = table([
      ['D1', 'Lead', '2026-10-01'],
      ['D1', 'Proposal', '2026-10-05'],
      ['D1', 'Meeting', '2026-10-09'],
      ['D1', 'Lost', '2026-10-12'],
    ]);
    expect(t.furthest[0]).toBe(2);
    expect(t.lostAt[0]).toBe(2);
  });

  it('gives the forecast the day each deal entered each stage, the first time', () => {
    const t = table([
      ['D2', 'Lead', '2026-10-01'],
      ['D2', 'Meeting', '2026-10-03'],
      ['D2', 'Lead', '2026-10-04'],
      ['D2', 'Meeting', '2026-10-06'],
      ['D2', 'Proposal', '2026-10-08'],
    ]);
    const entered = (stage: number) => t.stageDates?.find((d) => d.stage === stage)?.at[1];
    expect(entered(1)).toBe(Date.UTC(2026, 9, 3));
    expect(entered(2)).toBe(Date.UTC(2026, 9, 8));
    expect(entered(3)).toBeNaN();
  });
});
