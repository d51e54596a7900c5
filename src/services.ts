// The Apps Script services the shells use, passed in (not read from globals) so tests can hand in fakes.
import type { BigQueryJobs } from './bigquery/jobs';

export interface Services {
  SpreadsheetApp: GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  PropertiesService: GoogleAppsScript.Properties.PropertiesService;
  ScriptApp: GoogleAppsScript.Script.ScriptApp;
  LockService: GoogleAppsScript.Lock.LockService;
  HtmlService: GoogleAppsScript.HTML.HtmlService;
  Session: GoogleAppsScript.Base.Session;
  MailApp: GoogleAppsScript.Mail.MailApp;
  Charts: GoogleAppsScript.Charts.Charts;
  /** For Utilities.sleep between polls of a BigQuery job. */
  Utilities?: Pick<GoogleAppsScript.Utilities.Utilities, 'sleep'>;
  /** The BigQuery advanced service: only in the BigQuery build, whose manifest enables it (docs/sql.md). */
  BigQuery?: { Jobs: BigQueryJobs };
}

/**
 * Whether this runs as an add-on install: one trigger of each type per user and document, clock
 * triggers at most hourly. A bound script (or a test deployment, which Google does not tell apart
 * and where installable triggers do not run) is not limited that way.
 */
export function isAddonInstall(services: Services): boolean {
  const { ScriptApp } = services;
  return String(ScriptApp.getInstallationSource()) !== String(ScriptApp.InstallationSource.NONE);
}
