// Menu: Weekly digest: turn on / turn off — the setting saved, and the user told who gets it.
import { fillCount, type Language } from '../i18n/language';
import { weeklyText } from '../i18n/weekly';
import type { Services } from '../services';
import type { Settings } from '../settings/schema';
import { saveSettingsLocked } from '../settings/shell';
import { digestRecipients } from './digest';

/** Returns the settings in effect afterwards (the scheduler is set from them). */
export function turnDigest(services: Services, language: Language, settings: Settings, on: boolean): Settings {
  const t = weeklyText[language];
  const theUi = services.SpreadsheetApp.getUi();
  const changed = { ...settings, weekly: { ...settings.weekly, digest: on } };
  const recipients = digestRecipients(changed).map((r) => r.to);
  if (on && !recipients.length) {
    theUi.alert(t.digestTitle, t.digestOnNoRecipient, theUi.ButtonSet.OK);
    return settings;
  }
  if (settings.weekly.digest !== on) saveSettingsLocked(services, changed);
  theUi.alert(
    t.digestTitle,
    on ? fillCount(language, t.digestOn, { to: recipients.join(', '), n: recipients.length }) : t.digestOff,
    theUi.ButtonSet.OK,
  );
  return changed;
}
