// The server side of the settings page: load, detect and save, every call validated with the schema.
import { fill, type Language } from '../i18n/language';
import { ui } from '../i18n/ui';
import { isAddonInstall, type Services } from '../services';
import { detectSettings, type SheetProbe } from '../settings/detect';
import { settingsSchema, SETTINGS_VERSION, type Settings } from '../settings/schema';
import { probeSheets, saveSettingsLocked, settingsNotice, type EntrySettings } from '../settings/shell';
import { clearRepairNotice, readRepairNotice, settingsGeneration } from '../settings/storage';
import { isUserError, UserError } from '../errors';
import { renderUserError } from '../i18n/errors';
import { bigQuerySettingsText } from '../i18n/bigquery';
import { bigQuerySettingsProblem } from '../settings/bigquery';
import { columnIndex, REQUIRED_ROLES, ROLES } from '../tracker/headers';
import { nameKey } from '../tracker/names';
import type { FieldError, SaveResult, SidebarData, SourceKind } from './contract';

const KINDS: SourceKind[] = ['deals', 'activities', 'leads', 'history'];

/** The managers named in the mapped manager columns, each once (as first written), for plans and the rotation. */
function managersInData(probes: SheetProbe[], settings: Settings): string[] {
  const names = new Map<string, string>();
  for (const kind of KINDS) {
    const source = settings.sources[kind];
    const header = source?.columns.manager;
    const probe = source && header ? probes.find((p) => p.name === source.sheet) : undefined;
    const column = probe && header ? columnIndex(probe.headers, header) : -1;
    if (!probe || column < 0) continue;
    for (const value of probe.columnValues(column)) {
      const name = String(value ?? '').trim();
      if (name && !names.has(nameKey(name))) names.set(nameKey(name), name);
      if (names.size >= 500) break;
    }
  }
  return [...names.values()].sort((a, b) => a.localeCompare(b));
}

/** The effective-touch list with the user's language's words first (the order means nothing else). */
function touchesFor(language: Language, list: readonly string[]): string[] {
  const cyrillic = (s: string) => /[а-яё]/i.test(s);
  const mine = (s: string) => (language === 'ru' ? cyrillic(s) : !cyrillic(s));
  return [...list.filter(mine), ...list.filter((s) => !mine(s))];
}

function sidebarData(services: Services, language: Language, settings: Settings, notice: string | null): SidebarData {
  const spreadsheet = services.SpreadsheetApp.getActiveSpreadsheet();
  const probes = probeSheets(spreadsheet);
  const sheets = probes.map((p) => ({ name: p.name, headers: p.headers.map((h) => String(h)).filter((h) => h.trim() !== '') }));
  const roles = Object.fromEntries(
    KINDS.map((k) => [k, ROLES[k].map((role) => ({ role, required: REQUIRED_ROLES[k].includes(role) }))]),
  ) as SidebarData['roles'];
  const shown = { ...settings, effectiveTouches: touchesFor(language, settings.effectiveTouches) };
  const all = services.PropertiesService.getDocumentProperties().getProperties();
  // A repair told to whoever opens the page next, until someone reads it.
  const waiting = readRepairNotice(all);
  const told = waiting ? settingsNotice(waiting, language, waiting.kept) : null;
  return {
    language,
    settings: shown,
    sheets,
    roles,
    notice: told ?? notice,
    noticeAt: waiting?.at,
    generation: settingsGeneration(all),
    draftKey: `salesKpi.draft.${spreadsheet.getId()}`,
    managers: managersInData(probes, settings),
    boundScript: !isAddonInstall(services),
  };
}

export function sidebarLoad(services: Services, language: Language, entry: EntrySettings): SidebarData {
  return sidebarData(services, language, entry.settings, entry.notice);
}

/** Detection fills what the draft leaves empty; nothing is saved until the user presses Save. It says what it found, or why it changed nothing. */
export function sidebarDetect(services: Services, language: Language, draft: unknown, saved: Settings): SidebarData {
  const parsed = settingsSchema().safeParse(draft);
  const base = parsed.success ? parsed.data : saved;
  const detection = detectSettings(probeSheets(services.SpreadsheetApp.getActiveSpreadsheet()), base);
  const t = MESSAGES[language];
  const found = Object.entries(detection.found).map(([kind, sheet]) =>
    fill(t.detectedSource, { kind: t.kinds[kind as SourceKind], sheet: String(sheet) }),
  );
  const funnel =
    detection.settings.funnel.length >= 2 && base.funnel.length < 2
      ? [fill(t.detectedFunnel, { stages: detection.settings.funnel.join(' → ') })]
      : [];
  const detected =
    found.length || funnel.length
      ? fill(t.detected, { what: [...found, ...funnel].join('; ') })
      : KINDS.every((k) => base.sources[k] || k === 'history')
        ? t.detectedNothingSet
        : t.detectedNothingFound;
  return { ...sidebarData(services, language, detection.settings, null), detected };
}

