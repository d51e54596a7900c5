// Compile-time check: every method the host's services offer is a method of the real Apps Script
// service of that name (@types/google-apps-script), so the host cannot drift into APIs Google lacks.
// `npm run typecheck` (part of npm test) fails if one does not.
import type { CallLog } from './calls';
import type { DataValidationFacade, RangeFacade, SheetFacade, SpreadsheetFacade } from './spreadsheet';
import type { HtmlOutput, PropertyStore, UiFacade } from './services';

type Methods<T> = { [K in keyof T]: T[K] extends (...args: never[]) => unknown ? K : never }[keyof T];
/** The host's method names that Google's interface does not have, minus declared host-only helpers. */
type Extra<Host, Google, HostOnly extends string = never> = Exclude<Methods<Host>, keyof Google | HostOnly>;
type MustBeNone<T extends never> = T;

export type Conformance = [
  MustBeNone<Extra<RangeFacade, GoogleAppsScript.Spreadsheet.Range>>,
  MustBeNone<Extra<SheetFacade, GoogleAppsScript.Spreadsheet.Sheet>>,
  MustBeNone<Extra<SpreadsheetFacade, GoogleAppsScript.Spreadsheet.Spreadsheet>>,
  MustBeNone<Extra<DataValidationFacade, GoogleAppsScript.Spreadsheet.DataValidation>>,
  MustBeNone<Extra<UiFacade, GoogleAppsScript.Base.Ui>>,
  MustBeNone<Extra<PropertyStore, GoogleAppsScript.Properties.Properties, 'betweenKeys' | 'bytes'>>,
  MustBeNone<Extra<HtmlOutput, GoogleAppsScript.HTML.HtmlOutput>>,
];

/** Parameters the add-on passes are checked too, for the calls that carry its data. */
export type ParameterConformance = [
  Parameters<RangeFacade['setValues']>[0] extends Parameters<GoogleAppsScript.Spreadsheet.Range['setValues']>[0] ? true : false,
  Parameters<GoogleAppsScript.Spreadsheet.Range['setNumberFormats']>[0] extends Parameters<RangeFacade['setNumberFormats']>[0]
    ? true
    : false,
  Parameters<GoogleAppsScript.Properties.Properties['setProperties']>[0] extends Parameters<PropertyStore['setProperties']>[0]
    ? true
    : false,
];
export const parametersConform: ParameterConformance = [true, true, true];
export type { CallLog };
