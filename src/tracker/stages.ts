// Which funnel stage each deal reached, from either tracker shape (docs/functions.md, "Stages"; docs/summary.md, "Funnel").
import { UserError } from '../errors';
import { CellMemo, isBlank, type Column } from './cells';
import { quote } from './dates';
import { nameKey } from './names';
import { Spare } from './spare';
import type { RowStatuses, Status } from './statuses';

export interface Funnel {
  names: string[];
  keys: string[];
  indexOf: Map<string, number>;
}

/**
 * The funnel from its stage names in order. `aliases` are older names of stages (a stage renamed
 * in the settings): a cell holding one counts at that stage; an alias that is itself a stage's name
 * is ignored.
 */
export function makeFunnel(names: readonly unknown[], arg: string, aliases: readonly { alias: string; stage: string }[] = []): Funnel {
  const cleaned = names.filter((n) => !isBlank(n)).map((n) => String(n).trim());
  if (cleaned.length < 2) throw new UserError('funnelTooShort', { arg, count: cleaned.length });
  const indexOf = new Map<string, number>();
  cleaned.forEach((name, i) => {
    const key = nameKey(name);
    if (indexOf.has(key)) throw new UserError('duplicateStage', { arg, value: quote(name) });
    indexOf.set(key, i);
  });
  for (const { alias, stage } of aliases) {
    const at = indexOf.get(nameKey(stage));
    if (at !== undefined && !indexOf.has(nameKey(alias))) indexOf.set(nameKey(alias), at);
  }
  return { names: cleaned, keys: cleaned.map(nameKey), indexOf };
}

export function funnelList(funnel: Funnel): string {
  return funnel.names.join(', ');
}

export interface StageReading {
  /** Index of the furthest stage each row reached; -1 for a skipped (blank) row. */
  furthest: Int32Array;
  /** How many rows stopped at each stage (their furthest), counted while reading. */
  stoppedAt: Int32Array;
  /** Rows whose stage cell reads as lost: counted at the first stage only. */
  lostUnknownStage: number;
  blankRows: number;
}

/** What one shape-A stage cell says: a stage index, "lost at an unknown stage" (first stage), or unknown. */
export type StageCell = { stage: number; lostUnknown: boolean } | null;

/**
 * Reads one stage cell. A stage cell that is not in the funnel but reads as won is the last stage
 * (amoCRM's "Успешно реализовано"); one that reads as lost counts at the first stage.
 */
export function stageOfCell(cell: unknown, funnel: Funnel, statusOfCell: (cell: unknown) => Status): StageCell {
  const known = funnel.indexOf.get(nameKey(cell));
  if (known !== undefined) return { stage: known, lostUnknown: false };
  const asStatus = statusOfCell(cell);
  if (asStatus === 'won') return { stage: funnel.names.length - 1, lostUnknown: false };
  if (asStatus === 'lost') return { stage: 0, lostUnknown: true };
  return null;
}

/** What readStageColumn's memo gives a blank cell. */
const BLANK_CELL: StageCell = { stage: -1, lostUnknown: false };

/** stageOfCell for a column: trackers repeat a handful of stage names, so each distinct cell is read once. */
export function stageCellReader(funnel: Funnel, statusOfCell: (cell: unknown) => Status): CellMemo<StageCell> {
  return new CellMemo((cell) => stageOfCell(cell, funnel, statusOfCell));
}

/** readStageColumn's furthest stages: a custom function's reading, used within its call. */
const spareStages = new Spare((n) => new Int32Array(n));

/**
 * Shape A: one stage column. A won status reaches every stage; otherwise the stage cell decides
 * (see stageOfCell). An unknown stage name is an error naming the row. `furthest` is the spare
 * buffer: valid until the next reading.
 */
export function readStageColumn(
  cells: Column,
  funnel: Funnel,
  statuses: RowStatuses | null,
  statusOfCell: (cell: unknown) => Status,
  arg: string,
): StageReading {
  const last = funnel.names.length - 1;
  const { rows, index, from, length } = cells;
  // Every row is written below: no fill first.
  const furthest = spareStages.take(length);
  const stoppedAt = new Int32Array(funnel.names.length);
  let lostUnknownStage = 0;
  let blankRows = 0;
  // Blank cells are told apart by the memo too: one lookup per row.
  const stageOf = new CellMemo<StageCell>((cell) => (isBlank(cell) ? BLANK_CELL : stageOfCell(cell, funnel, statusOfCell)));
  for (let row = 0; row < length; row++) {
    const line = rows[from + row];
    const read = stageOf.get(line === undefined ? undefined : line[index]);
    if (read === BLANK_CELL) {
      furthest[row] = -1;
      blankRows++;
      continue;
    }
    let stage: number;
    if (statuses !== null && statuses.at(row) === 'won') stage = last;
    else if (read === null) {
      const cell = line === undefined ? undefined : line[index];
      throw new UserError('notInFunnel', { arg, row: row + 1, value: quote(cell), stages: funnelList(funnel) });
    } else {
      stage = read.stage;
      if (read.lostUnknown) lostUnknownStage++;
    }
    furthest[row] = stage;
    stoppedAt[stage]++;
  }
  return { furthest, stoppedAt, lostUnknownStage, blankRows };
}

/**
 * Shape B: one column per stage, in funnel order. A deal reached a stage when that stage's cell or
 * any later one is filled (skipped stages count as passed).
 */
export function readStageGrid(rows: readonly (readonly unknown[])[], stageCount: number, statuses: RowStatuses | null): StageReading {
  const furthest = new Int32Array(rows.length).fill(-1);
  const stoppedAt = new Int32Array(stageCount);
  let blankRows = 0;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    let reached = -1;
    for (let c = stageCount - 1; c >= 0; c--) {
      if (!isBlank(row[c])) {
        reached = c;
        break;
      }
    }
    if (reached === -1) blankRows++;
    else {
      const stage = statuses !== null && statuses.at(r) === 'won' ? stageCount - 1 : reached;
      furthest[r] = stage;
      stoppedAt[stage]++;
    }
  }
  return { furthest, stoppedAt, lostUnknownStage: 0, blankRows };
}
