// "Refresh formulas": Sheets recomputes a custom function only when its formula text or a cell it
// references changes (docs/lead-watch.md › What real Google does), and ours also read the settings and
// the date. So every formula calling one of ours is made briefly to call another name and then its
// own again — two TextFinder replacements per function in the whole spreadsheet, a flush between —
// and reads exactly as the user wrote it afterwards. A run cut in between is restored by the next.
import { FUNCTION_NAMES } from '../functions/names';
import type { Language } from '../i18n/language';
import { ui } from '../i18n/ui';
import type { JobContext, ScheduledJob } from '../schedule/job';
import type { Services } from '../services';
import { MS_PER_DAY, zoneClock } from '../tracker/dates';

/** How long a refresh waits for the document lock. */
const LOCK_WAIT_MS = 10_000;

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Set while formulas call the stand-in names: the next refresh (or run of the job) restores them first. */
export const PENDING_KEY = 'salesKpi.refresh.pending';
/** The last refresh: {"at": epoch ms, "cells": formula cells recomputed}. */
export const LAST_KEY = 'salesKpi.refresh.last';
/** The stand-in prefix: no function has this name, and no text a user writes is likely to hold it. */
export const STAND_IN = 'SALESKPI_REFRESH_';
/** The daily refresh runs this long after the spreadsheet's midnight (a new day for STALLED_DEALS). */
const AFTER_MIDNIGHT_MS = 30 * 60_000;
/**
 * How long past due the refresh waits for the clock before the next change or menu action does it:
 * an add-on's timed run may come an hour late, or never see the document (dev/host/RULES.md).
 */
export const CATCH_UP_AFTER_MS = 2 * 60 * 60_000;

/** Replaces `from` by `to` in every formula of the spreadsheet, exact case; returns the cells changed. */
function replaceInFormulas(spreadsheet: Spreadsheet, from: string, to: string): number {
  return spreadsheet.createTextFinder(from).matchCase(true).matchFormulaText(true).replaceAllWith(to);
}

/** Puts back every stand-in name (all of them: a cut run does not say which it had written). */
function restore(spreadsheet: Spreadsheet, names: readonly string[]): void {
  for (const name of names) replaceInFormulas(spreadsheet, `${STAND_IN}${name}(`, `${name}(`);
}

/**
 * Recomputes every formula cell that calls one of our functions; returns how many cells. The flag
 * is set before the first replacement and cleared after the last restore: a run cut anywhere
 * between leaves it, and the next refresh restores the names before anything else.
 */
export function refreshFormulas(services: Services, spreadsheet: Spreadsheet, now: number): number {
  const properties = services.PropertiesService.getDocumentProperties();
  if (properties.getProperty(PENDING_KEY)) {
    restore(spreadsheet, FUNCTION_NAMES);
    properties.deleteProperty(PENDING_KEY);
  }
  properties.setProperty(PENDING_KEY, String(now));
  const replaced: string[] = [];
  let cells = 0;
  for (const name of FUNCTION_NAMES) {
    const n = replaceInFormulas(spreadsheet, `${name}(`, `${STAND_IN}${name}(`);
    if (n > 0) replaced.push(name);
    cells += n;
  }
  // Sheets must see the stand-in before the name comes back: written in one batch, it would see no change.
  if (cells > 0) services.SpreadsheetApp.flush();
  restore(spreadsheet, replaced);
  properties.deleteProperty(PENDING_KEY);
  properties.setProperty(LAST_KEY, JSON.stringify({ at: now, cells }));
  return cells;
}

function lastRefresh(services: Services): { at: number; cells: number } | null {
  try {
    const value = services.PropertiesService.getDocumentProperties().getProperty(LAST_KEY);
    const parsed = value ? (JSON.parse(value) as { at: number; cells: number }) : null;
    return parsed && Number.isFinite(parsed.at) ? parsed : null;
  } catch {
    return null;
  }
}

/** Half past midnight of the day after `at`, in the spreadsheet's zone (epoch ms). */
function nextDayAfter(at: number, zone: string): number {
  const clock = zoneClock(zone);
  const wall = clock.wallOf(new Date(at));
  return clock.dateOf(Math.floor(wall / MS_PER_DAY) * MS_PER_DAY + MS_PER_DAY + AFTER_MIDNIGHT_MS).getTime();
}

/**
 * Daily, shortly after midnight, while the last refresh found formulas of ours (a week later when it
 * found none: the weekly run looks again); at once when a cut refresh left stand-ins behind.
 */
export const formulaRefresh: ScheduledJob = {
  name: LAST_KEY,
  dueAt(context: JobContext) {
    if (context.services.PropertiesService.getDocumentProperties().getProperty(PENDING_KEY)) return context.now;
    const last = lastRefresh(context.services);
    if (!last) return context.now;
    return last.cells > 0 ? nextDayAfter(last.at, context.spreadsheet.getSpreadsheetTimeZone()) : last.at + 7 * MS_PER_DAY;
  },
  run(context: JobContext) {
    // Under the document lock, as every other refresh: two at once would each restore the other's stand-ins.
    if (refreshLocked(context.services, context.spreadsheet, context.now) === null) throw new Error('the document stayed busy');
  },
};

/** The refresh under the document lock (a save, a sweep or another refresh finishes first); null when it stayed busy. */
export function refreshLocked(services: Services, spreadsheet: Spreadsheet, now: number): number | null {
  const lock = services.LockService.getDocumentLock();
  if (!lock.tryLock(LOCK_WAIT_MS)) return null;
  try {
    return refreshFormulas(services, spreadsheet, now);
  } finally {
    lock.releaseLock();
  }
}

/** Menu: Refresh formulas. */
export function refreshFromMenu(services: Services, language: Language): void {
  const cells = refreshLocked(services, services.SpreadsheetApp.getActiveSpreadsheet(), Date.now());
  const theUi = services.SpreadsheetApp.getUi();
  theUi.alert(
    ui(language, 'refreshTitle'),
    cells === null ? ui(language, 'refreshBusy') : ui(language, 'refreshDone', { cells }),
    theUi.ButtonSet.OK,
  );
}

/** After a settings save: the saved settings are in every formula's result at once. A refresh that fails leaves the save saved (the daily one follows). */
export function refreshAfterSave(services: Services): void {
  try {
    refreshLocked(services, services.SpreadsheetApp.getActiveSpreadsheet(), Date.now());
  } catch {
    // The save stands; the next refresh (menu, daily) recomputes.
  }
}

/**
 * At a change or a menu action (which see the document): a refresh cut halfway is finished at once —
 * so formulas never keep a stand-in name (#NAME?) until a clock run that may never see the document —
 * and a refresh the clock has not done CATCH_UP_AFTER_MS after it was due is done. Never fails the action.
 */
export function catchUpRefresh(context: JobContext): void {
  try {
    const cut = context.services.PropertiesService.getDocumentProperties().getProperty(PENDING_KEY) !== null;
    if (!cut) {
      const due = formulaRefresh.dueAt(context);
      if (due === null || due > context.now - CATCH_UP_AFTER_MS) return;
    }
    refreshLocked(context.services, context.spreadsheet, context.now);
  } catch {
    // The clock's run, or the next action, tries again.
  }
}
