// npm start's engine for large files (--engine duckdb): DuckDB reads the CSV, the tracker types it
// chunk by chunk (the same reading rules as the sheet), and the summary's deal figures are the KPI
// queries of src/sql run on DuckDB — so memory stays bounded whatever the file's size.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DuckDBConnection, DuckDBInstance, DuckDBTimestampValue, type DuckDBAppender } from '@duckdb/node-api';
import { duckdb } from '../../src/sql/dialect';
import { DEAL_KPIS, type KpiParams } from '../../src/sql/kpis';
import { createTable } from '../../src/sql/tables';
import type { DealsFacts, KpiResults } from '../../src/sql/figures';
import { nameKey } from '../../src/tracker/names';
import type { Funnel } from '../../src/tracker/stages';
import { readDeals, type DealsTable, type ReadContext, type SkipNote, type SourceMapping } from '../../src/tracker/table';
import { interpretText } from '../host/spreadsheet';

/**
 * Rows typed at a time: big enough that a per-chunk cost is nothing, small enough to stay a few MB.
 * SALES_KPI_CHUNK_ROWS sets it smaller, for the tests that cross chunk boundaries on small files.
 */
const CHUNK_ROWS = Number(process.env.SALES_KPI_CHUNK_ROWS) || 20_000;

/**
 * Up to this many deals are also kept in memory as the tracker read them: the summary's forecast,
 * loss reasons and cohorts are computed from them by the JavaScript (not SQL yet). Above it those
 * sections are left out, and memory stays bounded.
 */
export const KEEP_ROWS = 500_000;

/** Typed arrays one after another, as one of the same kind. */
function joinTyped<T extends Float64Array | Int32Array | Uint8Array>(parts: T[]): T {
  const joined = new (parts[0].constructor as new (n: number) => T)(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    joined.set(p, at);
    at += p.length;
  }
  return joined;
}

/** Chunks of one deals table as one table (typed arrays and lists joined, counts added). */
export function concatDeals(chunks: DealsTable[]): DealsTable {
  const out: Record<string, unknown> = {};
  const all = chunks as unknown as Record<string, unknown>[];
  for (const [key, value] of Object.entries(all[0])) {
    const parts = all.map((c) => c[key]);
    if (ArrayBuffer.isView(value)) out[key] = joinTyped(parts as Float64Array[]);
    else if (key === 'stageDates' && Array.isArray(value)) {
      out[key] = (value as { stage: number }[]).map((d, i) => ({
        stage: d.stage,
        at: joinTyped(parts.map((p) => (p as { at: Float64Array }[])[i].at)),
      }));
    } else if (Array.isArray(value)) out[key] = parts.flat();
    else if (key === 'length') out[key] = (parts as number[]).reduce((n, x) => n + x, 0);
    else if (typeof value === 'string') out[key] = (parts as string[]).find((v) => v !== '') ?? '';
    else out[key] = parts.some((v) => v === true) ? true : value;
  }
  return out as unknown as DealsTable;
}

export interface Engine {
  instance: DuckDBInstance;
  connection: DuckDBConnection;
  close(): void;
}

/**
 * A DuckDB in a temporary file, deleted when closed (or kept at `keepAt`, for the host's BigQuery emulation): the tables live on disk and only the buffer pool
 * (memory_limit) in memory, so a file of any size is summarised in bounded memory.
 */
