// SpreadsheetApp in memory: spreadsheets, sheets, ranges, values, formats, metadata, charts, rules.
// The models (Book, SheetModel) are the host's; the facades are what the script sees, each call counted.
import { a1Of, parseA1, splitSheetName, type GridRect } from './a1';
import { counted, type CallLog } from './calls';
import { displayValue } from './format';
import { isDate, type Realm } from './realm';
import { GOOGLE_ERRORS, LIMITS } from './rules';

export type CellValue = string | number | boolean | Date;
export type StyleName =
  | 'numberFormat'
  | 'background'
  | 'fontWeight'
  | 'fontColor'
  | 'fontSize'
  | 'note'
  | 'horizontalAlignment'
  | 'wrap'
  | 'fontStyle';

export interface ChartRecord {
  type: string;
  ranges: string[];
  position: { row: number; column: number };
  options: Record<string, unknown>;
}
export interface ConditionalRuleRecord {
  condition: string;
  values: unknown[];
  background?: string;
  fontColor?: string;
  ranges: string[];
}
export interface ValidationRecord {
  criteria: 'VALUE_IN_LIST' | 'VALUE_IN_RANGE';
  values: unknown[];
  allowInvalid: boolean;
}
export interface MetadataRecord {
  id: number;
  key: string;
  value: string | null;
}

const OUTSIDE = 'The coordinates of the range are outside the dimensions of the sheet.';
let nextId = 1;

export class SheetModel {
  values: CellValue[][] = [];
  formulas = new Map<string, string>();
  styles = new Map<StyleName, Map<string, unknown>>();
  validations = new Map<string, ValidationRecord>();
  merges: GridRect[] = [];
  charts: ChartRecord[] = [];
  conditionalRules: ConditionalRuleRecord[] = [];
  metadata: MetadataRecord[] = [];
  columnWidths = new Map<number, number>();
  frozenRows = 0;
  hidden = false;
  readonly id = nextId++;

  constructor(
    public name: string,
    public maxRows = 1000,
    public maxColumns = 26,
  ) {}

  get(row: number, column: number): CellValue {
    return this.values[row - 1]?.[column - 1] ?? '';
  }

  set(row: number, column: number, value: CellValue): void {
    const r = row - 1;
    while (this.values.length <= r) this.values.push([]);
    const line = this.values[r];
    while (line.length < column - 1) line.push('');
    line[column - 1] = value;
  }

  style(name: StyleName, row: number, column: number): unknown {
    return this.styles.get(name)?.get(`${row}:${column}`);
  }

  setStyle(name: StyleName, row: number, column: number, value: unknown): void {
    let map = this.styles.get(name);
    if (!map) this.styles.set(name, (map = new Map()));
    if (value === null || value === undefined || value === '') map.delete(`${row}:${column}`);
    else map.set(`${row}:${column}`, value);
  }

  lastRow(): number {
    for (let r = this.values.length; r > 0; r--) {
      if (this.values[r - 1].some((v) => v !== '')) return Math.max(r, this.lastFormulaRow());
    }
    return this.lastFormulaRow();
  }

  private lastFormulaRow(): number {
    let last = 0;
    for (const key of this.formulas.keys()) last = Math.max(last, Number(key.split(':')[0]));
    return last;
  }

  lastColumn(): number {
    let last = 0;
    for (const line of this.values) {
      for (let c = line.length; c > last; c--)
        if (line[c - 1] !== '') {
          last = c;
          break;
        }
    }
    return last;
  }

  clear(): void {
    this.values = [];
    this.formulas.clear();
    this.styles.clear();
    this.validations.clear();
    this.merges = [];
    this.conditionalRules = [];
  }

  checkInside(rect: GridRect): void {
    if (rect.row < 1) throw new Error('The starting row of the range is too small.');
    if (rect.column < 1) throw new Error('The starting column of the range is too small.');
    if (rect.numRows < 1) throw new Error('The number of rows in the range must be at least 1.');
    if (rect.numColumns < 1) throw new Error('The number of columns in the range must be at least 1.');
    if (rect.row + rect.numRows - 1 > this.maxRows || rect.column + rect.numColumns - 1 > this.maxColumns) {
      throw new Error(OUTSIDE);
    }
  }
}

