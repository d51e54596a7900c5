// The summary's header, headline (with the change and the sparkline of each figure) and forecast sections.
import { fill, fillCount, type Language } from '../i18n/language';
import type { HeadlineKey, SummaryFigures, Trend } from './figures';
import { changeOf } from '../metrics/money';
import {
  type ModelCell,
  COLOURS,
  PCT,
  DAYS,
  INT,
  type ModelBuilder,
  num,
  data,
  day,
  spanText,
  periodLabel,
  type ModelInput,
  type Ctx,
} from './modelParts';
import { pctText } from './modelDeals';
import { countText } from './modelTeam';

export function headerSection(b: ModelBuilder, c: Ctx, input: ModelInput): void {
  const { t } = c;
  const row = b.line([{ value: t.title, bold: true, size: 16 }]);
  b.merges.push({ row, column: 1, rows: 1, columns: b.width });
  const sources = input.sources
    .map(
      (s) =>
        `${t.kinds[s.kind]}: ${s.sheet ? fillCount(c.language, t.sourceRows, { sheet: s.sheet, rows: countText(s.rows, c.locale), n: s.rows }) : t.noSource}`,
    )
    .join(' · ');
  const header: [string, ModelCell][] = [[t.period, { value: periodLabel(t, c.f) }]];
  if (c.f.previous) header.push([t.compared, { value: spanText(c.f.previous.from, c.f.previous.to) }]);
  header.push([t.sources, { value: sources, fromData: true }], [t.updated, { value: { wall: input.now }, format: 'yyyy-mm-dd hh:mm' }]);
  for (const [label, cell] of header) {
    // The value spans the row, so a long list of sources does not widen the tables' columns.
    const r = b.line([{ value: label, bold: true }, cell]);
    b.merges.push({ row: r, column: 2, rows: 1, columns: b.width - 1 });
  }
}

export const SPARK = '▁▂▃▄▅▆▇█';

/** A sparkline as text (a formula's array separators depend on the locale; text does not). */
export function sparkText(values: readonly (number | null)[]): string {
  const known = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (!known.length) return '';
  const low = Math.min(...known);
  const high = Math.max(...known);
  // A flat line sits low when it is all zeros, mid-height otherwise.
  const flat = high === 0 ? 0 : 3;
  return values
    .map((v) => (v === null || !Number.isFinite(v) ? '·' : SPARK[high === low ? flat : Math.round(((v - low) / (high - low)) * 7)]))
    .join('');
}

/** Lower is better for these: a shorter cycle, a faster answer, fewer breaches. */
export const LOWER_IS_BETTER: ReadonlySet<HeadlineKey> = new Set(['meanCycle', 'medianResponse', 'breachRate']);
export const RATES: ReadonlySet<HeadlineKey> = new Set(['winRate', 'breachRate']);

export function changeCell(key: HeadlineKey, trend: Trend, language: Language): ModelCell {
  const change = changeOf(trend.current, trend.previous, !LOWER_IS_BETTER.has(key));
  if (!change) return { value: null };
  const pp = language === 'ru' ? 'п.п.' : 'pp';
  const previous = trend.previous!;
  let value: number;
  let format: string;
  if (RATES.has(key)) {
    value = change.delta * 100;
    format = `"▲ "0.0" ${pp}";"▼ "0.0" ${pp}";"="`;
  } else {
    if (previous === 0) return { value: change.delta === 0 ? 0 : null, format: '"="' };
    value = change.delta / Math.abs(previous);
    format = '"▲ "0.0%;"▼ "0.0%;"="';
  }
  if (change.better === null) return { value: 0, format };
  return { value, format, color: change.better ? COLOURS.above : COLOURS.below, bold: true };
}

export const HEADLINE_FORMATS = (money: string): Record<HeadlineKey, string> => ({
  wonRevenue: money,
  wonDeals: INT,
  winRate: PCT,
  averageWon: money,
  pipelineDeals: INT,
  pipelineValue: money,
  meanCycle: DAYS,
  medianResponse: DAYS,
  breachRate: PCT,
  effectiveTouches: INT,
});

