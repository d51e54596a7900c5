// A FunctionEnv for tests: a locale, optional settings, a fixed now; counts what was read.
import type { FunctionEnv } from '../../src/functions/env';
import { defaultSettings, type Settings } from '../../src/settings/schema';
import { isUserError } from '../../src/errors';
import { renderUserError } from '../../src/i18n/errors';

export interface TestEnv extends FunctionEnv {
  reads: { locale: number; timeZone: number; settings: number };
}

export function testEnv(options: { locale?: string; timeZone?: string; settings?: Partial<Settings> | null; now?: number } = {}): TestEnv {
  const reads = { locale: 0, timeZone: 0, settings: 0 };
  return {
    reads,
    locale: () => (reads.locale++, options.locale ?? 'en_US'),
    timeZone: () => (reads.timeZone++, options.timeZone ?? 'UTC'),
    settings: () => {
      reads.settings++;
      return options.settings ? { ...defaultSettings(), ...options.settings } : null;
    },
    now: () => options.now ?? Date.UTC(2026, 10, 27, 12, 0),
  };
}

export const wall = (y: number, m: number, d: number, h = 0, mi = 0) => Date.UTC(y, m - 1, d, h, mi);

/** What a user would read: a core function's UserError rendered in English, thrown as a plain Error. */
export function inEnglish(run: () => unknown): () => unknown {
  return () => {
    try {
      return run();
    } catch (error) {
      throw isUserError(error) ? new Error(renderUserError(error, 'en')) : error;
    }
  };
}
