// npm start: builds the KPI summary locally, in the host that runs dist/Code.js as Apps Script would,
// on the sample tracker or on your own CSV files. Prints it and writes out/summary.html and
// out/summary.csv. Anything wrong with the input is one line that says what to do, never a stack.
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { createHost, type Host } from './host/index';
import { shownRows, terminalSafe, toCsv, toHtml, toTerminal } from './host/render';
import { FileProblem, jsonErrorAt, lineAndColumn, readCsvFile } from './ownFiles';
import { isOwnedSheetRecord } from './host/ownership';
import { PERIODS, type Period, type Settings } from '../src/settings/schema';
import { parseSettingsDocument } from '../src/settings/document';
import { loadSettings, saveSettings } from '../src/settings/storage';
import { detectColumns, REQUIRED_ROLES, type SourceKind } from '../src/tracker/headers';
import { leadsAndWins, type LeadsAndWins } from '../src/tracker/join';
import { periodRange } from '../src/summary/period';
import { pipelineOrder } from '../src/tracker/pipelines';
import { nameKey } from '../src/tracker/names';
import { summaryText } from '../src/i18n/summary';
import { CsvProblem, sniffCsv, utf8Path, type SniffedCsv } from './engine/csv';

const KINDS: SourceKind[] = ['deals', 'activities', 'leads', 'history'];
const OPTIONS = {
  deals: { type: 'string' },
  activities: { type: 'string' },
  leads: { type: 'string' },
  history: { type: 'string' },
  settings: { type: 'string' },
  period: { type: 'string' },
  'as-of': { type: 'string' },
  locale: { type: 'string' },
  out: { type: 'string' },
  'print-settings': { type: 'boolean' },
  help: { type: 'boolean' },
  engine: { type: 'string' },
} as const;

/** Above this size, the files given together, the summary is made by DuckDB (docs/sql.md): a sheet of them would not fit in memory. */
const DUCKDB_FROM_BYTES = 64 * 1024 * 1024;
/** Rows of a large file put in the sheet to detect its columns and funnel from. */
const HEAD_ROWS = 10_000;

const USAGE = `Usage: npm start -- [--deals deals.csv] [--activities activities.csv] [--leads leads.csv]
                 [--history stage-history.csv] [--settings settings.json] [--period ${PERIODS.join('|')}]
                 [--as-of "YYYY-MM-DD[ hh:mm]"] [--locale en_US|ru_RU] [--out DIR] [--print-settings]
                 [--engine sheet|duckdb]
Without CSV files it inserts the sample tracker. Each file is that source; its columns are detected.
--history is one row per stage a deal entered (amoCRM's event list, Bitrix24's stage history, a log).
The summary is in the files' language unless --locale says otherwise.
A deals file of won deals with no stage and a leads file with no responses, sharing an id (Olist's
mql_id), are joined into one Lead → Won funnel (docs/own-exports.md).
--print-settings prints the detected settings as JSON (a settings.json to edit) and stops.
--engine duckdb summarises with DuckDB (docs/sql.md), chosen by itself when the files are over 64 MB together.`;

/** What the user must fix: one line, and the exit code. */
class Stop extends Error {
  constructor(
    message: string,
    readonly code = 2,
  ) {
    super(message);
  }
}

/** What npm start tells beside the summary: on stdout, or on stderr with --print-settings (stdout is then the JSON alone). */
let say = (line: string) => console.log(terminalSafe(line));

/** Reads a CSV into rows (dev/ownFiles.ts, the same reader as npm run preview). */
function readCsv(path: string, kind: string): string[][] {
  return readCsvFile(path, kind, say);
}

