// The one place that writes the KPI summary: a new sheet built completely, then swapped for the old
// one. Calls are batched per property, so their number does not grow with the tracker's rows.
import type { Services } from '../services';
import { asText, ensureGrid, freeSheetName, sheetMarks, SUMMARY_BUILDING_KEY, SUMMARY_KEY } from '../sheets';
import type { ModelCell, SheetModel } from './model';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Every string is written escaped: labels and, above all, text from the data (a client named "=IMPORTXML(…)"). */
function cellValue(cell: ModelCell, dateOf: (wall: number) => Date): unknown {
  const v = cell.value;
  if (v === null) return '';
  if (typeof v === 'object') return dateOf(v.wall);
  return typeof v === 'string' ? asText(v) : v;
}

function grid<T>(model: SheetModel, pick: (cell: ModelCell) => T): T[][] {
  return model.rows.map((row) => row.map(pick));
}

function fillSheet(services: Services, sheet: Sheet, model: SheetModel, dateOf: (wall: number) => Date): void {
  const rows = model.rows.length;
  const width = model.width;
  ensureGrid(sheet, rows, width + 10);
  const range = sheet.getRange(1, 1, rows, width);
  range.setValues(grid(model, (c) => cellValue(c, dateOf)));
  range.setNumberFormats(grid(model, (c) => c.format ?? 'General'));
  range.setFontWeights(grid(model, (c) => (c.bold ? 'bold' : 'normal')));
  // Explicit white rather than null: Google documents colours here, not nulls.
  range.setBackgrounds(grid(model, (c) => c.background ?? '#ffffff'));
  range.setFontColors(grid(model, (c) => c.color ?? '#000000'));
  range.setFontSizes(grid(model, (c) => c.size ?? 10));
  for (const m of model.merges) sheet.getRange(m.row, m.column, m.rows, m.columns).merge();
  // Runs of equal widths in one call each.
  for (let i = 0; i < model.columnWidths.length; ) {
    let j = i;
    while (j + 1 < model.columnWidths.length && model.columnWidths[j + 1] === model.columnWidths[i]) j++;
    sheet.setColumnWidths(i + 1, j - i + 1, model.columnWidths[i]);
    i = j + 1;
  }
  sheet.setFrozenRows(model.frozenRows);
  for (const chart of model.charts) {
    let builder = sheet.newChart().setChartType(chart.type === 'BAR' ? services.Charts.ChartType.BAR : services.Charts.ChartType.COLUMN);
    for (const r of chart.ranges) builder = builder.addRange(sheet.getRange(r.row, r.column, r.rows, r.columns));
    sheet.insertChart(
      builder
        .setPosition(chart.anchor.row, chart.anchor.column, 0, 0)
        .setOption('title', chart.title)
        .setOption('legend', { position: 'none' })
        .build(),
    );
  }
  sheet.addDeveloperMetadata(SUMMARY_KEY, 'v1');
}

const BUILDING_SUFFIX = ' …';

interface Marks {
  sheet: Sheet;
  /** Complete: the add-on's summary (developer metadata). */
  owned: boolean;
  /** Still being built, or complete but not yet swapped in. */
  building: boolean;
}

function marksOf(sheets: Sheet[]): Marks[] {
  return sheets.map((sheet) => {
    const keys = sheetMarks(sheet);
    return { sheet, owned: keys.includes(SUMMARY_KEY), building: keys.includes(SUMMARY_BUILDING_KEY) };
  });
}

/**
 * Puts a complete summary in place: every other summary of ours goes (a failed swap may have left
 * two), then it takes the summary's name, then it loses its building mark.
 */
function swapIn(spreadsheet: Spreadsheet, done: Sheet, others: Sheet[], baseName: string): void {
  const position = others.length ? Math.min(...others.map((s) => s.getIndex())) : 1;
  for (const old of others) spreadsheet.deleteSheet(old);
  done.setName(freeSheetName(spreadsheet, baseName));
  for (const m of done.getDeveloperMetadata()) if (m.getKey() === SUMMARY_BUILDING_KEY) m.remove();
  spreadsheet.setActiveSheet(done);
  spreadsheet.moveActiveSheet(position);
}

/**
 * The name a build is about to give the sheet it inserts, written down before the insert: a build
 * killed between the insert and the sheet's mark leaves an empty unmarked sheet of exactly that
 * name, which the next build removes. No other unmarked sheet is ever removed, whatever its name.
 */
const INSERTING_KEY = 'salesKpi.summary.inserting';

/**
 * What an earlier build left when it failed or was killed, put right before a new one: half-built
 * sheets removed, a complete one that was not swapped in put in place, and the empty sheet a build
 * inserted but did not get to mark (INSERTING_KEY) removed. Returns our summaries.
 */
function recover(spreadsheet: Spreadsheet, properties: GoogleAppsScript.Properties.Properties): Sheet[] {
  const marks = marksOf(spreadsheet.getSheets());
  const inserting = properties.getProperty(INSERTING_KEY);
  for (const m of marks) {
    if (m.building && !m.owned) spreadsheet.deleteSheet(m.sheet);
    else if (!m.owned && !m.building && m.sheet.getName() === inserting && m.sheet.getLastRow() === 0) spreadsheet.deleteSheet(m.sheet);
  }
  if (inserting !== null) properties.deleteProperty(INSERTING_KEY);
  const finished = marks.filter((m) => m.owned && m.building);
  const owned = marks.filter((m) => m.owned && !m.building).map((m) => m.sheet);
  if (finished.length === 0) return owned;
  const newest = finished[finished.length - 1].sheet;
  const stale = [...owned, ...finished.slice(0, -1).map((m) => m.sheet)];
  swapIn(spreadsheet, newest, stale, newest.getName().split(BUILDING_SUFFIX)[0]);
  return [newest];
}

/**
 * Writes the model into a fresh sheet; only when it is complete does it replace the add-on's previous
 * summary. A user's own sheet with the summary's name is never touched: the summary takes another name.
 * A failure or a kill at any call leaves the previous summary in place, and the next build clears up.
 */
export function writeSummary(services: Services, spreadsheet: Spreadsheet, model: SheetModel, dateOf: (wall: number) => Date): Sheet {
  const properties = services.PropertiesService.getDocumentProperties();
  const previous = recover(spreadsheet, properties);
  const name = freeSheetName(spreadsheet, model.name + BUILDING_SUFFIX);
  properties.setProperty(INSERTING_KEY, name);
  const building = spreadsheet.insertSheet(name);
  building.addDeveloperMetadata(SUMMARY_BUILDING_KEY, 'v1');
  properties.deleteProperty(INSERTING_KEY);
  try {
    fillSheet(services, building, model, dateOf);
  } catch (error) {
    spreadsheet.deleteSheet(building);
    throw error;
  }
  swapIn(spreadsheet, building, previous, model.name);
  return building;
}
