// Why deals are lost: by reason × stage and by manager, with blank and "other" reasons apart.
import { describe, expect, it } from 'vitest';
import { isVagueReason, lossReasons } from '../../src/metrics/losses';
import type { Status } from '../../src/tracker/statuses';

describe('loss reasons', () => {
  // Six lost deals, one won, one open: the reason is known only where it was written.
  const status: Status[] = ['lost', 'lost', 'lost', 'lost', 'lost', 'lost', 'won', 'lost'];
  const deals = {
    status,
    lostAt: Int32Array.of(0, 1, 1, -1, 2, 0, -1, 1),
    lostReason: ['Дорого', ' дорого ', 'Выбрали конкурента', '', 'Другое', 'ДОРОГО', 'Дорого', 'Выбрали  конкурента'],
    manager: ['Анна', 'Борис', 'Анна', 'Борис', 'Анна', 'анна', 'Анна', ''],
  };

  it('counts lost deals per reason, case and spaces aside, most frequent first, split by stage and by manager', () => {
    const r = lossReasons(deals, [0, 1, 2, 3, 4, 5, 6, 7], 4);
    expect(r).toMatchObject({ lost: 7, blank: 1, vague: 1 });
    expect(r.reasons.map((x) => [x.reason, x.lost, x.atStage, x.unknownStage])).toEqual([
      ['Дорого', 3, [2, 1, 0, 0], 0],
      ['Выбрали конкурента', 2, [0, 2, 0, 0], 0],
      ['', 1, [0, 0, 0, 0], 1],
      ['Другое', 1, [0, 0, 1, 0], 0],
    ]);
    expect([...r.reasons[0].byManager]).toEqual([
      ['Анна', 2],
      ['Борис', 1],
    ]);
    // A lost deal with no manager counts in its reason, under no manager.
    expect([...r.reasons[1].byManager]).toEqual([['Анна', 1]]);
  });

  it("only the rows given: a period's deals", () => {
    expect(lossReasons(deals, [0, 6], 4)).toMatchObject({ lost: 1, blank: 0, vague: 0 });
  });

  it('"other" in either language names no reason', () => {
    expect(['Other', 'другое', 'Прочее.', 'n/a', 'Иное'].every(isVagueReason)).toBe(true);
    expect(['Price', 'Дорого', 'Other vendor chosen'].some(isVagueReason)).toBe(false);
  });
});
