// Benchmark of Build KPI summary in the local host: 100k deals, 300k activities, 100k leads.
import { performance } from 'node:perf_hooks';
import { createHost } from '../dev/host/index';
import { SETTINGS_KEY } from '../src/settings/storage';
import { collectGarbage, table } from './measure';

const DAY = 86_400_000;

/**
 * The one timing of Spreadsheet calls we found published by Google, in its best-practices guide
 * (https://developers.google.com/apps-script/guides/support/best-practices, "Use batch operations"):
 * setting the backgrounds of a 100 × 100 grid with a flush after each row — 100 calls, each writing
 * 100 cells — "takes about 70 seconds to run"; the same 10,000 cells in one call run "in just
 * 1 second". From these: 0.7 s per call, and 10,000 cells a second moved in bulk. Both are
 * pessimistic for the summary (its calls are mostly reads, none forces a flush), so the projection
 * below is an upper estimate.
 */
export const GOOGLE_SECONDS_PER_CALL = 70 / 100;
export const GOOGLE_CELLS_PER_SECOND = 10_000 / 1;
/** Apps Script's execution time limit (quotas page: "Script runtime 6 min / execution"). */
const LIMIT_SECONDS = 6 * 60;

const cellsOf = (values: unknown) => (values as unknown[][]).reduce((n, row) => n + row.length, 0);

