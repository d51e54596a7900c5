// npm start's engine for large files (--engine duckdb): DuckDB reads the CSV, the tracker types it
// chunk by chunk (the same reading rules as the sheet), and the summary's deal figures are the KPI
// queries of src/sql run on DuckDB — so memory stays bounded whatever the file's size.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DuckDBConnection, DuckDBInstance, DuckDBTimestampValue, type DuckDBAppender } from '@duckdb/node-api';
import { duckdb } from '../../src/sql/dialect';
import { DEAL_KPIS, kpi, type KpiParams } from '../../src/sql/kpis';
import { createTable, type TableName } from '../../src/sql/tables';
import { effectiveMatcher, isEffectiveTouch, type EffectiveMatcher } from '../../src/metrics/touches';
import { historyPaths, readHistoryRows, type HistoryPaths } from '../../src/tracker/history';
import type { DealsFacts, KpiResults, SourceResults } from '../../src/sql/figures';
import { nameKey } from '../../src/tracker/names';
import type { Funnel } from '../../src/tracker/stages';
import {
  readActivities,
  readDeals,
  readLeads,
  type ActivitiesTable,
  type DealsTable,
  type LeadsTable,
  type ReadContext,
  type SkipNote,
  type SourceMapping,
} from '../../src/tracker/table';
import { interpretText } from '../host/spreadsheet';

/**
 * Rows typed at a time: big enough that a per-chunk cost is nothing, small enough to stay a few MB.
 * SALES_KPI_CHUNK_ROWS sets it smaller, for the tests that cross chunk boundaries on small files.
 */
const CHUNK_ROWS = Number(process.env.SALES_KPI_CHUNK_ROWS) || 20_000;

/**
 * Up to this many deals (and activities, and leads) are also kept in memory as the tracker read them:
 * the summary's forecast, loss reasons and cohorts, and its weekly sections, are computed from them
 * by the JavaScript (not SQL). Above it those sections are left out, and memory stays bounded.
 * SALES_KPI_KEEP_ROWS sets it smaller, for the tests of a file over it.
 */
