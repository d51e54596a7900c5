// The week in review, pure: the This-week list (at most five actions, each with its number and money),
// the pipeline's movement over a week, and the 12 weeks of trends — from the summary's figures, the
// tracker's dated columns and the weekly record.
import { fill, fillCount, type Language } from '../i18n/language';
import { weeklyText } from '../i18n/weekly';
import { isOpenAt, proratedPlan, wonAt } from '../metrics/money';
import { inPeriod, type Span } from '../metrics/calendar';
import { daysIdle } from '../metrics/stalled';
import { MS_PER_DAY } from '../tracker/dates';
import { nameKey } from '../tracker/names';
import type { SummaryFigures } from '../summary/figures';
import type { TrackerData } from '../summary/sources';
import { recordWeek, type KpiRow, type OpenDealRow } from './record';
import { WEEK } from './weeks';

export interface Action {
  kind: 'weakLink' | 'stalled' | 'breaches' | 'planMissed' | 'growthPoint';
  text: string;
  /** The action's number as shown (a rate, a count). */
  number: string;
  /** What it is worth, in the data's money; null when it has no price. */
  money: number | null;
}

export interface Move {
  count: number;
  money: number;
}

export interface PipelineChange {
  week: number;
  new: Move;
  /** null without the open deals of the week before (the record starts them). */
  advanced: Move | null;
  slipped: Move | null;
  won: Move;
  lost: Move;
  aged: Move;
  agedDays: number;
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

function weakLinkAction(f: SummaryFigures, language: Language): Action | null {
  let best: (typeof f.weakLinks.managers)[number] | null = null;
  for (const m of f.weakLinks.managers) if (m.weakest && (!best || m.weakest.cost > best.weakest!.cost)) best = m;
  if (!best?.weakest) return null;
  const w = best.weakest;
  const values = { manager: best.name, step: w.step, conversion: pct(w.conversion), team: pct(w.team) };
  return {
    kind: 'weakLink',
    text: fill(weeklyText[language].actions.weakLink, values),
    number: pct(w.conversion),
    money: f.columns.amount ? w.cost : null,
  };
}

function stalledAction(f: SummaryFigures, language: Language): Action | null {
  const { stalled } = f;
  if (!stalled.count) return null;
  const deals = (stalled.mostValuable ?? stalled.idlest)
    .slice(0, 3)
    .map((d) => [d.id, d.client, d.manager && `(${d.manager})`].filter(Boolean).join(' '))
    .join(', ');
  return {
    kind: 'stalled',
    text: fillCount(language, weeklyText[language].actions.stalled, { n: stalled.count, deals }),
    number: String(stalled.count),
    money: f.columns.amount && stalled.value !== undefined ? stalled.value : null,
  };
}

function breachesAction(f: SummaryFigures, language: Language): Action | null {
  const by = f.managers.filter((m) => (m.slaBreaches ?? 0) > 0).sort((a, b) => b.slaBreaches! - a.slaBreaches!);
  if (!by.length) return null;
  const total = by.reduce((n, m) => n + m.slaBreaches!, 0);
  const managers = by
    .slice(0, 4)
    .map((m) => `${m.name} ${m.slaBreaches}`)
    .join(', ');
  return { kind: 'breaches', text: fill(weeklyText[language].actions.breaches, { managers }), number: String(total), money: null };
}

function growthAction(f: SummaryFigures, language: Language): Action | null {
  const leak = f.leaks.find((l) => l.growthPoint);
  if (!leak || !(leak.gainAt5pp > 0)) return null;
  return {
    kind: 'growthPoint',
    text: fill(weeklyText[language].actions.growthPoint, { step: `${leak.from} → ${leak.to}` }),
    number: '+5 pp',
    money: leak.gainAt5pp,
  };
}

/**
 * A plan missed in both of the last two weeks, worst first: touches against the weekly plan, deals
 * and revenue against the monthly plans prorated to each week. Money: the revenue short of plan.
 */
function planMissedAction(data: TrackerData, lastTwo: KpiRow[], lastWeek: number, language: Language): Action | null {
  const t = weeklyText[language];
  const weeks = [lastWeek - WEEK, lastWeek];
  const fact = (manager: string, kpi: KpiRow['kpi'], week: number) =>
    lastTwo.find((r) => r.week === week && nameKey(r.manager) === nameKey(manager) && r.kpi === kpi && r.step === '')?.value ?? 0;
  const missed: { manager: string; plan: string; facts: string; short: number }[] = [];
  for (const plan of data.settings.plans) {
    const checks: [string, KpiRow['kpi'], (w: number) => number][] = [
      [t.plans.touches, 'effectiveTouches', () => plan.touchesPerWeek],
      [t.plans.deals, 'deals', (w) => proratedPlan(plan.dealsPerMonth, { from: w, to: w + WEEK })],
      [t.plans.revenue, 'wonRevenue', (w) => proratedPlan(plan.revenuePerMonth, { from: w, to: w + WEEK })],
    ];
    for (const [name, kpi, target] of checks) {
      if (kpi === 'effectiveTouches' && !data.activities) continue;
      if (!(target(lastWeek) > 0) || !weeks.every((w) => fact(plan.manager, kpi, w) < target(w))) continue;
      const short = kpi === 'wonRevenue' ? weeks.reduce((s, w) => s + target(w) - fact(plan.manager, kpi, w), 0) : 0;
      missed.push({
        manager: plan.manager,
        plan: name,
        facts: weeks.map((w) => `${Math.round(fact(plan.manager, kpi, w))}/${Math.round(target(w))}`).join(', '),
        short,
      });
    }
  }
  if (!missed.length) return null;
  missed.sort((a, b) => b.short - a.short);
  const first = missed[0];
  const money = missed.reduce((s, m) => s + m.short, 0);
  return {
    kind: 'planMissed',
    text: fill(t.actions.planMissed, first) + (missed.length > 1 ? ` +${missed.length - 1}` : ''),
    number: String(missed.length),
    money: money > 0 ? money : null,
  };
}

/** At most five: one of each kind there is, the ones worth most money first. */
export function thisWeekActions(f: SummaryFigures, data: TrackerData, lastTwo: KpiRow[], lastWeek: number, language: Language): Action[] {
  const all = [
    weakLinkAction(f, language),
    stalledAction(f, language),
    breachesAction(f, language),
    planMissedAction(data, lastTwo, lastWeek, language),
    growthAction(f, language),
  ];
  return all
    .filter((a): a is Action => a !== null)
    .sort((a, b) => (b.money ?? -1) - (a.money ?? -1))
    .slice(0, 5);
}

const add = (move: Move, amount: number) => {
  move.count++;
  move.money += amount;
};
const none = (): Move => ({ count: 0, money: 0 });

/** Deals advanced or slipped back between two weekly pictures of the open deals (and the won and lost of the week count as neither). */
function stageMoves(data: TrackerData, before: OpenDealRow[], after: OpenDealRow[]): { advanced: Move; slipped: Move } {
  const index = (stage: string) => data.funnel.indexOf.get(nameKey(stage)) ?? -1;
  const then = new Map(before.map((d) => [d.id, index(d.stage)]));
  const advanced = none();
  const slipped = none();
  for (const d of after) {
    const was = then.get(d.id);
    const is = index(d.stage);
    if (was === undefined || was < 0 || is < 0 || was === is) continue;
    add(is > was ? advanced : slipped, d.amount);
  }
  return { advanced, slipped };
}

/** The week's movement: new, advanced, slipped back, won, lost, and open deals that went past the idle threshold during it. */
export function pipelineChange(data: TrackerData, week: number, before: OpenDealRow[] | null, after: OpenDealRow[] | null): PipelineChange {
  const { deals } = data;
  const span: Span = { from: week, to: week + WEEK };
  const days = data.settings.stalledDays;
  const change = { new: none(), won: none(), lost: none(), aged: none() };
  for (let r = 0; r < deals.length; r++) {
    if (deals.furthest[r] < 0) continue;
    const amount = deals.amount[r];
    if (inPeriod(deals.created[r], span)) add(change.new, amount);
    if (deals.status[r] === 'won' && inPeriod(wonAt(deals, r), span)) add(change.won, amount);
    if (deals.status[r] === 'lost' && inPeriod(deals.closed[r], span)) add(change.lost, amount);
    let last = deals.hasLastActivity ? deals.lastActivity[r] : NaN;
    if (last !== last) last = deals.stageChanged[r];
    if (last !== last) last = deals.created[r];
    const agedAt = last + days * MS_PER_DAY;
    if (last === last && inPeriod(agedAt, span) && isOpenAt(deals, r, span.to - 1) && daysIdle(last, span.to - 1) > days)
      add(change.aged, amount);
  }
  const moves = before && after ? stageMoves(data, before, after) : null;
  return { week, ...change, advanced: moves?.advanced ?? null, slipped: moves?.slipped ?? null, agedDays: days };
}

/** The weeks of the trends, oldest first, the last the one just ended. */
export function trendWeeks(lastWeek: number, count = 12): number[] {
  return Array.from({ length: count }, (_, i) => lastWeek - (count - 1 - i) * WEEK);
}

/** The history's rows for `weeks`, each week the history lacks recomputed from the dated columns. */
export function historyFor(data: TrackerData, history: KpiRow[], weeks: number[]): KpiRow[] {
  const have = new Set(history.map((r) => r.week));
  const wanted = new Set(weeks);
  return [...history.filter((r) => wanted.has(r.week)), ...weeks.filter((w) => !have.has(w)).flatMap((w) => recordWeek(data, w))];
}
