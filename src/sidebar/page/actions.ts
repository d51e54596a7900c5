// What the page's buttons do with the server: save the draft, detect the sheets, show the field
// errors the server returned; the page is busy meanwhile.
import type { FieldError } from '../contract';
import { fill } from '../../i18n/language';
import { call, status } from './dom';
import { changed } from './sync';
import { clone, data, draft, errorId, origins, remember, setData, setDraft, setSaved, t, view } from './state';

export let busy = false;

export function setBusy(on: boolean, label = t.working): void {
  busy = on;
  const spinner = document.getElementById('busy')!;
  spinner.hidden = !on;
  spinner.querySelector('span')!.textContent = label;
  document.getElementById('app')!.setAttribute('aria-busy', String(on));
  (document.getElementById('save') as HTMLButtonElement).disabled = on;
}

export function showErrors(errors: FieldError[]): void {
  document.querySelectorAll('.error').forEach((e) => (e.textContent = ''));
  document.querySelectorAll('[aria-invalid]').forEach((e) => e.removeAttribute('aria-invalid'));
  let first: HTMLElement | null = null;
  for (const error of errors) {
    // The error goes under its field, or under the nearest enclosing one.
    let path = error.path;
    let slot = document.getElementById(errorId(path));
    while (!slot && path.includes('.')) {
      path = path.slice(0, path.lastIndexOf('.'));
      slot = document.getElementById(errorId(path));
    }
    slot ??= document.getElementById('form-error');
    if (slot) slot.textContent = slot.textContent ? `${slot.textContent}; ${error.message}` : error.message;
    const input = document.querySelector(`[data-path="${path}"]`) as HTMLElement | null;
    if (input) {
      input.setAttribute('aria-invalid', 'true');
      const details = input.closest('details');
      if (details) details.open = true;
      first ??= input;
    }
  }
  first?.scrollIntoView({ block: 'center' });
  first?.focus();
}

export async function save(): Promise<void> {
  if (busy) return;
  setBusy(true, t.saving);
  try {
    const result = await call('sidebarSave', draft, data.generation);
    if (result.ok) {
      data.generation = result.generation;
      setSaved(result.settings);
      remember();
      showErrors([]);
      status(t.saved, 'ok');
    } else {
      showErrors(result.errors);
      status(t.fix, 'error');
    }
  } catch (error) {
    status(fill(t.failed, { message: (error as Error).message }), 'error');
  } finally {
    setBusy(false);
  }
}

export async function detect(): Promise<void> {
  setBusy(true);
  try {
    // Detection saves nothing: Save still goes over the generation this page loaded.
    const generation = data.generation;
    setData({ ...(await call('sidebarDetect', draft)), generation });
    setDraft(
      clone(data.settings),
      data.settings.funnel.map((s, i) => origins[i] ?? s),
    );
    changed();
    view.render('detect');
    status(data.detected ?? '', '');
  } catch (error) {
    status(fill(t.failed, { message: (error as Error).message }), 'error');
  } finally {
    setBusy(false);
  }
}