/** A settings.json: JSON (its line and column when it is not), applied over the defaults. */
function readSettingsFile(path: string): { settings: Settings; raw: Record<string, unknown> } {
  if (!existsSync(path)) throw new Stop(`--settings ${path}: no such file.`);
  const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    // V8 names the position of some mistakes only: the place is found by JSON's grammar (ownFiles.ts).
    const { line, column } = lineAndColumn(text, Math.max(0, jsonErrorAt(text)));
    throw new Stop(
      `--settings ${path} is not valid JSON at line ${line}, column ${column}: ${terminalSafe((error as Error).message.split('\n')[0]).slice(0, 120)}`,
    );
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new Stop(`--settings ${path} must hold one JSON object (start from npm start --silent -- --print-settings > settings.json).`);
  const loaded = parseSettingsDocument(JSON.stringify({ version: 1, ...raw }));
  for (const note of loaded.notes)
    if (note.kind === 'repaired') say(`${basename(path)}: ${note.fields.join(', ')} not valid, the defaults used instead.`);
  return { settings: loaded.settings, raw: raw as Record<string, unknown> };
}

/** "2026-11-27" or "2026-11-27 14:30" as this machine's local time. */
function parseAsOf(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2}):(\d{2}))?$/.exec(text.trim());
  const d = m ? new Date(+m[1], +m[2] - 1, +m[3], +(m[4] ?? 12), +(m[5] ?? 0)) : null;
  if (!d || d.getMonth() !== +m![2] - 1) throw new Stop(`--as-of "${text}" is not a date: use YYYY-MM-DD or "YYYY-MM-DD hh:mm".`);
  return d.getTime();
}

/**
 * The locale a summary of these files gets: Russian when their headers and first rows hold more
 * Cyrillic letters than Latin ones (amoCRM's and Bitrix24's exports), English otherwise.
 */
function localeOfData(files: string[][][]): string {
  let cyrillic = 0;
  let latin = 0;
  for (const rows of files) {
    for (const row of rows.slice(0, 21)) {
      for (const cell of row) {
        cyrillic += cell.match(/[а-яё]/gi)?.length ?? 0;
        latin += cell.match(/[a-z]/gi)?.length ?? 0;
      }
    }
  }
  return cyrillic > latin ? 'ru_RU' : 'en_US';
}

/** Which language the summary is in, and why: the data's, or --locale's. */
function languageLine(locale: string, given: boolean): string {
  const russian = /^ru/i.test(locale);
  if (given) return `Summary in ${russian ? 'Russian' : 'English'} (--locale ${locale}).`;
  return russian
    ? 'Summary in Russian: the files are in Russian (add --locale en_US for English).'
    : 'Summary in English: the files are in English (add --locale ru_RU for Russian).';
}

const ROLE_HINTS: Record<string, string> = {
  stage: 'the deal\'s funnel stage, e.g. "Stage", "Этап", "deal_stage"',
  type: 'the activity\'s type, e.g. "Type", "Тип", "activity_type"',
  created: 'when the lead came in, e.g. "Created", "Дата создания", "created_at"',
  responded: 'the first reply, e.g. "Responded", "Первый ответ", "first_response_at"',
  deal: 'the deal\'s id or title, e.g. "Deal ID", "Сделка", "Название"',
  at: 'when the stage was entered, e.g. "Date", "Дата"',
};

/** Unused columns named by their header, at most. */
const UNUSED_NAMED = 12;
/** More distinct values than this in the stage column is not a funnel: a wrong column, or a funnel to give by hand. */
const MAX_DETECTED_STAGES = 15;

/** What each file's columns became, and which were left unused. */
function describeMapping(host: Host, settings: Settings, files: Partial<Record<SourceKind, string>>): void {
  for (const kind of KINDS) {
    const source = settings.sources[kind];
    const file = files[kind];
    if (!source || !file) continue;
    const headers = host.book
      .rows(source.sheet)[0]
      .map((h) => String(h).trim())
      .filter(Boolean);
    const stageDates = source.stageDates ?? [];
    const used = new Set([...Object.values(source.columns), ...source.stageColumns, ...stageDates.map((d) => d.column)]);
    const roles = Object.entries(source.columns).map(([role, header]) => `${role} ← "${header}"`);
    if (source.stageColumns.length) roles.push(`stage dates ← ${source.stageColumns.map((h) => `"${h}"`).join(', ')}`);
    for (const d of stageDates) roles.push(`date of "${d.stage}" ← "${d.column}"`);
    const unused = headers.filter((h) => !used.has(h));
    // A file of 100,000 columns names a few of the unused ones, not all of them.
    const named = unused
      .slice(0, UNUSED_NAMED)
      .map((h) => `"${h.slice(0, 40)}"`)
      .join(', ');
    const more = unused.length > UNUSED_NAMED ? ` and ${(unused.length - UNUSED_NAMED).toLocaleString('en-US')} more` : '';
    say(`${basename(file)} → ${kind}: ${roles.join(', ')}${unused.length ? `; unused: ${named}${more}` : ''}`);
  }
}

