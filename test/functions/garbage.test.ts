// A date function's reading loop, once V8 has optimised it, keeps each wall time an unboxed number:
// a call's result flowing into the loop's value instead made it allocate a heap number for every
// date read — 3 MB of garbage a call at 100,000 rows in UTC, where the first date is the only one
// that takes the slow path. Sizes, not times: V8's optimised code either boxes or it does not.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { DIST_DIR } from '../../dev/host/index';
import { realmOf } from '../../dev/host/realm';
import { CALLS, columns } from '../../bench/functions';

const ROWS = 100_000;
const code = readFileSync(join(DIST_DIR, 'Code.js'), 'utf8');
const cols = columns(ROWS);

/** The median heap growth of one warm call, in bytes, with the spreadsheet in `zone`. */
function garbagePerCall(name: string, zone: string): number {
  const context = vm.createContext({
    SpreadsheetApp: { getActiveSpreadsheet: () => ({ getSpreadsheetLocale: () => 'en_US', getSpreadsheetTimeZone: () => zone }) },
    PropertiesService: { getDocumentProperties: () => ({ getProperties: () => ({}) }) },
  });
  vm.runInContext(code, context);
  const args = realmOf(context).toScript(CALLS.find(([n]) => n === name)![1](cols)) as unknown[];
  const fn = (context as Record<string, (...a: unknown[]) => unknown>)[name];
  for (let i = 0; i < 40; i++) fn(...args);
  const growth: number[] = [];
  for (let i = 0; i < 9; i++) {
    const before = process.memoryUsage().heapUsed;
    fn(...args);
    growth.push(process.memoryUsage().heapUsed - before);
  }
  return growth.sort((a, b) => a - b)[4];
}

describe('a warm date function at 100,000 rows', () => {
  for (const zone of ['UTC', 'Europe/Moscow', 'Europe/Berlin']) {
    it(`allocates far less than a number per date read, in ${zone}`, () => {
      for (const name of ['DEAL_CYCLE', 'RESPONSE_TIME']) {
        // Boxing every wall time: 2 dates × 16 bytes × 100,000 rows = 3.2 MB.
        expect(garbagePerCall(name, zone), name).toBeLessThan(256 * 1024);
      }
    });
  }
});
