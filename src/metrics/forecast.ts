// The revenue forecast of a period (docs/forecast.md): won so far + each open deal × its chance to be
// won by the period's end + what the period's not-yet-created deals usually bring, with an 80 % range.
import { MS_PER_DAY } from '../tracker/dates';
import type { Status } from '../tracker/statuses';
import { normalQuantile, percentileSorted, wilsonInterval, type Interval } from './stats';

/** Fewer decided deals than this at a stage: its chance is uncertain — the range is widened and says so. */
export const MIN_DECIDED_FOR_FORECAST = 20;
/** Past periods of the same length looked at: for the chances, the new deals' revenue and the forecast's own error. */
export const LOOKBACK = 3;
/** The forecast's relative error when no past period can check it (too little history): a wide range. */
export const UNCHECKED_ERROR = 0.25;
const Z80 = normalQuantile(0.9);

/**
 * One deal as the forecast sees it: what it became, and when it entered the stages that have dates.
 * A stage-history source can give every entry its date; a tracker gives the stage-date columns it has.
 */
export interface DealPath {
  /** Wall time; NaN when unknown. */
  created: number;
  /** Stages entered on a known date (wall time), any order. */
  dated: readonly { stage: number; at: number }[];
  /** The furthest stage the data shows (-1: left out of every figure). */
  furthest: number;
  /** For a lost deal, the stage it was lost at; -1 when unknown. */
  lostAt: number;
  status: Status;
  /** When it was won or lost; NaN when unknown (a closed deal without a date counts as closed long ago). */
  closed: number;
  /** 0 when unknown. */
  amount: number;
  /** The date the deal is planned to close (an export's expected close date); NaN when none. */
  expectedClose: number;
}

/** Where an open deal stood at a moment: its stage, its age and how long it had been at its stage, in days (NaN when unknown). */
export interface DealState {
  stage: number;
  age: number;
  stageAge: number;
}

/**
 * When a deal entered a stage, as far as its dates say: that stage's date, else the latest dated
 * stage before it, else its created date (NaN when none is known). Only dates before `t` count.
 * @example enteredAt({ created: 0, dated: [{ stage: 1, at: 5 }], furthest: 2, lostAt: -1, status: 'won', closed: 9, amount: 1, expectedClose: NaN }, 2, Infinity) // 5
 */
export function enteredAt(path: DealPath, stage: number, t: number): number {
  let at = path.created;
  let from = -1;
  for (const d of path.dated) if (d.stage <= stage && d.stage > from && d.at < t) (at = d.at), (from = d.stage);
  return at;
}

/** What is known of the data: the stages, its latest date (the export's moment), whether undated deals existed all along. */
export interface ForecastData {
  paths: readonly DealPath[];
  stageCount: number;
  /**
   * The moment of the export: the latest date in the data. Before it a stage without a date is not known
   * to have been reached; from it on, the stage column is what it says.
   */
  snapshot: number;
  /** No deal has a created date: every deal is taken to have existed all along (with an unknown age). */
  undatedExist: boolean;
}

/**
 * The latest date in the paths: when the export was made, as far as the data can tell.
 * @example snapshotOf([{ created: 1, dated: [{ stage: 1, at: 5 }], furthest: 1, lostAt: -1, status: 'open', closed: NaN, amount: 0, expectedClose: NaN }]) // 5
 */
export function snapshotOf(paths: readonly DealPath[]): number {
  let latest = -Infinity;
  for (const p of paths) {
    if (p.created > latest) latest = p.created;
    if (p.closed > latest) latest = p.closed;
    for (const d of p.dated) if (d.at > latest) latest = d.at;
  }
  return latest;
}

/**
 * A deal as it stood at moment `t`, from what was known then: null when it did not exist yet or was
 * already won or lost. A deal closed later was open then, at the furthest stage it had entered by `t`
 * (a stage without a date counts only from the export's moment on), never at the last stage.
 * @example stateAt({ created: 0, dated: [{ stage: 1, at: 2 * 86_400_000 }], furthest: 2, lostAt: -1, status: 'won', closed: 9 * 86_400_000, amount: 5, expectedClose: NaN }, 3, 5 * 86_400_000, 99 * 86_400_000, false)
 * // { stage: 1, age: 5, stageAge: 3 } — won on day 9, so open on day 5, at the stage it entered on day 2
 */