/** What Save would answer, without saving (a restored draft says whether it is valid). */
export function sidebarCheck(language: Language, draft: unknown): FieldError[] {
  return validDraft(language, draft).errors;
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
    kinds: { deals: 'deals', activities: 'activities', leads: 'leads', history: 'stage history' },
    detected: 'Found: {what}. Check and press Save.',
    detectedSource: '{kind} on the sheet "{sheet}"',
    detectedFunnel: 'the funnel {stages}',
    detectedNothingSet: 'Nothing changed: every source is already chosen. To detect one again, set it to "not used" first.',
    detectedNothingFound:
      'Nothing changed: no sheet has headers that look like deals, activities or leads. Choose the sheets and columns below.',
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
    kinds: { deals: 'сделки', activities: 'активности', leads: 'лиды', history: 'история этапов' },
    detected: 'Найдено: {what}. Проверьте и нажмите «Сохранить».',
    detectedSource: '{kind} на листе «{sheet}»',
    detectedFunnel: 'воронка {stages}',
    detectedNothingSet:
      'Ничего не изменено: все источники уже выбраны. Чтобы определить источник заново, сначала выберите «не используется».',
    detectedNothingFound:
      'Ничего не изменено: ни на одном листе нет заголовков, похожих на сделки, активности или лиды. Выберите листы и столбцы ниже.',
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
      message =
        issue.origin === 'string' || issue.origin === 'array'
          ? m.empty
          : fill(issue.inclusive === false ? m.too_small_positive : m.too_small, { min: issue.minimum });
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
  seen(
    settings.sla.rotation.map((m) => m.manager),
    'sla.rotation',
    '.manager',
  );
  const stageColumns = settings.sources.deals?.stageColumns ?? [];
  const missing = settings.funnel.filter((_, i) => !stageColumns[i]);
  if (stageColumns.length && missing.length) {
    errors.push({ path: 'sources.deals.stageColumns', message: fill(MESSAGES[language].stageColumn, { stages: missing.join(', ') }) });
  }
  return errors;
}

/** The BigQuery source's first problem (the table id part by part, the billing project, the location, the stage column). */
function bigQueryErrors(settings: Settings, language: Language): FieldError[] {
  const problem = settings.bigquery ? bigQuerySettingsProblem(settings.bigquery) : null;
  return problem ? [{ path: problem.path, message: bigQuerySettingsText(language, problem.key) }] : [];
}

/**
 * What a whole document lacks: every section the page sends. `{}` or `[]` would otherwise pass,
 * every field taking its default, and wipe the user's settings.
 */
function notWhole(draft: unknown): string | null {
  if (typeof draft !== 'object' || draft === null || Array.isArray(draft)) return Array.isArray(draft) ? 'a list' : typeof draft;
  const shape = settingsSchema().shape;
  // bigquery is newer than drafts kept by earlier pages: left out, it is "no BigQuery table".
  const missing = Object.keys(shape).filter((k) => k !== 'version' && k !== 'bigquery' && !(k in draft));
  const doc = draft as { sources?: unknown; sla?: unknown };
  for (const [section, keys] of [
    ['sources', ['deals', 'activities', 'leads']],
    ['sla', ['minutes', 'rotation']],
  ] as const) {
    const value = doc[section];
    if (value && typeof value === 'object') missing.push(...keys.filter((k) => !(k in value)).map((k) => `${section}.${k}`));
  }
  return missing.length ? `missing ${missing.slice(0, 5).join(', ')}` : null;
}

const formError = (message: string): SaveResult => ({ ok: false, errors: [{ path: '', message }] });

/** The draft as settings, or why it cannot be saved: a whole document, valid, every name given once. */
function validDraft(language: Language, draft: unknown): { settings: Settings | null; errors: FieldError[] } {
  const problem = notWhole(draft);
  if (problem)
    return { settings: null, errors: [{ path: '', message: renderUserError(new UserError('notWholeSettings', { problem }), language) }] };
  const parsed = settingsSchema().safeParse({ ...(draft as object), version: SETTINGS_VERSION });
  if (!parsed.success) return { settings: null, errors: parsed.error.issues.map((i) => fieldError(i as unknown as Issue, language)) };
  const errors = [...duplicates(parsed.data, language), ...bigQueryErrors(parsed.data, language)];
  return { settings: errors.length ? null : parsed.data, errors };
}

/** Saves a draft; with `generation` (what the page loaded), only over that save: never silently over someone else's. */
export function sidebarSave(services: Services, language: Language, draft: unknown, generation?: unknown): SaveResult {
  const { settings, errors } = validDraft(language, draft);
  if (!settings) return { ok: false, errors };
  let saved: string;
  try {
    saved = saveSettingsLocked(services, settings, typeof generation === 'string' ? generation : undefined);
  } catch (error) {
    if (isUserError(error)) return formError(renderUserError(error, language));
    throw error;
  }
  return { ok: true, settings, generation: saved };
}

/** The repair notice was read in the page: it goes. */
export function sidebarNoticeRead(services: Services, at: unknown): void {
  if (typeof at === 'number') clearRepairNotice(services.PropertiesService.getDocumentProperties(), at);
}

/**
 * The page already in the user's language from its first paint: its lang (which its script reads
 * before the first server call answers) and the words it shows before that call.
 */
export function openSidebar(services: Services, language: Language): void {
  const { HtmlService } = services;
  const html = HtmlService.createHtmlOutputFromFile('Sidebar')
    .getContent()
    .replace('<html lang="en">', `<html lang="${language}">`)
    .replace('>Save</button>', () => `>${ui(language, 'sidebarSave')}</button>`)
    .replace('<span>…</span>', () => `<span>${ui(language, 'sidebarWorking')}</span>`);
  services.SpreadsheetApp.getUi().showSidebar(HtmlService.createHtmlOutput(html).setTitle(ui(language, 'settingsTitle')));
}
