// Build KPI summary with the deals in a BigQuery table, end to end in the host: the BigQuery build
// (its manifest enables the advanced service), the query jobs run on the emulated warehouse, and the
// summary sheet written is the one the same deals give from a sheet, figure by figure.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { createHost, type Host, type HostOptions } from '../../dev/host/index';
import { isOwnedSheetRecord } from '../../dev/host/ownership';
import type { BigQueryEmulation } from '../../dev/host/bigquery';
import { buildAll } from '../../scripts/build';
import { bigQueryBuildText } from '../../src/i18n/bigquery';
import { loadSettings, saveSettings } from '../../src/settings/storage';
import type { Settings } from '../../src/settings/schema';
import { DEAL_KPIS } from '../../src/sql/kpis';
import { zoneClock } from '../../src/tracker/dates';
import { runCut } from '../helpers/faults';

const dir = mkdtempSync(join(tmpdir(), 'sales-kpi-bq-build-'));
const BIGQUERY_BUILD = join(dir, 'dist', 'Code.js');
const database = join(dir, 'warehouse.duckdb');
const TABLE = 'acme-crm.sales.deals';
/** The sample tracker's deals columns, by the headers the user wrote. */
let dealsColumns: Settings['sources']['deals'];
let sampleSettings: Settings;

const sqlText = (v: string) => `'${v.replace(/'/g, "''")}'`;
const sqlIdent = (v: string) => `"${v.replace(/"/g, '""')}"`;

/** The sample tracker's Deals sheet as a warehouse table: the same headers, text as text, dates as the wall times the sheet shows, amounts as numbers. */
async function warehouseFromSheet(host: Host): Promise<void> {
  const [headers, ...rows] = host.book.rows('Deals');
  const clock = zoneClock(host.book.timeZone);
  const kinds = headers.map((h) => {
    const values = rows.map((r) => r[headers.indexOf(h)]).filter((v) => v !== '' && v !== null);
    return values.every((v) => v instanceof Date) ? 'TIMESTAMP' : values.every((v) => typeof v === 'number') ? 'DOUBLE' : 'VARCHAR';
  });
  const literal = (v: unknown, kind: string) => {
    if (v === '' || v === null || v === undefined) return 'NULL';
    if (kind === 'TIMESTAMP') return `TIMESTAMP '${new Date(clock.wallOf(v as Date)).toISOString().replace('T', ' ').replace('Z', '')}'`;
    return kind === 'DOUBLE' ? String(v) : sqlText(String(v));
  };
  const instance = await DuckDBInstance.create(database);
  const connection = await instance.connect();
  await connection.run(`CREATE OR REPLACE TABLE deals_raw (${headers.map((h, i) => `${sqlIdent(String(h))} ${kinds[i]}`).join(', ')})`);
  await connection.run(
    `INSERT INTO deals_raw VALUES ${rows.map((r) => `(${headers.map((_, i) => literal(r[i], kinds[i])).join(', ')})`).join(', ')}`,
  );
  connection.closeSync();
  instance.closeSync();
}

beforeAll(async () => {
  await buildAll({ bigquery: true, dist: join(dir, 'dist') });
  const sample = createHost();
  sample.run('menuInsertSample');
  sampleSettings = loadSettings(sample.documentProperties).settings;
  dealsColumns = sampleSettings.sources.deals;
  await warehouseFromSheet(sample);
}, 120_000);

/** The sample tracker, summarised from its deals alone (a BigQuery source brings deals only). */
function dealsOnly(settings: Settings): Settings {
  return { ...settings, period: 'last_30_days', sources: { ...settings.sources, activities: null, leads: null } };
}

function bigQueryHost(bq: Partial<BigQueryEmulation> = {}, options: HostOptions = {}): Host {
  const host = createHost({ codePath: BIGQUERY_BUILD, bigquery: { database, tables: { [TABLE]: 'deals_raw' }, ...bq }, ...options });
  host.run('menuInsertSample');
  const columns = dealsColumns!.columns;
  const settings: Settings = {
    ...dealsOnly(sampleSettings),
    bigquery: {
      table: TABLE,
      billingProject: '',
      location: '',
      maxGigabytesBilled: 1,
      columns: {
        id: columns.id,
        created: columns.created,
        client: columns.client,
        manager: columns.manager,
        stage: columns.stage,
        status: columns.status,
        amount: columns.amount,
        closed: columns.closed,
        last_activity: columns.last_activity,
      },
    },
  };
  saveSettings(host.documentProperties, settings);
  host.ui.dialogs.length = 0;
  return host;
}

const summaryOf = (host: Host) => {
  const sheet = host.book.sheets.find(
    (s) => isOwnedSheetRecord(s, 'salesKpi.summary') && !isOwnedSheetRecord(s, 'salesKpi.summary.building'),
  );
  return sheet ? host.book.rows(sheet.name) : null;
};

/** The summary's sections by title: each block of rows between blank rows, its first cell the title. */
function sections(rows: unknown[][]): Map<string, unknown[][]> {
  const out = new Map<string, unknown[][]>();
  let block: unknown[][] = [];
  const trim = (r: unknown[]) => {
    const cells = [...r];
    while (cells.length && cells[cells.length - 1] === '') cells.pop();
    return cells;
  };
  for (const row of [...rows, []]) {
    const cells = trim(row);
    if (cells.length) block.push(cells);
    else if (block.length) {
      out.set(String(block[0][0]), block);
      block = [];
    }
  }
  return out;
}

describe('Build KPI summary from a BigQuery table (the BigQuery build, in the host)', () => {
  it('writes the summary sheet the same deals give from the sheet, section by section for the deals sections', () => {
    const fromSheet = createHost();
    fromSheet.run('menuInsertSample');
    saveSettings(fromSheet.documentProperties, dealsOnly(sampleSettings));
    fromSheet.run('menuBuildSummary');
    const bq = bigQueryHost({ pendingPolls: 1, pageSize: 3 });
    bq.run('menuBuildSummary');
    expect(bq.ui.dialogs).toEqual([]);
    const sheet = sections(summaryOf(fromSheet)!);
    const warehouse = sections(summaryOf(bq)!);
    const compared = [...warehouse.keys()].filter((title) => sheet.has(title) && title !== 'Sales KPI summary');
    // The deals sections, each written from the KPI queries' results.
    expect(compared).toEqual(
      expect.arrayContaining(['Headline', 'Funnel', 'Where money leaks', 'Deal cycle (deals won in the period, days)']),
    );
    expect(compared.some((t) => t.startsWith('Weak links'))).toBe(true);
    expect(compared.some((t) => t.startsWith('Stalled open deals'))).toBe(true);
    expect(compared.some((t) => t.startsWith('Managers'))).toBe(true);
    for (const title of compared) expect(warehouse.get(title), title).toEqual(sheet.get(title));
    // The header names the table and its rows; nothing of the sheet-only sections is made up.
    expect(JSON.stringify(summaryOf(bq)!.slice(0, 5))).toContain(`${TABLE} (300 rows)`);
    expect(warehouse.has('Forecast')).toBe(false);
    // Every deals KPI was one query job.
    expect(bq.calls.total((n) => n === 'BigQuery.Jobs.query')).toBe(DEAL_KPIS.length);
  });
});
