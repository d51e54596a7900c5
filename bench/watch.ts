// Benchmark of one lead-watch sweep in the local host: 50,000 leads, 500 of them past the SLA.
import { performance } from 'node:perf_hooks';
import { createHost } from '../dev/host/index';
import { SETTINGS_KEY } from '../src/settings/storage';
import { WATCH_ON_KEY } from '../src/watch/triggers';

export function benchWatch(quick: boolean): string {
  const n = quick ? 5_000 : 50_000;
  const due = n / 100;
  const now = new Date(2026, 10, 25, 10, 0).getTime();
  const host = createHost({ now });
  const at = (m: number) => new Date(now + m * 60_000);
  host.setSheet('Leads', [
    ['ID', 'Created', 'Responded', 'Manager', 'Assigned at', 'Source'],
    ...Array.from({ length: n }, (_, i) =>
      i % 100 === 0 ? [`L${i}`, at(-15), '', 'Anna', at(-15), 'Site'] : [`L${i}`, at(-15), at(-14), 'Anna', at(-15), 'Site'],
    ),
  ]);
  host.documentProperties.setProperty(WATCH_ON_KEY, 'true');
  host.documentProperties.setProperty(
    SETTINGS_KEY,
    JSON.stringify({
      version: 1,
      sources: {
        deals: null,
        activities: null,
        leads: {
          sheet: 'Leads',
          columns: { id: 'ID', created: 'Created', responded: 'Responded', manager: 'Manager', assigned_at: 'Assigned at' },
        },
      },
      sla: {
        minutes: 10,
        rotation: [
          { manager: 'Anna', onDuty: true },
          { manager: 'Boris', onDuty: true },
        ],
      },
    }),
  );
  host.calls.reset();
  const start = performance.now();
  host.run('watchOnChange', {});
  const ms = performance.now() - start;
  const sheetCalls = host.calls.total((name) => /^(Spreadsheet|Sheet|Range)\./.test(name));
  const propertyCalls = host.calls.total((name) => /^Properties\./.test(name));
  return [
    '| Leads | Due | Host time | Spreadsheet calls | Properties calls | Cells read |',
    '|---:|---:|---:|---:|---:|---:|',
    `| ${n.toLocaleString('en-US')} | ${due} | ${ms.toFixed(0)} ms | ${sheetCalls} | ${propertyCalls} | ${(2 * (n + 1) * 6).toLocaleString('en-US')} |`,
  ].join('\n');
}
