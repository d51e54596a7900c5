// npm run bench: prints the figures of docs/performance.md (which keeps the key ones).
import os from 'node:os';
import { benchBundle, benchFunctions, benchHyperFormula, benchRepeatHashing } from './functions';

const quick = process.argv.includes('--quick');
console.log(
  `# Sales KPI benchmarks\n\n${os.cpus()[0]?.model ?? 'unknown CPU'} · ${os.cpus().length} cores · ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB · Node ${process.version}\n`,
);
console.log('## Bundle\n');
console.log(benchBundle());
const { benchCold } = await import('./cold');
console.log('\n## Cold executions: a fresh context, the bundle compiled without cache, one call on 1,000 rows (the spreadsheet in UTC)\n');
console.log(benchCold(1_000, quick ? 5 : 15));
// UTC needs no Intl formatter; most of our users' spreadsheets are in a named zone.
const DATE_FUNCTIONS = ['DEAL_CYCLE', 'STALLED_DEALS', 'RESPONSE_TIME', 'SLA_BREACH_RATE'];
console.log('\n## Cold executions of the date functions with the spreadsheet in Europe/Moscow\n');
console.log(benchCold(1_000, quick ? 5 : 15, 'Europe/Moscow', DATE_FUNCTIONS));
console.log('\n## Custom functions, first call and warm, against a floor that touches every cell they read\n');
console.log(benchFunctions(quick ? [10_000] : [10_000, 100_000, 1_000_000]));
// The table above is in UTC. Most of our users' zones keep one offset for years (Moscow since 2014);
// others change twice a year, and a tracker's dates then straddle the changes.
for (const zone of ['Europe/Moscow', 'Europe/Berlin']) {
  console.log(`\n## The date functions with the spreadsheet in ${zone}\n`);
  console.log(benchFunctions(quick ? [10_000] : [100_000, 1_000_000], 3, zone, DATE_FUNCTIONS));
}
console.log('\n## REPEAT_RATE: the hashing no per-cell floor pays\n');
console.log(benchRepeatHashing(quick ? [10_000] : [100_000, 1_000_000]));
console.log('\n## HyperFormula (a spreadsheet engine) on the native-formula equivalent\n');
console.log(benchHyperFormula(quick ? [10_000] : [10_000, 100_000]));
const { benchLongCells } = await import('./longCells');
console.log('\n## One long cell: the worst shape per function\n');
console.log(benchLongCells());
const { benchWatch } = await import('./watch');
console.log('\n## One lead-watch sweep in the local host (a backlog: 1 lead in 100 past the SLA)\n');
console.log(benchWatch(quick));
const { benchMinute } = await import('./minute');
console.log("\n## A bound script's minute trigger over a day (docs/lead-watch.md › Scheduler and triggers)\n");
console.log(benchMinute(quick));
const { benchSummary } = await import('./summary');
console.log('\n## KPI summary in the local host (Build KPI summary, read → compute → write)\n');
console.log(benchSummary(quick));
