// The summary's period and currency, and the Monday digest's recipients.
import type { SettingsDocument } from '../../contract';
import { checkbox, field, section, select, textArea, withMissing } from '../controls';
import { el } from '../dom';
import { draft, t } from '../state';

const CURRENCIES = ['₽', '$', '€', '£', '₴', '₸'];

export function summarySection(): HTMLElement {
  const periods = Object.entries(t.periods) as [SettingsDocument['period'], string][];
  const currencies: [string, string][] = withMissing(
    [['', t.currencyAuto], ...CURRENCIES.map((c): [string, string] => [c, c])],
    draft.currency || undefined,
  );
  return section(
    t.qSummary,
    t.qSummaryIntro,
    false,
    field(
      t.period,
      select(periods, draft.period, (v) => (draft.period = v as SettingsDocument['period'])),
      'period',
    ),
    field(
      t.currency,
      select(currencies, draft.currency ?? '', (v) => (draft.currency = v)),
      'currency',
    ),
    ...digestControls(),
  );
}

/** The Monday digest's switch, its extra recipients and the managers' own e-mails (docs/weekly.md). */
function digestControls(): HTMLElement[] {
  // A draft kept by an earlier release has no weekly part yet.
  const weekly = (draft.weekly ??= { digest: false, recipients: [], managerEmails: false, keepWeeks: 104 });
  return [
    el('h3', {}, t.digest),
    checkbox(t.digestOn, weekly.digest, (v) => (weekly.digest = v), 'weekly.digest'),
    field(
      t.digestRecipients,
      textArea(weekly.recipients, (v) => (weekly.recipients = v)),
      'weekly.recipients',
      t.digestRecipientsHint,
    ),
    checkbox(t.digestManagers, weekly.managerEmails, (v) => (weekly.managerEmails = v), 'weekly.managerEmails'),
  ];
}
