// Benchmark of npm start --engine duckdb on a generated deals export (10 million rows unless told):
// wall time and peak memory of the whole process, measured by /usr/bin/time -v. Run it alone:
//   npx tsx bench/duckdb.ts [rows] [--sources]   (writes the CSVs once into the temporary folder)
// --sources adds an activities export (two per deal) and a leads export (one per three deals).
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const rows = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 10_000_000);
const withSources = process.argv.includes('--sources');
const STAGES = ['Lead', 'Meeting', 'Proposal', 'Contract'];

function random(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

const day = (t: number) => new Date(t).toISOString().slice(0, 10);

/** A CRM's deals export: open deals at every stage, won, lost with the stage they were lost at. */
async function writeDeals(path: string, n: number): Promise<void> {
  const rnd = random(33);
  const out = createWriteStream(path);
  let buffer = 'Deal ID,Manager,Client,Stage,Lost at stage,Created,Closed,Amount\n';
  const start = Date.UTC(2023, 0, 1);
  for (let i = 0; i < n; i++) {
    const created = start + Math.floor(rnd() * 1400) * 86_400_000;
    const roll = rnd();
    const stageAt = STAGES[Math.floor(rnd() * STAGES.length)];
    const [stage, lostAt, closed] =
      roll < 0.3
        ? ['Won', '', day(created + Math.floor(rnd() * 120) * 86_400_000)]
        : roll < 0.6
          ? ['Lost', stageAt, day(created + Math.floor(rnd() * 90) * 86_400_000)]
          : [stageAt, '', ''];
    buffer += `D${i + 1},Manager ${1 + Math.floor(rnd() * 50)},Client ${1 + Math.floor(rnd() * 200_000)},${stage},${lostAt},${day(created)},${closed},${(100 + Math.floor(rnd() * 9_900_00) / 100).toFixed(2)}\n`;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  }
  out.end(buffer);
  await once(out, 'finish');
}

/** Lines of a CSV written in 1 MB pieces. */
async function writeLines(path: string, header: string, n: number, line: (i: number) => string): Promise<void> {
  const out = createWriteStream(path);
  let buffer = `${header}\n`;
  for (let i = 0; i < n; i++) {
    buffer += `${line(i)}\n`;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  }
  out.end(buffer);
  await once(out, 'finish');
}

const minute = (t: number) => new Date(t).toISOString().slice(0, 16).replace('T', ' ');

/** Activities (two per deal: calls, meetings, proposals, some cancelled) and leads (one per three deals, some unanswered). */
async function writeSources(activities: string, leads: string, deals: number): Promise<void> {
  const rnd = random(34);
  const start = Date.UTC(2023, 0, 1);
  const types = ['Call', 'Email', 'Meeting', 'Proposal sent', 'Meeting cancelled', 'Demo'];
  await writeLines(activities, 'Date,Manager,Type,Deal', deals * 2, () => {
    const at = start + Math.floor(rnd() * 1400 * 24 * 60) * 60_000;
    return `${minute(at)},Manager ${1 + Math.floor(rnd() * 50)},${types[Math.floor(rnd() * types.length)]},D${1 + Math.floor(rnd() * deals)}`;
  });
  await writeLines(leads, 'Lead ID,Created,Responded,Manager', Math.floor(deals / 3), (i) => {
    const at = start + Math.floor(rnd() * 1400 * 24 * 60) * 60_000;
    const responded = rnd() < 0.1 ? '' : minute(at + Math.floor(rnd() * 40) * 60_000);
    return `L${i + 1},${minute(at)},${responded},Manager ${1 + Math.floor(rnd() * 50)}`;
  });
}

const file = join(tmpdir(), `sales-kpi-bench-deals-${rows}.csv`);
const activitiesFile = join(tmpdir(), `sales-kpi-bench-activities-${rows}.csv`);
const leadsFile = join(tmpdir(), `sales-kpi-bench-leads-${rows}.csv`);
if (withSources && !existsSync(leadsFile)) await writeSources(activitiesFile, leadsFile, rows);
if (!existsSync(file)) {
  const t = performance.now();
  await writeDeals(file, rows);
  console.log(
    `Generated ${file} (${rows.toLocaleString('en-US')} deals, ${(statSync(file).size / 2 ** 20).toFixed(0)} MiB) in ${((performance.now() - t) / 1000).toFixed(1)} s.`,
  );
}
const settings = join(mkdtempSync(join(tmpdir(), 'sales-kpi-bench-')), 'settings.json');
await (async () => {
  const s = createWriteStream(settings);
  s.end(
    JSON.stringify({
      funnel: ['Lead', 'Meeting', 'Proposal', 'Contract', 'Won'],
      period: 'all',
      plans: [{ manager: 'Manager 7', dealsPerMonth: 400, revenuePerMonth: 2e6, touchesPerWeek: 20 }],
    }),
  );
  await once(s, 'finish');
})();
const out = mkdtempSync(join(tmpdir(), 'sales-kpi-bench-out-'));
const run = spawnSync(
  '/usr/bin/time',
  [
    '-v',
    'npx',
    'tsx',
    'dev/start.ts',
    '--deals',
    file,
    ...(withSources ? ['--activities', activitiesFile, '--leads', leadsFile] : []),
    '--settings',
    settings,
    '--engine',
    'duckdb',
    '--as-of',
    '2026-11-27',
    '--out',
    out,
  ],
  { encoding: 'utf8', maxBuffer: 1 << 26 },
);
const field = (name: string) => new RegExp(`${name}: (.+)`).exec(run.stderr)?.[1]?.trim() ?? '?';
const rss = Number(field('Maximum resident set size \\(kbytes\\)')) / 1024;
const mib = (path: string) => `${(statSync(path).size / 2 ** 20).toFixed(0)} MiB`;
const what = withSources
  ? `${rows.toLocaleString('en-US')} deals (${mib(file)}), ${(rows * 2).toLocaleString('en-US')} activities (${mib(activitiesFile)}) and ${Math.floor(rows / 3).toLocaleString('en-US')} leads (${mib(leadsFile)})`
  : `${rows.toLocaleString('en-US')} deals (${mib(file)})`;
console.log(`\n## npm start --engine duckdb on ${what}\n`);
console.log('| exit | wall clock | peak memory (RSS) | under 2 GB | engine says |');
console.log('| --- | --- | --- | --- | --- |');
console.log(
  `| ${run.status} | ${field('Elapsed \\(wall clock\\) time \\(h:mm:ss or m:ss\\)')} | ${rss.toFixed(0)} MiB | ${rss < 2048 ? 'yes' : 'NO'} | ${/DuckDB: (.+)/.exec(run.stdout)?.[1] ?? run.stderr.split('\n').slice(0, 3).join(' ')} |`,
);
if (run.status !== 0) process.exitCode = 1;
