// What the sidebar page holds between renders: the server's data, the draft being edited, the page's
// language, and the unsaved draft kept in the browser. Only this module assigns them.
import type { SettingsDocument, SidebarData } from '../contract';
import type { PageText } from '../text';
import { MS_PER_DAY } from '../../tracker/dates';

export let data: SidebarData;
export let draft: SettingsDocument;
export let t: PageText;
let savedJson = '';
let uid = 0;
/** The saved name of each stage in the draft (null for a new one): a renamed stage keeps its old name as an alias. */
export let origins: (string | null)[] = [];
const DRAFT_DAYS = 1;

export const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;
export const dirty = () => JSON.stringify(draft) !== savedJson;
export const errorId = (path: string) => `err-${path.replace(/[^\w-]/g, '-')}`;

/** Keeps an unsaved draft in the browser for a day at most (it may hold managers' e-mails); a saved or discarded one goes at once. */
export function remember(): void {
  try {
    if (dirty()) localStorage.setItem(data.draftKey, JSON.stringify({ at: Date.now(), draft }));
    else localStorage.removeItem(data.draftKey);
  } catch {
    /* storage may be off: the beforeunload prompt still guards the draft */
  }
}

/** A draft kept less than a day ago, different from what is saved; an older one is dropped. */
export function restoreDraft(): boolean {
  try {
    const stored = JSON.parse(localStorage.getItem(data.draftKey) ?? 'null') as { at?: number; draft?: SettingsDocument } | null;
    if (!stored?.draft || typeof stored.at !== 'number' || Date.now() - stored.at > DRAFT_DAYS * MS_PER_DAY) {
      localStorage.removeItem(data.draftKey);
      return false;
    }
    if (JSON.stringify(stored.draft) === savedJson) return false;
    draft = stored.draft;
    return true;
  } catch {
    return false;
  }
}

/** A fresh id for a label's `for`. */
export const nextId = (): number => ++uid;

export function setText(text: PageText): void {
  t = text;
}

export function setData(next: SidebarData): void {
  data = next;
}

/** A new draft; each stage's saved name is `origins` (default: the draft's own funnel, as saved). */
export function setDraft(next: SettingsDocument, stageOrigins: (string | null)[] = [...next.funnel]): void {
  draft = next;
  origins = stageOrigins;
}

/** The settings as the server saved them: the draft starts from them and is clean. */
export function setSaved(settings: SettingsDocument): void {
  setDraft(clone(settings));
  savedJson = JSON.stringify(draft);
}

/** Rebuilds the form; set by the entry point (client.ts), which knows every section. */
export const view = { render: (_focusKey?: string): void => undefined };
