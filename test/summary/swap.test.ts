// The summary swap (docs/summary.md, "What it never does"): whatever call of a build fails, or a kill at any call, the next
// build leaves exactly one summary of ours, with the right name, and no half-built sheet.
import { describe, expect, it } from 'vitest';
import { cutPoints } from '../helpers/cuts';
import { createHost, RunKilled, type Host } from '../../dev/host/index';
import { isOwnedSheetRecord } from '../../dev/host/ownership';
import { saveSettings } from '../../src/settings/storage';
import { defaultSettings } from '../../src/settings/schema';

function trackerHost(): Host {
  const host = createHost();
  host.setSheet('Deals', [
    ['Stage', 'Manager'],
    ...Array.from({ length: 40 }, (_, i) => [['Lead', 'Meeting', 'Paid'][i % 3], `M${i % 4}`]),
  ]);
  // A user's own sheet with the summary's name: never ours, never touched.
  host.setSheet('KPI Summary', [['my own notes']]);
  const settings = defaultSettings();
  settings.funnel = ['Lead', 'Meeting', 'Paid'];
  settings.period = 'all';
  settings.sources.deals = { sheet: 'Deals', columns: { stage: 'Stage', manager: 'Manager' }, stageColumns: [] };
  saveSettings(host.documentProperties, settings);
  return host;
}

const ours = (host: Host) =>
  host.book.sheets.filter((s) => isOwnedSheetRecord(s, 'salesKpi.summary') || isOwnedSheetRecord(s, 'salesKpi.summary.building'));
const snapshot = (host: Host, name: string) => JSON.stringify(host.book.rows(name));

function expectOneSummary(host: Host, label: string): void {
  const mine = ours(host);
  expect(
    mine.map((s) => s.name),
    label,
  ).toEqual(['KPI Summary 2']);
  expect(
    mine[0].metadata.map((m) => m.key),
    label,
  ).toEqual(['salesKpi.summary']);
  expect(
    host.book.sheets.some((s) => s.name.includes('…')),
    label,
  ).toBe(false);
  expect(host.book.rows('KPI Summary'), label).toEqual([['my own notes']]);
  expect(host.book.rows('KPI Summary 2').length, label).toBeGreaterThan(10);
}

function callsOfOneBuild(withEarlier: boolean): number {
  const host = trackerHost();
  if (withEarlier) host.run('menuBuildSummary');
  host.run('menuBuildSummary');
  expectOneSummary(host, 'a plain build');
  return host.lastRunCalls();
}

describe('the summary swap', () => {
  for (const withEarlier of [false, true]) {
    for (const fault of ['kill', 'failure'] as const) {
      it(`a ${fault} at any call of a build ${withEarlier ? 'that replaces one' : 'of the first summary'}: the next build leaves one summary`, () => {
        const n = callsOfOneBuild(withEarlier);
        expect(n).toBeGreaterThan(20);
        for (const k of cutPoints(n)) {
          const host = trackerHost();
          if (withEarlier) host.run('menuBuildSummary');
          const deals = snapshot(host, 'Deals');
          if (fault === 'kill') host.killAtCall(k);
          else host.failAtCall(k);
          try {
            host.run('menuBuildSummary');
          } catch (error) {
            if (fault === 'kill') expect(error).toBeInstanceOf(RunKilled);
          }
          // Between the two builds: never two complete summaries of ours, and the earlier one still there if the new one is not.
          const complete = host.book.sheets.filter(
            (s) => isOwnedSheetRecord(s, 'salesKpi.summary') && !isOwnedSheetRecord(s, 'salesKpi.summary.building'),
          );
          expect(complete.length, `${fault} at call ${k}`).toBeLessThanOrEqual(1);
          if (withEarlier)
            expect(
              ours(host).some((s) => isOwnedSheetRecord(s, 'salesKpi.summary')),
              `${fault} at call ${k}`,
            ).toBe(true);
          host.run('menuBuildSummary');
          expectOneSummary(host, `${fault} at call ${k}`);
          expect(snapshot(host, 'Deals'), `${fault} at call ${k}`).toBe(deals);
        }
        // A build also writes the weekly record's hidden sheets: twice the calls to fail at, each building twice.
      }, 300_000);
    }
  }

  it('two summaries left by an older release are brought down to one', () => {
    const host = trackerHost();
    host.run('menuBuildSummary');
    const extra = host.book.addSheet('KPI Summary 3');
    extra.metadata.push({ id: 999, key: 'salesKpi.summary', value: 'v1' });
    host.run('menuBuildSummary');
    expectOneSummary(host, 'after two');
  });
});
