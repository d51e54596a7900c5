// Lead watch decisions, pure: which unanswered leads ran out of SLA, who gets them next, who is
// escalated, and when the next deadline falls. No services here.
import { addWorkingMinutes, minutesBetween, type WorkingHours } from '../metrics/workingHours';
import { MS_PER_DAY } from '../tracker/dates';
import { nameKey } from '../tracker/names';

export interface WatchLead {
  /** Stable identity: the lead's id, or its row content when there is no id column. */
  key: string;
  /** 1-based sheet row, as read in this sweep. */
  row: number;
  created: number;
  responded: number;
  manager: string;
  /** When the current manager got the lead; NaN means at creation. */
  assignedAt: number;
}

export interface RotationMember {
  manager: string;
  email: string;
  onDuty: boolean;
}

export interface WatchRules {
  slaMinutes: number;
  hours: WorkingHours | null;
  rotation: readonly RotationMember[];
  maxReassignments: number;
  /** Leads created before this wall time are left alone (the watch was turned on then; 0: all). */
  since: number;
}

/** A deadline older than this is stale: never acted on, and its memory is forgotten. */
export const STALE_MS = 7 * MS_PER_DAY;
/**
 * Actions per sweep: a backlog is worked through in batches, the next sweep right after. 200 keeps a
 * batch's journal near 60 KB, so memory written beside its previous copy (5,000 leads: 2 × 150 KB),
 * the journal and a full e-mail queue stay inside the 500 KB store (test/watch/limits.test.ts).
 */
export const MAX_ACTIONS = 200;

/** What the watch remembers per lead between sweeps (document properties). */
export interface LeadMemory {
  /** Re-routes so far. */
  n: number;
  /** The last deadline acted on: a deadline is acted on once, however many sweeps see it. */
  d: number;
  /** Escalated already. */
  e?: 1;
}

export interface WatchState {
  leads: Record<string, LeadMemory>;
  /** Where the rotation continues for leads whose manager is not in it. */
  cursor: number;
}

/** One act on one deadline, with what the watch remembers of the lead once it is done. */
export type WatchAction =
  | {
      kind: 'reroute';
      key: string;
      row: number;
      from: string;
      to: string;
      toEmail: string;
      waited: number;
      deadline: number;
      memory: LeadMemory;
    }
  | { kind: 'escalate'; key: string; row: number; manager: string; waited: number; deadline: number; memory: LeadMemory };

export interface Decision {
  actions: WatchAction[];
  /** The earliest deadline still ahead among unanswered leads (after these actions), or null. */
  nextDeadline: number | null;
  state: WatchState;
}

export function emptyWatchState(): WatchState {
  return { leads: {}, cursor: 0 };
}

export function slaDeadline(lead: WatchLead, rules: WatchRules): number {
  const start = Number.isNaN(lead.assignedAt) ? lead.created : lead.assignedAt;
  return addWorkingMinutes(start, rules.slaMinutes, rules.hours);
}

/** Unanswered leads past their SLA deadline (created since the watch was turned on, not stale). */
export function dueLeads(leads: readonly WatchLead[], rules: WatchRules, now: number): WatchLead[] {
  return leads.filter((lead) => {
    if (!Number.isNaN(lead.responded) || Number.isNaN(lead.created) || lead.created < rules.since) return false;
    const deadline = slaDeadline(lead, rules);
    return deadline <= now && deadline >= now - STALE_MS;
  });
}

/** The next on-duty manager after `current` in the rotation (never `current`); null when nobody is free. */
export function nextManager(
  rotation: readonly RotationMember[],
  current: string,
  cursor: number,
): { member: RotationMember; cursor: number } | null {
  const n = rotation.length;
  if (n === 0) return null;
  const at = rotation.findIndex((m) => nameKey(m.manager) === nameKey(current));
  const start = at === -1 ? cursor : at + 1;
  for (let i = 0; i < n; i++) {
    const index = (start + i) % n;
    const member = rotation[index];
    if (member.onDuty && nameKey(member.manager) !== nameKey(current)) return { member, cursor: (index + 1) % n };
  }
  return null;
}

