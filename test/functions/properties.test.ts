// Junk in, a number or our named error out: never a crash, NaN or Infinity.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { callCustomFunction, CUSTOM_FUNCTIONS } from '../../src/functions/registry';
import { testEnv } from '../helpers/env';

const junkCell = fc.oneof(
  fc.constant(''),
  fc.constant(null),
  fc.boolean(),
  fc.double({ noNaN: false }),
  fc.integer({ min: -1e9, max: 1e9 }),
  fc.constantFrom(1e308, -1e308, 45356, -1, 0, 2958466),
  fc.string({ maxLength: 12 }),
  fc.constantFrom(
    'Lead',
    'Paid',
    'Won',
    'Lost',
    'Отказ',
    '2024-01-01',
    '31.12.2023 10:00',
    '13/01/2024',
    '01-13-2024',
    '1 234,50 ₽',
    'meeting',
    '=1+1',
  ),
  fc.date({ min: new Date(1990, 0, 1), max: new Date(2040, 0, 1), noInvalidDate: false }),
);
const junkColumn = (rows: number) => fc.array(junkCell, { minLength: rows, maxLength: rows }).map((cells) => cells.map((c) => [c]));
const junkArg = fc.oneof(
  junkCell,
  fc.integer({ min: 1, max: 6 }).chain(junkColumn),
  fc.array(fc.array(junkCell, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 4 }),
);

function outcomeIsClean(name: string, run: () => unknown): void {
  let result: unknown;
  try {
    result = run();
  } catch (error) {
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message.startsWith(`${name}: `)).toBe(true);
    return;
  }
  const numbers = Array.isArray(result) ? result.flat().filter((v) => typeof v === 'number') : [result];
  for (const n of numbers) {
    expect(typeof n).toBe('number');
    expect(Number.isFinite(n)).toBe(true);
  }
}

describe('every custom function on junk input', () => {
  for (const spec of CUSTOM_FUNCTIONS) {
    it(`${spec.name} returns a finite number/table or a named error`, () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 6 }),
          fc.array(junkArg, { minLength: spec.params.length, maxLength: spec.params.length }),
          (rows, args) => {
            // Half the time, paired ranges get the same height, as real calls do.
            const shaped = args.map((a, i) =>
              i < 2 && Array.isArray(a) ? a.slice(0, rows).concat(Array.from({ length: Math.max(0, rows - a.length) }, () => [''])) : a,
            );
            outcomeIsClean(spec.name, () => callCustomFunction(spec.name, shaped, testEnv({ settings: { funnel: ['Lead', 'Paid'] } })));
            outcomeIsClean(spec.name, () => callCustomFunction(spec.name, args, testEnv()));
          },
        ),
        { numRuns: 300 },
      );
    });
  }

  it('huge amounts, plans and facts never overflow into Infinity', () => {
    const huge = fc.array(fc.constantFrom(1e308, -1e308, 9e15, 1e15, '1e308'), { minLength: 2, maxLength: 5 });
    fc.assert(
      fc.property(huge, huge, (a, b) => {
        const rows = Math.min(a.length, b.length);
        const column = (xs: unknown[]) => xs.slice(0, rows).map((x) => [x]);
        outcomeIsClean('FUNNEL', () =>
          callCustomFunction('FUNNEL', [column(a.map(() => 'Paid')), [['Lead', 'Paid']], '', column(a)], testEnv()),
        );
        outcomeIsClean('PLAN_FACT', () => callCustomFunction('PLAN_FACT', [column(a), column(b)], testEnv()));
        outcomeIsClean('PLAN_DISCIPLINE', () => callCustomFunction('PLAN_DISCIPLINE', [column(a), column(b)], testEnv()));
      }),
    );
  });

  it('an invalid Date anywhere gives a named error, not a RangeError', () => {
    for (const spec of CUSTOM_FUNCTIONS) {
      for (let i = 0; i < spec.params.length; i++) {
        const args = spec.params.map(() => [['2024-01-01'], ['2024-01-02']] as unknown);
        args[i] = new Date(NaN);
        outcomeIsClean(spec.name, () => callCustomFunction(spec.name, args, testEnv()));
      }
    }
  });

  it('reversed dates with skip_invalid give a number or a named error', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.date({ noInvalidDate: true, min: new Date(2000, 0, 1), max: new Date(2030, 0, 1) }),
            fc.date({ noInvalidDate: true, min: new Date(2000, 0, 1), max: new Date(2030, 0, 1) }),
          ),
          { minLength: 1, maxLength: 20 },
        ),
        (pairs) => {
          for (const name of ['DEAL_CYCLE', 'RESPONSE_TIME']) {
            outcomeIsClean(name, () =>
              callCustomFunction(name, [pairs.map((p) => [p[0]]), pairs.map((p) => [p[1]]), '', '', true], testEnv()),
            );
          }
        },
      ),
    );
  });
});
