// The settings page in the sidebar: the entry point that loads the settings, restores an unsaved
// draft and renders the sections (src/sidebar/page/). The page talks to the server only through the
// typed contract, and puts every value from the sheet into the page as text, never as HTML.
import type { FieldError } from './contract';
import { pageText } from './text';
import { fill } from '../i18n/language';
import { save, setBusy, showErrors } from './page/actions';
import { call, el, status } from './page/dom';
import { button } from './page/controls';
import { clone, data, dirty, draft, remember, restoreDraft, setData, setDraft, setSaved, setText, t, view } from './page/state';
import { dataSection } from './page/sections/data';
import { funnelSection, stalledSection } from './page/sections/funnel';
import { activitySection } from './page/sections/team';
import { responseSection, takeoverSection } from './page/sections/leads';
import { summarySection } from './page/sections/summary';

/** Rebuilds the form from the draft; keeps focus on the control with `focusKey` (or the one that had it). */
function render(focusKey?: string): void {
  const key = focusKey ?? (document.activeElement as HTMLElement | null)?.dataset?.key;
  const open = [...document.querySelectorAll('details')].map((d) => d.open);
  const form = document.getElementById('form')!;
  const managers = el('datalist', { id: 'managers' }, ...data.managers.map((m) => el('option', { value: m })));
  form.replaceChildren(
    managers,
    dataSection(),
    funnelSection(),
    stalledSection(),
    activitySection(),
    responseSection(),
    takeoverSection(),
    summarySection(),
  );
  document.querySelectorAll('details').forEach((d, i) => {
    if (open[i] !== undefined) d.open = open[i];
  });
  if (key) (form.querySelector(`[data-key="${key}"]`) as HTMLElement | null)?.focus();
}

async function start(): Promise<void> {
  setText(pageText[document.documentElement.lang === 'ru' ? 'ru' : 'en']);
  setBusy(true);
  try {
    setData(await call('sidebarLoad'));
  } catch (error) {
    setBusy(false);
    status(fill(t.failed, { message: (error as Error).message }), 'error');
    return;
  }
  setText(pageText[data.language]);
  document.documentElement.lang = data.language;
  (document.getElementById('save') as HTMLButtonElement).textContent = t.save;
  setSaved(data.settings);
  const banner = document.getElementById('banner')!;
  if (data.notice) {
    // A repair's notice stays for everyone until someone says it was read.
    const at = data.noticeAt;
    const notice = el(
      'p',
      { class: 'notice' },
      data.notice,
      ' ',
      at === undefined
        ? null
        : button(
            t.noticeRead,
            () => {
              notice.remove();
              void call('sidebarNoticeRead', at).catch(() => undefined);
            },
            { 'data-key': 'notice-read' },
          ),
    );
    banner.append(notice);
  }
  // The first screen says why a function may show #NAME? (docs/deploying.md › Before first use).
  if (!data.settings.sources.deals) banner.append(el('p', { class: 'hint' }, t.functionsNote));
  let errors: FieldError[] = [];
  if (restoreDraft()) {
    // Say whether the restored draft can be saved as it is.
    errors = await call('sidebarCheck', draft).catch(() => []);
    banner.append(
      el(
        'p',
        {},
        t.draftRestored,
        ' ',
        errors.length ? t.draftInvalid : t.draftValid,
        ' ',
        button(t.discard, () => {
          setDraft(clone(data.settings));
          remember();
          banner.replaceChildren();
          showErrors([]);
          render();
        }),
      ),
    );
  }
  setBusy(false);
  render();
  if (errors.length) showErrors(errors);
}

document.getElementById('save')!.addEventListener('click', () => void save());
window.addEventListener('beforeunload', (e) => {
  if (draft && dirty()) {
    e.preventDefault();
    e.returnValue = t.leave;
  }
});
view.render = render;
void start();