export function headlineSection(b: ModelBuilder, c: Ctx): void {
  const { t, f } = c;
  b.section(t.headline);
  if (!f.previous) b.note(t.noComparison);
  b.header(t.headlineHeader.map((label) => fill(label, { unit: t.units[f.sparkUnit] })));
  const formats = HEADLINE_FORMATS(c.money);
  const shown = (key: HeadlineKey) =>
    !(['wonRevenue', 'averageWon', 'pipelineValue'].includes(key) && !f.columns.amount) &&
    !(['medianResponse', 'breachRate'].includes(key) && !f.columns.leads) &&
    !(key === 'effectiveTouches' && !f.columns.activities);
  for (const key of Object.keys(formats) as HeadlineKey[]) {
    if (!shown(key)) continue;
    const trend = f.headline[key];
    b.line([
      { value: t.figures[key], bold: true },
      { ...num(trend.current, formats[key]), bold: true },
      num(f.previous ? trend.previous : null, formats[key]),
      f.previous ? changeCell(key, trend, c.language) : { value: null },
      { value: sparkText(trend.spark) || null },
    ]);
  }
}

export function forecastSection(b: ModelBuilder, c: Ctx): void {
  const { t, f } = c;
  const fc = f.forecast;
  if (!fc) return;
  b.section(t.forecast);
  const value = fc.count ? INT : c.money;
  b.note(fill(t.forecastExplain, { period: t.periods[fc.period], end: day(fc.to - 1), day: day(fc.asOf) }));
  if (fc.period !== f.range.period) b.note(fill(t.forecastOtherPeriod, { period: t.forecastFor[fc.period] ?? t.periods[fc.period] }));
  if (fc.count) b.note(t.forecastCount);
  const width = fc.plans ? t.forecastHeader.length : 7;
  b.header(t.forecastHeader.slice(0, width));
  const line = (name: ModelCell, l: NonNullable<SummaryFigures['forecast']>['team'], bold = false) =>
    b.line(
      [
        name,
        { ...num(l.point, value), bold: true },
        num(l.low, value),
        num(l.high, value),
        num(l.wonSoFar, value),
        num(l.fromOpen, value),
        num(l.fromNew, value),
        ...(fc.plans
          ? [
              num(l.plan, value),
              { ...num(l.gap, value), color: l.gap === null ? undefined : l.gap >= 0 ? COLOURS.above : COLOURS.below },
              num(l.coverage, '0.0"×"'),
            ]
          : []),
      ].map((cell) => (bold ? { ...cell, bold: true } : cell)),
    );
  line({ value: t.team }, fc.team, true);
  for (const m of fc.managers) line(data(m.name), m);
  if (fc.plans) b.note(t.forecastCoverage);
  if (fc.plans && fc.plannedManagers < fc.managers.length)
    b.note(fillCount(c.language, t.forecastPartialPlan, { count: fc.plannedManagers, n: fc.plannedManagers }));
  if (fc.stages.length) {
    b.header(t.forecastStagesHeader);
    for (const s of fc.stages) {
      const interval = s.low === null || s.high === null ? null : `${pctText(s.low)}–${pctText(s.high)}${s.thin ? ' (95%)' : ''}`;
      b.line([
        data(s.stage),
        num(s.open, INT),
        num(s.expected, value),
        num(s.decided, INT),
        num(s.rate, PCT),
        { value: interval, color: s.thin ? COLOURS.below : undefined },
      ]);
    }
  }
  for (const s of fc.stages)
    if (s.thin && s.open > 0) b.note(fillCount(c.language, t.forecastThin, { stage: s.stage, count: s.decided, n: s.decided }));
  if (fc.undated) b.note(fillCount(c.language, t.forecastUndated, { count: countText(fc.undated, c.locale), n: fc.undated }));
  if (fc.timing === 'cycle') b.note(t.forecastByCycle);
  const error = pctText(fc.error);
  b.note(
    fc.checked
      ? fillCount(c.language, t.forecastChecked, { count: fc.checked, n: fc.checked, error })
      : fill(t.forecastUnchecked, { error }),
  );
}
