// The two hidden sheets the weekly record keeps (KPI history; open deals by week): found by their
// developer metadata, never by name, and rewritten a whole week at a time in one write, so a run
// killed at any call leaves each week either as it was or complete — never twice, never half.
import { asText, ensureGrid, freeSheetName, sheetMarks } from '../sheets';
import type { KpiRow, OpenDealRow } from './record';
import { weekLabel, weekOfLabel } from './weeks';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export const HISTORY_KEY = 'salesKpi.history';
export const OPEN_DEALS_KEY = 'salesKpi.openDeals';
const BUILDING_SUFFIX = ' …';

export interface OwnedSheetKind {
  key: string;
  /** The sheet's name in the user's language, and the header row. */
  name: string;
  header: string[];
}

/** Each run looks at the sheets' marks once (the calls do not grow with every question asked of them). */
const seen = new WeakMap<Spreadsheet, Map<string, Sheet>>();

/**
 * The add-on's sheet marked `key`. The first look of a run also removes an unmarked empty sheet with a
 * building name: one an earlier run inserted and was stopped before marking.
 */
function findOwned(spreadsheet: Spreadsheet, kind: OwnedSheetKind): Sheet | null {
  let owned = seen.get(spreadsheet);
  if (!owned) {
    owned = new Map();
    for (const sheet of spreadsheet.getSheets()) {
      const marks = sheetMarks(sheet);
      const building = sheet.getName().includes(BUILDING_SUFFIX);
      if (building && marks.length === 0 && sheet.getLastRow() === 0 && isBuildingName(sheet.getName())) spreadsheet.deleteSheet(sheet);
      for (const key of marks) if (!owned.has(key) || building) owned.set(key, sheet);
    }
    seen.set(spreadsheet, owned);
  }
  return owned.get(kind.key) ?? null;
}

const isBuildingName = (name: string) => KIND_NAMES.some((base) => name.startsWith(base + BUILDING_SUFFIX));
/** Both languages' names of both sheets: a sheet left half-made is recognised whatever language made it. */
const KIND_NAMES = ['KPI history', 'История KPI', 'Open deals by week', 'Открытые сделки по неделям'];

/** The sheet, made hidden and marked when missing: inserted under a building name, marked, hidden, then named. */
export function ownedSheet(spreadsheet: Spreadsheet, kind: OwnedSheetKind): Sheet {
  const found = findOwned(spreadsheet, kind);
  // Marked but not finished (a run stopped before hiding and naming it): finished now.
  if (found?.getName().startsWith(kind.name + BUILDING_SUFFIX)) return finish(spreadsheet, found, kind);
  if (found) return found;
  const active = spreadsheet.getActiveSheet();
  const sheet = spreadsheet.insertSheet(freeSheetName(spreadsheet, kind.name + BUILDING_SUFFIX), spreadsheet.getSheets().length);
  sheet.addDeveloperMetadata(kind.key, 'v1');
  seen.get(spreadsheet)?.set(kind.key, sheet);
  // insertSheet makes the new sheet active; the user stays where they were.
  if (active) spreadsheet.setActiveSheet(active);
  return finish(spreadsheet, sheet, kind);
}

function finish(spreadsheet: Spreadsheet, sheet: Sheet, kind: OwnedSheetKind): Sheet {
  sheet.hideSheet();
  return sheet.setName(freeSheetName(spreadsheet, kind.name));
}

/** The sheet's rows after the header (one read), or none when the sheet does not exist yet. */
export function readOwned(spreadsheet: Spreadsheet, kind: OwnedSheetKind): unknown[][] {
  const sheet = findOwned(spreadsheet, kind);
  if (!sheet || sheet.getLastRow() < 2) return [];
  return sheet.getDataRange().getValues().slice(1);
}

/**
 * Replaces the rows of `weeks` (and drops weeks before `keepFrom`) with `fresh`, in one write over
 * the old rows and the new: the week column is the first. Returns the rows the sheet now holds.
 */
export function replaceWeeks(
  spreadsheet: Spreadsheet,
  kind: OwnedSheetKind,
  weeks: ReadonlySet<number>,
  fresh: unknown[][],
  keepFrom: number,
  maxRows = Infinity,
): number {
  const sheet = ownedSheet(spreadsheet, kind);
  const lastRow = sheet.getLastRow();
  const old = lastRow >= 2 ? sheet.getRange(1, 1, lastRow, kind.header.length).getValues().slice(1) : [];
  const kept = old.filter((row) => {
    const week = weekOfLabel(row[0]);
    return week !== null && week >= keepFrom && !weeks.has(week);
  });
  let rows = [...kept, ...fresh].sort((a, b) => String(a[0]).localeCompare(String(b[0])));
  // Over its share of the spreadsheet's cells, the oldest whole weeks go first.
  while (rows.length > maxRows) {
    const oldest = String(rows[0][0]);
    const cut = rows.findIndex((r) => String(r[0]) !== oldest);
    rows = cut < 0 ? [] : rows.slice(cut);
  }
  const width = kind.header.length;
  // Written over whatever the sheet held, blanks below: one call, so the week is never half there.
  const height = Math.max(rows.length, old.length) + 1;
  const block = [kind.header, ...rows, ...Array.from({ length: height - rows.length - 1 }, () => Array<unknown>(width).fill(''))];
  ensureGrid(sheet, height, width);
  // Text is written as text: a label like "2026-11-23" or a deal id like "=1" never turns into a date or formula.
  sheet.getRange(1, 1, height, width).setValues(block.map((r) => r.map((v) => (typeof v === 'string' && v !== '' ? asText(v) : v))));
  return rows.length;
}

/** A KPI row as the sheet stores it. */
export function kpiCells(row: KpiRow, hash: string, writtenAt: Date): unknown[] {
  return [
    weekLabel(row.week),
    row.manager ? 'manager' : 'team',
    row.manager,
    row.step,
    row.kpi,
    row.value,
    row.numerator ?? '',
    row.denominator ?? '',
    hash,
    writtenAt,
  ];
}

export function openDealCells(row: OpenDealRow, writtenAt: Date): unknown[] {
  return [weekLabel(row.week), row.id, row.stage, row.amount, row.manager, writtenAt];
}

const numberOrNull = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** KPI rows read back from the sheet (rows a user damaged are skipped). */
export function kpiRowsOf(values: unknown[][]): KpiRow[] {
  const out: KpiRow[] = [];
  for (const r of values) {
    const week = weekOfLabel(r[0]);
    const value = numberOrNull(r[5]);
    if (week === null || value === null) continue;
    out.push({
      week,
      manager: String(r[2] ?? ''),
      step: String(r[3] ?? ''),
      kpi: String(r[4]) as KpiRow['kpi'],
      value,
      numerator: numberOrNull(r[6]),
      denominator: numberOrNull(r[7]),
    });
  }
  return out;
}

export function openDealRowsOf(values: unknown[][]): OpenDealRow[] {
  const out: OpenDealRow[] = [];
  for (const r of values) {
    const week = weekOfLabel(r[0]);
    if (week === null) continue;
    out.push({ week, id: String(r[1] ?? ''), stage: String(r[2] ?? ''), amount: numberOrNull(r[3]) ?? 0, manager: String(r[4] ?? '') });
  }
  return out;
}
