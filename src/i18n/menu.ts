// The add-on menu's labels, in both languages: apart from ui.ts because onOpen is in Code.js, which
// every execution evaluates, and needs only these.
import type { Language } from './language';

export const menuText = {
  en: {
    menuBuild: 'Build KPI summary',
    menuSettings: 'Settings…',
    menuSample: 'Insert sample tracker',
    menuRefresh: 'Refresh formulas',
    menuWatchOn: 'Lead watch: turn on',
    menuWatchOff: 'Lead watch: turn off',
    menuWatchCheck: 'Lead watch: check now',
    menuDigestOn: 'Weekly digest: turn on',
    menuDigestOff: 'Weekly digest: turn off',
    menuHelp: 'Help',
  },
  ru: {
    menuBuild: 'Построить сводку KPI',
    menuSettings: 'Настройки…',
    menuSample: 'Вставить пример трекера',
    menuRefresh: 'Обновить формулы',
    menuWatchOn: 'Контроль лидов: включить',
    menuWatchOff: 'Контроль лидов: выключить',
    menuWatchCheck: 'Контроль лидов: проверить сейчас',
    menuDigestOn: 'Еженедельная сводка: включить',
    menuDigestOff: 'Еженедельная сводка: выключить',
    menuHelp: 'Справка',
  },
} as const;

export type MenuKey = keyof (typeof menuText)['en'];

export function menuLabel(language: Language, key: MenuKey): string {
  return menuText[language][key];
}
