// A sheet of the host as people see it: display values in the terminal, as CSV, and as an HTML page with SVG charts.
import Papa from 'papaparse';
import { parseA1 } from './a1';
import { displayValue } from './format';
import { isDate } from './realm';
import type { Book, ChartRecord, SheetModel } from './spreadsheet';

export interface ShownCell {
  text: string;
  bold: boolean;
  background: string | null;
  color: string | null;
  size: number | null;
  /** Columns this cell spans (merges); 0 for cells hidden under a merge. */
  span: number;
  /** A number or a date: Sheets aligns it right whatever its format shows. */
  numeric: boolean;
}

export function shownRows(book: Book, sheet: SheetModel): ShownCell[][] {
  const rows = sheet.lastRow();
  const columns = Math.max(sheet.lastColumn(), ...sheet.merges.map((m) => m.column + m.numColumns - 1), 1);
  const out: ShownCell[][] = [];
  for (let r = 1; r <= rows; r++) {
    const line: ShownCell[] = [];
    for (let c = 1; c <= columns; c++) {
      const bg = sheet.style('background', r, c) as string | undefined;
      line.push({
        text: displayValue(sheet.get(r, c), sheet.style('numberFormat', r, c) as string | undefined, book.locale, book.timeZone),
        numeric: typeof sheet.get(r, c) === 'number' || isDate(sheet.get(r, c)),
        bold: sheet.style('fontWeight', r, c) === 'bold',
        background: bg && bg !== '#ffffff' ? bg : null,
        color: (sheet.style('fontColor', r, c) as string | undefined) ?? null,
        size: (sheet.style('fontSize', r, c) as number | undefined) ?? null,
        span: 1,
      });
    }
    out.push(line);
  }
  for (const m of sheet.merges) {
    const line = out[m.row - 1];
    if (!line) continue;
    line[m.column - 1].span = m.numColumns;
    for (let c = m.column; c < m.column + m.numColumns - 1 && c < line.length; c++) line[c].span = 0;
  }
  return out;
}

/** Locales that write a decimal comma: their spreadsheet programs expect ";" between fields. */
function decimalComma(locale: string): boolean {
  return new Intl.NumberFormat(locale.replace('_', '-')).format(1.5).includes(',');
}

/** The locale's CSV dialect: "," elsewhere; ";" and a byte-order mark where numbers have a decimal comma (Russian Excel). */
/**
 * A text cell as a spreadsheet program must not run it: Excel and LibreOffice take a cell that begins
 * with = + - @ (or a tab or carriage return before one) for a formula — `=cmd|' /C calc'!A0` from a
 * manager's name — so such a cell is written with a leading apostrophe. Numbers ("-5", "-12%") stay.
 */
export function csvSafe(cell: Pick<ShownCell, 'text' | 'numeric'>): string {
  const text = cell.text;
  if (!/^[=+\-@\t\r]/.test(text)) return text;
  if (cell.numeric && /^[-+]?[\d\s.,\u00a0\u202f]+%?$/.test(text)) return text;
  return `'${text}`;
}

/** Text from the data as the terminal may show it: escape sequences and other control characters (and bidi overrides) removed. */
export function terminalSafe(text: string): string {
  return text
    .replace(/\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]?/g, '')
    .replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, ' ');
}

export function toCsv(rows: ShownCell[][], locale = 'en_US'): string {
  const comma = decimalComma(locale);
  const csv = Papa.unparse(
    rows.map((r) => r.map(csvSafe)),
    { delimiter: comma ? ';' : ',' },
  );
  return comma ? `\uFEFF${csv}` : csv;
}

const ANSI = {
  bold: '\x1b[1m',
  reset: '\x1b[0m',
  green: '\x1b[42m\x1b[30m',
  yellow: '\x1b[43m\x1b[30m',
  red: '\x1b[41m\x1b[97m',
  section: '\x1b[44m\x1b[97m',
};

function ansiFor(cell: ShownCell): string {
  switch (cell.background) {
    case '#d9ead3':
      return ANSI.green;
    case '#fff2cc':
    case '#fce8b2':
      return ANSI.yellow;
    case '#f4cccc':
      return ANSI.red;
    case '#e8eaf6':
      return ANSI.section;
    default:
      return cell.bold ? ANSI.bold : '';
  }
}

