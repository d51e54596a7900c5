// The summary's deal sections: funnel, where money leaks, weak links, deal cycle and time in stage.
import { fill, fillCount } from '../i18n/language';
import { moneyText } from './currency';
import { type ModelCell, COLOURS, PCT, DASH, DAYS, INT, type ModelBuilder, num, data, statusCell, type Ctx } from './modelParts';
import { countText } from './modelTeam';

export function funnelSection(b: ModelBuilder, c: Ctx): void {
  const { t, f } = c;
  b.section(t.funnel);
  if (f.deals === 0) b.note(t.noDeals);
  b.note(t.funnelExplain);
  const header = b.header(t.funnelHeader);
  // Unknown, never 0 lost and 100 %: lost deals carry no stage.
  const unknown = (i: number): ModelCell => ({ value: i === 0 ? null : DASH, color: COLOURS.thin });
  f.funnel.forEach((s, i) => {
    const lost = s.lost === null ? unknown(1) : num(s.lost, INT);
    const decided = !f.measurable ? unknown(i) : { ...num(s.decided, PCT), bold: true };
    b.line([
      data(s.stage),
      num(s.reached, INT),
      num(s.step, PCT),
      num(s.total, PCT),
      num(s.open, INT),
      lost,
      decided,
      num(s.target, PCT),
      statusCell(t, s.status),
    ]);
  });
  if (!f.measurable) b.note(unmeasurableText(c));
  else if (f.lostUnknown) {
    b.note(fillCount(c.language, t.lostUnknownLine, { count: countText(f.lostUnknown, c.locale), n: f.lostUnknown }));
    if (!f.placesLost) b.note(t.lostUnknownHow);
  }
  b.charts.push({
    type: 'BAR',
    title: t.funnelChart,
    ranges: [{ row: header, column: 1, rows: f.funnel.length + 1, columns: 2 }],
    anchor: { row: header, column: b.width + 2 },
  });
}

export function leaksSection(b: ModelBuilder, c: Ctx): void {
  const { t, f, money } = c;
  b.section(t.leaks);
  if (f.averageWon === null) b.note(t.noAmounts);
  b.header(t.leaksHeader);
  const priced = f.averageWon !== null;
  if (!f.measurable) b.note(unmeasurableText(c));
  for (const leak of f.leaks) {
    const bg = leak.growthPoint ? COLOURS.growth : undefined;
    if (!leak.measurable) {
      b.line([
        { value: `${leak.from} → ${leak.to}`, fromData: true },
        { value: t.notMeasurable, color: COLOURS.thin },
        { value: DASH, color: COLOURS.thin },
        num(leak.open, INT),
        { value: DASH, color: COLOURS.thin },
      ]);
      continue;
    }
    b.line([
      { value: `${leak.from} → ${leak.to}`, fromData: true, background: bg },
      { value: leak.lost, format: INT, background: bg },
      { value: priced ? leak.lostValue : null, format: money, background: bg },
      { value: leak.open, format: INT, background: bg },
      { value: priced ? leak.gainAt5pp : null, format: money, background: bg, bold: leak.growthPoint },
      { value: leak.growthPoint ? t.growthPoint : null, bold: true, background: bg },
    ]);
  }
  b.line([{ value: t.averageWon, bold: true }, num(f.averageWon, money)]);
}

export const pctText = (x: number) => `${Math.round(x * 100)}%`;

