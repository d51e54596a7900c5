// Inbound leads: the response SLA, working hours, and who takes a lead over when nobody answers.
import { fill } from '../../../i18n/language';
import { button, checkbox, field, listControls, managerInput, numberInput, section, textInput } from '../controls';
import { el } from '../dom';
import { data, draft, errorId, nextId, t, view } from '../state';
import { changed } from '../sync';

export function responseSection(): HTMLElement {
  const sla = draft.sla;
  const hours = sla.workingHours;
  const hoursBlock = hours
    ? el(
        'div',
        { class: 'hours' },
        el(
          'div',
          { class: 'days', role: 'group', 'aria-label': t.hours },
          ...t.days.map((day, d) => {
            const id = `f${nextId()}`;
            const box = el('input', { type: 'checkbox', id });
            box.checked = hours.days.includes(d);
            box.addEventListener('change', () => {
              hours.days = box.checked ? [...hours.days, d].sort() : hours.days.filter((x) => x !== d);
              changed();
            });
            return el('span', {}, box, el('label', { for: id }, day));
          }),
        ),
        el('div', { class: 'error', id: errorId('sla.workingHours.days'), role: 'alert' }),
        field(
          t.from,
          textInput(hours.from, (v) => (hours.from = v), { type: 'time' }),
          'sla.workingHours.from',
        ),
        field(
          t.to,
          textInput(hours.to, (v) => (hours.to = v), { type: 'time' }),
          'sla.workingHours.to',
        ),
      )
    : null;
  return section(
    t.qResponse,
    t.qResponseIntro,
    false,
    field(
      t.sla,
      numberInput(sla.minutes, (v) => ((sla as { minutes: unknown }).minutes = v), { 'data-key': 'sla' }),
      'sla.minutes',
    ),
    checkbox(
      t.hours,
      hours !== null,
      (v) => (sla.workingHours = v ? { days: [1, 2, 3, 4, 5], from: '09:00', to: '19:00' } : null),
      'sla.workingHours',
    ),
    hoursBlock,
  );
}

export function takeoverSection(): HTMLElement {
  const sla = draft.sla;
  const rotation = sla.rotation.map((m, i) => {
    const who = m.manager || fill(t.managerOf, { n: String(i + 1) });
    const email = textInput(m.email, (v) => (m.email = v), {
      type: 'email',
      'aria-label': fill(t.emailOf, { name: who }),
      placeholder: t.email,
    });
    email.dataset.path = `sla.rotation.${i}.email`;
    email.setAttribute('aria-describedby', errorId(`sla.rotation.${i}.email`));
    const onDuty = el('input', { type: 'checkbox', 'aria-label': fill(t.onDutyOf, { name: who }) });
    onDuty.checked = m.onDuty;
    onDuty.dataset.path = `sla.rotation.${i}.onDuty`;
    onDuty.addEventListener('change', () => {
      m.onDuty = onDuty.checked;
      changed();
    });
    return el(
      'li',
      { class: 'person' },
      el(
        'div',
        { class: 'line' },
        managerInput(m.manager, (v) => (m.manager = v), fill(t.managerOf, { n: String(i + 1) }), `sla.rotation.${i}.manager`),
        el('label', { class: 'duty' }, onDuty, t.onDuty),
        listControls(sla.rotation, i, who, 'rotation'),
      ),
      email,
      el('div', { class: 'error', id: errorId(`sla.rotation.${i}.email`), role: 'alert' }),
    );
  });
  return section(
    t.qTakeover,
    t.qTakeoverIntro,
    false,
    el('div', { class: 'hint' }, data.boundScript ? t.boundMinute : t.addonHour),
    el('h3', {}, t.rotation),
    el('ol', { class: 'list' }, ...rotation),
    button(
      t.addManager,
      () => {
        sla.rotation.push({ manager: '', email: '', onDuty: true });
        changed();
        view.render('rotation-add');
      },
      { 'data-key': 'rotation-add' },
    ),
    field(
      t.maxRe,
      numberInput(sla.maxReassignments, (v) => ((sla as { maxReassignments: unknown }).maxReassignments = v)),
      'sla.maxReassignments',
    ),
    checkbox(t.notify, sla.notifyManagers, (v) => (sla.notifyManagers = v), 'sla.notifyManagers'),
    field(
      t.head,
      textInput(draft.headOfSalesEmail, (v) => (draft.headOfSalesEmail = v), { type: 'email' }),
      'headOfSalesEmail',
    ),
  );
}
