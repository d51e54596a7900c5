// The summary's team sections: lead response, managers, repeat sales, loss reasons, cohorts and the data notes.
import { fill, fillCount, languageOf, type Language } from '../i18n/language';
import type { SummaryText } from '../i18n/summary';
import type { SkipNote } from '../tracker/table';
import type { ManagerFigure, SummaryFigures } from './figures';
import { weeklyText } from '../i18n/weekly';
import { type ModelCell, COLOURS, PCT, DAYS, INT, type ModelBuilder, num, data, day, spanText, type Ctx } from './modelParts';
import { unmeasurableText } from './modelDeals';

export function leadsSection(b: ModelBuilder, c: Ctx): void {
  const { t, f } = c;
  b.section(t.leads);
  if (!f.leads) {
    b.note(t.noLeads);
    return;
  }
  b.header(t.leadsHeader.map((label) => fill(label, { sla: f.leads!.sla })));
  b.line([
    num(f.leads.medianResponse, DAYS),
    num(f.leads.breachRate, PCT),
    num(f.leads.unanswered, INT),
    num(f.leads.rerouted, INT),
    num(f.leads.escalated, INT),
  ]);
}

export function intervalText(m: ManagerFigure): string | null {
  if (!m.interval) return null;
  return `${(m.interval.low * 100).toFixed(0)}–${(m.interval.high * 100).toFixed(0)}%`;
}

export type ManagerColumn = keyof SummaryText['managersColumns'];

/** The managers table's columns: a column whose source is not mapped, or a plan nobody has, is left out. */
export function managerColumns(f: SummaryFigures): ManagerColumn[] {
  const cols = f.columns;
  const list: (ManagerColumn | false)[] = [
    'name',
    'deals',
    'won',
    'winRate',
    'interval',
    'flag',
    cols.amount && 'wonRevenue',
    cols.amount && cols.revenuePlans && 'revenuePlan',
    cols.amount && cols.revenuePlans && 'revenuePlanFact',
    cols.dealPlans && 'dealsPlan',
    cols.dealPlans && 'dealsPlanFact',
    'meanCycle',
    cols.activities && 'effectiveTouches',
    cols.activities && cols.touchPlans && 'touchPlan',
    cols.activities && cols.touchPlans && 'touchPlanFact',
    cols.activities && cols.touchPlans && 'discipline',
    cols.leads && 'medianResponse',
    cols.leads && 'slaBreaches',
  ];
  return list.filter((x): x is ManagerColumn => x !== false);
}

/** What a head of sales reads at a glance; the rest is in the details block lower down. */
export const GLANCE: ReadonlySet<ManagerColumn> = new Set([
  'name',
  'deals',
  'won',
  'winRate',
  'flag',
  'wonRevenue',
  'revenuePlanFact',
  'dealsPlanFact',
  'touchPlanFact',
  'slaBreaches',
]);

export function managersSection(b: ModelBuilder, c: Ctx, details = false): void {
  const { t, f, money } = c;
  b.section(details ? weeklyText[c.language].details : t.managers);
  if (!f.columns.activities) b.note(t.noActivities);
  if (f.columns.revenuePlans || f.columns.dealPlans || f.columns.touchPlans) b.note(t.plansExplain);
  const all = managerColumns(f);
  const columns = details ? all : all.filter((k) => GLANCE.has(k));
  const header = b.header(columns.map((k) => t.managersColumns[k]));
  const formats: Partial<Record<ManagerColumn, string>> = {
    deals: INT,
    won: INT,
    winRate: PCT,
    wonRevenue: money,
    revenuePlan: money,
    revenuePlanFact: PCT,
    dealsPlan: '#,##0.0',
    dealsPlanFact: PCT,
    meanCycle: DAYS,
    effectiveTouches: INT,
    touchPlan: INT,
    touchPlanFact: PCT,
    discipline: PCT,
    medianResponse: DAYS,
    slaBreaches: INT,
  };
  const cellOf = (
    m: Omit<ManagerFigure, 'name' | 'interval' | 'flag'> & Partial<ManagerFigure>,
    k: ManagerColumn,
    bold = false,
  ): ModelCell => {
    if (k === 'name') return m.name !== undefined ? data(m.name) : { value: t.team, bold: true };
    if (k === 'interval') return { value: m.interval ? intervalText(m as ManagerFigure) : null };
    if (k === 'flag')
      return m.flag
        ? { value: m.flag === 'above' ? t.above : t.below, color: m.flag === 'above' ? COLOURS.above : COLOURS.below, bold: true }
        : { value: null };
    return { value: m[k] as number | null, format: formats[k], bold };
  };
  for (const m of f.managers) b.line(columns.map((k) => cellOf(m, k)));
  b.line(columns.map((k) => cellOf(f.team, k, true)));
  if (f.managers.length && !details) {
    const chartKey = f.columns.amount ? 'wonRevenue' : f.columns.activities ? 'effectiveTouches' : 'deals';
    const rows = f.managers.length + 1;
    b.charts.push({
      type: 'COLUMN',
      title: t.managersChart[chartKey],
      ranges: [
        { row: header, column: 1, rows, columns: 1 },
        { row: header, column: columns.indexOf(chartKey) + 1, rows, columns: 1 },
      ],
      anchor: { row: header, column: b.width + 2 },
    });
  }
}