/** A readable table for the terminal: sections as headings, each block of rows with its own column widths. */
export function toTerminal(shown: ShownCell[][], colour: boolean): string {
  const rows = shown.map((r) => r.map((c) => ({ ...c, text: terminalSafe(c.text) })));
  const lines: string[] = [];
  let block: ShownCell[][] = [];
  const paint = (cell: ShownCell, text: string) => {
    const style = colour ? ansiFor(cell) : '';
    return style ? `${style}${text}${ANSI.reset}` : text;
  };
  const flush = () => {
    const widths: number[] = [];
    for (const row of block) row.forEach((c, i) => (widths[i] = Math.min(32, Math.max(widths[i] ?? 0, c.text.length))));
    for (const row of block) {
      let last = row.length - 1;
      while (last >= 0 && row[last].text === '') last--;
      const cells = row.slice(0, last + 1).map((cell, c) => {
        if (c === last && c > 0 && row.length > 1 && block.every((r) => r.slice(c + 1).every((x) => x.text === '')))
          return paint(cell, cell.text);
        const text = cell.text.length > widths[c] ? `${cell.text.slice(0, widths[c] - 1)}…` : cell.text;
        const numeric = c > 0 && cell.numeric;
        return paint(cell, numeric ? text.padStart(widths[c]) : text.padEnd(widths[c]));
      });
      lines.push(`  ${cells.join('  ').trimEnd()}`);
    }
    block = [];
  };
  for (const row of rows) {
    const merged = row.length > 0 && row[0].span > 1;
    const empty = row.every((c) => c.text === '');
    if (merged || empty) flush();
    if (empty) continue;
    if (!merged) {
      block.push(row);
      continue;
    }
    const section = row[0].background === '#e8eaf6';
    if (section) lines.push('');
    lines.push(
      section
        ? paint(row[0], `■ ${row[0].text.toUpperCase()}`)
        : paint(row[0], `${row[0].size && row[0].size > 12 ? '' : '  '}${row[0].text}`),
    );
  }
  flush();
  return lines.join('\n');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}

function chartSeries(book: Book, sheet: SheetModel, chart: ChartRecord): { labels: string[]; values: number[] } {
  const rects = chart.ranges.map((a1) => parseA1(a1, sheet.maxRows)!);
  const first = rects[0];
  const last = rects[rects.length - 1];
  const labels: string[] = [];
  const values: number[] = [];
  for (let r = first.row + 1; r < first.row + first.numRows; r++) {
    labels.push(displayValue(sheet.get(r, first.column), undefined, book.locale, book.timeZone));
    const v = sheet.get(r, last.column + last.numColumns - 1);
    values.push(typeof v === 'number' ? v : 0);
  }
  return { labels, values };
}

/** A chart as SVG: horizontal bars for BAR, vertical for COLUMN. */
export function chartSvg(book: Book, sheet: SheetModel, chart: ChartRecord): string {
  const { labels, values } = chartSeries(book, sheet, chart);
  const max = Math.max(1, ...values);
  const title = escapeHtml(String(chart.options.title ?? ''));
  if (chart.type === 'BAR') {
    const h = 28 * labels.length + 40;
    const bars = labels.map((label, i) => {
      const w = (values[i] / max) * 300;
      return `<text x="130" y="${48 + i * 28}" text-anchor="end" font-size="12">${escapeHtml(label)}</text><rect x="140" y="${34 + i * 28}" width="${w.toFixed(1)}" height="20" fill="#4285f4"/><text x="${(146 + w).toFixed(1)}" y="${48 + i * 28}" font-size="12">${values[i]}</text>`;
    });
    return `<svg xmlns="http://www.w3.org/2000/svg" width="500" height="${h}" role="img" aria-label="${title}"><text x="10" y="18" font-size="14" font-weight="bold">${title}</text>${bars.join('')}</svg>`;
  }
  const width = Math.max(300, 90 * labels.length + 40);
  const bars = labels.map((label, i) => {
    const hgt = (values[i] / max) * 160;
    const x = 30 + i * 90;
    return `<rect x="${x}" y="${(200 - hgt).toFixed(1)}" width="50" height="${hgt.toFixed(1)}" fill="#34a853"/><text x="${x + 25}" y="${(194 - hgt).toFixed(1)}" text-anchor="middle" font-size="12">${values[i]}</text><text x="${x + 25}" y="216" text-anchor="middle" font-size="11">${escapeHtml(label.split(' ')[0])}</text>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="230" role="img" aria-label="${title}"><text x="10" y="18" font-size="14" font-weight="bold">${title}</text>${bars.join('')}</svg>`;
}

export function toHtml(book: Book, sheet: SheetModel, rows: ShownCell[][]): string {
  const body = rows
    .map((row) => {
      const cells = row
        .filter((c) => c.span > 0)
        .map((c) => {
          const style = [
            c.background ? `background:${c.background}` : '',
            c.bold ? 'font-weight:bold' : '',
            c.color && c.color !== '#000000' ? `color:${c.color}` : '',
            c.size && c.size !== 10 ? `font-size:${c.size + 3}px` : '',
            c.numeric ? 'text-align:right' : '',
          ]
            .filter(Boolean)
            .join(';');
          return `<td${c.span > 1 ? ` colspan="${c.span}"` : ''}${style ? ` style="${style}"` : ''}>${escapeHtml(c.text)}</td>`;
        });
      return `<tr>${cells.join('')}</tr>`;
    })
    .join('\n');
  const charts = sheet.charts.map((c) => `<figure>${chartSvg(book, sheet, c)}</figure>`).join('\n');
  return `<!doctype html>
<html lang="${/^ru/i.test(book.locale) ? 'ru' : 'en'}"><head><meta charset="utf-8"><title>${escapeHtml(sheet.name)}</title>
<style>body{font-family:Arial,sans-serif;font-size:13px;margin:24px;display:flex;gap:32px;align-items:flex-start}
table{border-collapse:collapse}td{border:1px solid #e0e0e0;padding:3px 8px;white-space:nowrap}figure{margin:0 0 24px}</style></head>
<body><table>${body}</table><div>${charts}</div></body></html>
`;
}