/**
 * Which due leads this sweep acts on when there are more than MAX_ACTIONS: the fewest re-routes
 * first, then the oldest deadline — so every lead of a backlog gets its first re-route before any
 * gets its second, oldest first. The rest wait for the next sweep.
 */
function chosen(due: readonly { index: number; n: number; deadline: number }[]): Set<number> {
  if (due.length <= MAX_ACTIONS) return new Set(due.map((d) => d.index));
  const order = [...due].sort((a, b) => a.n - b.n || a.deadline - b.deadline || a.index - b.index);
  return new Set(order.slice(0, MAX_ACTIONS).map((d) => d.index));
}

/**
 * One sweep's decisions at `now`. A due lead (unanswered, its SLA run out since it was assigned) is
 * re-routed to the next manager, or escalated once it has been re-routed `maxReassignments` times
 * (or nobody is free to take it). Each deadline is acted on once; a backlog is worked through
 * MAX_ACTIONS a sweep, fairly (chosen). The memory keeps only leads still unanswered in the sheet
 * with something to remember: answered, deleted and stale leads are forgotten.
 */
export function decide(leads: readonly WatchLead[], rules: WatchRules, previous: WatchState, now: number): Decision {
  const state: WatchState = { leads: {}, cursor: previous.cursor };
  const actions: WatchAction[] = [];
  let nextDeadline: number | null = null;
  const later = (t: number) => (nextDeadline = nextDeadline === null ? t : Math.min(nextDeadline, t));

  const due: { index: number; lead: WatchLead; memory: LeadMemory; deadline: number; n: number }[] = [];
  leads.forEach((lead, index) => {
    if (!Number.isNaN(lead.responded) || Number.isNaN(lead.created)) return; // answered, or not a lead
    if (lead.created < rules.since) return; // there before the watch was turned on
    const memory: LeadMemory = { ...(previous.leads[lead.key] ?? { n: 0, d: -Infinity }) };
    const deadline = slaDeadline(lead, rules);
    if (deadline < now - STALE_MS) return; // a week past its deadline: left alone, forgotten
    if (deadline > now) {
      later(deadline);
      if (memory.n > 0 || memory.e) state.leads[lead.key] = memory;
      return;
    }
    if (memory.e || deadline <= memory.d) {
      state.leads[lead.key] = memory;
      return;
    }
    due.push({ index, lead, memory, deadline, n: memory.n });
  });

  const acting = chosen(due);
  for (const { index, lead, memory, deadline } of due) {
    if (!acting.has(index)) {
      // The rest of a backlog waits for the next sweep, which comes at once.
      later(now);
      if (memory.n > 0) state.leads[lead.key] = memory;
      continue;
    }
    const start = Number.isNaN(lead.assignedAt) ? lead.created : lead.assignedAt;
    const waited = Math.round(minutesBetween(start, now, rules.hours));
    const next = memory.n < rules.maxReassignments ? nextManager(rules.rotation, lead.manager, state.cursor) : null;
    memory.d = deadline;
    if (next) {
      state.cursor = next.cursor;
      memory.n++;
      actions.push({
        kind: 'reroute',
        key: lead.key,
        row: lead.row,
        from: lead.manager,
        to: next.member.manager,
        toEmail: next.member.email,
        waited,
        deadline,
        memory: { ...memory },
      });
      later(addWorkingMinutes(now, rules.slaMinutes, rules.hours));
    } else {
      memory.e = 1;
      actions.push({ kind: 'escalate', key: lead.key, row: lead.row, manager: lead.manager, waited, deadline, memory: { ...memory } });
    }
    state.leads[lead.key] = memory;
  }
  return { actions, nextDeadline, state };
}
