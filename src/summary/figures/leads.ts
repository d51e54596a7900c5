// The summary's lead-response figures, per manager and for the team: metrics/response.ts's one rule.
import { emptySlaCounts, tallyLead, type SlaCounts } from '../../metrics/response';
import { inPeriod } from '../../metrics/calendar';
import type { WorkingHours } from '../../metrics/workingHours';
import { nameKey } from '../../tracker/names';
import type { LeadsTable } from '../../tracker/table';
import type { SummaryInput } from './types';

export interface LeadStats extends SlaCounts {
  /** The manager's name as first written. */
  name: string;
  /** Response minutes of the answered leads. */
  minutes: number[];
}

export type LeadStatsByManager = Map<string, LeadStats> & { team: LeadStats };

/** The period's leads by manager (by normalised name) and for the whole team. */
export function leadStatsByManager(leads: LeadsTable, input: SummaryInput, hours: WorkingHours | null): LeadStatsByManager {
  const fresh = (name: string): LeadStats => ({ name, minutes: [], ...emptySlaCounts() });
  const byManager = new Map<string, LeadStats>() as LeadStatsByManager;
  byManager.team = fresh('');
  const sla = input.settings.sla.minutes;
  for (let row = 0; row < leads.length; row++) {
    const created = leads.created[row];
    if (Number.isNaN(created) || !inPeriod(created, input.range)) continue;
    const key = nameKey(leads.manager[row]);
    let stats = byManager.get(key);
    if (!stats) byManager.set(key, (stats = fresh(leads.manager[row])));
    for (const s of [stats, byManager.team]) tallyLead(s, created, leads.responded[row], input.now, sla, hours, s.minutes);
  }
  return byManager;
}