/**
 * Olist's two files: a won-deals file with no stage and a leads file with no responses, sharing an
 * id, make one lead → won deals table (src/tracker/join.ts). Says what it did and what it cannot show.
 */
function joinLeadsAndWins(
  csvs: { kind: SourceKind; path: string; rows: string[][] }[],
  files: Partial<Record<SourceKind, string>>,
): LeadsAndWins | null {
  const deals = csvs.find((c) => c.kind === 'deals');
  const leads = csvs.find((c) => c.kind === 'leads');
  if (!deals || !leads || detectColumns('leads', leads.rows[0]).responded !== undefined) return null;
  const joined = leadsAndWins(leads.rows, deals.rows);
  if (!joined) return null;
  deals.rows = joined.rows;
  delete files.leads;
  const count = (n: number) => n.toLocaleString('en-US');
  say(
    `${basename(leads.path)} + ${basename(deals.path)}: ${count(joined.leads)} leads joined on "${joined.key}", ${count(joined.won)} won — one funnel, Lead → Won.`,
  );
  say(
    `Data note: ${basename(deals.path)} holds won deals only, so the ${count(joined.leads - joined.won + joined.wonWithoutLead)} leads it does not hold count as lost at "Lead" (not won by the file's end). Where and why they were lost, the stages between lead and won, and response times cannot be shown.`,
  );
  if (joined.wonWithoutLead)
    say(`Data note: ${count(joined.wonWithoutLead)} won deals have an id no lead has: they count as won, with no lead date.`);
  return joined;
}

/** Columns the won file alone has (Olist's sr_id, declared revenue) describe won deals only: a manager would win 100 %. */
function leaveOutWonOnly(settings: Settings, joined: LeadsAndWins): void {
  const columns = settings.sources.deals?.columns;
  if (!columns) return;
  const left: string[] = [];
  for (const [role, header] of Object.entries(columns)) {
    if (role === 'closed' || role === 'id' || !header || !joined.wonOnly.includes(header)) continue;
    delete columns[role as keyof typeof columns];
    left.push(`${role} ("${header}")`);
  }
  if (left.length)
    say(
      `Data note: ${left.join(', ')} ${left.length === 1 ? 'is' : 'are'} known for won deals only, so ${left.length === 1 ? 'it is' : 'they are'} not used (every manager would show a 100 % win rate).`,
    );
}

/** Where the funnel's order came from; a guessed order is said with how to fix it. */
function describeFunnelOrder(settings: Settings, fromSettings: boolean): void {
  const funnel = settings.funnel;
  if (funnel.length < 2) return;
  const stages = funnel.join(' → ');
  const guess = settings.funnelGuess;
  if (!fromSettings && guess.length === funnel.length && guess.every((g, i) => nameKey(g) === nameKey(funnel[i]))) {
    say(
      `Funnel order GUESSED from stage counts: ${stages}. If it is wrong, give the stages in order in settings.json ("funnel": [...]; start from --print-settings) and add --settings settings.json, or add --history with the stage history.`,
    );
    return;
  }
  const known = pipelineOrder(funnel);
  const from = fromSettings
    ? 'the settings'
    : known
      ? `${known.crm}'s default pipeline`
      : settings.sources.history
        ? 'the order deals move in the stage history'
        : 'the tracker itself (its stage dropdown or stage columns)';
  say(`Funnel order (from ${from}): ${stages}.`);
}