export function stateAt(path: DealPath, stageCount: number, t: number, snapshot: number, undatedExist: boolean): DealState | null {
  if (path.furthest < 0) return null;
  const created = path.created;
  if (created === created ? !(created < t) : !undatedExist) return null;
  if (path.status !== 'open' && !(path.closed >= t)) return null;
  let stage = 0;
  for (const d of path.dated) if (d.at < t && d.stage > stage) stage = d.stage;
  if (t >= snapshot && path.status === 'open' && path.furthest > stage) stage = path.furthest;
  stage = Math.min(stage, Math.max(0, stageCount - 2));
  return { stage, age: (t - created) / MS_PER_DAY, stageAge: (t - enteredAt(path, stage, t)) / MS_PER_DAY };
}

/** A stage's decided deals (won or lost by the as-of date, among those that reached it) and its chance to be won at all. */
export interface StageChance {
  won: number;
  lost: number;
  /** won ÷ (won + lost); null when none is decided. */
  rate: number | null;
  /** 80 % Wilson interval of the rate — 95 % when the stage is thin. */
  interval: Interval | null;
  /** Fewer than MIN_DECIDED_FOR_FORECAST decided deals. */
  thin: boolean;
}

/** The deals that were open at the start of the past periods, by age band, and how many were won within the period. */
export interface AgeBand {
  /** Ages (days) from, to. */
  from: number;
  to: number;
  deals: number;
  won: number;
}

export interface WinChances {
  stages: StageChance[];
  /** Decided by the as-of date, all stages: the rate a stage without decided deals falls back to. */
  overall: number | null;
  bands: AgeBand[];
  /** The mean chance to be won at all (their stage's rate) of the deals in the bands: what the bands' rates are relative to. */
  referenceRate: number;
  /** Past periods of the same length looked at (those after the first created date). */
  windows: number;
  /** Per stage, won deals' days from entering it to being won, sorted: the timing when no past period has deals. */
  cycles: Float64Array[];
  /** Per past period: the revenue (or count) of the deals created and won within it. */
  newRevenue: number[];
  /** Per group (manager), the same. */
  newRevenueOf: Map<string, number[]>;
}

function stageChances(data: ForecastData, asOf: number): { stages: StageChance[]; overall: number | null } {
  const n = data.stageCount;
  // Decided deals counted at every stage up to where they got: a difference array keeps it one pass.
  const won = new Array<number>(n + 1).fill(0);
  const lost = new Array<number>(n + 1).fill(0);
  let allWon = 0;
  let allLost = 0;
  for (const p of data.paths) {
    if (p.furthest < 0 || p.status === 'open' || p.closed >= asOf || p.created >= asOf) continue;
    if (p.status === 'won') {
      allWon++;
      won[0]++;
      won[n]--;
    } else {
      // Lost where nothing says: lost at every stage it may have been at (no stage looks surer than it is).
      allLost++;
      lost[0]++;
      lost[(p.lostAt >= 0 ? p.lostAt : n - 1) + 1]--;
    }
  }
  const stages: StageChance[] = [];
  let w = 0;
  let l = 0;
  for (let s = 0; s < n; s++) {
    w += won[s];
    l += lost[s];
    const decided = w + l;
    const thin = decided < MIN_DECIDED_FOR_FORECAST;
    stages.push({
      won: w,
      lost: l,
      rate: decided ? w / decided : null,
      interval: decided ? wilsonInterval(w, decided, thin ? 0.95 : 0.8) : null,
      thin,
    });
  }
  return { stages, overall: allWon + allLost ? allWon / (allWon + allLost) : null };
}

