// The one typed contract between the settings page and the server (google.script.run). The page
// imports only this file, and only its types; the server implements ServerApi in sidebar/server.ts.
import type { Settings } from '../settings/schema';

export type Language = 'en' | 'ru';
export type SourceKind = 'deals' | 'activities' | 'leads' | 'history';
export type SettingsDocument = Settings;

export interface SheetInfo {
  name: string;
  /** The header row as text, to choose columns from. */
  headers: string[];
}

export interface SidebarData {
  language: Language;
  settings: SettingsDocument;
  sheets: SheetInfo[];
  /** Roles per source, in display order, and which are required. */
  roles: Record<SourceKind, { role: string; required: boolean }[]>;
  /** A message about repaired or migrated settings, shown until someone presses "Got it" (noticeAt then names it). */
  notice: string | null;
  noticeAt?: number;
  /** The stored settings' generation this page loaded ('' for none): Save sends it back, so a stale page cannot overwrite a newer save. */
  generation: string;
  /** Where the page keeps an unsaved draft (one per spreadsheet). */
  draftKey: string;
  /** The managers named in the data (deals, activities, leads), for plans and the rotation. */
  managers: string[];
  /** Whether this runs as a bound script (the lead watch then checks every minute). */
  boundScript: boolean;
  /** What "Detect" found, or why it changed nothing (only in the answer to sidebarDetect). */
  detected?: string;
}

export interface FieldError {
  /** Dotted path of the field, as the page names its inputs ("sla.minutes", "funnel.2"). */
  path: string;
  message: string;
}

export type SaveResult = { ok: true; settings: SettingsDocument; generation: string } | { ok: false; errors: FieldError[] };

/** The server functions the page calls, by name. */
export interface ServerApi {
  sidebarLoad(): SidebarData;
  /** Proposals from auto-detection for what is not set, without saving. */
  sidebarDetect(draft: unknown): SidebarData;
  sidebarSave(draft: unknown, generation?: string): SaveResult;
  /** The repair notice was read: it goes (unless a newer repair replaced it). */
  sidebarNoticeRead(at: number): void;
  /** What saving the draft would say, without saving (a restored draft says whether it is valid). */
  sidebarCheck(draft: unknown): FieldError[];
}
