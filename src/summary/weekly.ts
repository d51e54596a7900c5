// The weekly step of every summary build (docs/weekly.md): the weeks not recorded yet written to the
// hidden KPI history, then This week, Trends and Pipeline change read back from it. Build KPI summary
// takes it with the tracker it read; npm start's DuckDB engine with the sources it keeps in memory.
import type { Language } from '../i18n/language';
import { recordOnBuild, type RecordRead } from '../weekly/history';
import { weeklyReview } from '../weekly/reviewShell';
import type { SummaryFigures } from './figures';
import type { WeeklyReview } from './model';

export function weeklyOnBuild(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  properties: GoogleAppsScript.Properties.Properties,
  language: Language,
  read: RecordRead,
  figures: SummaryFigures,
  nowWall: number,
): WeeklyReview {
  recordOnBuild(spreadsheet, properties, language, read, nowWall);
  return weeklyReview(spreadsheet, language, read, figures, nowWall);
}