export function repeatSection(b: ModelBuilder, c: Ctx): void {
  const { t, f } = c;
  b.section(t.repeat);
  if (!f.repeat) {
    b.note(t.noRepeat);
    return;
  }
  b.header(t.repeatHeader);
  b.line([num(f.repeat.rate, PCT), num(f.repeat.revenueShare, PCT), num(f.repeat.clients, INT)]);
}

/** The top reasons get a column in the managers' table of losses; the rest are summed. */
export const TOP_REASONS = 5;

/** Lost deals by reason × stage, then by manager × the top reasons. */
export function lossReasonsSection(b: ModelBuilder, c: Ctx): void {
  const { t, f } = c;
  const loss = f.lossReasons;
  if (loss === undefined) return;
  b.section(t.lossReasons);
  if (!loss) return b.note(t.noLossReasons);
  if (!loss.lost) return b.note(t.noLost);
  b.note(t.lossExplain);
  const reasonCell = (reason: string): ModelCell => (reason === '' ? { value: t.blankReason, color: COLOURS.note } : data(reason));
  b.header([...t.lossHeader, ...loss.stages, ...(loss.unknownStage ? [t.lossStageUnknown] : [])]);
  for (const r of loss.reasons) {
    b.line([
      reasonCell(r.reason),
      num(r.lost, INT),
      num(r.lost / loss.lost, PCT),
      ...r.atStage.map((n) => num(n || null, INT)),
      ...(loss.unknownStage ? [num(r.unknownStage || null, INT)] : []),
    ]);
  }
  const top = loss.reasons.slice(0, TOP_REASONS);
  const managers = new Map<string, number>();
  for (const r of loss.reasons) for (const [name, n] of Object.entries(r.byManager)) managers.set(name, (managers.get(name) ?? 0) + n);
  if (!managers.size) return;
  const rest = loss.reasons.length > top.length;
  b.blank();
  b.header([...t.lossManagersHeader, ...top.map((r) => r.reason || t.blankReason), ...(rest ? [t.lossOtherReasons] : [])]);
  for (const [name, lost] of [...managers].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))) {
    const counts = top.map((r) => r.byManager[name] ?? 0);
    const other = lost - counts.reduce((a, n) => a + n, 0);
    b.line([data(name), num(lost, INT), ...counts.map((n) => num(n || null, INT)), ...(rest ? [num(other || null, INT)] : [])]);
  }
}

/** Decided conversion of each creation month (week), young cohorts marked. */
export function cohortsSection(b: ModelBuilder, c: Ctx): void {
  const { t, f } = c;
  const co = f.cohorts;
  if (co === undefined) return;
  const unit = t.cohortUnits[co?.unit ?? 'month'];
  b.section(fill(t.cohorts, { unit }));
  if (!co) return b.note(t.noCohorts);
  b.note(fill(co.cycleDays === null ? t.cohortsExplainNoCycle : t.cohortsExplain, { unit, days: co.cycleDays ?? '' }));
  b.header(t.cohortsHeader);
  for (const k of co.cohorts) {
    const label = co.unit === 'month' ? day(k.from).slice(0, 7) : spanText(k.from, k.to);
    const faint = k.young ? { color: COLOURS.thin } : {};
    b.line([
      { value: label },
      num(k.deals, INT),
      num(k.won, INT),
      num(k.lost, INT),
      num(k.open, INT),
      { ...num(k.conversion, PCT), ...faint, bold: !k.young },
      k.young ? { value: t.young, color: COLOURS.thin } : { value: null },
    ]);
  }
}

/** A count in words, grouped as the locale writes numbers ("8,800", "8 800"). */
export function countText(n: number, locale: string): string {
  return new Intl.NumberFormat(locale.replace('_', '-')).format(n);
}

/** One data note: what was left out and why, then the first few rows and values concerned. */
export function noteText(t: SummaryText, note: SkipNote, locale = 'en_US', language: Language = languageOf(locale)): string {
  const share = note.of ? `${Math.round((note.rows / note.of) * 100)}%` : '';
  const head = `${t.kinds[note.source]}: ${fillCount(language, t.reasons[note.reason], { rows: countText(note.rows, locale), n: note.rows, column: note.column ?? '', of: countText(note.of ?? 0, locale), share })}`;
  const examples = (note.examples ?? []).map((e) => {
    const value = e.value === null ? '' : `"${e.value}"`;
    return e.row > 0 ? [fill(t.row, { row: e.row }), value].filter(Boolean).join(' ') : value;
  });
  if (!examples.length) return head;
  return `${head} — ${examples.join(', ')}${note.rows > examples.length ? ', …' : ''}`;
}

export function notesSection(b: ModelBuilder, c: Ctx): void {
  const { t, f } = c;
  b.section(t.notes);
  if (!f.notes.length && !f.funnelGuessed && f.measurable) b.note(t.noNotes);
  if (f.funnelGuessed) b.note(fill(t.funnelGuessed, { stages: f.funnelGuessed.join(' → ') }), true);
  if (!f.measurable) b.note(unmeasurableText(c));
  for (const note of f.notes) b.note(noteText(t, note, c.locale, c.language), true);
}

/** A sentence in the first column, its number and money in the last two: the empty cells between let the sentence run on (no merge, no call). */
