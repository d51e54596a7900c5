// setClock's retries, against a stub of the services: a server error is tried once more, not twice.
import { describe, expect, it } from 'vitest';
import { MINUTE_MS, setClock } from '../../src/schedule/clock';
import type { Services } from '../../src/services';

const SERVER_ERROR = "We're sorry, a server error occurred. Please wait a bit and try again.";

/** ScriptApp whose `create()` answers from `outcomes` in turn ('error' throws a server error). */
function stub(outcomes: ('error' | 'ok')[]) {
  let attempts = 0;
  const stored: Record<string, string> = {};
  const builder = {
    timeBased: () => builder,
    after: () => builder,
    create() {
      const outcome = outcomes[attempts++] ?? 'ok';
      if (outcome === 'error') throw new Error(SERVER_ERROR);
      return { getUniqueId: () => `t${attempts}` };
    },
  };
  const services = {
    ScriptApp: {
      newTrigger: () => builder,
      getUserTriggers: () => [],
      getProjectTriggers: () => [],
      deleteTrigger() {},
      EventType: { CLOCK: 'CLOCK' },
    },
    PropertiesService: {
      getUserProperties: () => ({
        getProperty: (k: string) => stored[k] ?? null,
        setProperty: (k: string, v: string) => void (stored[k] = v),
        getProperties: () => ({ ...stored }),
      }),
    },
  } as unknown as Services;
  const spreadsheet = { getId: () => 'doc', getSpreadsheetTimeZone: () => 'UTC' } as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet;
  return { services, spreadsheet, attempts: () => attempts, stored };
}

describe('setClock and Google’s server errors', () => {
  const now = Date.UTC(2026, 11, 7, 10);
  const wake = { kind: 'once', at: now + 5 * MINUTE_MS } as const;

  it('one server error: tried once more, and the trigger is set and stored', () => {
    const s = stub(['error', 'ok']);
    expect(setClock(s.services, s.spreadsheet, wake, now)).toBe(true);
    expect(s.attempts()).toBe(2);
    expect(Object.values(s.stored).map((v) => JSON.parse(v).id)).toEqual(['t2']);
  });

  it('two in a row: given up after the second (the next run, change or menu item tries again)', () => {
    const s = stub(['error', 'error', 'ok']);
    expect(setClock(s.services, s.spreadsheet, wake, now)).toBe(false);
    expect(s.attempts()).toBe(2);
    expect(s.stored).toEqual({});
  });
});
