// The summary's weekly sections: This week, Trends and Pipeline change (docs/weekly.md).
import { fill } from '../i18n/language';
import type { HeadlineKey } from './figures';
import { wilsonInterval } from '../metrics/stats';
import { weeklyText } from '../i18n/weekly';
import type { PipelineChange } from '../weekly/review';
import { weekLabel } from '../weekly/weeks';
import { type ModelCell, COLOURS, PCT, INT, type ModelBuilder, num, data, type WeeklyReview, type Ctx } from './modelParts';
import { HEADLINE_FORMATS } from './modelHeadline';

export function actionLine(b: ModelBuilder, cells: [ModelCell, ModelCell, ModelCell]): void {
  b.line([cells[0], ...Array.from({ length: b.width - 3 }, () => ({ value: null })), cells[1], cells[2]]);
}

export function thisWeekSection(b: ModelBuilder, c: Ctx, weekly: WeeklyReview): void {
  const w = weeklyText[c.language];
  b.section(w.thisWeek);
  if (!weekly.actions.length) {
    b.note(w.nothingThisWeek);
    return;
  }
  const [action, number, money] = w.thisWeekHeader;
  const head = { bold: true, background: COLOURS.header };
  actionLine(b, [
    { value: action, ...head },
    { value: number, ...head },
    { value: money, ...head },
  ]);
  weekly.actions.forEach((a, i) =>
    actionLine(b, [{ value: `${i + 1}. ${a.text}`, fromData: true }, { value: a.number }, num(a.money, c.money)]),
  );
}

/** 12 weeks of each headline KPI, then per step the team's decided conversion and each manager's, coloured outside the team's 95% band. */
export function trendsSection(b: ModelBuilder, c: Ctx, weekly: WeeklyReview): void {
  const w = weeklyText[c.language];
  const { t } = c;
  b.section(w.trends);
  b.note(w.trendsNote);
  b.header(['', ...weekly.weeks.map((week) => weekLabel(week).slice(5))]);
  const find = (week: number, manager: string, step: string, kpi: string) =>
    weekly.history.find((r) => r.week === week && r.manager === manager && r.step === step && r.kpi === kpi) ?? null;
  const formats = HEADLINE_FORMATS(c.money);
  for (const key of Object.keys(formats) as HeadlineKey[]) {
    const values = weekly.weeks.map((week) => find(week, '', '', key)?.value ?? null);
    if (values.every((v) => v === null)) continue;
    b.line([{ value: t.figures[key], bold: true }, ...values.map((v) => num(v, formats[key]))]);
  }
  const managers = [...new Set(weekly.history.filter((r) => r.manager && r.kpi === 'decided').map((r) => r.manager))].sort();
  for (const step of c.f.weakLinks.steps) {
    const team = weekly.weeks.map((week) => find(week, '', step, 'decided'));
    if (team.every((r) => r === null)) continue;
    b.line([{ value: `${w.trendsTeam} · ${step}`, bold: true }, ...team.map((r) => ({ ...num(r?.value ?? null, PCT), bold: true }))]);
    for (const manager of managers) {
      const cells = weekly.weeks.map((week, i) => {
        const r = find(week, manager, step, 'decided');
        const band = team[i]?.denominator ? wilsonInterval(team[i]!.numerator ?? 0, team[i]!.denominator!) : null;
        const colour =
          r && band && (r.denominator ?? 0) >= 5
            ? r.value < band.low
              ? COLOURS.below
              : r.value > band.high
                ? COLOURS.above
                : undefined
            : undefined;
        return { ...num(r?.value ?? null, PCT), ...(colour ? { color: colour, bold: true } : {}) };
      });
      if (cells.some((cell) => cell.value !== null)) b.line([{ ...data(`${manager} · ${step}`) }, ...cells]);
    }
  }
}

export function pipelineChangeSection(b: ModelBuilder, c: Ctx, change: PipelineChange): void {
  const w = weeklyText[c.language];
  b.section(fill(w.pipelineChange, { week: weekLabel(change.week) }));
  b.header(w.pipelineHeader);
  const moves: [string, { count: number; money: number } | null][] = [
    [w.moves.new, change.new],
    [w.moves.advanced, change.advanced],
    [w.moves.slipped, change.slipped],
    [w.moves.won, change.won],
    [w.moves.lost, change.lost],
    [fill(w.moves.aged, { days: change.agedDays }), change.aged],
  ];
  for (const [label, move] of moves)
    b.line([{ value: label, bold: true }, num(move?.count ?? null, INT), num(c.f.columns.amount && move ? move.money : null, c.money)]);
  if (!change.advanced) b.note(w.needsLastWeek);
}
