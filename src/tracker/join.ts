// Lead → won from two files that only together make a funnel (Olist: marketing-qualified leads, and
// the deals closed from them): one deal per lead, won when the won file holds its id.
import { detectColumns } from './headers';
import { nameKey } from './names';

export interface LeadsAndWins {
  /** The deals: the leads' columns, then Stage and Status, then the won file's other columns. */
  rows: string[][];
  /** The header both files share (Olist: mql_id). */
  key: string;
  leads: number;
  won: number;
  /** Won rows whose id no lead has: kept, with no lead columns. */
  wonWithoutLead: number;
  /** The won file's headers: known for won deals only. */
  wonOnly: string[];
}

/** The index of a header both rows have, found as the id of each (mql_id), or -1s. */
function sharedKey(leadHeaders: readonly string[], wonHeaders: readonly string[]): [number, number] {
  const leadId = detectColumns('leads', leadHeaders).id ?? -1;
  const wonId = detectColumns('deals', wonHeaders).id ?? -1;
  if (leadId < 0 || wonId < 0 || nameKey(leadHeaders[leadId]) !== nameKey(wonHeaders[wonId])) return [-1, -1];
  return [leadId, wonId];
}

/**
 * Deals from leads and the won deals made of them, joined on the id both files have — or null when
 * the files are not that pair (the won file has a stage column, or no id they share). A lead the
 * won file does not hold was not won by the file's end: it is lost at the first stage, "Lead".
 * @example leadsAndWins([['mql_id', 'first_contact_date'], ['a', '2018-01-02'], ['b', '2018-01-03']], [['mql_id', 'won_date'], ['a', '2018-02-01']])!.rows
 * // [['mql_id', 'first_contact_date', 'Stage', 'Status', 'won_date'], ['a', '2018-01-02', 'Won', 'Won', '2018-02-01'], ['b', '2018-01-03', 'Lead', 'Lost', '']]
 */
export function leadsAndWins(leads: readonly (readonly string[])[], won: readonly (readonly string[])[]): LeadsAndWins | null {
  const leadHeaders = (leads[0] ?? []).map((h) => String(h).trim());
  const wonHeaders = (won[0] ?? []).map((h) => String(h).trim());
  if (detectColumns('deals', wonHeaders).stage !== undefined) return null;
  const [leadId, wonId] = sharedKey(leadHeaders, wonHeaders);
  if (leadId < 0) return null;
  const wonColumns = wonHeaders.map((_, i) => i).filter((i) => i !== wonId);
  const wonById = new Map<string, readonly string[]>();
  for (const row of won.slice(1)) {
    const id = String(row[wonId] ?? '').trim();
    if (id !== '' && !wonById.has(id)) wonById.set(id, row);
  }
  const rows: string[][] = [[...leadHeaders, 'Stage', 'Status', ...wonColumns.map((i) => wonHeaders[i])]];
  const matched = new Set<string>();
  for (const lead of leads.slice(1)) {
    const id = String(lead[leadId] ?? '').trim();
    const deal = wonById.get(id);
    if (deal) matched.add(id);
    const own = leadHeaders.map((_, i) => String(lead[i] ?? ''));
    rows.push([...own, deal ? 'Won' : 'Lead', deal ? 'Won' : 'Lost', ...wonColumns.map((i) => (deal ? String(deal[i] ?? '') : ''))]);
  }
  let wonWithoutLead = 0;
  for (const [id, deal] of wonById) {
    if (matched.has(id)) continue;
    wonWithoutLead++;
    rows.push([...leadHeaders.map((_, i) => (i === leadId ? id : '')), 'Won', 'Won', ...wonColumns.map((i) => String(deal[i] ?? ''))]);
  }
  return {
    rows,
    key: leadHeaders[leadId],
    leads: leads.length - 1,
    won: wonById.size,
    wonWithoutLead,
    wonOnly: wonColumns.map((i) => wonHeaders[i]),
  };
}
