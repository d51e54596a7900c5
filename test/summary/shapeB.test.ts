// Shape B trackers — one date column per stage, headed by the stage's name — from detection to summary.
import { describe, expect, it } from 'vitest';
import { createHost } from '../../dev/host/index';
import { isOwnedSheetRecord } from '../../dev/host/ownership';
import { loadSettings, saveSettings } from '../../src/settings/storage';

const d = (day: number) => new Date(2026, 10, day);
const PIPELINE = [
  ['Deal', 'Manager', 'Lead', 'Meeting', 'Proposal', 'Paid', 'Amount'],
  ['A', 'Anna', d(1), d(3), d(5), d(9), 1000],
  ['B', 'Anna', d(2), '', '', d(12), 3000], // skipped stages count as passed
  ['C', 'Boris', d(2), d(4), '', '', ''],
  ['D', 'Boris', d(3), '', '', '', ''],
  ['E', 'Boris', '', '', '', '', ''], // no stage at all: left out, and noted
];

describe('shape B: one date column per stage', () => {
  it('is detected from the headers, with the funnel in column order', () => {
    const host = createHost();
    host.setSheet('Pipeline', PIPELINE);
    expect(JSON.parse(host.run('detectSources') as string)).toEqual({ deals: 'Pipeline' });
    const { settings } = loadSettings(host.documentProperties);
    expect(settings.funnel).toEqual(['Lead', 'Meeting', 'Proposal', 'Paid']);
    expect(settings.sources.deals).toMatchObject({
      sheet: 'Pipeline',
      stageColumns: ['Lead', 'Meeting', 'Proposal', 'Paid'],
      columns: { manager: 'Manager', amount: 'Amount' },
    });
    expect(settings.sources.deals!.columns.stage).toBeUndefined();
  });

  it('builds the summary: a deal reached a stage when that stage or a later one has a date', () => {
    const host = createHost();
    host.setSheet('Pipeline', PIPELINE);
    host.run('detectSources');
    const { settings } = loadSettings(host.documentProperties);
    saveSettings(host.documentProperties, { ...settings, period: 'all' });
    host.run('menuBuildSummary');
    const summary = host.book.sheets.find((s) => isOwnedSheetRecord(s, 'salesKpi.summary'))!;
    const rows = host.book.rows(summary.name);
    const header = rows.findIndex((r) => r[0] === 'Stage');
    expect(rows.slice(header + 1, header + 5).map((r) => [r[0], r[1]])).toEqual([
      ['Lead', 4],
      ['Meeting', 3],
      ['Proposal', 2],
      ['Paid', 2],
    ]);
    expect(rows.flat()).toContain('Deals: 1 row left out: blank Lead, Meeting, Proposal, Paid');
  });

  it('saving from the sidebar refuses stage-date columns that do not cover every stage', () => {
    const host = createHost();
    host.setSheet('Pipeline', PIPELINE);
    host.run('detectSources');
    const { settings } = loadSettings(host.documentProperties);
    const draft = {
      ...settings,
      funnel: [...settings.funnel, 'Repeat order'],
      sources: { ...settings.sources, deals: { ...settings.sources.deals!, stageColumns: ['Lead', 'Meeting', 'Proposal', 'Paid', ''] } },
    };
    const result = JSON.parse(JSON.stringify(host.run('sidebarSave', draft)));
    expect(result).toEqual({
      ok: false,
      errors: [
        {
          path: 'sources.deals.stageColumns',
          message: 'no column of the deals sheet is headed Repeat order: name a column after each stage, or untick this',
        },
      ],
    });
    expect(loadSettings(host.documentProperties).settings.funnel).toEqual(['Lead', 'Meeting', 'Proposal', 'Paid']);
  });
});
