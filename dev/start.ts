// npm start: builds the KPI summary locally, in the host that runs dist/Code.js as Apps Script would,
// on the sample tracker or on your own CSV files. Prints it and writes out/summary.html and out/summary.csv.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { createHost } from './host/index';
import { shownRows, toCsv, toHtml, toTerminal } from './host/render';
import { PERIODS, type Period } from '../src/settings/schema';
import { loadSettings, saveSettings } from '../src/settings/storage';
import { isOwnedSheetRecord } from './host/ownership';

const USAGE = `Usage: npm start -- [--deals deals.csv] [--activities activities.csv] [--leads leads.csv]
                 [--settings settings.json] [--period ${PERIODS.join('|')}] [--locale en_US|ru_RU]
Without CSV files it inserts the sample tracker. Sheets are named after the CSV files (deals.csv → "deals").`;

function main(): number {
  const { values: args } = parseArgs({
    options: {
      deals: { type: 'string' }, activities: { type: 'string' }, leads: { type: 'string' }, settings: { type: 'string' },
      period: { type: 'string' }, locale: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean' },
    },
  });
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  if (args.period && !PERIODS.includes(args.period as Period)) {
    console.error(`--period must be one of ${PERIODS.join(', ')}; got "${args.period}".\n\n${USAGE}`);
    return 2;
  }
  const host = createHost({ locale: args.locale ?? 'en_US' });
  const csvs = (['deals', 'activities', 'leads'] as const).filter((k) => args[k]);
  if (csvs.length === 0) {
    host.run('menuInsertSample');
  } else {
    for (const kind of csvs) {
      const path = args[kind]!;
      const name = basename(path).replace(/\.csv$/i, '');
      if (!host.book.sheet(name)) host.importCsv(name, readFileSync(path, 'utf8'));
    }
    if (args.settings) host.documentProperties.setProperty('salesKpi.settings', readFileSync(args.settings, 'utf8'));
    else console.log(`Detected sources: ${host.run('detectSources')}`);
  }
  if (args.period) {
    const loaded = loadSettings(host.documentProperties);
    saveSettings(host.documentProperties, { ...loaded.settings, period: args.period as Period });
  }
  const dialogsBefore = host.ui.dialogs.length;
  host.run('menuBuildSummary');
  for (const d of host.ui.dialogs.slice(dialogsBefore)) console.log(`[${d.title}] ${d.text}`);
  const summary = host.book.sheets.find((s) => isOwnedSheetRecord(s, 'salesKpi.summary'));
  if (!summary) {
    console.error('No summary was built (see the message above).');
    return 1;
  }
  const rows = shownRows(host.book, summary);
  console.log(toTerminal(rows, process.stdout.isTTY === true));
  const out = args.out ?? 'out';
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'summary.csv'), toCsv(rows));
  writeFileSync(join(out, 'summary.html'), toHtml(host.book, summary, rows));
  console.log(`\nWrote ${join(out, 'summary.html')} and ${join(out, 'summary.csv')} (sheet "${summary.name}", ${host.calls.total((n) => /^(Spreadsheet|Sheet|Range)\./.test(n))} spreadsheet calls).`);
  return 0;
}

process.exitCode = main();