/** A source that cannot be used, in command-line terms. */
function checkUsable(settings: Settings, files: Partial<Record<SourceKind, string>>, fromFile: boolean): void {
  const fix =
    'Write the detected settings with npm start --silent -- <the same files> --print-settings > settings.json, fill it in, and add --settings settings.json.';
  for (const kind of KINDS) {
    const source = settings.sources[kind];
    const file = files[kind];
    if (!source || !file) continue;
    const shapeB = kind === 'deals' && source.stageColumns.length >= 2;
    const missing = REQUIRED_ROLES[kind].filter(
      (role) => !source.columns[role as keyof typeof source.columns] && !(shapeB && role === 'stage'),
    );
    // A file of won deals (a won date, no stage) is half of a lead → won funnel: its leads are the other half.
    const wonOnly =
      kind === 'deals' && missing.includes('stage') && source.columns.closed && !files.leads
        ? ' If it holds won deals only, give the leads they came from too (--leads leads.csv): the two are joined on their shared id.'
        : '';
    if (missing.length)
      throw new Stop(
        `${basename(file)}: no column was recognised as ${missing.map((r) => `${r} (${ROLE_HINTS[r] ?? r})`).join(' or ')}.${wonOnly} ${fix}`,
      );
  }
  if (settings.sources.deals && settings.funnel.length > MAX_DETECTED_STAGES && !fromFile) {
    const column = settings.sources.deals.columns.stage ?? 'stage';
    throw new Stop(
      `${basename(files.deals ?? 'the deals')}: the stage column "${column}" holds ${settings.funnel.length} different values — too many for a funnel. If it is the stage, give the stages in order in settings.json ("funnel": [...]) and add --settings settings.json; if not, map the right column there.`,
    );
  }
  if (settings.sources.deals && settings.funnel.length < 2) {
    throw new Stop(
      `${basename(files.deals ?? 'the deals')}: no funnel could be proposed from its stage column. Give the stages in order in settings.json ("funnel": ["Lead", "Meeting", "Paid"]) and add --settings settings.json.`,
    );
  }
  if (!settings.sources.deals)
    throw new Stop(`The summary needs deals: give --deals deals.csv (the activities and leads files are optional).`);
}

/** A command-line mistake in one line: an option given no value says so, whatever node's words. */
function argumentProblem(error: Error): string {
  const first = error.message.split('\n')[0];
  const option = /'(--[\w-]+)/.exec(first)?.[1];
  if (option && /ambiguous|argument missing/.test(first))
    return `${option} needs a value: e.g. ${option} ${option.slice(2)}${['--deals', '--activities', '--leads'].includes(option) ? '.csv' : option === '--settings' ? '.json' : ''}.`;
  return `${first} Options: ${Object.keys(OPTIONS)
    .map((o) => `--${o}`)
    .join(', ')}.`;
}

/** Which engine summarises: DuckDB when asked, or by itself when the files given are over 64 MB together. */
function chooseEngine(engine: string | undefined, files: Partial<Record<SourceKind, string>>): 'sheet' | 'duckdb' {
  if (engine !== undefined && engine !== 'sheet' && engine !== 'duckdb')
    throw new Stop(`--engine must be sheet or duckdb; got "${engine}".`);
  if (engine === 'duckdb' && !files.deals) throw new Stop('--engine duckdb summarises a deals file: give --deals deals.csv.');
  if (engine) return engine;
  if (!files.deals) return 'sheet';
  const sizes = Object.values(files).map((f) => (f && existsSync(f) ? statSync(f).size : 0));
  const size = sizes.reduce((a, b) => a + b, 0);
  if (size > DUCKDB_FROM_BYTES) {
    const what = sizes.length > 1 ? 'the files are' : `${basename(files.deals)} is`;
    say(`${what} ${Math.round(size / 1024 / 1024)} MB: summarised with DuckDB (--engine duckdb).`);
    return 'duckdb';
  }
  return 'sheet';
}