/** Band edges in days: the won deals' cycle at p25, p50, p75 and p90 (distinct, increasing). */
function bandEdges(cycles: Float64Array): number[] {
  const edges: number[] = [];
  if (!cycles.length) return edges;
  for (const q of [0.25, 0.5, 0.75, 0.9]) {
    const e = percentileSorted(cycles, q);
    if (!edges.length || e > edges[edges.length - 1]) edges.push(e);
  }
  return edges;
}

function bandOf(bands: readonly AgeBand[], age: number): number {
  if (age !== age) return -1;
  let b = 0;
  while (b + 1 < bands.length && age >= bands[b].to) b++;
  return b;
}

/** The earliest created date of the paths (Infinity when none). */
function earliestOf(paths: readonly DealPath[]): number {
  let e = Infinity;
  for (const p of paths) if (p.created < e) e = p.created;
  return e;
}

/** The value a deal counts for: its amount, else the average won deal; 1 each in a deal-count forecast. */
export type ValueOf = (path: DealPath) => number;

/**
 * Learns each open deal's chance to be won within `horizon` from what was known at `asOf`: per stage,
 * the decided deals' win rate with its Wilson interval; per age band, what became of the deals open at
 * the start of each of the last LOOKBACK periods of the same length (won within it, or not); and the
 * revenue the deals created within each such period brought by its end. Takes deal paths, so a stage
 * history can feed it as well as a tracker's columns.
 * @example learnWinChances(data, Date.UTC(2017, 3, 1), 91 * 86_400_000, (p) => p.amount).stages[1].rate // 0.64 on Maven's pipeline
 */
export function learnWinChances(
  data: ForecastData,
  asOf: number,
  horizon: number,
  dealValue: ValueOf,
  groupOf?: (i: number) => string,
): WinChances {
  const { stages, overall } = stageChances(data, asOf);
  // The won deals' cycle from each stage (from created for the first): the age bands and the fallback timing.
  const cycles: number[][] = Array.from({ length: data.stageCount }, () => []);
  for (const p of data.paths) {
    if (p.furthest < 0 || p.status !== 'won' || !(p.closed < asOf)) continue;
    for (let s = 0; s < data.stageCount; s++) {
      const entered = s === 0 ? p.created : enteredAt(p, s, Infinity);
      if (entered === entered) cycles[s].push((p.closed - entered) / MS_PER_DAY);
    }
  }
  const sorted = cycles.map((c) => Float64Array.from(c).sort());
  const edges = bandEdges(sorted[0] ?? new Float64Array());
  const bands: AgeBand[] = [0, ...edges].map((from, i) => ({ from, to: edges[i] ?? Infinity, deals: 0, won: 0 }));
  const earliest = earliestOf(data.paths);
  let referenceSum = 0;
  let windows = 0;
  const newRevenue: number[] = [];
  const newRevenueOf = new Map<string, number[]>();
  for (let j = 1; j <= LOOKBACK; j++) {
    const start = asOf - j * horizon;
    const end = start + horizon;
    if (!(start > earliest)) break;
    windows++;
    let fresh = 0;
    const freshOf = new Map<string, number>();
    data.paths.forEach((p, i) => {
      const wonInside = p.furthest >= 0 && p.status === 'won' && p.closed >= start && p.closed < end;
      if (wonInside && p.created >= start && p.created < end) {
        const v = dealValue(p);
        fresh += v;
        if (groupOf) freshOf.set(groupOf(i), (freshOf.get(groupOf(i)) ?? 0) + v);
      }
      const state = stateAt(p, data.stageCount, start, data.snapshot, false);
      if (!state) return;
      const band = bands[bandOf(bands, state.age)];
      band.deals++;
      if (wonInside) band.won++;
      referenceSum += stages[state.stage].rate ?? overall ?? 0;
    });
    newRevenue.push(fresh);
    if (groupOf) {
      for (const key of newRevenueOf.keys()) if (!freshOf.has(key)) freshOf.set(key, 0);
      for (const [key, v] of freshOf) {
        const list = newRevenueOf.get(key) ?? new Array<number>(windows - 1).fill(0);
        list.push(v);
        newRevenueOf.set(key, list);
      }
    }
  }
  const referenceDeals = bands.reduce((s, b) => s + b.deals, 0);
  return {
    stages,
    overall,
    bands,
    referenceRate: referenceDeals ? referenceSum / referenceDeals : 0,
    windows,
    cycles: sorted,
    newRevenue,
    newRevenueOf,
  };
}

