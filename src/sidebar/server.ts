// The server side of the settings page: load, detect and save, every call validated with the schema.
import { fill, type Language } from '../i18n/language';
import { ui } from '../i18n/ui';
import type { Services } from '../services';
import { detectSettings } from '../settings/detect';
import { settingsSchema, SETTINGS_VERSION, type Settings } from '../settings/schema';
import { probeSheets, saveSettingsLocked, type EntrySettings } from '../settings/shell';
import { isUserError, UserError } from '../errors';
import { renderUserError } from '../i18n/errors';
import { REQUIRED_ROLES, ROLES } from '../tracker/headers';
import { nameKey } from '../tracker/names';
import type { FieldError, SaveResult, SidebarData, SourceKind } from './contract';

const KINDS: SourceKind[] = ['deals', 'activities', 'leads'];

function sidebarData(services: Services, language: Language, settings: Settings, notice: string | null): SidebarData {
  const spreadsheet = services.SpreadsheetApp.getActiveSpreadsheet();
  const sheets = probeSheets(spreadsheet).map((p) => ({ name: p.name, headers: p.headers.map((h) => String(h)).filter((h) => h.trim() !== '') }));
  const roles = Object.fromEntries(KINDS.map((k) => [k, ROLES[k].map((role) => ({ role, required: REQUIRED_ROLES[k].includes(role) }))])) as SidebarData['roles'];
  return { language, settings, sheets, roles, notice, draftKey: `salesKpi.draft.${spreadsheet.getId()}` };
}

export function sidebarLoad(services: Services, language: Language, entry: EntrySettings): SidebarData {
  return sidebarData(services, language, entry.settings, entry.notice);
}

/** Detection fills what the draft leaves empty; nothing is saved until the user presses Save. */
export function sidebarDetect(services: Services, language: Language, draft: unknown, saved: Settings): SidebarData {
  const parsed = settingsSchema().safeParse(draft);
  const base = parsed.success ? parsed.data : saved;
  const detection = detectSettings(probeSheets(services.SpreadsheetApp.getActiveSpreadsheet()), base);
  return sidebarData(services, language, detection.settings, null);
}

const MESSAGES = {
  en: {
    too_small: 'must be at least {min}',
    too_small_positive: 'must be greater than {min}',
    too_big: 'must be at most {max}',
    invalid_type: 'must be {expected}',
    email: 'is not an e-mail address',
    time: 'use hh:mm, e.g. 09:00',
    order: '“from” must be before “to”',
    empty: 'must not be empty',
    duplicate: 'appears twice',
    other: 'is not valid',
    number: 'a number',
    stageColumn: 'no column of the deals sheet is headed {stages}: name a column after each stage, or untick this',
  },
  ru: {
    too_small: 'должно быть не меньше {min}',
    too_small_positive: 'должно быть больше {min}',
    too_big: 'должно быть не больше {max}',
    invalid_type: 'нужно {expected}',
    email: '— не адрес e-mail',
    time: 'в формате чч:мм, например 09:00',
    order: '«с» должно быть раньше «до»',
    empty: 'не должно быть пустым',
    duplicate: 'встречается дважды',
    other: 'недопустимое значение',
    number: 'число',
    stageColumn: 'на листе сделок нет столбца с заголовком {stages}: назовите столбец по каждому этапу или снимите отметку',
  },
};

interface Issue {
  code: string;
  path: PropertyKey[];
  minimum?: unknown;
  maximum?: unknown;
  inclusive?: boolean;
  expected?: string;
  format?: string;
  origin?: string;
  message: string;
}

/** A zod issue as a sentence in the user's language, for the field it belongs to. */
function fieldError(issue: Issue, language: Language): FieldError {
  const m = MESSAGES[language];
  const path = issue.path.map(String).join('.');
  let message: string;
  switch (issue.code) {
    case 'too_small':
      message = issue.origin === 'string' || issue.origin === 'array' ? m.empty : fill(issue.inclusive === false ? m.too_small_positive : m.too_small, { min: issue.minimum });
      break;
    case 'too_big':
      message = fill(m.too_big, { max: issue.maximum });
      break;
    case 'invalid_type':
      message = fill(m.invalid_type, { expected: issue.expected === 'number' ? m.number : String(issue.expected) });
      break;
    case 'invalid_format':
      message = issue.format === 'email' ? m.email : issue.format === 'regex' ? m.time : m.other;
      break;
    case 'custom':
      message = m.order;
      break;
    default:
      message = m.other;
  }
  return { path, message };
}

/** Checks the product rules the schema cannot: names given once; stage-date columns for every stage. */
function duplicates(settings: Settings, language: Language): FieldError[] {
  const errors: FieldError[] = [];
  const seen = (list: string[], prefix: string, suffix = '') => {
    const keys = new Set<string>();
    list.forEach((name, i) => {
      const key = nameKey(name);
      if (keys.has(key)) errors.push({ path: `${prefix}.${i}${suffix}`, message: MESSAGES[language].duplicate });
      keys.add(key);
    });
  };
  seen(settings.funnel, 'funnel');
  seen(settings.sla.rotation.map((m) => m.manager), 'sla.rotation', '.manager');
  const stageColumns = settings.sources.deals?.stageColumns ?? [];
  const missing = settings.funnel.filter((_, i) => !stageColumns[i]);
  if (stageColumns.length && missing.length) {
    errors.push({ path: 'sources.deals.stageColumns', message: fill(MESSAGES[language].stageColumn, { stages: missing.join(', ') }) });
  }
  return errors;
}

/**
 * What a whole document lacks: every section the page sends. `{}` or `[]` would otherwise pass,
 * every field taking its default, and wipe the user's settings.
 */
function notWhole(draft: unknown): string | null {
  if (typeof draft !== 'object' || draft === null || Array.isArray(draft)) return Array.isArray(draft) ? 'a list' : typeof draft;
  const shape = settingsSchema().shape;
  const missing = Object.keys(shape).filter((k) => k !== 'version' && !(k in draft));
  const doc = draft as { sources?: unknown; sla?: unknown };
  for (const [section, keys] of [['sources', ['deals', 'activities', 'leads']], ['sla', ['minutes', 'rotation']]] as const) {
    const value = doc[section];
    if (value && typeof value === 'object') missing.push(...keys.filter((k) => !(k in value)).map((k) => `${section}.${k}`));
  }
  return missing.length ? `missing ${missing.slice(0, 5).join(', ')}` : null;
}

const formError = (message: string): SaveResult => ({ ok: false, errors: [{ path: '', message }] });

export function sidebarSave(services: Services, language: Language, draft: unknown): SaveResult {
  const problem = notWhole(draft);
  if (problem) return formError(renderUserError(new UserError('notWholeSettings', { problem }), language));
  const parsed = settingsSchema().safeParse({ ...(draft as object), version: SETTINGS_VERSION });
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.map((i) => fieldError(i as unknown as Issue, language)) };
  const errors = duplicates(parsed.data, language);
  if (errors.length) return { ok: false, errors };
  try {
    saveSettingsLocked(services, parsed.data);
  } catch (error) {
    if (isUserError(error)) return formError(renderUserError(error, language));
    throw error;
  }
  return { ok: true, settings: parsed.data };
}

export function openSidebar(services: Services, language: Language): void {
  const page = services.HtmlService.createHtmlOutputFromFile('Sidebar').setTitle(ui(language, 'settingsTitle'));
  services.SpreadsheetApp.getUi().showSidebar(page);
}
