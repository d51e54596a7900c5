// What every execution evaluates (dist/Code.js): the custom functions, the menu, and the loader of
// everything else. Every cell that calls a custom function is an execution of its own that compiles
// and evaluates all of Code.js, so the menu's actions, the summary, the sidebar's server side, the
// lead watch and the settings schema are kept out of it: they are built into dist/Actions.html and
// evaluated only by the executions that run one of them (a menu item, the sidebar, a trigger).
import { callRendering } from './functions/registry';
import type { FunctionEnv } from './functions/env';
import { onOpen, type OpenEvent } from './menu/menu';
import { entry, type EntryPoint } from './entry';
import { settingsForFunction } from './settings/stored';
import { CLOCK_HANDLER, NEXT_WAKE_KEY } from './schedule/clock';

/** The project's HTML file holding the actions bundle (src/main.ts), as the build writes it. */
export const ACTIONS_FILE = 'Actions';

/** What the actions bundle hands back when evaluated: src/main.ts's exports (a type only: nothing of it is in Code.js). */
export type Actions = Pick<typeof import('./main'), 'ENTRY_POINTS' | 'loadSettings' | 'renderUserError'>;

/**
 * The actions bundle, evaluated in this execution: the file's raw text (HtmlTemplate.getRawContent
 * returns it unprocessed) is one expression, evaluated globally. Nothing is kept between calls: in
 * Apps Script every execution starts from a fresh global scope anyway.
 */
function loadActions(): Actions {
  const code = HtmlService.createTemplateFromFile(ACTIONS_FILE).getRawContent();
  // biome-ignore lint/security/noGlobalEval: the actions bundle is our own code, loaded as Google's HtmlTemplate.getCode reference does (docs/deploying.md).
  return (0, eval)(code) as Actions;
}

/** The scheduler's entry in the actions (src/main.ts). */
const SCHEDULED_RUN = 'runScheduledJobs';

/**
 * The add-on's clock trigger. When even loading the actions fails (a server error at the first
 * call), a one-shot in two minutes is asked for here, so the chain goes on; past that point the
 * scheduler sets its own retry (docs/lead-watch.md › Scheduler and triggers).
 */
function clockTrigger(e?: unknown): unknown {
  let actions: Actions;
  try {
    actions = loadActions();
  } catch (error) {
    try {
      if (String(ScriptApp.getInstallationSource()) !== String(ScriptApp.InstallationSource.NONE))
        ScriptApp.newTrigger(CLOCK_HANDLER)
          .timeBased()
          .after(2 * 60_000)
          .create();
    } catch {
      // One clock trigger may still be set (a weekly one), or Google refuses: the next change sets it.
    }
    throw error;
  }
  return actions.ENTRY_POINTS[SCHEDULED_RUN].run(e);
}

function functionEnv(): FunctionEnv {
  let spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet | undefined;
  const active = () => (spreadsheet ??= SpreadsheetApp.getActiveSpreadsheet());
  return {
    locale: () => active().getSpreadsheetLocale(),
    timeZone: () => active().getSpreadsheetTimeZone(),
    // A document saved by this release is sealed: one JSON.parse. Anything else (an earlier
    // release's, a damaged one) takes the full load, which lives with the schema in the actions.
    settings: () =>
      settingsForFunction(
        PropertiesService.getDocumentProperties().getProperties(),
        (stored) => loadActions().loadSettings(stored).settings,
      ),
    now: () => Date.now(),
  };
}

export function runCustomFunction(name: string, args: unknown[]): unknown {
  // A user's mistake is put in words by the actions' messages: only a failing call pays for them.
  return callRendering(name, args, functionEnv(), (error, language) => loadActions().renderUserError(error, language));
}

/** Runs one of the actions bundle's entry points (the generated stubs of everything but the menu call this). */
export function runAction(name: string, args: unknown[]): unknown {
  // A name from a stub of another build may be missing here: looked up as any string.
  const action = (loadActions().ENTRY_POINTS as Record<string, EntryPoint | undefined>)[name];
  if (!action)
    throw new Error(
      `Sales KPI: ${ACTIONS_FILE}.html has no ${name}; Code.js and ${ACTIONS_FILE}.html come from different builds — push dist/ again.`,
    );
  return action.run(...args);
}

/**
 * A bound script's minute trigger, here so that a minute with nothing due (most of them: the
 * scheduler stores its earliest due instant, nights and weekends included) costs one property read
 * and no evaluation of the actions bundle (docs/lead-watch.md › Scheduler and triggers).
 */
function minuteGate(e?: unknown): unknown {
  const properties = PropertiesService.getDocumentProperties();
  if (!properties) return undefined;
  const next = properties.getProperty(NEXT_WAKE_KEY);
  if (next === '' || (next !== null && Number(next) > Date.now())) return undefined;
  return runAction(SCHEDULED_RUN, [e]);
}

/** The menu: onOpen may run in AuthMode.NONE, where nothing but the menu may be touched — so it is here, not in the actions. */
export const CORE_ENTRY_POINTS: Record<string, EntryPoint> = {
  onOpen: entry('Builds the add-on menu.', (e?: OpenEvent) => onOpen(e, { SpreadsheetApp, Session }), ['e']),
  onInstall: entry('Runs onOpen when the add-on is installed.', (e?: OpenEvent) => onOpen(e, { SpreadsheetApp, Session }), ['e']),
  onClock: entry(
    'Trigger: the clock — runs what is due (lead deadlines, the daily formula refresh, the weekly jobs) and sets the next wake-up.',
    clockTrigger,
    ['e'],
  ),
  watchDeadline: entry('Trigger: a clock trigger made by an earlier release — runs what is due, as onClock.', clockTrigger, ['e']),
  watchSafetyNet: entry(
    'Trigger: every minute in a bound script — runs what is due; a minute with nothing due reads one property and ends.',
    minuteGate,
    ['e'],
  ),
};
