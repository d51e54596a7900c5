// Benchmark of a bound script's every-minute trigger over a working day and the night after it, in
// the local host: how many of the 1,440 runs had work, what an idle minute costs (service calls, host
// time, no actions bundle evaluated), and the trigger runtime charged against the consumer quota.
import { performance } from 'node:perf_hooks';
import { createHost } from '../dev/host/index';
import { LIMITS, TRIGGER_COST } from '../dev/host/rules';
import { SETTINGS_KEY } from '../src/settings/storage';

const MIN = 60_000;

export function benchMinute(quick: boolean): string {
  const leadsPerHour = quick ? 2 : 6;
  const start = Date.UTC(2026, 10, 25, 0, 0); // a Wednesday, UTC spreadsheet
  const host = createHost({ install: 'bound', now: start, spreadsheetTimeZone: 'UTC' });
  const rows: unknown[][] = [['ID', 'Created', 'Responded', 'Manager', 'Assigned at']];
  // 200 answered leads from before, so that a sweep reads a sheet of some size.
  for (let i = 0; i < 200; i++)
    rows.push([
      `OLD${i}`,
      new Date(start - 2 * 86_400_000),
      new Date(start - 2 * 86_400_000 + 5 * MIN),
      'Anna',
      new Date(start - 2 * 86_400_000),
    ]);
  host.setSheet('Leads', rows);
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
        minutes: 12,
        workingHours: { days: [1, 2, 3, 4, 5], from: '09:00', to: '18:00' },
        rotation: [
          { manager: 'Anna', onDuty: true },
          { manager: 'Boris', onDuty: true },
        ],
      },
    }),
  );
  host.documentProperties.setProperty('salesKpi.refresh.last', JSON.stringify({ at: start, cells: 0 }));
  host.clock.set(start + 8 * 60 * MIN);
  host.run('menuWatchOn');
  const sheet = host.book.sheet('Leads')!;
  let idle = 0;
  let idleCalls = 0;
  let idleMs = 0;
  let busy = 0;
  let loads = 0;
  for (let minute = 8 * 60 + 1; minute < 8 * 60 + 1 + 1440; minute++) {
    const t = start + minute * MIN;
    host.clock.set(t);
    const hour = Math.floor(minute / 60) % 24;
    // Leads arrive in working hours; each is answered after 5 or 25 minutes (every third one late).
    if (hour >= 9 && hour < 18 && minute % Math.round(60 / leadsPerHour) === 0) {
      const n = sheet.values.length;
      sheet.values.push([`L${n}`, new Date(t), '', 'Anna', new Date(t)]);
      sheet.maxRows = sheet.values.length;
      host.fireChange();
    }
    for (let r = 201; r < sheet.values.length; r++) {
      const row = sheet.values[r];
      const waited = (t - (row[1] as Date).getTime()) / MIN;
      if (row[2] === '' && waited === (r % 3 === 0 ? 25 : 5)) {
        sheet.set(r + 1, 3, new Date(t));
        host.fireChange();
      }
    }
    host.calls.reset();
    const before = performance.now();
    host.fireDueTriggers();
    const ms = performance.now() - before;
    const loaded = host.calls.count('HtmlService.createTemplateFromFile');
    loads += loaded;
    if (loaded) busy++;
    else {
      idle++;
      idleCalls += host.calls.total();
      idleMs += ms;
    }
  }
  const runtime = host.triggerRuntime.used(host.user);
  // For comparison: the same idle minute without the gate in Code.js (the actions evaluated, every job asked).
  host.calls.reset();
  const ungatedStart = performance.now();
  host.run('runScheduledJobs', {});
  const ungatedMs = performance.now() - ungatedStart;
  const ungatedCalls = host.calls.total();
  return [
    `Bound script, lead watch on, working hours Mon–Fri 09:00–18:00, ${leadsPerHour} leads an hour, a day from 08:01 (1,440 minute runs; change-trigger runs counted in the runtime too).`,
    '',
    '| Minute runs | With work (actions evaluated) | Idle | Service calls per idle run | Host time per idle run | Trigger runtime charged (all runs) | Consumer quota |',
    '|---:|---:|---:|---:|---:|---:|---:|',
    `| 1,440 | ${busy} | ${idle} | ${(idleCalls / Math.max(1, idle)).toFixed(1)} | ${(idleMs / Math.max(1, idle)).toFixed(2)} ms | ${(runtime / MIN).toFixed(1)} min | ${LIMITS.consumerTriggerRuntimeMsPerDay / MIN} min |`,
    '',
    `Without the gate, an idle minute would evaluate the actions bundle and ask every job: ${ungatedCalls} service calls, ${ungatedMs.toFixed(1)} ms in the host — ${((1440 * (TRIGGER_COST.runMs + ungatedCalls * TRIGGER_COST.callMs)) / MIN).toFixed(0)} min a day of runtime by the same model.`,
    '',
    `The host charges a run ${TRIGGER_COST.runMs} ms plus ${TRIGGER_COST.callMs} ms a service call (dev/host/RULES.md rule 26): a model, not Google's figure. Actions bundle evaluations: ${loads}.`,
  ].join('\n');
}
