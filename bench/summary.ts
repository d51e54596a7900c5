// Benchmark of Build KPI summary in the local host: 100k deals, 300k activities, 100k leads.
import { performance } from 'node:perf_hooks';
import { createHost } from '../dev/host/index';
import { SETTINGS_KEY } from '../src/settings/storage';
import { collectGarbage, table } from './measure';

const DAY = 86_400_000;

function random(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
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
      return [`D${i}`, created, `Client ${Math.floor(r() * deals * 0.3)}`, managers[i % 20], stage, stage === 'Paid' ? 'Won' : closed ? 'Lost' : '', Math.floor(r() * 10_000), closed, closed || when()];
    }),
  ]);
  host.setSheet('Activities', [
    ['Date', 'Manager', 'Type', 'Result'],
    ...Array.from({ length: activities }, (_, i) => [when(), managers[i % 20], ['Call', 'Email', 'Meeting', 'Demo', 'Proposal sent'][Math.floor(r() * 5)], r() < 0.1 ? 'Meeting scheduled' : '']),
  ]);
  host.setSheet('Leads', [
    ['Created', 'Responded', 'Manager'],
    ...Array.from({ length: leads }, (_, i) => {
      const created = when();
      return [created, r() < 0.05 ? '' : new Date(created.getTime() + Math.floor(r() * 40) * 60_000), managers[i % 20]];
    }),
  ]);
  host.documentProperties.setProperty(SETTINGS_KEY, JSON.stringify({
    version: 1,
    sources: {
      deals: { sheet: 'Deals', columns: { id: 'ID', created: 'Created', client: 'Client', manager: 'Manager', stage: 'Stage', status: 'Status', amount: 'Amount', closed: 'Closed', last_activity: 'Last activity' } },
      activities: { sheet: 'Activities', columns: { date: 'Date', manager: 'Manager', type: 'Type', result: 'Result' } },
      leads: { sheet: 'Leads', columns: { created: 'Created', responded: 'Responded', manager: 'Manager' } },
    },
    funnel: stages,
    period: 'this_quarter',
    plans: managers.map((manager) => ({ manager, touchesPerWeek: 30 })),
  }));
  let cellsWritten = 0;
  host.calls.before('Range.setValues', ([values]) => {
    cellsWritten += (values as unknown[][]).reduce((n, row) => n + row.length, 0);
  });
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
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  const spreadsheetCalls = host.calls.total((n) => /^(SpreadsheetApp|Spreadsheet|Sheet|Range|EmbeddedChartBuilder|DeveloperMetadata)\./.test(n));
  const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
  return table(['input', 'build time', 'Spreadsheet calls', 'cells written', 'peak heap above the start (sampled at every service call)'], [[
    `${deals.toLocaleString('en')} deals · ${activities.toLocaleString('en')} activities · ${leads.toLocaleString('en')} leads`,
    `${(ms / 1000).toFixed(2)} s`,
    String(spreadsheetCalls),
    cellsWritten.toLocaleString('en'),
    mb(peak - heapBefore),
  ]]);
}
