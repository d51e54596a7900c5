// The lead watch's log sheet: a row per act, for people (in their language) and, in its last
// column, a language-neutral action code — what the KPI summary reads.
import type { Language } from '../i18n/language';
import { watchText } from '../i18n/watch';
import { asText, freeSheetName, isOwnedSheet, WATCH_LOG_KEY } from '../sheets';
import { isDateObject } from '../tracker/dates';
import type { WatchAction } from './decide';
import type { PropertyStore } from '../properties';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** The action codes in the log's last column. */
export const LOG_CODE = { reroute: 'reroute', escalate: 'escalate' } as const;
const CODE_COLUMN = 6;
const ACTION_COLUMN = 5;

/**
 * The name the log sheet is about to be inserted under, written down first: a run killed between
 * the insert and the sheet's mark leaves an unmarked sheet of exactly that name, which the next
 * run adopts (never a "Lead watch log 2"). A sheet of ours without its header row gets it.
 */
const INSERTING_KEY = 'salesKpi.watch.logInserting';

export function logSheet(spreadsheet: Spreadsheet, language: Language, properties: PropertyStore): Sheet {
  const sheets = spreadsheet.getSheets();
  const existing = sheets.find((s) => isOwnedSheet(s, WATCH_LOG_KEY));
  if (existing) {
    if (existing.getLastRow() === 0) writeHeader(existing, language);
    return existing;
  }
  const inserting = properties.getProperties()[INSERTING_KEY] ?? null;
  const active = spreadsheet.getActiveSheet();
  const left = inserting === null ? undefined : sheets.find((s) => s.getName() === inserting && s.getLastRow() <= 1);
  let sheet: Sheet;
  if (left) sheet = left;
  else {
    const name = freeSheetName(spreadsheet, watchText[language].logSheet);
    properties.setProperty(INSERTING_KEY, name);
    sheet = spreadsheet.insertSheet(name, spreadsheet.getNumSheets());
  }
  sheet.addDeveloperMetadata(WATCH_LOG_KEY, 'v1');
  properties.deleteProperty(INSERTING_KEY);
  writeHeader(sheet, language);
  spreadsheet.setActiveSheet(active);
  return sheet;
}

function writeHeader(sheet: Sheet, language: Language): void {
  const t = watchText[language];
  sheet.getRange(1, 1, 1, t.logHeader.length).setValues([t.logHeader]).setFontWeight('bold');
  sheet.setFrozenRows(1);
}

export function logRow(action: WatchAction, at: Date, lead: string, language: Language): unknown[] {
  const t = watchText[language];
  const to = action.kind === 'reroute' ? action.to : '';
  const from = action.kind === 'reroute' ? action.from : action.manager;
  return [
    at,
    asText(lead),
    asText(from),
    asText(to),
    action.waited,
    action.kind === 'reroute' ? t.rerouted : t.escalated,
    LOG_CODE[action.kind],
  ];
}

/**
 * The wall times of the re-routes and escalations in a log's rows (header first), by their action
 * code. Rows written before the code column existed are recognised by their action word, in either language.
 */
export function actionsInLog(
  values: readonly (readonly unknown[])[],
  wallOf: (date: Date) => number,
): { rerouted: number[]; escalated: number[] } {
  const words = new Map<string, keyof typeof LOG_CODE>([
    [watchText.en.rerouted, 'reroute'],
    [watchText.ru.rerouted, 'reroute'],
    [watchText.en.escalated, 'escalate'],
    [watchText.ru.escalated, 'escalate'],
  ]);
  const out = { rerouted: [] as number[], escalated: [] as number[] };
  for (const row of values.slice(1)) {
    const code = String(row[CODE_COLUMN] ?? '');
    const kind = code
      ? code === LOG_CODE.reroute
        ? 'reroute'
        : code === LOG_CODE.escalate
          ? 'escalate'
          : null
      : (words.get(String(row[ACTION_COLUMN] ?? '')) ?? null);
    if (kind && isDateObject(row[0]) && !Number.isNaN(row[0].getTime()))
      (kind === 'reroute' ? out.rerouted : out.escalated).push(wallOf(row[0]));
  }
  return out;
}

/** The wall times of the re-routes in a log's rows. */
export function reroutesInLog(values: readonly (readonly unknown[])[], wallOf: (date: Date) => number): number[] {
  return actionsInLog(values, wallOf).rerouted;
}
