// Insert sample tracker: adds Deals, Activities and Leads sheets and settings for them — never over a user's sheet.
import type { Language } from '../i18n/language';
import { ui } from '../i18n/ui';
import { sampleTracker, type SampleCell, type SampleSheet } from '../sample/tracker';
import type { Services } from '../services';
import { saveSettingsLocked, type EntrySettings } from '../settings/shell';
import { zoneClock } from '../tracker/dates';
import { ensureGrid, freeSheetName, isOwnedSheet, SAMPLE_KEY } from '../sheets';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

function cellValue(cell: SampleCell, dateOf: (wall: number) => Date): unknown {
  return typeof cell === 'object' ? dateOf(cell.wall) : cell;
}

function writeSampleSheet(
  services: Services,
  spreadsheet: Spreadsheet,
  sample: SampleSheet,
  name: string,
  funnel: string[],
  dateOf: (wall: number) => Date,
): void {
  const sheet = spreadsheet.insertSheet(name);
  const rows = sample.rows.length;
  const columns = sample.rows[0].length;
  ensureGrid(sheet, rows, columns);
  sheet.getRange(1, 1, rows, columns).setValues(sample.rows.map((r) => r.map((c) => cellValue(c, dateOf))));
  sheet.getRange(1, 1, 1, columns).setFontWeight('bold');
  sheet.setFrozenRows(1);
  sample.formats.forEach((format, c) => {
    if (format && rows > 1) sheet.getRange(2, c + 1, rows - 1, 1).setNumberFormat(format);
  });
  if (sample.dropdownColumn !== undefined && rows > 1) {
    const rule = services.SpreadsheetApp.newDataValidation().requireValueInList(funnel, true).setAllowInvalid(true).build();
    sheet.getRange(2, sample.dropdownColumn + 1, rows - 1, 1).setDataValidation(rule);
  }
  sheet.addDeveloperMetadata(SAMPLE_KEY, sample.name);
}

export function insertSampleTracker(services: Services, language: Language, current: EntrySettings): void {
  const spreadsheet = services.SpreadsheetApp.getActiveSpreadsheet();
  const theUi = services.SpreadsheetApp.getUi();
  const existing = spreadsheet.getSheets().filter((s) => isOwnedSheet(s, SAMPLE_KEY));
  if (existing.length > 0) {
    theUi.alert(
      ui(language, 'sampleTitle'),
      ui(language, 'sampleExists', { sheets: existing.map((s) => s.getName()).join(', ') }),
      theUi.ButtonSet.OK,
    );
    return;
  }
  // The sample's times are the spreadsheet's local times (working hours in its own zone).
  const clock = zoneClock(spreadsheet.getSpreadsheetTimeZone());
  const tracker = sampleTracker(language, clock.now());
  const sheets = [tracker.deals, tracker.activities, tracker.leads];
  const names = sheets.map((s) => freeSheetName(spreadsheet, s.name, true));
  const hasOwnSources = current.stored && Object.values(current.settings.sources).some((s) => s !== null);
  const switchSettings =
    !hasOwnSources ||
    theUi.alert(ui(language, 'sampleTitle'), ui(language, 'sampleReplaceSettings'), theUi.ButtonSet.YES_NO) === theUi.Button.YES;

  spreadsheet.toast(ui(language, 'sampleProgress'), ui(language, 'sampleTitle'));
  sheets.forEach((sample, i) => writeSampleSheet(services, spreadsheet, sample, names[i], tracker.funnel, clock.dateOf));
  spreadsheet.setActiveSheet(spreadsheet.getSheetByName(names[0])!);
  if (switchSettings) {
    const settings = tracker.settings;
    (['deals', 'activities', 'leads'] as const).forEach((kind, i) => {
      const source = settings.sources[kind];
      if (source) source.sheet = names[i];
    });
    saveSettingsLocked(services, settings);
  }
  const renamed = names.filter((n, i) => n !== sheets[i].name);
  const note = renamed.length
    ? `\n\n${ui(language, 'sampleNameTaken', {
        sheet: sheets
          .map((s) => s.name)
          .filter((_, i) => names[i] !== sheets[i].name)
          .join(', '),
        other: renamed.join(', '),
      })}`
    : '';
  const functions = `\n\n${ui(language, 'functionsNote')}`;
  theUi.alert(
    ui(language, 'sampleTitle'),
    ui(language, switchSettings ? 'sampleInserted' : 'sampleInsertedKeptSettings', { sheets: names.join(', ') }) + note + functions,
    theUi.ButtonSet.OK,
  );
}