/** Where a deal's chance came from: an age band of the past periods (or all of them), or the won deals' cycle. */
export type ChanceSource = { kind: 'band'; band: number } | { kind: 'pooled' } | { kind: 'cycle' } | { kind: 'planned' };

/**
 * An open deal's chance to be won by the period's end: planned to close inside the period → its stage's
 * win rate, after it → 0; else its stage's win rate × (what became of the deals of its age in the past
 * periods ÷ their own mean win rate); with no past period, its stage's rate × the share of won deals'
 * cycles from its stage that end within the period, of those longer than its time at the stage.
 * @example chanceOf(chances, { stage: 1, age: 10 }, NaN, asOf, end, 91 * 86_400_000).chance // 0.43
 */
export function chanceOf(
  chances: WinChances,
  state: DealState,
  expectedClose: number,
  asOf: number,
  end: number,
  horizon: number,
): { chance: number; source: ChanceSource } {
  const rate = chances.stages[state.stage]?.rate ?? chances.overall ?? 0;
  if (expectedClose === expectedClose && expectedClose >= asOf)
    return { chance: expectedClose < end ? rate : 0, source: { kind: 'planned' } };
  const referenceDeals = chances.bands.reduce((s, b) => s + b.deals, 0);
  if (referenceDeals >= MIN_DECIDED_FOR_FORECAST) {
    const b = bandOf(chances.bands, state.age);
    const band = b >= 0 ? chances.bands[b] : null;
    const pooled = band === null || band.deals < MIN_DECIDED_FOR_FORECAST;
    const won = pooled ? chances.bands.reduce((s, x) => s + x.won, 0) : band.won;
    const deals = pooled ? referenceDeals : band.deals;
    const lift = chances.referenceRate > 0 ? rate / chances.referenceRate : 1;
    return { chance: Math.min(rate, (won / deals) * lift), source: pooled ? { kind: 'pooled' } : { kind: 'band', band: b } };
  }
  const fromStage = chances.cycles[state.stage]?.length ? state.stageAge : state.age;
  return {
    chance:
      rate *
      timingShare(
        chances.cycles[state.stage]?.length ? chances.cycles[state.stage] : (chances.cycles[0] ?? new Float64Array()),
        fromStage,
        horizon / MS_PER_DAY,
      ),
    source: { kind: 'cycle' },
  };
}

/** Of the won cycles longer than `age` days, the share that end within `days` more (all of them when the age is unknown). */
function timingShare(cycles: Float64Array, age: number, days: number): number {
  if (!cycles.length) return 1;
  const from = age === age ? age : 0;
  let longer = 0;
  let within = 0;
  for (const c of cycles) {
    if (c < from) continue;
    longer++;
    if (c < from + days) within++;
  }
  return longer ? within / longer : 0;
}

/** The period forecast and the moment it is made at (wall times; the as-of moment counts from its day's start). */
export interface ForecastSpan {
  from: number;
  /** Exclusive end. */
  to: number;
  asOf: number;
}

/** A point and its 80 % range, and what makes it up. */
export interface ForecastFigure {
  point: number;
  low: number;
  high: number;
  wonSoFar: number;
  /** Σ open deals × their chance to be won by the period's end. */
  fromOpen: number;
  /** What the period's not-yet-created deals usually bring: the mean of the last periods of the same length. */
  fromNew: number;
  openDeals: number;
  /** The open deals' value (a deal without an amount at the average won deal). */
  openValue: number;
}

export interface StageForecast extends StageChance {
  open: number;
  /** Σ open deals here × their chance. */
  expected: number;
}

