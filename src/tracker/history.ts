// The stage history source: one row per stage a deal entered (amoCRM's event list, Bitrix24's stage
// history, a hand-kept log), read into each deal's path in time order (metrics/stagePath.ts).
import { LOST_STAGE, inTimeOrder, type StageEntry } from '../metrics/stagePath';
import { cellAt, columnOf, isBlank } from './cells';
import { readDateColumn } from './dates';
import { columnIndex, isStageEvent } from './headers';
import { isKnownLostStage } from './pipelines';
import { nameKey } from './names';
import type { Funnel } from './stages';
import { statusOf, type StatusWords } from './statuses';
import { MissingColumn, type ReadContext, type SkipNote, type SourceMapping } from './table';
import { REQUIRED_ROLES } from './headers';

/** One stage change as the file says it: the deal (id or title), the stage entered and left, when. */
export interface HistoryRows {
  deal: string[];
  stage: string[];
  from: string[];
  at: Float64Array;
  /** Rows left out as another kind of event (an event list's notes, calls, field changes). */
  otherEvents: number;
}

function textColumn(values: unknown[][], index: number, keep: readonly number[]): string[] {
  if (index < 0) return keep.map(() => '');
  const cells = columnOf(values, index, 1);
  return keep.map((row) => {
    const c = cellAt(cells, row);
    return isBlank(c) ? '' : String(c).trim();
  });
}

/**
 * The rows of a history sheet that are stage changes, oldest first: an event list (newest first, as
 * amoCRM writes it) is turned round, so that changes within one minute keep their order.
 */
export function readHistoryRows(values: unknown[][], source: SourceMapping, ctx: Pick<ReadContext, 'order' | 'wall'>): HistoryRows {
  const headers = (values[0] ?? []).map((h) => String(h).trim());
  const index = (role: string) => (source.columns[role] ? columnIndex(headers, source.columns[role]!) : -1);
  for (const role of REQUIRED_ROLES.history)
    if (index(role) < 0) throw new MissingColumn('history', source.sheet, role, source.columns[role] ?? null);
  const n = Math.max(0, values.length - 1);
  const eventAt = index('event');
  const events = eventAt >= 0 ? columnOf(values, eventAt, 1) : null;
  let keep: number[] = [];
  for (let row = 0; row < n; row++) if (!events || isStageEvent(String(cellAt(events, row) ?? ''))) keep.push(row);
  const otherEvents = n - keep.length;
  const atIndex = index('at');
  const walls =
    atIndex >= 0
      ? readDateColumn(columnOf(values, atIndex, 1), {
          arg: source.columns.at ?? '',
          localeOrder: ctx.order,
          skipInvalid: true,
          wall: ctx.wall,
        }).wall
      : new Float64Array(n).fill(NaN);
  // Newest first when later rows are mostly earlier in time: read from the bottom up.
  let down = 0;
  let up = 0;
  for (let i = 1; i < keep.length; i++) {
    const d = walls[keep[i]] - walls[keep[i - 1]];
    if (d > 0) up++;
    else if (d < 0) down++;
  }
  if (down > up) keep = keep.reverse();
  return {
    deal: textColumn(values, index('deal'), keep),
    stage: textColumn(values, index('stage'), keep),
    from: textColumn(values, index('from'), keep),
    at: Float64Array.from(keep, (row) => walls[row]),
    otherEvents,
  };
}

/** A history's stage cell as a path entry's stage: a funnel stage, a lost stage, or null (not a stage we know). */
export function historyStage(cell: string, funnel: Funnel, words: StatusWords): number | null {
  const at = funnel.indexOf.get(nameKey(cell));
  if (at !== undefined) return at;
  const status = statusOf(cell, words);
  if (status === 'won') return funnel.names.length - 1;
  if (status === 'lost' || isKnownLostStage(cell)) return LOST_STAGE;
  return null;
}

/** Each deal's path (by nameKey of its id or title), in time order; stages outside the funnel are noted. */
export interface HistoryPaths {
  paths: Map<string, StageEntry[]>;
  /** Per deal: its first change's "from" stage, entered before the history begins (at its created date, when known). */
  firstFrom: Map<string, number>;
}

export function historyPaths(rows: HistoryRows, funnel: Funnel, words: StatusWords, notes: SkipNote[], column?: string): HistoryPaths {
  const paths = new Map<string, StageEntry[]>();
  const firstFrom = new Map<string, number>();
  const unknown: SkipNote = { source: 'history', reason: 'unknownStage', rows: 0, column, examples: [] };
  for (let i = 0; i < rows.deal.length; i++) {
    const deal = nameKey(rows.deal[i]);
    if (!deal || !rows.stage[i]) continue;
    const stage = historyStage(rows.stage[i], funnel, words);
    if (stage === null) {
      unknown.rows++;
      if (unknown.examples!.length < 3) unknown.examples!.push({ row: 0, value: rows.stage[i] });
      continue;
    }
    let path = paths.get(deal);
    if (!path) {
      paths.set(deal, (path = []));
      const from = rows.from[i] ? historyStage(rows.from[i], funnel, words) : null;
      if (from !== null && from >= 0) firstFrom.set(deal, from);
    }
    path.push({ stage, at: rows.at[i] });
  }
  for (const [deal, path] of paths) paths.set(deal, inTimeOrder(path));
  if (unknown.rows) notes.push(unknown);
  return { paths, firstFrom };
}
