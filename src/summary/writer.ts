// The one place that writes the KPI summary: a new sheet built completely, then swapped for the old
// one. Calls are batched per property, so their number does not grow with the tracker's rows.
import type { Services } from '../services';
import { asText, ensureGrid, isOwnedSheet, SUMMARY_KEY } from '../sheets';
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

function freeName(spreadsheet: Spreadsheet, base: string): string {
  for (let n = 1; ; n++) {
    const name = n === 1 ? base : `${base} ${n}`;
    if (!spreadsheet.getSheetByName(name)) return name;
  }
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
  model.columnWidths.forEach((w, i) => sheet.setColumnWidth(i + 1, w));
  sheet.setFrozenRows(model.frozenRows);
  for (const chart of model.charts) {
    let builder = sheet.newChart().setChartType(chart.type === 'BAR' ? services.Charts.ChartType.BAR : services.Charts.ChartType.COLUMN);
    for (const r of chart.ranges) builder = builder.addRange(sheet.getRange(r.row, r.column, r.rows, r.columns));
    sheet.insertChart(builder.setPosition(chart.anchor.row, chart.anchor.column, 0, 0).setOption('title', chart.title).setOption('legend', { position: 'none' }).build());
  }
  sheet.addDeveloperMetadata(SUMMARY_KEY, 'v1');
}

/**
 * Writes the model into a fresh sheet; only when it is complete does it replace the add-on's previous
 * summary. A user's own sheet with the summary's name is never touched: the summary takes another name.
 * On failure the half-built sheet is removed and the old summary stays.
 */
export function writeSummary(services: Services, spreadsheet: Spreadsheet, model: SheetModel, dateOf: (wall: number) => Date): Sheet {
  const sheets = spreadsheet.getSheets();
  const previous = sheets.find((s) => isOwnedSheet(s, SUMMARY_KEY)) ?? null;
  const building = spreadsheet.insertSheet(freeName(spreadsheet, `${model.name} …`));
  try {
    fillSheet(services, building, model, dateOf);
  } catch (error) {
    spreadsheet.deleteSheet(building);
    throw error;
  }
  const position = previous ? previous.getIndex() : 1;
  if (previous) spreadsheet.deleteSheet(previous);
  building.setName(freeName(spreadsheet, model.name));
  spreadsheet.setActiveSheet(building);
  spreadsheet.moveActiveSheet(position);
  return building;
}
