// A large CSV without holding it: its encoding and delimiter sniffed from the first megabyte (the
// rules npm start applies to a whole file), the head rows for column detection, a UTF-8 copy for DuckDB.
import { closeSync, createReadStream, createWriteStream, openSync, readSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import Papa from 'papaparse';
import { parseCsv } from '../host/index';

const HEAD_BYTES = 1 << 20;

/** A line a user can act on (npm start prints it and exits 2). */
export class CsvProblem extends Error {}

export interface SniffedCsv {
  path: string;
  size: number;
  encoding: 'UTF-8' | 'UTF-8 with BOM' | 'UTF-16LE' | 'UTF-16BE' | 'Windows-1251';
  delimiter: string;
  /** The first rows (the header and up to `headRows` data rows): what the columns are detected from. */
  head: string[][];
  /** The whole file is in `head`. */
  complete: boolean;
}

function decoderOf(bytes: Buffer, name: string): { encoding: SniffedCsv['encoding']; skip: number } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'UTF-8 with BOM', skip: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'UTF-16LE', skip: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'UTF-16BE', skip: 2 };
  if (bytes.includes(0)) throw new CsvProblem(`${name} is not a text file (it holds zero bytes): export the sheet as CSV.`);
  // The head may end inside a character: up to three bytes are left out of the check.
  for (let cut = 0; cut < 4; cut++) {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, bytes.length - cut));
      return { encoding: 'UTF-8', skip: 0 };
    } catch {
      if (bytes.length < HEAD_BYTES) break;
    }
  }
  return { encoding: 'Windows-1251', skip: 0 };
}

const LABEL: Record<SniffedCsv['encoding'], string> = {
  'UTF-8': 'utf-8',
  'UTF-8 with BOM': 'utf-8',
  'UTF-16LE': 'utf-16le',
  'UTF-16BE': 'utf-16be',
  'Windows-1251': 'windows-1251',
};

export function sniffCsv(path: string, kind: string, headRows: number): SniffedCsv {
  const size = statSync(path).size;
  if (size === 0) throw new CsvProblem(`--${kind} ${path} is empty: export the ${kind} again.`);
  const fd = openSync(path, 'r');
  const bytes = Buffer.alloc(Math.min(size, HEAD_BYTES));
  readSync(fd, bytes, 0, bytes.length, 0);
  closeSync(fd);
  const { encoding, skip } = decoderOf(bytes, path);
  let text = new TextDecoder(LABEL[encoding]).decode(bytes.subarray(skip));
  const complete = size <= HEAD_BYTES;
  // A head cut mid-line loses its last line.
  if (!complete) text = text.slice(0, text.lastIndexOf('\n') + 1);
  const delimiter = Papa.parse<string[]>(text, { preview: 50 }).meta.delimiter || ',';
  const rows = parseCsv(text);
  if (rows.length === 0) throw new CsvProblem(`--${kind} ${path} has no rows: export the ${kind} again.`);
  if (rows.length === 1 && complete) throw new CsvProblem(`--${kind} ${path} has a header row but no data rows.`);
  return { path, size, encoding, delimiter, head: rows.slice(0, headRows + 1), complete: complete && rows.length <= headRows + 1 };
}

/** The file as UTF-8 without a byte-order mark (what DuckDB's reader takes), copied in a stream when it is not. */
export async function utf8Path(csv: SniffedCsv): Promise<string> {
  if (csv.encoding === 'UTF-8') return csv.path;
  const out = join(tmpdir(), `sales-kpi-${process.pid}-${Date.now()}.csv`);
  const decoder = new TextDecoder(LABEL[csv.encoding], { ignoreBOM: false });
  const writer = createWriteStream(out);
  for await (const chunk of createReadStream(csv.path, { highWaterMark: 1 << 20 })) {
    if (!writer.write(decoder.decode(chunk as Buffer, { stream: true }))) await once(writer, 'drain');
  }
  writer.end(decoder.decode());
  await once(writer, 'finish');
  return out;
}
