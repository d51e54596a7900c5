// onOpen: the add-on menu. Under AuthMode.NONE it may touch nothing but the menu (no locale, no properties).
import { languageOf, type Language } from '../i18n/language';
import { menuLabel, type MenuKey } from '../i18n/menu';
import { ui } from '../i18n/ui';
import type { EntryPointName } from '../main';
import type { Services } from '../services';

/**
 * Menu items in order; null is a separator. `run` names the public stub of an entry point of main.ts:
 * a name that is not one fails the type check (a type-only import: nothing of main.ts is in Code.js).
 */
export const MENU: readonly ({ label: MenuKey; run: EntryPointName } | null)[] = [
  { label: 'menuBuild', run: 'menuBuildSummary' },
  { label: 'menuSettings', run: 'menuOpenSettings' },
  { label: 'menuSample', run: 'menuInsertSample' },
  { label: 'menuRefresh', run: 'menuRefreshFormulas' },
  null,
  { label: 'menuWatchOn', run: 'menuWatchOn' },
  { label: 'menuWatchOff', run: 'menuWatchOff' },
  { label: 'menuWatchCheck', run: 'menuWatchCheck' },
  null,
  { label: 'menuDigestOn', run: 'menuDigestOn' },
  { label: 'menuDigestOff', run: 'menuDigestOff' },
  null,
  { label: 'menuHelp', run: 'menuHelp' },
];

export interface OpenEvent {
  authMode?: unknown;
}

/** In NONE we may not ask for the user's locale, so the menu is English until the add-on is enabled. */
function menuLanguage(e: OpenEvent | undefined, services: Pick<Services, 'Session'>): Language {
  if (e && String(e.authMode) === 'NONE') return 'en';
  return languageOf(services.Session.getActiveUserLocale());
}

export function onOpen(e: OpenEvent | undefined, services: Pick<Services, 'SpreadsheetApp' | 'Session'>): void {
  const language = menuLanguage(e, services);
  const menu = services.SpreadsheetApp.getUi().createAddonMenu();
  for (const item of MENU) {
    if (item === null) menu.addSeparator();
    else menu.addItem(menuLabel(language, item.label), item.run);
  }
  menu.addToUi();
}

export function userLanguage(services: Pick<Services, 'Session'>): Language {
  return languageOf(services.Session.getActiveUserLocale());
}

export function showHelp(services: Pick<Services, 'SpreadsheetApp' | 'Session'>): void {
  const language = userLanguage(services);
  const theUi = services.SpreadsheetApp.getUi();
  theUi.alert(ui(language, 'helpTitle'), ui(language, 'helpBody'), theUi.ButtonSet.OK);
}