export async function openEngine(memoryLimit = '1GB', keepAt?: string): Promise<Engine> {
  const folder = mkdtempSync(join(tmpdir(), 'sales-kpi-duckdb-'));
  const instance = await DuckDBInstance.create(keepAt ?? join(folder, 'kpi.duckdb'), {
    memory_limit: memoryLimit,
    threads: '2',
    temp_directory: join(folder, 'spill'),
  });
  const connection = await instance.connect();
  return {
    instance,
    connection,
    close: () => {
      connection.closeSync();
      instance.closeSync();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

export interface DealsLoad {
  rows: number;
  /** Every deal as the tracker read it, when there are at most `keepRows` (the in-memory sections use it). */
  table: DealsTable | null;
  notes: SkipNote[];
  currencyInText: string;
  hasAmount: boolean;
  placesLost: boolean;
}

const sqlText = (s: string) => `'${s.replace(/'/g, "''")}'`;

function appendWall(appender: DuckDBAppender, wall: number): void {
  if (wall === wall) appender.appendTimestamp(new DuckDBTimestampValue(BigInt(Math.round(wall)) * 1000n));
  else appender.appendNull();
}

function appendDeals(appender: DuckDBAppender, t: DealsTable, firstRow: number): void {
  for (let r = 0; r < t.length; r++) {
    appender.appendBigInt(BigInt(firstRow + r));
    appender.appendVarchar(t.id[r]);
    appender.appendVarchar(t.client[r]);
    appender.appendVarchar(t.client[r] ? nameKey(t.client[r]) : '');
    appender.appendVarchar(t.manager[r]);
    appender.appendVarchar(nameKey(t.manager[r]));
    appender.appendVarchar(t.stage[r]);
    appender.appendVarchar(t.status[r]);
    appender.appendBigInt(BigInt(t.furthest[r]));
    appender.appendBigInt(BigInt(t.lostAt[r]));
    appendWall(appender, t.created[r]);
    appendWall(appender, t.closed[r]);
    appendWall(appender, t.hasLastActivity ? t.lastActivity[r] : NaN);
    appendWall(appender, t.stageChanged[r]);
    appender.appendDouble(t.amount[r]);
    appender.endRow();
  }
}

/** A deals table already read (tests, the host's BigQuery emulation) into the table `deals`. */
export async function insertDeals(engine: Engine, table: DealsTable, name = 'deals'): Promise<void> {
  await engine.connection.run(createTable(duckdb, 'deals', name));
  const appender = await engine.connection.createAppender(name);
  appendDeals(appender, table, 0);
  appender.flushSync();
  appender.closeSync();
}

/**
 * Notes of one chunk folded into the notes so far: rows added up, the first three examples kept with
 * their sheet rows, and each kind of note where a single pass over the sheet would have put it.
 */
export function mergeNotes(into: SkipNote[], chunk: readonly SkipNote[], firstRow: number): void {
  let after = -1;
  for (const note of chunk) {
    const at = into.findIndex((n) => n.source === note.source && n.reason === note.reason && n.column === note.column);
    const examples = (note.examples ?? []).map((e) => ({ ...e, row: e.row + firstRow }));
    if (at >= 0) {
      const held = into[at];
      held.rows += note.rows;
      if (held.examples) held.examples.push(...examples.slice(0, 3 - held.examples.length));
      after = at;
    } else {
      into.splice(after + 1, 0, { ...note, examples: note.examples ? examples : undefined });
      after++;
    }
  }
}

/** Reads the deals CSV into the table `deals`: DuckDB's reader, the tracker's typing, chunk by chunk. */
export async function loadDeals(
  engine: Engine,
  csv: { path: string; delimiter: string },
  source: SourceMapping,
  funnel: Funnel,
  ctx: ReadContext,
  keepRows = KEEP_ROWS,
): Promise<DealsLoad> {
  const con = engine.connection;
  await con.run(createTable(duckdb, 'deals'));
  const appender = await con.createAppender('deals');
  // The reader streams on a connection of its own: the appender's flushes would end a stream on this one.
  const reading = await engine.instance.connect();
  const result = await reading.stream(
    `SELECT * FROM read_csv(${sqlText(csv.path)}, header = false, all_varchar = true, delim = ${sqlText(csv.delimiter)}, quote = '"', escape = '"', null_padding = true, strict_mode = false)`,
  );
  let header: unknown[] | null = null;
  let batch: unknown[][] = [];
  let rows = 0;
  const load: DealsLoad = { rows: 0, table: null, notes: [], currencyInText: '', hasAmount: false, placesLost: false };
  let kept: DealsTable[] | null = [];
  const flush = () => {
    if (!header || batch.length === 0) return;
    const notes: SkipNote[] = [];
    const table = readDeals([header, ...batch], source, funnel, { ...ctx, notes });
    appendDeals(appender, table, rows);
    if (kept) kept = rows + table.length <= keepRows ? [...kept, table] : null;
    mergeNotes(load.notes, notes, rows);
    load.currencyInText ||= table.currencyInText;
    load.hasAmount = table.hasAmount;
    load.placesLost = table.placesLost;
    rows += batch.length;
    batch = [];
  };
  for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
    for (const raw of chunk.getRows()) {
      // As a sheet holds an imported CSV: numbers and ISO dates become values, a missing cell is blank.
      const row = raw.map((v) => (v === null ? '' : interpretText(String(v))));
      if (header === null) header = row;
      else if (row.some((v) => v !== '')) batch.push(row);
      if (batch.length >= CHUNK_ROWS) flush();
    }
  }
  flush();
  reading.closeSync();
  appender.flushSync();
  appender.closeSync();
  load.rows = rows;
  load.table = kept?.length ? concatDeals(kept) : null;
  return load;
}

/** A query's rows with wall times as milliseconds and every number a number. */
async function rowsOf(engine: Engine, sql: string): Promise<Record<string, unknown>[]> {
  const reader = await engine.connection.runAndReadAll(sql);
  return reader.getRowObjectsJS().map((row) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(row)) out[k] = v instanceof Date ? v.getTime() : typeof v === 'bigint' ? Number(v) : v;
    return out;
  });
}

/** Every deals KPI query of src/sql, run on the loaded tables. */
export async function runDealKpis(engine: Engine, params: KpiParams): Promise<KpiResults> {
  const results: Record<string, unknown> = {};
  for (const kpi of DEAL_KPIS) {
    const rows = await rowsOf(engine, kpi.sql(duckdb, params));
    results[kpi.key] = kpi.oneRow ? rows[0] : rows;
  }
  return results as unknown as KpiResults;
}

/** What the summary needs to know of all the deals besides the KPIs: the managers anywhere, the first created date. */
export async function dealsFacts(engine: Engine, load: DealsLoad): Promise<DealsFacts> {
  const keys = await rowsOf(engine, `SELECT DISTINCT manager_key FROM deals WHERE manager_key <> ''`);
  const [first] = await rowsOf(engine, `SELECT MIN(created) AS first FROM deals`);
  return {
    hasAmount: load.hasAmount,
    placesLost: load.placesLost,
    managerKeys: new Set(keys.map((k) => String(k.manager_key))),
    firstCreated: typeof first.first === 'number' ? first.first : Infinity,
  };
}

/** Runs any SQL (the host's BigQuery emulation and the tests). */
export async function query(engine: Engine, sql: string): Promise<Record<string, unknown>[]> {
  return rowsOf(engine, sql);
}
