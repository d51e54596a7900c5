// Why deals are lost: lost deals by reason × the stage they were lost at, and by reason × manager.
import { nameKey } from '../tracker/names';
import type { Status } from '../tracker/statuses';

/** Reasons that name no reason: a blank is counted apart, these as "other". */
const OTHER = new Set([
  'other',
  'others',
  'other reason',
  'another reason',
  'misc',
  'n/a',
  'na',
  'none',
  '-',
  '—',
  'другое',
  'другая причина',
  'прочее',
  'прочие',
  'иное',
  'иная причина',
  'нет',
  'без причины',
]);

/**
 * Whether a lost reason names no reason ("Other", «Другое», «Прочее», "n/a").
 * @example isVagueReason('Другое') // true; isVagueReason('Price too high') // false
 */
export function isVagueReason(reason: string): boolean {
  return OTHER.has(nameKey(reason).replace(/[.!]+$/, ''));
}

export interface LossReason {
  /** As first written in the data; '' for deals with no reason. */
  reason: string;
  lost: number;
  /** Lost at each funnel stage (by index); deals lost at an unknown stage are in `unknownStage`. */
  atStage: number[];
  unknownStage: number;
  /** Lost per manager, by the manager's name as first written. */
  byManager: Map<string, number>;
}

export interface LossReasons {
  reasons: LossReason[];
  /** Lost deals counted, with a blank reason, with a vague one ("other"). */
  lost: number;
  blank: number;
  vague: number;
}

export interface LostDeals {
  status: readonly Status[];
  /** The stage a lost deal was lost at, -1 when unknown. */
  lostAt: Int32Array;
  lostReason: readonly string[];
  manager: readonly string[];
}

/**
 * Lost deals among `rows` by reason (case- and space-insensitive), most frequent first, each split by
 * the stage it was lost at and by manager.
 * @example lossReasons({ status: ['lost', 'lost', 'won'], lostAt: Int32Array.of(0, 1, -1), lostReason: ['Price', 'price', ''], manager: ['Anna', 'Boris', 'Anna'] }, [0, 1, 2], 3)
 * // { lost: 2, blank: 0, vague: 0, reasons: [{ reason: 'Price', lost: 2, atStage: [1, 1, 0], unknownStage: 0, byManager: Map { Anna → 1, Boris → 1 } }] }
 */
export function lossReasons(deals: LostDeals, rows: Iterable<number>, stages: number): LossReasons {
  const byKey = new Map<string, LossReason>();
  const managerNames = new Map<string, string>();
  const out: LossReasons = { reasons: [], lost: 0, blank: 0, vague: 0 };
  for (const r of rows) {
    if (deals.status[r] !== 'lost') continue;
    const reason = deals.lostReason[r].trim();
    const key = nameKey(reason);
    out.lost++;
    if (key === '') out.blank++;
    else if (isVagueReason(reason)) out.vague++;
    let entry = byKey.get(key);
    if (!entry)
      byKey.set(key, (entry = { reason, lost: 0, atStage: new Array<number>(stages).fill(0), unknownStage: 0, byManager: new Map() }));
    entry.lost++;
    const at = deals.lostAt[r];
    if (at >= 0 && at < stages) entry.atStage[at]++;
    else entry.unknownStage++;
    const managerKey = nameKey(deals.manager[r]);
    if (managerKey === '') continue;
    if (!managerNames.has(managerKey)) managerNames.set(managerKey, deals.manager[r].trim());
    const name = managerNames.get(managerKey)!;
    entry.byManager.set(name, (entry.byManager.get(name) ?? 0) + 1);
  }
  out.reasons = [...byKey.values()].sort((a, b) => b.lost - a.lost || a.reason.localeCompare(b.reason));
  return out;
}