export const KEEP_ROWS = Number(process.env.SALES_KPI_KEEP_ROWS) || 500_000;

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
    } else if (key === 'stageDays' && Array.isArray(value)) {
      out[key] = (value as Float64Array[]).map((_, s) => joinTyped(parts.map((p) => (p as Float64Array[])[s])));
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
  /** Stage dates or a stage history gave the deals paths: time in stage is measured (stageDays). */
  timed: boolean;
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

/** Sources already read (the figure-by-figure tests) into the tables the engine loads: deals and their paths, activities, leads. */
export async function insertSources(
  engine: Engine,
  sources: { deals: DealsTable; activities: ActivitiesTable | null; leads: LeadsTable | null },
  effective: readonly string[],
): Promise<void> {
  await insertDeals(engine, sources.deals);
  for (const table of ['stage_days', 'open_since', 'deal_keys'] as const) await engine.connection.run(createTable(duckdb, table));
  const paths = {
    stageDays: await engine.connection.createAppender('stage_days'),
    openSince: await engine.connection.createAppender('open_since'),
    keys: await engine.connection.createAppender('deal_keys'),
  };
  appendPaths(paths, sources.deals, 0);
  for (const a of Object.values(paths)) {
    a.flushSync();
    a.closeSync();
  }
  const { activities, leads } = sources;
  if (activities)
    await fillTable(engine, 'activity_deals', async (deals) =>
      fillTable(engine, 'activities', async (appender) => insertActivityRows(appender, deals, activities, effectiveMatcher(effective), 0)),
    );
  if (leads) await fillTable(engine, 'leads', async (appender) => insertLeadRows(appender, leads, 0));
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

/** Where a source's CSV is (UTF-8) and how its cells are delimited. */
export interface CsvFile {
  path: string;
  delimiter: string;
}

/**
 * A CSV through DuckDB's reader, as a sheet holds it after import (numbers and ISO dates become values, a
 * missing cell is blank, blank rows left out), handed on in chunks of CHUNK_ROWS rows after the header.
 * The reader streams on a connection of its own: an appender's flushes would end a stream on the main one.
 */
async function streamCsv(engine: Engine, csv: CsvFile, onChunk: (rows: unknown[][], firstRow: number) => void): Promise<number> {
  const reading = await engine.instance.connect();
  try {
    const result = await reading.stream(
      `SELECT * FROM read_csv(${sqlText(csv.path)}, header = false, all_varchar = true, delim = ${sqlText(csv.delimiter)}, quote = '"', escape = '"', null_padding = true, strict_mode = false)`,
    );
    let header: unknown[] | null = null;
    let batch: unknown[][] = [];
    let rows = 0;
    const flush = () => {
      if (!header || batch.length === 0) return;
      onChunk([header, ...batch], rows);
      rows += batch.length;
      batch = [];
    };
    for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
      for (const raw of chunk.getRows()) {
        const row = raw.map((v) => (v === null ? '' : interpretText(String(v))));
        if (header === null) header = row;
        else if (row.some((v) => v !== '')) batch.push(row);
        if (batch.length >= CHUNK_ROWS) flush();
      }
    }
    flush();
    return rows;
  } finally {
    reading.closeSync();
  }
}

/** An appender on a new typed table (src/sql/tables.ts), closed after `fill`. */
async function fillTable(engine: Engine, table: TableName, fill: (appender: DuckDBAppender) => Promise<void>): Promise<void> {
  await engine.connection.run(createTable(duckdb, table));
  const appender = await engine.connection.createAppender(table);
  try {
    await fill(appender);
  } finally {
    appender.flushSync();
    appender.closeSync();
  }
}

/** What the deals' paths add (src/tracker/table.ts dealPaths): days per stage, since when in the stage, the id keys. */
function appendPaths(
  tables: { stageDays: DuckDBAppender; openSince: DuckDBAppender; keys: DuckDBAppender | null },
  t: DealsTable,
  firstRow: number,
) {
  for (let r = 0; r < t.length; r++) {
    const row = BigInt(firstRow + r);
    if (t.stageDays)
      for (let s = 0; s < t.stageDays.length; s++) {
        const days = t.stageDays[s][r];
        if (days !== days) continue;
        tables.stageDays.appendBigInt(row);
        tables.stageDays.appendBigInt(BigInt(s));
        tables.stageDays.appendDouble(days);
        tables.stageDays.endRow();
      }
    if (t.currentSince[r] === t.currentSince[r]) {
      tables.openSince.appendBigInt(row);
      appendWall(tables.openSince, t.currentSince[r]);
      tables.openSince.endRow();
    }
    const key = t.furthest[r] >= 0 ? nameKey(t.id[r]) : '';
    if (tables.keys && key) {
      tables.keys.appendBigInt(row);
      tables.keys.appendVarchar(key);
      tables.keys.endRow();
    }
  }
}

/**
 * The history's deals no deal matched, counted over the whole file: a chunk's note counts those the
 * chunk did not match (dealPaths), so it is set to the whole file's count, or dropped when every one matched.
 */
function unmatchedHistory(notes: SkipNote[], history: HistoryPaths, matched: Set<string>): void {
  const at = notes.findIndex((n) => n.source === 'history' && n.reason === 'historyUnmatched');
  if (at < 0) return;
  const unmatched = history.paths.size - matched.size;
  if (unmatched > 0) notes[at].rows = unmatched;
  else notes.splice(at, 1);
}

/** The keys of the history's paths that a chunk's deals took (as dealPaths matches: by id, else by title). */
function matchHistory(matched: Set<string>, t: DealsTable, history: HistoryPaths): void {
  for (let r = 0; r < t.length; r++) {
    if (t.furthest[r] < 0) continue;
    const key = [nameKey(t.id[r]), nameKey(t.name[r])].find((k) => k && history.paths.has(k));
    if (key) matched.add(key);
  }
}

/** Reads the deals CSV into the table `deals` (and what their paths say): DuckDB's reader, the tracker's typing, chunk by chunk. */
export async function loadDeals(
  engine: Engine,
  csv: CsvFile,
  source: SourceMapping,
  funnel: Funnel,
  ctx: ReadContext,
  keepRows = KEEP_ROWS,
  with_: { history?: HistoryPaths | null; idKeys?: boolean } = {},
): Promise<DealsLoad> {
  const history = with_.history ?? null;
  const load: DealsLoad = { rows: 0, table: null, notes: [], currencyInText: '', hasAmount: false, placesLost: false, timed: false };
  let kept: DealsTable[] | null = [];
  const matched = new Set<string>();
  const con = engine.connection;
  await con.run(createTable(duckdb, 'deals'));
  const appender = await con.createAppender('deals');
  for (const table of ['stage_days', 'open_since', 'deal_keys'] as const) await con.run(createTable(duckdb, table));
  const paths = {
    stageDays: await con.createAppender('stage_days'),
    openSince: await con.createAppender('open_since'),
    keys: with_.idKeys ? await con.createAppender('deal_keys') : null,
  };
  load.rows = await streamCsv(engine, csv, (rows, firstRow) => {
    const notes: SkipNote[] = [];
    const table = readDeals(rows, source, funnel, { ...ctx, notes }, history);
    appendDeals(appender, table, firstRow);
    appendPaths(paths, table, firstRow);
    if (history) matchHistory(matched, table, history);
    if (kept) kept = firstRow + table.length <= keepRows ? [...kept, table] : null;
    mergeNotes(load.notes, notes, firstRow);
    load.currencyInText ||= table.currencyInText;
    load.hasAmount = table.hasAmount;
    load.placesLost = table.placesLost;
    load.timed ||= table.stageDays !== null;
  });
  for (const a of [appender, paths.stageDays, paths.openSince, paths.keys]) {
    a?.flushSync();
    a?.closeSync();
  }
  if (history) unmatchedHistory(load.notes, history, matched);
  load.table = kept?.length ? concatDeals(kept) : null;
  return load;
}

/** What loading an activities or leads file found: its rows and notes. */
export interface SourceLoad {
  rows: number;
  notes: SkipNote[];
}

/** What loading the leads found; the leads as read, when there are at most KEEP_ROWS (response in working hours is computed from them). */
export interface LeadsLoad extends SourceLoad {
  table: LeadsTable | null;
}

/** What loading the activities found; the activities as read, when there are at most `keepRows` (the weekly sections are computed from them). */
export interface ActivitiesLoad extends SourceLoad {
  table: ActivitiesTable | null;
}

/** Chunks of the activities as one table. */
function concatActivities(chunks: ActivitiesTable[]): ActivitiesTable {
  return {
    length: chunks.reduce((n, c) => n + c.length, 0),
    type: chunks.flatMap((c) => c.type),
    result: chunks.flatMap((c) => c.result),
    date: joinTyped(chunks.map((c) => c.date)),
    manager: chunks.flatMap((c) => c.manager),
    deal: chunks.flatMap((c) => c.deal),
  };
}

/** Chunks of the leads as one table. */
function concatLeads(chunks: LeadsTable[]): LeadsTable {
  return {
    length: chunks.reduce((n, c) => n + c.length, 0),
    id: chunks.flatMap((c) => c.id),
    created: joinTyped(chunks.map((c) => c.created)),
    responded: joinTyped(chunks.map((c) => c.responded)),
    manager: chunks.flatMap((c) => c.manager),
  };
}

/**
 * Reads the activities CSV into `activities` (and the deal each names into `activity_deals`): each chunk
 * typed by the tracker's readActivities, each row's effectiveness decided as the summary decides it;
 * up to `keepRows` kept in memory too.
 */
export async function loadActivities(
  engine: Engine,
  csv: CsvFile,
  source: SourceMapping,
  ctx: ReadContext,
  effective: readonly string[],
  keepRows = KEEP_ROWS,
): Promise<ActivitiesLoad> {
  const load: ActivitiesLoad = { rows: 0, notes: [], table: null };
  const matches = effectiveMatcher(effective);
  let kept: ActivitiesTable[] | null = [];
  await fillTable(engine, 'activity_deals', async (deals) =>
    fillTable(engine, 'activities', async (appender) => {
      load.rows = await streamCsv(engine, csv, (rows, firstRow) => {
        const notes: SkipNote[] = [];
        const table = readActivities(rows, source, { ...ctx, notes });
        insertActivityRows(appender, deals, table, matches, firstRow);
        if (kept) kept = firstRow + table.length <= keepRows ? [...kept, table] : null;
        mergeNotes(load.notes, notes, firstRow);
      });
    }),
  );
  load.table = kept?.length ? concatActivities(kept) : null;
  return load;
}

function insertActivityRows(
  appender: DuckDBAppender,
  deals: DuckDBAppender,
  t: ActivitiesTable,
  matches: EffectiveMatcher,
  firstRow: number,
): void {
  for (let r = 0; r < t.length; r++) {
    appender.appendBigInt(BigInt(firstRow + r));
    appender.appendVarchar(t.manager[r]);
    appender.appendVarchar(nameKey(t.manager[r]));
    appendWall(appender, t.date[r]);
    appender.appendBoolean(t.type[r] !== '' && isEffectiveTouch(t.type[r], t.result[r], matches));
    appender.endRow();
    const key = nameKey(t.deal[r]);
    if (key === '' || t.date[r] !== t.date[r]) continue;
    deals.appendVarchar(key);
    appendWall(deals, t.date[r]);
    deals.endRow();
  }
}

/** Reads the leads CSV into `leads`, each chunk typed by the tracker's readLeads; up to `keepRows` kept in memory too. */
export async function loadLeads(
  engine: Engine,
  csv: CsvFile,
  source: SourceMapping,
  ctx: ReadContext,
  keepRows = KEEP_ROWS,
): Promise<LeadsLoad> {
  const load: LeadsLoad = { rows: 0, notes: [], table: null };
  let kept: LeadsTable[] | null = [];
  await fillTable(engine, 'leads', async (appender) => {
    load.rows = await streamCsv(engine, csv, (rows, firstRow) => {
      const notes: SkipNote[] = [];
      const table = readLeads(rows, source, { ...ctx, notes });
      insertLeadRows(appender, table, firstRow);
      if (kept) kept = firstRow + table.length <= keepRows ? [...kept, table] : null;
      mergeNotes(load.notes, notes, firstRow);
    });
  });
  load.table = kept?.length ? concatLeads(kept) : null;
  return load;
}

function insertLeadRows(appender: DuckDBAppender, t: LeadsTable, firstRow: number): void {
  for (let r = 0; r < t.length; r++) {
    appender.appendBigInt(BigInt(firstRow + r));
    appender.appendVarchar(t.manager[r]);
    appender.appendVarchar(nameKey(t.manager[r]));
    appendWall(appender, t.created[r]);
    appendWall(appender, t.responded[r]);
    appender.endRow();
  }
}

/**
 * Reads the stage history: through DuckDB's reader, then read whole by the tracker (readHistoryRows
 * decides the file's time order over all its rows, and each deal's path needs all of its rows), into
 * the deals' paths and the table `history`. The history is held in memory: the deals are typed with it.
 */
export async function loadHistory(
  engine: Engine,
  csv: CsvFile,
  source: SourceMapping,
  funnel: Funnel,
  ctx: ReadContext,
): Promise<{ rows: number; paths: HistoryPaths; notes: SkipNote[] }> {
  const values: unknown[][] = [];
  const rows = await streamCsv(engine, csv, (chunk) => {
    if (values.length === 0) values.push(chunk[0]);
    for (let i = 1; i < chunk.length; i++) values.push(chunk[i]);
  });
  const notes: SkipNote[] = [];
  const read = readHistoryRows(values, source, ctx);
  values.length = 0;
  const paths = historyPaths(read, funnel, ctx.words, notes, source.columns.stage);
  await fillTable(engine, 'history', async (appender) => {
    for (let i = 0; i < read.deal.length; i++) {
      appender.appendVarchar(read.deal[i]);
      appender.appendVarchar(read.stage[i]);
      appendWall(appender, read.at[i]);
      appender.endRow();
    }
  });
  return { rows, paths, notes };
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

/** The queries over the other sources (src/sql/kpis.ts), for the sources whose tables the parameters name. */
export async function runSourceKpis(engine: Engine, params: KpiParams, paths: { timed: boolean }): Promise<SourceResults> {
  const run = async (keys: string[]) => {
    const out: Record<string, unknown> = {};
    for (const key of keys) out[key] = await rowsOf(engine, kpi(key).sql(duckdb, params));
    return out;
  };
  const sources: SourceResults = {};
  if (params.tables.activities)
    sources.activities = (await run(['touches', 'touchSpans', 'activityManagers'])) as unknown as SourceResults['activities'];
  if (params.tables.leads) sources.leads = (await run(['response', 'responseSpans'])) as unknown as SourceResults['leads'];
  if (paths.timed && params.tables.stageDays && params.tables.openSince)
    sources.stageTime = (await run(['stageTime', 'stageTimeByManager', 'openInStage'])) as unknown as SourceResults['stageTime'];
  return sources;
}

/** What the summary needs to know of all the sources besides the KPIs: the managers anywhere, the first created date. */
export async function dealsFacts(
  engine: Engine,
  load: Pick<DealsLoad, 'hasAmount' | 'placesLost'>,
  tables: KpiParams['tables'] = { deals: 'deals' },
): Promise<DealsFacts> {
  const named = [tables.deals, tables.activities, tables.leads].filter((t): t is string => t !== undefined);
  const keys = await rowsOf(engine, named.map((t) => `SELECT DISTINCT manager_key FROM ${t} WHERE manager_key <> ''`).join(' UNION '));
  const [first] = await rowsOf(engine, `SELECT MIN(created) AS first FROM ${tables.deals}`);
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