/** Each file of the DuckDB engine sniffed (encoding, delimiter, its head rows for detection), or the line saying what is wrong. */
function sniffAll(files: Partial<Record<SourceKind, string>>): Partial<Record<SourceKind, SniffedCsv>> {
  const out: Partial<Record<SourceKind, SniffedCsv>> = {};
  for (const [kind, path] of Object.entries(files) as [SourceKind, string][]) {
    if (!existsSync(path) || !statSync(path).isFile()) throw new Stop(`--${kind} ${path}: no such file.`);
    const csv = sniffCsv(path, kind, HEAD_ROWS);
    if (!csv.encoding.startsWith('UTF-8')) say(`${basename(path)}: read as ${csv.encoding === 'Windows-1251' ? csv.encoding : 'UTF-16'}.`);
    out[kind] = csv;
  }
  return out;
}

/** The summary by the DuckDB engine (docs/sql.md): every file as UTF-8 for its reader, the copies removed after. */
async function engineSummary(host: Host, settings: Settings, large: Partial<Record<SourceKind, SniffedCsv>>): Promise<void> {
  const { duckdbFigures, writeEngineSummary, KEEP_ROWS } = await import('./engine/summary');
  const files: Record<string, { path: string; delimiter: string }> = {};
  const copies: string[] = [];
  try {
    for (const [kind, csv] of Object.entries(large) as [SourceKind, SniffedCsv][]) {
      const path = await utf8Path(csv);
      if (path !== csv.path) copies.push(path);
      files[kind] = { path, delimiter: csv.delimiter };
    }
    const built = await duckdbFigures(host, settings, files as Parameters<typeof duckdbFigures>[2]);
    const others = Object.entries(built.sourceRows)
      .filter(([, n]) => n !== undefined)
      .map(([kind, n]) => `, ${n!.toLocaleString('en-US')} ${kind === 'history' ? 'history rows' : kind}`)
      .join('');
    say(
      `DuckDB: ${built.rows.toLocaleString('en-US')} deals${others} loaded in ${built.loadSeconds.toFixed(1)} s, KPIs queried in ${built.querySeconds.toFixed(1)} s.`,
    );
    const limit = KEEP_ROWS.toLocaleString('en-US');
    if (built.partial)
      say(
        `The forecast, loss reasons, cohorts and weekly sections (This week, Trends, Pipeline change) are left out of this summary: above ${limit} deals they are not computed (not in SQL yet, docs/sql.md).`,
      );
    else if (!built.tracker)
      say(
        `The weekly sections (This week, Trends, Pipeline change) are left out of this summary: they are computed from the deals, activities and leads held in memory, up to ${limit} rows each (docs/sql.md).`,
      );
    if (built.workingHours) say('Lead response in working hours is not in SQL: computed from the leads held in memory (docs/sql.md).');
    writeEngineSummary(host, settings, built);
  } finally {
    for (const copy of copies) rmSync(copy, { force: true });
  }
}