export class Book {
  sheets: SheetModel[] = [];
  active: SheetModel;
  metadata: MetadataRecord[] = [];
  toasts: { message: string; title: string }[] = [];
  /** The Google Form that feeds this spreadsheet, if any (Spreadsheet.getFormUrl). */
  formUrl: string | null = null;

  constructor(
    public name: string,
    public id: string,
    public locale: string,
    public timeZone: string,
  ) {
    this.active = this.addSheet(/^ru/i.test(locale) ? 'Лист1' : 'Sheet1');
  }

  addSheet(name: string, index = this.sheets.length): SheetModel {
    if (this.sheet(name)) throw new Error(`A sheet with the name "${name}" already exists. Please enter another name.`);
    const sheet = new SheetModel(name);
    this.checkGrowth(sheet.maxRows * sheet.maxColumns);
    this.sheets.splice(index, 0, sheet);
    return sheet;
  }

  sheet(name: string): SheetModel | undefined {
    return this.sheets.find((s) => s.name === name);
  }

  /** Refuses a change that would take the workbook past Google's 10 million cells. */
  checkGrowth(extraCells: number): void {
    const cells = this.sheets.reduce((n, s) => n + s.maxRows * s.maxColumns, 0);
    if (cells + extraCells > LIMITS.cellsPerSpreadsheet) throw new Error(GOOGLE_ERRORS.tooManyCells);
  }

  /** Values of a whole sheet as rows, for tests and the preview. */
  rows(name: string): CellValue[][] {
    const s = this.sheet(name);
    if (!s) throw new Error(`No sheet ${name}`);
    const rows = s.lastRow();
    const columns = s.lastColumn();
    return Array.from({ length: rows }, (_, r) => Array.from({ length: columns }, (_, c) => s.get(r + 1, c + 1)));
  }
}

/** How Sheets reads a string written by a script: "=" starts a formula, "'" forces text, numbers and ISO dates become values. */
export function interpretWrite(raw: unknown): { value: CellValue; formula?: string } {
  if (raw === null || raw === undefined) return { value: '' };
  if (isDate(raw)) return { value: new Date(raw.getTime()) };
  if (typeof raw === 'number' || typeof raw === 'boolean') return { value: raw };
  const text = String(raw);
  if (text.startsWith("'")) return { value: text.slice(1) };
  if (text.startsWith('=') && text.length > 1) return { value: '', formula: text };
  return { value: interpretText(text) };
}