export interface Forecast extends ForecastFigure {
  /** The as-of day's start and the period's end. */
  asOf: number;
  to: number;
  /** A count of won deals, not revenue: the data has no amounts. */
  count: boolean;
  /** The forecast's relative error on the past periods it could be checked on (RMS), or UNCHECKED_ERROR. */
  error: number;
  checked: number;
  /** Past periods of the same length the chances and the new deals' revenue were learned from. */
  windows: number;
  /** How the chances were timed: past periods' deals by age, or (too little history) the won deals' cycle. */
  timing: 'periods' | 'cycle';
  stages: StageForecast[];
  /** Stages holding open deals with fewer than MIN_DECIDED_FOR_FORECAST decided deals: their range is widened. */
  thin: number[];
  /** Open deals with no created date while others have one: when they began is unknown, so they are left out. */
  undated: number;
  groups: Map<string, ForecastFigure>;
}

export interface ForecastOptions {
  /** No amounts: forecast the count of won deals. */
  count?: boolean;
  /** Each path's group (its manager's key), for a forecast per manager. */
  groupOf?: (i: number) => string;
}

/** Sums per scope (the team is ''): the point's parts and the variance's. */
interface Tally {
  wonSoFar: number;
  fromOpen: number;
  openDeals: number;
  openValue: number;
  bernoulli: number;
  /** Σ value × chance per source of uncertainty (a stage's rate, an age band's rate). */
  shared: Map<string, number>;
}

const newTally = (): Tally => ({ wonSoFar: 0, fromOpen: 0, openDeals: 0, openValue: 0, bernoulli: 0, shared: new Map() });
const dayOf = (t: number) => Math.floor(t / MS_PER_DAY) * MS_PER_DAY;

function valueFunction(data: ForecastData, asOf: number, count: boolean): { dealValue: ValueOf; average: number } {
  if (count) return { dealValue: () => 1, average: 1 };
  let sum = 0;
  let n = 0;
  for (const p of data.paths) if (p.status === 'won' && p.closed < asOf && p.amount > 0) (sum += p.amount), n++;
  const average = n ? sum / n : 0;
  return { dealValue: (p) => (p.amount > 0 ? p.amount : average), average };
}

/** Relative standard deviation of a rate from its 80 % interval. */
function relativeSd(interval: Interval | null, rate: number | null): number {
  if (!interval || !rate) return 0;
  // A thin stage's interval is the 95 % one, read as if it were 80 %: the widening.
  return (interval.high - interval.low) / (2 * Z80) / rate;
}

interface Expectation {
  team: Tally;
  groups: Map<string, Tally>;
  chances: WinChances;
  stageOpen: { open: number; expected: number }[];
  dealValue: ValueOf;
  average: number;
}

function expectation(data: ForecastData, span: ForecastSpan, options: ForecastOptions): Expectation {
  const asOf = span.asOf;
  const horizon = span.to - asOf;
  const { dealValue, average } = valueFunction(data, asOf, options.count === true);
  const chances = learnWinChances(data, asOf, horizon, dealValue, options.groupOf);
  const team = newTally();
  const groups = new Map<string, Tally>();
  const groupTally = (key: string) => {
    let t = groups.get(key);
    if (!t) groups.set(key, (t = newTally()));
    return t;
  };
  const stageOpen = Array.from({ length: data.stageCount }, () => ({ open: 0, expected: 0 }));
  data.paths.forEach((p, i) => {
    const scopes = options.groupOf ? [team, groupTally(options.groupOf(i))] : [team];
    if (p.furthest >= 0 && p.status === 'won' && p.closed < asOf && (p.closed === p.closed ? p.closed : p.created) >= span.from) {
      for (const t of scopes) t.wonSoFar += dealValue(p);
      return;
    }
    const state = stateAt(p, data.stageCount, asOf, data.snapshot, data.undatedExist);
    if (!state) return;
    const { chance, source } = chanceOf(chances, state, p.expectedClose, asOf, span.to, horizon);
    const v = dealValue(p);
    const expected = v * chance;
    stageOpen[state.stage].open++;
    stageOpen[state.stage].expected += expected;
    const keys = [`stage ${state.stage}`, source.kind === 'band' ? `band ${source.band}` : source.kind];
    for (const t of scopes) {
      t.openDeals++;
      t.openValue += v;
      t.fromOpen += expected;
      t.bernoulli += v * v * chance * (1 - chance);
      for (const k of keys) t.shared.set(k, (t.shared.get(k) ?? 0) + expected);
    }
  });
  return { team, groups, chances, stageOpen, dealValue, average };
}

