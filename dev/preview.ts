// npm run preview: the local host in a browser — sheets, the add-on menu, and the real settings sidebar;
// with --deals/--activities/--leads/--history, your own CSV files as sheets, read as npm start reads them.
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { startPreview } from './preview/server';
import { FileProblem, readCsvFile } from './ownFiles';
import { terminalSafe } from './host/render';
import type { SourceKind } from '../src/tracker/headers';

const KINDS: SourceKind[] = ['deals', 'activities', 'leads', 'history'];

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      locale: { type: 'string' },
      deals: { type: 'string' },
      activities: { type: 'string' },
      leads: { type: 'string' },
      history: { type: 'string' },
    },
  });
  // The files first: a bad one is one line and exit 2, before any server starts.
  const files = KINDS.filter((kind) => values[kind]).map((kind) => ({
    kind,
    path: values[kind]!,
    rows: readCsvFile(values[kind]!, kind, (line) => console.log(line)),
  }));
  const preview = await startPreview({ port: Number(values.port ?? 8787), locale: values.locale ?? 'en_US' });
  const pinned: Partial<Record<SourceKind, string>> = {};
  for (const { kind, path, rows } of files) {
    const name = basename(path).replace(/\.csv$/i, '') || kind;
    const sheet = preview.host.book.sheet(name) ? `${name} (${kind})` : name;
    preview.host.setSheet(sheet, rows);
    pinned[kind] = sheet;
  }
  if (files.length) preview.host.run('detectSources', pinned);
  console.log(`Sales KPI preview on ${preview.url} (locale ${values.locale ?? 'en_US'}) — Ctrl+C to stop.`);
  console.log(
    files.length
      ? `Your files are the sheets ${Object.values(pinned)
          .map((s) => `"${terminalSafe(s!)}"`)
          .join(', ')}: open Extensions › Sales KPI › Settings… to check them, then Build KPI summary.`
      : 'Open Extensions › Sales KPI › Insert sample tracker, then Settings… and Build KPI summary.',
  );
}

try {
  await main();
} catch (error) {
  const code = (error as { code?: string }).code;
  if (error instanceof FileProblem || code?.startsWith('ERR_PARSE_ARGS')) {
    console.error(terminalSafe((error as Error).message.split('\n')[0]));
    process.exit(2);
  }
  throw error;
}
