// Lead → won from two files (Olist): one deal per lead, won where the won file holds its id.
import { describe, expect, it } from 'vitest';
import { leadsAndWins } from '../../src/tracker/join';

const LEADS = [
  ['mql_id', 'first_contact_date', 'origin'],
  ['a', '02-01-2018', 'social'],
  ['b', '03-01-2018', 'paid_search'],
  ['c', '04-01-2018', 'organic_search'],
];
const WON = [
  ['mql_id', 'sr_id', 'won_date'],
  ['c', 'sr1', '01-03-2018 10:00'],
  ['a', 'sr2', '15-02-2018 09:30'],
  ['z', 'sr1', '20-02-2018 12:00'],
];

describe('leads joined to the deals won from them', () => {
  it('a lead the won file holds is won, with its won columns; one it does not is lost at Lead; a won id with no lead is kept', () => {
    const joined = leadsAndWins(LEADS, WON)!;
    expect(joined.rows).toEqual([
      ['mql_id', 'first_contact_date', 'origin', 'Stage', 'Status', 'sr_id', 'won_date'],
      ['a', '02-01-2018', 'social', 'Won', 'Won', 'sr2', '15-02-2018 09:30'],
      ['b', '03-01-2018', 'paid_search', 'Lead', 'Lost', '', ''],
      ['c', '04-01-2018', 'organic_search', 'Won', 'Won', 'sr1', '01-03-2018 10:00'],
      ['z', '', '', 'Won', 'Won', 'sr1', '20-02-2018 12:00'],
    ]);
    expect(joined).toMatchObject({ key: 'mql_id', leads: 3, won: 3, wonWithoutLead: 1, wonOnly: ['sr_id', 'won_date'] });
  });

  it('is not a join when the deals file has its own stage, or the files share no id', () => {
    expect(
      leadsAndWins(LEADS, [
        ['mql_id', 'Stage'],
        ['a', 'Won'],
      ]),
    ).toBeNull();
    expect(
      leadsAndWins(LEADS, [
        ['deal_id', 'won_date'],
        ['a', '01-03-2018'],
      ]),
    ).toBeNull();
  });
});
