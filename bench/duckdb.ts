// Benchmark of npm start --engine duckdb on a generated deals export (10 million rows unless told):
// wall time and peak memory of the whole process, measured by /usr/bin/time -v. Run it alone:
//   npx tsx bench/duckdb.ts [rows]        (writes the CSV once into the temporary folder)
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const rows = Number(process.argv[2] ?? 10_000_000);
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

const file = join(tmpdir(), `sales-kpi-bench-deals-${rows}.csv`);
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
      plans: [{ manager: 'Manager 7', dealsPerMonth: 400, revenuePerMonth: 2e6 }],
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
console.log(
  `\n## npm start --engine duckdb on ${rows.toLocaleString('en-US')} deals (${(statSync(file).size / 2 ** 20).toFixed(0)} MiB)\n`,
);
console.log('| exit | wall clock | peak memory (RSS) | under 2 GB | engine says |');
console.log('| --- | --- | --- | --- | --- |');
console.log(
  `| ${run.status} | ${field('Elapsed \\(wall clock\\) time \\(h:mm:ss or m:ss\\)')} | ${rss.toFixed(0)} MiB | ${rss < 2048 ? 'yes' : 'NO'} | ${/DuckDB: (.+)/.exec(run.stdout)?.[1] ?? run.stderr.split('\n').slice(0, 3).join(' ')} |`,
);
if (run.status !== 0) process.exitCode = 1;
