// A user's own files, read the same way by npm start and npm run preview: a CSV export in whatever
// encoding it was saved, or one line that says what is wrong with it and where (FileProblem).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import Papa from 'papaparse';
import { terminalSafe } from './host/render';

/** What is wrong with a file, in one line a user can act on (exit code 2). */
export class FileProblem extends Error {}

/** Google's limit on one spreadsheet (RULES.md rule 16): a file past it cannot be put in one. */
export const SPREADSHEET_CELLS = 10_000_000;

/** Files that are plainly not CSV, by their first bytes. */
const NOT_CSV: [string, number[]][] = [
  ['a PNG image', [0x89, 0x50, 0x4e, 0x47]],
  ['a JPEG image', [0xff, 0xd8, 0xff]],
  ['a GIF image', [0x47, 0x49, 0x46, 0x38]],
  ['a PDF document', [0x25, 0x50, 0x44, 0x46]],
  ['an Excel workbook or another ZIP archive', [0x50, 0x4b, 0x03, 0x04]],
];

/** UTF-16 without a byte-order mark: text whose every other byte is zero, on the odd or the even side. */
function utf16WithoutBom(bytes: Buffer): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length - (bytes.length % 2), 4096);
  if (n < 4) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > pairs * 0.4 && evenZero < pairs * 0.05) return 'utf-16le';
  if (evenZero > pairs * 0.4 && oddZero < pairs * 0.05) return 'utf-16be';
  return null;
}

/** Control characters other than tab, line feed and carriage return: text has a few at most (an escape in a name), binary about one byte in eight. */
function looksBinary(text: string): boolean {
  const sample = text.slice(0, 65_536);
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c < 0x20 && c !== 9 && c !== 10 && c !== 13) || c === 0x7f || c === 0xfffd) control++;
  }
  return control > Math.max(16, sample.length * 0.05);
}

/** The text of a CSV file, whatever it was saved as: UTF-8 (with or without BOM), UTF-16 (with or without BOM), or Windows-1251. */
export function decodeCsv(bytes: Buffer, name: string): { text: string; encoding: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { text: bytes.subarray(3).toString('utf8'), encoding: 'UTF-8 with BOM' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'UTF-16' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'UTF-16' };
  const kind = NOT_CSV.find(([, magic]) => magic.every((b, i) => bytes[i] === b));
  if (kind) throw new FileProblem(`${name} is not a text file (it is ${kind[0]}): export the sheet as CSV.`);
  const utf16 = utf16WithoutBom(bytes);
  if (utf16) return { text: new TextDecoder(utf16).decode(bytes), encoding: 'UTF-16 (no byte-order mark)' };
  if (bytes.includes(0)) throw new FileProblem(`${name} is not a text file (it holds zero bytes): export the sheet as CSV.`);
  let decoded: { text: string; encoding: string };
  try {
    decoded = { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'UTF-8' };
  } catch {
    decoded = { text: new TextDecoder('windows-1251').decode(bytes), encoding: 'Windows-1251' };
  }
  if (looksBinary(decoded.text))
    throw new FileProblem(`${name} is not a text file (it holds control bytes no CSV has): export the sheet as CSV.`);
  return decoded;
}

/**
 * CSV text as rows: line endings made one (a file with both CRLF and LF lines keeps every row), the
 * delimiter detected, blank lines skipped. A quote never closed is a FileProblem naming its row.
 */
export function parseRows(text: string, name: string): string[][] {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'), { skipEmptyLines: 'greedy', newline: '\n' });
  const open = parsed.errors.find((e) => e.code === 'MissingQuotes');
  if (open) {
    const row = (open.row ?? parsed.data.length - 1) + 1;
    throw new FileProblem(
      `${name}: a quote (") opened at row ${row.toLocaleString('en-US')} is never closed, so the rows after it would be read as one cell: close the quote or export the file again.`,
    );
  }
  return parsed.data;
}

/** Reads a user's CSV into rows, or a FileProblem; `say` tells what is worth knowing (an encoding, a repeated header). */
export function readCsvFile(path: string, kind: string, say: (line: string) => void): string[][] {
  if (!existsSync(path) || !statSync(path).isFile()) throw new FileProblem(`--${kind} ${path}: no such file.`);
  const bytes = readFileSync(path);
  if (bytes.length === 0) throw new FileProblem(`--${kind} ${path} is empty: export the ${kind} again.`);
  const { text, encoding } = decodeCsv(bytes, path);
  if (encoding !== 'UTF-8') say(`${basename(path)}: read as ${encoding}.`);
  const rows = parseRows(text, path);
  if (rows.length === 0) throw new FileProblem(`--${kind} ${path} has no rows: export the ${kind} again.`);
  if (rows.length === 1) throw new FileProblem(`--${kind} ${path} has a header row but no data rows.`);
  const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
  if (rows.length * width > SPREADSHEET_CELLS) {
    throw new FileProblem(
      `--${kind} ${path} has ${rows.length.toLocaleString('en-US')} rows × ${width.toLocaleString('en-US')} columns, more than the ${SPREADSHEET_CELLS.toLocaleString('en-US')} cells a Google spreadsheet holds: export fewer columns or rows (for deals alone: --engine duckdb).`,
    );
  }
  const seen = new Map<string, number>();
  rows[0].forEach((h, i) => {
    const key = h.trim().toLowerCase();
    if (key === '') return;
    if (seen.has(key))
      say(
        `${basename(path)}: the header "${terminalSafe(h.trim()).slice(0, 80)}" appears in columns ${seen.get(key)! + 1} and ${i + 1}; column ${seen.get(key)! + 1} is used.`,
      );
    else seen.set(key, i);
  });
  return rows;
}

/**
 * Where JSON text first goes wrong, as an offset: V8's messages give a position for some mistakes
 * and not others ("Unexpected token '>'"), so the text is walked by JSON's grammar instead.
 */
export function jsonErrorAt(text: string): number {
  let i = 0;
  const space = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const literal = (word: string) => (text.startsWith(word, i) ? (i += word.length) : fail());
  const string = () => {
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text.charCodeAt(i) < 0x20) fail();
      i += text[i] === '\\' ? 2 : 1;
    }
    if (i >= text.length) fail();
    i++;
  };
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m) fail();
    i += m![0].length;
  };
  const value = (): void => {
    space();
    const c = text[i];
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      space();
      if (text[i] === close) return void i++;
      for (;;) {
        if (c === '{') {
          space();
          if (text[i] !== '"') fail();
          string();
          space();
          if (text[i] !== ':') fail();
          i++;
        }
        value();
        space();
        if (text[i] === ',') i++;
        else if (text[i] === close) return void i++;
        else fail();
      }
    }
    if (c === '"') return string();
    if (c === 't') return void literal('true');
    if (c === 'f') return void literal('false');
    if (c === 'n') return void literal('null');
    number();
  };
  try {
    value();
    space();
    return i < text.length ? i : -1;
  } catch (at) {
    return typeof at === 'number' ? at : 0;
  }
}

/** Line and column (both from 1) of an offset in text. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}