export function weakLinksSection(b: ModelBuilder, c: Ctx): void {
  const { t, f } = c;
  const w = f.weakLinks;
  b.section(t.weakLinks);
  if (!w.managers.length) {
    b.note(t.noWeakLinks);
    return;
  }
  b.note(t.weakExplain);
  if (!f.measurable) b.note(unmeasurableText(c));
  const none: ModelCell = f.measurable ? { value: null } : { value: DASH, color: COLOURS.thin };
  b.header([t.weakHeaderManager, ...w.steps, t.weakHeaderWeakest]);
  b.line([{ value: t.team, bold: true }, ...w.team.map((r) => (r === null ? none : { ...num(r, PCT), bold: true }))]);
  for (const m of w.managers) {
    const cells: ModelCell[] = m.cells.map((cell) => {
      if (cell.conversion === null) return none;
      if (cell.thin) return { value: cell.conversion, format: PCT, color: COLOURS.thin };
      if (cell.flag)
        return {
          value: cell.conversion,
          format: PCT,
          background: cell.flag === 'above' ? COLOURS.on_track : COLOURS.off_track,
          bold: true,
        };
      return num(cell.conversion, PCT);
    });
    const weakest = m.weakest
      ? fill(f.averageWon === null ? t.weakestNoMoney : t.weakest, {
          step: m.weakest.step,
          rate: pctText(m.weakest.conversion),
          team: pctText(m.weakest.team),
          money: moneyText(m.weakest.cost, c.sign, c.locale),
        })
      : '';
    b.line([data(m.name), ...cells, data(weakest)]);
  }
}

export function cycleSection(b: ModelBuilder, c: Ctx): void {
  const { t, f } = c;
  b.section(t.cycle);
  b.header(t.cycleHeader);
  b.line([num(f.cycle.mean, DAYS), num(f.cycle.median, DAYS), num(f.cycle.p90, DAYS), num(f.cycle.count, INT)]);
  timeInStageSection(b, c);
  b.section(fill(t.stalled, { days: f.stalled.days }));
  if (f.stalled.byStage.length)
    b.note(fill(t.stalledByStage, { list: f.stalled.byStage.map((s) => `${s.stage} ${s.days}`).join(', ') }), true);
  b.line([{ value: t.stalledCount, bold: true }, num(f.stalled.count, INT)]);
  if (f.stalled.idlest.length) {
    b.header(t.stalledHeader);
    for (const d of f.stalled.idlest) b.line([data(d.id), data(d.client), data(d.manager), data(d.stage), num(d.daysIdle, INT)]);
  }
}

/** What makes the steps unmeasurable, and how to fix it. */
export function unmeasurableText(c: Ctx): string {
  return fill(c.t.unmeasurable, { count: countText(c.f.lostUnknown, c.locale), lost: countText(c.f.lostTotal, c.locale) });
}

export const SLOWER = '▲';
export const FASTER = '▼';

export function timeInStageSection(b: ModelBuilder, c: Ctx): void {
  const { t, f } = c;
  b.section(t.timeInStage);
  const time = f.timeInStage;
  if (!time) {
    b.note(t.noTimeInStage);
    return;
  }
  b.note(t.timeExplain);
  b.header(t.timeHeader);
  for (const s of time.stages) {
    b.line([
      data(s.stage),
      num(s.measured, INT),
      num(s.median, DAYS),
      num(s.p90, DAYS),
      num(s.openNow, INT),
      num(s.openMedian, DAYS),
      num(s.openLongest, DAYS),
    ]);
  }
  if (!time.managers.length) return;
  b.note(t.timeManagers);
  b.header([t.weakHeaderManager, ...time.stages.map((s) => s.stage)]);
  b.line([{ value: t.team, bold: true }, ...time.stages.map((s) => ({ ...num(s.median, DAYS), bold: true }))]);
  for (const m of time.managers) {
    const cells = m.cells.map((cell): ModelCell => {
      if (cell.median === null) return { value: null };
      if (cell.deals < 5) return { value: cell.median, format: DAYS, color: COLOURS.thin };
      if (!cell.flag) return num(cell.median, DAYS);
      const slower = cell.flag === 'slower';
      return {
        value: cell.median,
        format: `"${slower ? SLOWER : FASTER} "0.0`,
        bold: true,
        background: slower ? COLOURS.off_track : COLOURS.on_track,
      };
    });
    b.line([data(m.name), ...cells]);
  }
}