export function interpretText(text: string): CellValue {
  const t = text.trim();
  if (/^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(t)) return Number(t);
  if (/^(true|false)$/i.test(t)) return t.toLowerCase() === 'true';
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(t);
  if (m) {
    const d = new Date(+m[1], +m[2] - 1, +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
    if (d.getMonth() === +m[2] - 1) return d;
  }
  return text;
}

export interface SpreadsheetEnv {
  book: Book;
  log: CallLog;
  realm: Realm;
}

type Grid<T> = T[][];

/** Google refuses a cell of more than 50,000 characters (the whole call fails, nothing is written). */
function checkCellText(value: unknown): void {
  if (typeof value === 'string' && value.length > LIMITS.cellCharacters) throw new Error(GOOGLE_ERRORS.cellTooLong);
}

function checkDims(data: unknown, rect: GridRect): asserts data is unknown[][] {
  if (!Array.isArray(data)) throw new Error("The parameters (String) don't match the method signature for SpreadsheetApp.Range.setValues.");
  if (data.length !== rect.numRows) {
    throw new Error(
      `The number of rows in the data does not match the number of rows in the range. The data has ${data.length} but the range has ${rect.numRows}.`,
    );
  }
  for (const row of data) {
    if (!Array.isArray(row) || row.length !== rect.numColumns) {
      throw new Error(
        `The number of columns in the data does not match the number of columns in the range. The data has ${Array.isArray(row) ? row.length : 0} but the range has ${rect.numColumns}.`,
      );
    }
  }
}

export class RangeFacade {
  constructor(
    private readonly env: SpreadsheetEnv,
    private readonly sheet: SheetModel,
    private readonly rect: GridRect,
  ) {}

  private grid<T>(cell: (row: number, column: number) => T): Grid<T> {
    const { row, column, numRows, numColumns } = this.rect;
    const out: Grid<T> = new Array(numRows);
    for (let r = 0; r < numRows; r++) {
      const line: T[] = new Array(numColumns);
      for (let c = 0; c < numColumns; c++) line[c] = cell(row + r, column + c);
      out[r] = line;
    }
    return this.env.realm.toScript(out);
  }

  private each(apply: (row: number, column: number, r: number, c: number) => void): void {
    const { row, column, numRows, numColumns } = this.rect;
    for (let r = 0; r < numRows; r++) for (let c = 0; c < numColumns; c++) apply(row + r, column + c, r, c);
  }

  getValues() {
    return this.grid((r, c) => this.sheet.get(r, c));
  }
  getValue() {
    return this.getValues()[0][0];
  }
  getDisplayValues() {
    const { locale, timeZone } = this.env.book;
    return this.grid((r, c) =>
      displayValue(this.sheet.get(r, c), this.sheet.style('numberFormat', r, c) as string | undefined, locale, timeZone),
    );
  }
  getDisplayValue() {
    return this.getDisplayValues()[0][0];
  }
  getFormulas() {
    return this.grid((r, c) => this.sheet.formulas.get(`${r}:${c}`) ?? '');
  }
  getFormula() {
    return this.getFormulas()[0][0];
  }

  setValues(values: unknown[][]) {
    checkDims(values, this.rect);
    for (const row of values) for (const v of row) checkCellText(v);
    this.each((row, column, r, c) => this.writeCell(row, column, values[r][c]));
    return this;
  }
  setValue(value: unknown) {
    checkCellText(value);
    this.each((row, column) => this.writeCell(row, column, value));
    return this;
  }
  setFormula(formula: string) {
    return this.setValue(formula);
  }
  setFormulas(formulas: string[][]) {
    return this.setValues(formulas);
  }

  private writeCell(row: number, column: number, raw: unknown): void {
    const { value, formula } = interpretWrite(raw);
    // The same formula written again is no change: the cell keeps what it shows (RULES.md rule 21).
    if (formula && this.sheet.formulas.get(`${row}:${column}`) === formula) return;
    this.sheet.set(row, column, value);
    if (formula) this.sheet.formulas.set(`${row}:${column}`, formula);
    else this.sheet.formulas.delete(`${row}:${column}`);
  }

  clearContent() {
    this.each((row, column) => this.writeCell(row, column, ''));
    return this;
  }

  private setAll(name: StyleName, value: unknown) {
    this.each((row, column) => this.sheet.setStyle(name, row, column, value));
    return this;
  }
  private setEach(name: StyleName, values: unknown[][]) {
    checkDims(values, this.rect);
    this.each((row, column, r, c) => this.sheet.setStyle(name, row, column, values[r][c]));
    return this;
  }
  private getEach(name: StyleName, fallback: unknown) {
    return this.grid((r, c) => this.sheet.style(name, r, c) ?? fallback);
  }

  setNumberFormat(format: string) {
    return this.setAll('numberFormat', format);
  }
  setNumberFormats(formats: string[][]) {
    return this.setEach('numberFormat', formats);
  }
  getNumberFormats() {
    return this.getEach('numberFormat', 'General');
  }
  getNumberFormat() {
    return this.getNumberFormats()[0][0];
  }
  setBackground(color: string | null) {
    return this.setAll('background', color);
  }
  setBackgrounds(colors: string[][]) {
    return this.setEach('background', colors);
  }
  getBackgrounds() {
    return this.getEach('background', '#ffffff');
  }
  getBackground() {
    return this.getBackgrounds()[0][0];
  }
  setFontWeight(weight: string | null) {
    return this.setAll('fontWeight', weight);
  }
  setFontWeights(weights: string[][]) {
    return this.setEach('fontWeight', weights);
  }
  getFontWeights() {
    return this.getEach('fontWeight', 'normal');
  }
  setFontColor(color: string | null) {
    return this.setAll('fontColor', color);
  }
  setFontColors(colors: string[][]) {
    return this.setEach('fontColor', colors);
  }
  getFontColors() {
    return this.getEach('fontColor', '#000000');
  }
  setFontSize(size: number) {
    return this.setAll('fontSize', size);
  }
  setFontSizes(sizes: number[][]) {
    return this.setEach('fontSize', sizes);
  }
  setFontStyle(style: string | null) {
    return this.setAll('fontStyle', style);
  }
  setNote(note: string | null) {
    return this.setAll('note', note);
  }
  setNotes(notes: string[][]) {
    return this.setEach('note', notes);
  }
  getNotes() {
    return this.getEach('note', '');
  }
  getNote() {
    return this.getNotes()[0][0];
  }
  setHorizontalAlignment(a: string | null) {
    return this.setAll('horizontalAlignment', a);
  }
  setHorizontalAlignments(a: string[][]) {
    return this.setEach('horizontalAlignment', a);
  }
  setVerticalAlignment() {
    return this;
  }
  setWrap(wrap: boolean) {
    return this.setAll('wrap', wrap);
  }

  merge() {
    this.sheet.merges.push({ ...this.rect });
    return this;
  }

  setDataValidation(rule: DataValidationFacade | null) {
    this.each((row, column) => {
      if (rule) this.sheet.validations.set(`${row}:${column}`, rule.record);
      else this.sheet.validations.delete(`${row}:${column}`);
    });
    return this;
  }
  getDataValidation() {
    const record = this.sheet.validations.get(`${this.rect.row}:${this.rect.column}`);
    return record ? counted(new DataValidationFacade(record, this.env), 'DataValidation', this.env.log) : null;
  }

  getRow() {
    return this.rect.row;
  }
  getColumn() {
    return this.rect.column;
  }
  getNumRows() {
    return this.rect.numRows;
  }
  getNumColumns() {
    return this.rect.numColumns;
  }
  getLastRow() {
    return this.rect.row + this.rect.numRows - 1;
  }
  getLastColumn() {
    return this.rect.column + this.rect.numColumns - 1;
  }
  getA1Notation() {
    return a1Of(this.rect);
  }
  getSheet() {
    return sheetFacade(this.env, this.sheet);
  }
  getGridId() {
    return this.sheet.id;
  }
  /** Host only: the rectangle, for charts and rules (they live on their sheet, so no sheet name). */
  get hostA1(): string {
    return a1Of(this.rect);
  }
}

export class DataValidationFacade {
  constructor(
    readonly record: ValidationRecord,
    private readonly env: SpreadsheetEnv,
  ) {}
  getCriteriaType() {
    return this.record.criteria;
  }
  getCriteriaValues() {
    return this.env.realm.toScript(this.record.values);
  }
  getAllowInvalid() {
    return this.record.allowInvalid;
  }
}

class DataValidationBuilder {
  private record: ValidationRecord = { criteria: 'VALUE_IN_LIST', values: [], allowInvalid: true };
  constructor(private readonly env: SpreadsheetEnv) {}
  requireValueInList(values: unknown[], showDropdown = true) {
    this.record = { ...this.record, criteria: 'VALUE_IN_LIST', values: [[...values], showDropdown] };
    return this;
  }
  requireValueInRange(range: RangeFacade, showDropdown = true) {
    this.record = { ...this.record, criteria: 'VALUE_IN_RANGE', values: [range, showDropdown] };
    return this;
  }
  setAllowInvalid(allow: boolean) {
    this.record.allowInvalid = allow;
    return this;
  }
  build() {
    return counted(new DataValidationFacade({ ...this.record }, this.env), 'DataValidation', this.env.log);
  }
}

class ConditionalRuleBuilder {
  private record: ConditionalRuleRecord = { condition: '', values: [], ranges: [] };
  whenTextEqualTo(text: string) {
    return this.when('TEXT_EQ', [text]);
  }
  whenTextContains(text: string) {
    return this.when('TEXT_CONTAINS', [text]);
  }
  whenNumberGreaterThan(n: number) {
    return this.when('NUMBER_GREATER', [n]);
  }
  whenNumberLessThan(n: number) {
    return this.when('NUMBER_LESS', [n]);
  }
  whenFormulaSatisfied(formula: string) {
    return this.when('CUSTOM_FORMULA', [formula]);
  }
  private when(condition: string, values: unknown[]) {
    this.record = { ...this.record, condition, values };
    return this;
  }
  setBackground(color: string) {
    this.record.background = color;
    return this;
  }
  setFontColor(color: string) {
    this.record.fontColor = color;
    return this;
  }
  setRanges(ranges: RangeFacade[]) {
    this.record.ranges = ranges.map((r) => r.hostA1);
    return this;
  }
  build() {
    const record = { ...this.record };
    return { record, getRanges: () => record.ranges };
  }
}

class ChartBuilder {
  private record: ChartRecord = { type: 'BAR', ranges: [], position: { row: 1, column: 1 }, options: {} };
  constructor(private readonly sheet: SheetModel) {}
  setChartType(type: unknown) {
    this.record.type = String(type);
    return this;
  }
  addRange(range: RangeFacade) {
    this.record.ranges.push(range.hostA1);
    return this;
  }
  setPosition(row: number, column: number) {
    this.record.position = { row, column };
    return this;
  }
  setOption(key: string, value: unknown) {
    this.record.options[key] = value;
    return this;
  }
  setNumHeaders(n: number) {
    this.record.options.numHeaders = n;
    return this;
  }
  build() {
    return { record: { ...this.record, options: { ...this.record.options } }, sheetId: this.sheet.id };
  }
}

class MetadataFacade {
  constructor(
    private readonly owner: MetadataRecord[],
    private readonly record: MetadataRecord,
  ) {}
  getKey() {
    return this.record.key;
  }
  getValue() {
    return this.record.value;
  }
  getId() {
    return this.record.id;
  }
  setValue(value: string) {
    this.record.value = value;
    return this;
  }
  remove() {
    this.owner.splice(this.owner.indexOf(this.record), 1);
  }
}

export class SheetFacade {
  constructor(
    private readonly env: SpreadsheetEnv,
    readonly model: SheetModel,
  ) {}

  private range(rect: GridRect) {
    this.model.checkInside(rect);
    return counted(new RangeFacade(this.env, this.model, rect), 'Range', this.env.log);
  }

  getName() {
    return this.model.name;
  }
  setName(name: string) {
    const other = this.env.book.sheet(name);
    if (other && other !== this.model) throw new Error(`A sheet with the name "${name}" already exists. Please enter another name.`);
    this.model.name = name;
    return this;
  }
  getSheetId() {
    return this.model.id;
  }
  getIndex() {
    return this.env.book.sheets.indexOf(this.model) + 1;
  }
  getParent() {
    return spreadsheetFacade(this.env);
  }
  getRange(a: number | string, column?: number, numRows = 1, numColumns = 1) {
    if (typeof a === 'string') {
      const rect = parseA1(splitSheetName(a).cells, this.model.maxRows);
      if (!rect) throw new Error('Range not found');
      return this.range(rect);
    }
    return this.range({ row: a, column: column ?? 1, numRows, numColumns });
  }
  getDataRange() {
    return this.range({ row: 1, column: 1, numRows: Math.max(1, this.model.lastRow()), numColumns: Math.max(1, this.model.lastColumn()) });
  }
  getLastRow() {
    return this.model.lastRow();
  }
  getLastColumn() {
    return this.model.lastColumn();
  }
  getMaxRows() {
    return this.model.maxRows;
  }
  getMaxColumns() {
    return this.model.maxColumns;
  }
  insertRowsAfter(after: number, count: number) {
    if (after > this.model.maxRows) throw new Error(OUTSIDE);
    this.env.book.checkGrowth(count * this.model.maxColumns);
    this.model.values.splice(after, 0, ...Array.from({ length: Math.min(count, Math.max(0, this.model.values.length - after)) }, () => []));
    this.model.maxRows += count;
    return this;
  }
  insertColumnsAfter(after: number, count: number) {
    if (after > this.model.maxColumns) throw new Error(OUTSIDE);
    this.env.book.checkGrowth(count * this.model.maxRows);
    this.model.maxColumns += count;
    return this;
  }
  appendRow(row: unknown[]) {
    const at = this.model.lastRow() + 1;
    if (at > this.model.maxRows) this.model.maxRows = at;
    if (row.length > this.model.maxColumns) this.model.maxColumns = row.length;
    new RangeFacade(this.env, this.model, { row: at, column: 1, numRows: 1, numColumns: row.length }).setValues([row]);
    return this;
  }
  setFrozenRows(n: number) {
    this.model.frozenRows = n;
  }
  getFrozenRows() {
    return this.model.frozenRows;
  }
  setColumnWidth(column: number, width: number) {
    this.model.columnWidths.set(column, width);
    return this;
  }
  setColumnWidths(start: number, count: number, width: number) {
    for (let c = start; c < start + count; c++) this.model.columnWidths.set(c, width);
    return this;
  }
  getColumnWidth(column: number) {
    return this.model.columnWidths.get(column) ?? 100;
  }
  autoResizeColumns() {
    return this;
  }
  clear() {
    this.model.clear();
    this.model.charts = [];
    return this;
  }
  activate() {
    this.env.book.active = this.model;
    return this;
  }
  showSheet() {
    this.model.hidden = false;
    return this;
  }
  hideSheet() {
    // Sheets keeps at least one sheet visible (RULES.md 36).
    if (!this.model.hidden && this.env.book.sheets.every((s) => s === this.model || s.hidden))
      throw new Error("You can't hide all the sheets in a document.");
    this.model.hidden = true;
    return this;
  }
  isSheetHidden() {
    return this.model.hidden;
  }
  setTabColor() {
    return this;
  }
  newChart() {
    return counted(new ChartBuilder(this.model), 'EmbeddedChartBuilder', this.env.log);
  }
  insertChart(chart: { record: ChartRecord }) {
    this.model.charts.push(chart.record);
  }
  getCharts() {
    return this.model.charts.map((record) => ({ record, getOptions: () => record.options }));
  }
  removeChart(chart: { record: ChartRecord }) {
    this.model.charts = this.model.charts.filter((c) => c !== chart.record);
  }
  setConditionalFormatRules(rules: { record: ConditionalRuleRecord }[]) {
    this.model.conditionalRules = rules.map((r) => r.record);
  }
  getConditionalFormatRules() {
    return this.model.conditionalRules.map((record) => ({ record, getRanges: () => record.ranges }));
  }
  addDeveloperMetadata(key: string, value?: string) {
    this.model.metadata.push({ id: nextId++, key, value: value ?? null });
    return this;
  }
  getDeveloperMetadata() {
    const list = this.model.metadata;
    return this.env.realm.toScript(list.map((m) => counted(new MetadataFacade(list, m), 'DeveloperMetadata', this.env.log)));
  }
}

export function sheetFacade(env: SpreadsheetEnv, model: SheetModel): SheetFacade {
  return counted(new SheetFacade(env, model), 'Sheet', env.log);
}

export class SpreadsheetFacade {
  constructor(private readonly env: SpreadsheetEnv) {}
  private get book() {
    return this.env.book;
  }
  getId() {
    return this.book.id;
  }
  getName() {
    return this.book.name;
  }
  getUrl() {
    return `https://docs.google.com/spreadsheets/d/${this.book.id}/edit`;
  }
  getSpreadsheetLocale() {
    return this.book.locale;
  }
  getSpreadsheetTimeZone() {
    return this.book.timeZone;
  }
  getFormUrl() {
    return this.book.formUrl;
  }
  getSheets() {
    return this.env.realm.toScript(this.book.sheets.map((s) => sheetFacade(this.env, s)));
  }
  getNumSheets() {
    return this.book.sheets.length;
  }
  getSheetByName(name: string) {
    const s = this.book.sheet(name);
    return s ? sheetFacade(this.env, s) : null;
  }
  getActiveSheet() {
    return sheetFacade(this.env, this.book.active);
  }
  setActiveSheet(sheet: SheetFacade) {
    this.book.active = sheet.model;
    return sheet;
  }
  moveActiveSheet(position: number) {
    const sheets = this.book.sheets.filter((s) => s !== this.book.active);
    sheets.splice(Math.max(0, Math.min(position - 1, sheets.length)), 0, this.book.active);
    this.book.sheets = sheets;
  }
  insertSheet(name?: string, index?: number) {
    const taken = new Set(this.book.sheets.map((s) => s.name));
    let n = this.book.sheets.length + 1;
    const base = /^ru/i.test(this.book.locale) ? 'Лист' : 'Sheet';
    while (!name && taken.has(`${base}${n}`)) n++;
    const model = this.book.addSheet(name ?? `${base}${n}`, index ?? this.book.sheets.indexOf(this.book.active) + 1);
    this.book.active = model;
    return sheetFacade(this.env, model);
  }
  deleteSheet(sheet: SheetFacade) {
    if (this.book.sheets.length === 1) throw new Error("You can't remove all the sheets in a document.");
    this.book.sheets = this.book.sheets.filter((s) => s !== sheet.model);
    if (this.book.active === sheet.model) this.book.active = this.book.sheets[0];
  }
  getRange(a1: string) {
    const { sheet, cells } = splitSheetName(a1);
    const model = sheet === null ? this.book.active : this.book.sheet(sheet);
    if (!model) throw new Error('Range not found');
    return sheetFacade(this.env, model).getRange(cells);
  }
  toast(message: string, title = '', _timeout?: number) {
    this.book.toasts.push({ message: String(message), title: String(title) });
  }
  createTextFinder(text: string) {
    if (typeof text !== 'string' || text === '') throw new Error('Invalid argument: findText');
    return counted(new TextFinder(this.book, text), 'TextFinder', this.env.log);
  }
  addDeveloperMetadata(key: string, value?: string) {
    this.book.metadata.push({ id: nextId++, key, value: value ?? null });
    return this;
  }
  getDeveloperMetadata() {
    const list = this.book.metadata;
    return this.env.realm.toScript(list.map((m) => counted(new MetadataFacade(list, m), 'DeveloperMetadata', this.env.log)));
  }
}

/**
 * Spreadsheet.createTextFinder over every sheet: case-insensitive unless matchCase(true); formula
 * text is searched (and replaced) only with matchFormulaText(true), else a formula cell's value is.
 * replaceAllWith returns the number of occurrences replaced.
 */
export class TextFinder {
  private caseSensitive = false;
  private inFormulas = false;
  private entireCell = false;
  constructor(
    private readonly book: Book,
    private readonly text: string,
  ) {}
  matchCase(on: boolean) {
    this.caseSensitive = on;
    return this;
  }
  matchFormulaText(on: boolean) {
    this.inFormulas = on;
    return this;
  }
  matchEntireCell(on: boolean) {
    this.entireCell = on;
    return this;
  }
  replaceAllWith(replacement: string) {
    const pattern = new RegExp(this.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), this.caseSensitive ? 'g' : 'gi');
    let count = 0;
    const replace = (text: string) => {
      if (this.entireCell) {
        const whole = this.caseSensitive ? text === this.text : text.toLowerCase() === this.text.toLowerCase();
        if (whole) count++;
        return whole ? replacement : text;
      }
      return text.replace(pattern, () => (count++, replacement));
    };
    for (const sheet of this.book.sheets) {
      const done = new Set<string>();
      for (const [key, formula] of [...sheet.formulas]) {
        if (!this.inFormulas) continue;
        done.add(key);
        const next = replace(formula);
        if (next === formula) continue;
        const [row, column] = key.split(':').map(Number);
        const written = interpretWrite(next);
        sheet.set(row, column, written.value);
        if (written.formula) sheet.formulas.set(key, written.formula);
        else sheet.formulas.delete(key);
      }
      sheet.values.forEach((line, r) =>
        line.forEach((value, c) => {
          if (typeof value !== 'string' || sheet.formulas.has(`${r + 1}:${c + 1}`) || done.has(`${r + 1}:${c + 1}`)) return;
          const next = replace(value);
          if (next !== value) sheet.set(r + 1, c + 1, interpretWrite(next).value);
        }),
      );
    }
    return count;
  }
}

export function spreadsheetFacade(env: SpreadsheetEnv): SpreadsheetFacade {
  return counted(new SpreadsheetFacade(env), 'Spreadsheet', env.log);
}

export function builders(env: SpreadsheetEnv) {
  return {
    newDataValidation: () => counted(new DataValidationBuilder(env), 'DataValidationBuilder', env.log),
    newConditionalFormatRule: () => counted(new ConditionalRuleBuilder(), 'ConditionalFormatRuleBuilder', env.log),
  };
}
