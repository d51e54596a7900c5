// Long cells for the linear-time tests and the benchmark: the shapes and where each function reads them.

/** Cell shapes that made earlier versions backtrack or rebuild prefixes. */
export const LONG_CELL_SHAPES: Record<string, (n: number) => string> = {
  words: (n) => 'a '.repeat(n / 2),
  digitsThenX: (n) => `${'1'.repeat(n - 1)}x`,
  cancelled: (n) => 'отмен'.repeat(n / 5),
  spacesAndYo: (n) => 'ё  '.repeat(n / 3),
  dotsAndCommas: (n) => '1,2.'.repeat(n / 4),
  dateLike: (n) => '12/12/'.repeat(n / 6),
};

/** Each function with the long cell where it reads text. */
export const LONG_CELL_CALLS: Record<string, (cell: string) => unknown[]> = {
  FUNNEL: (c) => [[[c], ['Lead']], [['Lead', 'Paid']]],
  STAGE_CONVERSION: (c) => [[[c], ['Lead']], 'Lead', 'Paid', [['Lead', 'Paid']]],
  DEAL_CYCLE: (c) => [[[c], ['2024-01-01']], [['2024-01-02'], ['2024-01-03']], '', '', true],
  STALLED_DEALS: (c) => [[[c], ['2024-01-01']], 14, '', '2024-02-01', true],
  RESPONSE_TIME: (c) => [[[c], ['2024-01-01 10:00']], [['2024-01-01 10:05'], ['2024-01-01 10:07']], '', '', true],
  SLA_BREACH_RATE: (c) => [[[c], ['2024-01-01 10:00']], [['2024-01-01 10:05'], ['2024-01-01 10:20']], 10, '2024-02-01', true],
  EFFECTIVE_TOUCHES: (c) => [[[c], ['meeting']]],
  REPEAT_RATE: (c) => [[[c], [c], ['b']]],
  PLAN_FACT: (c) => [
    [[c], [1]],
    [[1], [1]],
  ],
  PLAN_DISCIPLINE: (c) => [
    [[1], [1]],
    [[c], [1]],
  ],
  CONVERSION_INTERVAL: (c) => [c, 10],
  FORECAST_REVENUE: (c) => [
    [['Lead'], ['Paid']],
    [[''], ['Won']],
    [[5], [5]],
    [[c], ['2024-01-02']],
    [[''], ['2024-01-05']],
    '2024-01-01',
    '2024-01-31',
    '2024-01-10',
    [['Lead', 'Paid']],
    '',
    true,
  ],
};