const meanOf = (xs: readonly number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

/** The forecast made one, two, three periods back, against what was then won: its relative error (RMS, each capped at 100 %). */
function pastError(data: ForecastData, span: ForecastSpan, options: ForecastOptions): { error: number; checked: number } {
  const horizon = span.to - span.asOf;
  const earliest = earliestOf(data.paths);
  const errors: number[] = [];
  for (let j = 1; j <= LOOKBACK; j++) {
    const asOf = span.asOf - j * horizon;
    if (!(asOf - horizon > earliest)) break;
    const past = expectation(data, { from: asOf, to: asOf + horizon, asOf }, { count: options.count });
    const forecast = past.team.wonSoFar + past.team.fromOpen + meanOf(past.chances.newRevenue);
    let actual = 0;
    for (const p of data.paths)
      if (p.furthest >= 0 && p.status === 'won' && p.closed >= asOf && p.closed < asOf + horizon) actual += past.dealValue(p);
    errors.push(actual > 0 ? Math.max(-1, Math.min(1, (forecast - actual) / actual)) : forecast > 0 ? 1 : 0);
  }
  if (!errors.length) return { error: UNCHECKED_ERROR, checked: 0 };
  return { error: Math.sqrt(meanOf(errors.map((e) => e * e))), checked: errors.length };
}

function sourceSd(chances: WinChances, key: string): number {
  if (key.startsWith('stage ')) {
    const s = chances.stages[Number(key.slice(6))];
    return relativeSd(s.interval, s.rate);
  }
  const deals = chances.bands.reduce((a, b) => a + b.deals, 0);
  const won = chances.bands.reduce((a, b) => a + b.won, 0);
  const band = key.startsWith('band ') ? chances.bands[Number(key.slice(5))] : key === 'pooled' ? { deals, won } : null;
  if (!band?.deals || !band.won) return 0;
  return relativeSd(wilsonInterval(band.won, band.deals, 0.8), band.won / band.deals);
}

/** The figure of the team (group null) or of one group. */
function figureOf(e: Expectation, group: string | null, error: number): ForecastFigure {
  const t = group === null ? e.team : (e.groups.get(group) ?? newTally());
  const fresh = group === null ? e.chances.newRevenue : (e.chances.newRevenueOf.get(group) ?? []);
  const fromNew = meanOf(fresh);
  const point = t.wonSoFar + t.fromOpen + fromNew;
  let variance = t.bernoulli;
  for (const [source, sum] of t.shared) variance += (sum * sourceSd(e.chances, source)) ** 2;
  // The new deals' spread: across the past periods, or (one period) as a count of average deals would vary.
  variance += fresh.length >= 2 ? fresh.reduce((s, x) => s + (x - fromNew) ** 2, 0) / (fresh.length - 1) : fromNew * e.average;
  variance += (error * (t.fromOpen + fromNew)) ** 2;
  const half = Z80 * Math.sqrt(variance);
  return {
    point,
    low: Math.max(t.wonSoFar, point - half),
    high: point + half,
    wonSoFar: t.wonSoFar,
    fromOpen: t.fromOpen,
    fromNew,
    openDeals: t.openDeals,
    openValue: t.openValue,
  };
}

/**
 * The period's forecast as of a day: won so far + Σ open deals × their chance to be won by the period's
 * end (learnWinChances) + the mean revenue of the deals created and won within each of the last
 * periods of the same length. The 80 % range is a normal approximation: each deal won or not
 * (Bernoulli), each stage's and age band's rate uncertain as its Wilson interval says (all the deals
 * sharing a rate move together), the new deals as they varied, and the forecast's own error on the past
 * periods. Deterministic: the same data and day give the same figures.
 * @example forecastRevenue(maven, { from: Date.UTC(2017, 3, 1), to: Date.UTC(2017, 6, 1), asOf: Date.UTC(2017, 3, 1) }).point // ≈ 2.6 million against 3.09 won
 */
export function forecastRevenue(data: ForecastData, span: ForecastSpan, options: ForecastOptions = {}): Forecast {
  const asOf = dayOf(span.asOf);
  const at = { ...span, asOf };
  const e = expectation(data, at, options);
  const { error, checked } = pastError(data, at, options);
  const team = figureOf(e, null, error);
  const groups = new Map<string, ForecastFigure>();
  for (const key of [...e.groups.keys(), ...e.chances.newRevenueOf.keys()]) if (!groups.has(key)) groups.set(key, figureOf(e, key, error));
  const stages = e.chances.stages.map((s, i) => ({ ...s, ...e.stageOpen[i] }));
  let undated = 0;
  if (!data.undatedExist) for (const p of data.paths) if (p.furthest >= 0 && p.status === 'open' && p.created !== p.created) undated++;
  const referenceDeals = e.chances.bands.reduce((a, b) => a + b.deals, 0);
  return {
    ...team,
    asOf,
    to: span.to,
    count: options.count === true,
    error,
    checked,
    windows: e.chances.windows,
    timing: referenceDeals >= MIN_DECIDED_FOR_FORECAST ? 'periods' : 'cycle',
    stages,
    thin: stages.flatMap((s, i) => (s.open > 0 && s.thin ? [i] : [])),
    undated,
    groups,
  };
}

/** A deals table's columns the forecast reads (the summary's DealsTable has them; so does FORECAST_REVENUE). */
export interface PathColumns {
  length: number;
  furthest: ArrayLike<number>;
  lostAt: ArrayLike<number>;
  status: ArrayLike<Status>;
  created: ArrayLike<number>;
  closed: ArrayLike<number>;
  amount: ArrayLike<number>;
  /** NaN where none; absent when no such column. */
  expectedClose?: ArrayLike<number>;
  /** The stage-date columns: per stage, the date each deal entered it (NaN where blank). */
  stageDates?: readonly { stage: number; at: ArrayLike<number> }[];
}

/**
 * Each row as a deal path. An open deal's planned close is its expected close date, else its closed
 * date (HubSpot's "Close Date" holds the planned date until the deal is closed).
 * @example dealPaths({ length: 1, furthest: [1], lostAt: [-1], status: ['open'], created: [0], closed: [9], amount: [5] })[0].expectedClose // 9
 */
export function dealPaths(columns: PathColumns): DealPath[] {
  const out: DealPath[] = [];
  for (let r = 0; r < columns.length; r++) {
    const dated: { stage: number; at: number }[] = [];
    for (const d of columns.stageDates ?? []) if (d.at[r] === d.at[r]) dated.push({ stage: d.stage, at: d.at[r] });
    const status = columns.status[r];
    const closed = columns.closed[r];
    const planned = columns.expectedClose?.[r] ?? NaN;
    out.push({
      created: columns.created[r],
      dated,
      furthest: columns.furthest[r],
      lostAt: columns.lostAt[r],
      status,
      closed: status === 'open' ? NaN : closed,
      amount: columns.amount[r],
      expectedClose: planned === planned ? planned : status === 'open' ? closed : NaN,
    });
  }
  return out;
}

/**
 * The forecast's view of a table: its paths, the export's moment, and whether undated deals count.
 * @example forecastData(table, 3).snapshot // the start of the latest day in the table
 */
export function forecastData(columns: PathColumns, stageCount: number): ForecastData {
  const paths = dealPaths(columns);
  let anyCreated = false;
  for (let r = 0; r < columns.length && !anyCreated; r++) anyCreated = columns.created[r] === columns.created[r];
  // The export's day: a forecast as of that day (counted from its start) reads the stage column as it is.
  return { paths, stageCount, snapshot: Math.floor(snapshotOf(paths) / MS_PER_DAY) * MS_PER_DAY, undatedExist: !anyCreated };
}
