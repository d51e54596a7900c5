// The public surface: the only file that names what Apps Script calls. The build generates a
// top-level stub for every custom function and every entry point here, each forwarding to this bundle.
import { callCustomFunction, CUSTOM_FUNCTIONS } from './functions/registry';
import type { FunctionEnv } from './functions/env';
import { onOpen, showHelp, type OpenEvent } from './menu/menu';
import type { Services } from './services';
import { loadSettings } from './settings/storage';
import { wallTimeOfDate } from './tracker/dates';

export { CUSTOM_FUNCTIONS };

/** The Apps Script globals, read only when an entry point runs (never at the bundle's top level). */
function services(): Services {
  return { SpreadsheetApp, PropertiesService, ScriptApp, LockService, HtmlService, Session, MailApp, Charts };
}

function functionEnv(): FunctionEnv {
  return {
    locale: () => SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetLocale(),
    settings: () => {
      const loaded = loadSettings(PropertiesService.getDocumentProperties());
      return loaded.stored ? loaded.settings : null;
    },
    now: () => wallTimeOfDate(new Date()),
  };
}

export function runCustomFunction(name: string, args: unknown[]): unknown {
  return callCustomFunction(name, args, functionEnv());
}

interface EntryPoint {
  params: readonly string[];
  doc: string;
  run: (...args: any[]) => unknown;
}

const entry = (doc: string, run: EntryPoint['run'], params: readonly string[] = []): EntryPoint => ({ params, doc, run });

export const ENTRY_POINTS: Record<string, EntryPoint> = {
  onOpen: entry('Builds the add-on menu.', (e?: OpenEvent) => onOpen(e, services()), ['e']),
  onInstall: entry('Runs onOpen when the add-on is installed.', (e?: OpenEvent) => onOpen(e, services()), ['e']),
  menuHelp: entry('Menu: Help.', () => showHelp(services())),
};