function random(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

export function benchSummary(quick: boolean): string {
  const scale = quick ? 0.1 : 1;
  const deals = Math.round(100_000 * scale);
  const activities = Math.round(300_000 * scale);
  const leads = Math.round(100_000 * scale);
  const host = createHost({ now: new Date(2026, 10, 27, 12, 0) });
  const r = random(7);
  const now = host.clock.now();
  const managers = Array.from({ length: 20 }, (_, i) => `Manager ${i + 1}`);
  const stages = ['Lead', 'Qualified', 'Meeting', 'Proposal', 'Invoice', 'Paid'];
  const when = () => new Date(now - Math.floor(r() * 120) * DAY - Math.floor(r() * 600) * 60_000);
  host.setSheet('Deals', [
    ['ID', 'Created', 'Client', 'Manager', 'Stage', 'Status', 'Amount', 'Closed', 'Last activity'],
    ...Array.from({ length: deals }, (_, i) => {
      const stage = stages[Math.floor(r() * 6)];
      const created = when();
      const closed = stage === 'Paid' || r() < 0.3 ? new Date(created.getTime() + Math.floor(r() * 40) * DAY) : '';
      return [
        `D${i}`,
        created,
        `Client ${Math.floor(r() * deals * 0.3)}`,
        managers[i % 20],
        stage,
        stage === 'Paid' ? 'Won' : closed ? 'Lost' : '',
        Math.floor(r() * 10_000),
        closed,
        closed || when(),
      ];
    }),
  ]);
  host.setSheet('Activities', [
    ['Date', 'Manager', 'Type', 'Result'],
    ...Array.from({ length: activities }, (_, i) => [
      when(),
      managers[i % 20],
      ['Call', 'Email', 'Meeting', 'Demo', 'Proposal sent'][Math.floor(r() * 5)],
      r() < 0.1 ? 'Meeting scheduled' : '',
    ]),
  ]);
  host.setSheet('Leads', [
    ['Created', 'Responded', 'Manager'],
    ...Array.from({ length: leads }, (_, i) => {
      const created = when();
      return [created, r() < 0.05 ? '' : new Date(created.getTime() + Math.floor(r() * 40) * 60_000), managers[i % 20]];
    }),
  ]);
  host.documentProperties.setProperty(
    SETTINGS_KEY,
    JSON.stringify({
      version: 1,
      sources: {
        deals: {
          sheet: 'Deals',
          columns: {
            id: 'ID',
            created: 'Created',
            client: 'Client',
            manager: 'Manager',
            stage: 'Stage',
            status: 'Status',
            amount: 'Amount',
            closed: 'Closed',
            last_activity: 'Last activity',
          },
        },
        activities: { sheet: 'Activities', columns: { date: 'Date', manager: 'Manager', type: 'Type', result: 'Result' } },
        leads: { sheet: 'Leads', columns: { created: 'Created', responded: 'Responded', manager: 'Manager' } },
      },
      funnel: stages,
      period: 'this_quarter',
      plans: managers.map((manager) => ({ manager, touchesPerWeek: 30 })),
    }),
  );
  const first = measureBuild(host);
  // The same week again: the history's back-fill and the week's open deals are written once.
  const again = measureBuild(host);
  const label = `${deals.toLocaleString('en')} deals · ${activities.toLocaleString('en')} activities · ${leads.toLocaleString('en')} leads`;
  const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
  const measured = table(
    [
      'input',
      'build',
      'build time',
      'Spreadsheet calls',
      'cells read',
      'cells written',
      'peak heap above the start (sampled at every service call)',
    ],
    [first, again].map((b, i) => [
      label,
      i === 0 ? 'first (back-fills the weekly history)' : 'again, the same week',
      `${(b.ms / 1000).toFixed(2)} s`,
      String(b.spreadsheetCalls),
      b.cellsRead.toLocaleString('en'),
      b.cellsWritten.toLocaleString('en'),
      mb(b.peakHeap),
    ]),
  );
  const projection = table(
    ['projected on Google (upper estimate)', 'first build, seconds', 'again, seconds'],
    [
      [`calls × ${GOOGLE_SECONDS_PER_CALL} s`, first.callSeconds.toFixed(0), again.callSeconds.toFixed(0)],
      [`cells ÷ ${GOOGLE_CELLS_PER_SECOND.toLocaleString('en')} a second`, first.cellSeconds.toFixed(0), again.cellSeconds.toFixed(0)],
      ['our own computing (as measured here)', (first.ms / 1000).toFixed(1), (again.ms / 1000).toFixed(1)],
      [
        `total, against the ${LIMIT_SECONDS} s limit`,
        ...[first, again].map((b) => `${b.projected.toFixed(0)} (${((100 * b.projected) / LIMIT_SECONDS).toFixed(0)} % of it)`),
      ],
    ],
  );
  return `${measured}\n\n${projection}`;
}

/** One Build KPI summary in `host`: its time, calls, cells and peak heap, and the projection on Google. */
function measureBuild(host: ReturnType<typeof createHost>) {
  let cellsWritten = 0;
  let cellsRead = 0;
  const stops = [
    host.calls.before('Range.setValues', ([values]) => {
      cellsWritten += cellsOf(values);
    }),
    host.calls.after('Range.getValues', (values) => {
      cellsRead += cellsOf(values);
    }),
    host.calls.after('Range.getDisplayValues', (values) => {
      cellsRead += cellsOf(values);
    }),
  ];
  host.calls.reset();
  // A full collection first, so that the starting figure counts no garbage.
  collectGarbage();
  const heapBefore = process.memoryUsage().heapUsed;
  // The peak: the heap in use at every service call of the build (reads, then the writes).
  let peak = heapBefore;
  const stopSampling = host.calls.beforeAny(() => {
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  });
  const t0 = performance.now();
  host.run('menuBuildSummary');
  const ms = performance.now() - t0;
  stopSampling();
  for (const stop of stops) stop();
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  const spreadsheetCalls = host.calls.total((n) =>
    /^(SpreadsheetApp|Spreadsheet|Sheet|Range|EmbeddedChartBuilder|DeveloperMetadata)\./.test(n),
  );
  const callSeconds = spreadsheetCalls * GOOGLE_SECONDS_PER_CALL;
  const cellSeconds = (cellsRead + cellsWritten) / GOOGLE_CELLS_PER_SECOND;
  const projected = callSeconds + cellSeconds + ms / 1000;
  return { ms, spreadsheetCalls, cellsRead, cellsWritten, peakHeap: peak - heapBefore, callSeconds, cellSeconds, projected };
}