async function main(): Promise<number> {
  const { values: args } = parseArgs({ options: OPTIONS, strict: true });
  // With --print-settings stdout is the JSON alone (`> settings.json`): everything else goes to stderr.
  if (args['print-settings']) {
    say = (line) => console.error(terminalSafe(line));
    // Any other line as well (a note added later that prints with console.log): stdout is the JSON's.
    console.log = console.error;
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  if (args.period && !PERIODS.includes(args.period as Period))
    throw new Stop(`--period must be one of ${PERIODS.join(', ')}; got "${args.period}".`);
  const now = args['as-of'] ? parseAsOf(args['as-of']) : Date.now();
  const fromFile = args.settings ? readSettingsFile(args.settings) : null;
  const files: Partial<Record<SourceKind, string>> = {};
  for (const kind of KINDS) if (args[kind]) files[kind] = args[kind];
  const engine = chooseEngine(args.engine, files);
  const large = engine === 'duckdb' ? sniffAll(files) : null;
  let csvs = Object.entries(files).map(([kind, path]) => ({
    kind: kind as SourceKind,
    path: path!,
    rows: large ? large[kind as SourceKind]!.head : readCsv(path!, kind),
  }));
  // Olist's two files, joined in memory: only where the whole deals file was read.
  const joined = large ? null : joinLeadsAndWins(csvs, files);
  if (joined) csvs = csvs.filter((c) => c.kind !== 'leads');

  const locale = args.locale ?? (csvs.length ? localeOfData(csvs.map((c) => c.rows)) : 'en_US');
  if (csvs.length) say(languageLine(locale, args.locale !== undefined));
  const host = createHost({ locale, now });
  if (args['as-of']) say(`As of ${new Date(now).toString().slice(0, 21)} (--as-of).`);
  if (csvs.length === 0) {
    host.run('menuInsertSample');
    if (fromFile) saveSettings(host.documentProperties, fromFile.settings);
  } else {
    const pinned: Partial<Record<SourceKind, string>> = {};
    for (const { kind, path, rows } of csvs) {
      const name = basename(path).replace(/\.csv$/i, '') || kind;
      const sheet = host.book.sheet(name) ? `${name} (${kind})` : name;
      host.setSheet(sheet, rows);
      pinned[kind] = sheet;
    }
    if (fromFile) saveSettings(host.documentProperties, fromFile.settings);
    host.run('detectSources', pinned);
  }
  const loaded = loadSettings(host.documentProperties).settings;
  const period =
    (args.period as Period | undefined) ?? (fromFile && 'period' in fromFile.raw ? loaded.period : csvs.length ? 'all' : loaded.period);
  const settings: Settings = { ...loaded, period };
  if (joined) leaveOutWonOnly(settings, joined);
  saveSettings(host.documentProperties, settings);
  if (csvs.length) describeMapping(host, settings, files);
  if (csvs.length) describeFunnelOrder(settings, Boolean(fromFile?.raw.funnel));
  if (args['print-settings']) {
    process.stdout.write(`${JSON.stringify(settings, null, 2)}\n`);
    return 0;
  }
  if (csvs.length) checkUsable(settings, files, fromFile !== null && fromFile.raw.funnel !== undefined);

  const dialogsBefore = host.ui.dialogs.length;
  if (large) await engineSummary(host, settings, large);
  else host.run('menuBuildSummary');
  const dialogs = host.ui.dialogs.slice(dialogsBefore);
  const summary = host.book.sheets.find((s) => isOwnedSheetRecord(s, 'salesKpi.summary'));
  if (!summary) throw new Stop(`No summary was built: ${dialogs.map((d) => d.text).join(' ') || 'see above'}`, 1);
  const rows = shownRows(host.book, summary);
  console.log(toTerminal(rows, process.stdout.isTTY === true));
  const out = args.out ?? 'out';
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'summary.csv'), toCsv(rows, host.book.locale));
  writeFileSync(join(out, 'summary.html'), toHtml(host.book, summary, rows));
  console.log(
    `\nWrote ${join(out, 'summary.html')} and ${join(out, 'summary.csv')} (sheet "${summary.name}", ${host.calls.total((n) => /^(Spreadsheet|Sheet|Range)\./.test(n))} spreadsheet calls).`,
  );
  const empty = rows.some((r) => r.some((c) => c.text === summaryText.en.noDeals || c.text === summaryText.ru.noDeals));
  if (empty) {
    const range = periodRange(period, host.clock.now() - new Date(host.clock.now()).getTimezoneOffset() * 60_000);
    const day = (t: number) => new Date(t).toISOString().slice(0, 10);
    throw new Stop(
      `No deals were created in the period ${period} (${day(range.from)} – ${day(range.to - 1)}): try --period all, or --as-of a date inside your data.`,
      1,
    );
  }
  return 0;
}

try {
  process.exitCode = await main();
} catch (error) {
  if (error instanceof Stop || error instanceof CsvProblem || error instanceof FileProblem) {
    console.error(terminalSafe(error.message));
    process.exitCode = error instanceof Stop ? error.code : 2;
  } else if ((error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
    console.error(argumentProblem(error as Error));
    process.exitCode = 2;
  } else if (process.env.SALES_KPI_DEBUG) {
    throw error;
  } else {
    // Never a stack trace for a user's file: one line, and how to see the rest.
    console.error(
      `npm start stopped: ${terminalSafe(String((error as Error)?.message ?? error).split('\n')[0]).slice(0, 300)} (SALES_KPI_DEBUG=1 shows where).`,
    );
    process.exitCode = 1;
  }
}
