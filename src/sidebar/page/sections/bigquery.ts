// "Where is my data" › Deals from a BigQuery table: the table, who pays, where, the bytes cap, and
// the table's column name for each role (docs/settings.md, "bigquery").
import { BIGQUERY_ROLES } from '../../../settings/bigquery';
import { checkbox, field, numberInput, textInput } from '../controls';
import { el } from '../dom';
import { draft, t } from '../state';

export function bigQueryBlock(): HTMLElement {
  const bq = draft.bigquery ?? null;
  const on = checkbox(
    t.bqOn,
    bq !== null,
    (v) => {
      draft.bigquery = v ? { table: '', billingProject: '', location: '', maxGigabytesBilled: 10, columns: {} } : null;
    },
    'bigquery',
  );
  if (!bq) return el('fieldset', { 'data-key': 'bigquery' }, el('legend', {}, t.bqLegend), on);
  const text = (label: string, key: 'table' | 'billingProject' | 'location', hint?: string) =>
    field(
      label,
      textInput(
        bq[key],
        (v) => {
          bq[key] = v;
        },
        { 'data-key': `bigquery-${key}` },
      ),
      `bigquery.${key}`,
      hint,
    );
  const columns = BIGQUERY_ROLES.map((role) =>
    field(
      `${t.roles[role] ?? role}${role === 'stage' ? ` (${t.required})` : ''}`,
      textInput(
        bq.columns[role] ?? '',
        (v) => {
          if (v.trim()) bq.columns[role] = v;
          else delete bq.columns[role];
        },
        { 'data-key': `bigquery-column-${role}` },
      ),
      `bigquery.columns.${role}`,
    ),
  );
  return el(
    'fieldset',
    { 'data-key': 'bigquery' },
    el('legend', {}, t.bqLegend),
    on,
    text(t.bqTable, 'table', t.bqTableHint),
    text(t.bqBilling, 'billingProject'),
    text(t.bqLocation, 'location'),
    field(
      t.bqMaxGb,
      numberInput(bq.maxGigabytesBilled, (v) => {
        bq.maxGigabytesBilled = v as number;
      }),
      'bigquery.maxGigabytesBilled',
    ),
    el('p', { class: 'hint' }, t.bqColumns),
    ...columns,
  );
}
