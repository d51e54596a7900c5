// The Monday digest's e-mails, pure: the head of sales' (This week, the headline with the week's
// change, a chart, a link) and each manager's (their own figures only). Data text is HTML-escaped.
import { fill, type Language } from '../i18n/language';
import { summaryText } from '../i18n/summary';
import { weeklyText } from '../i18n/weekly';
import { moneyText } from '../summary/currency';
import type { HeadlineKey, ManagerFigure, SummaryFigures } from '../summary/figures';
import type { WeeklyReview } from '../summary/model';
import { weekLabel } from './weeks';

export interface DigestMail {
  to: string;
  subject: string;
  body: string;
  htmlBody: string;
  /** Whether the chart image goes with it (cid:chart). */
  chart: boolean;
}

export interface DigestInput {
  week: number;
  late: boolean;
  language: Language;
  locale: string;
  sign: string;
  figures: SummaryFigures;
  review: WeeklyReview;
  url: string;
}

const escape = (text: unknown) => String(text ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const RATES = new Set<HeadlineKey>(['winRate', 'breachRate']);
const MONEY = new Set<HeadlineKey>(['wonRevenue', 'averageWon', 'pipelineValue']);

function valueText(key: HeadlineKey, value: number | null, input: DigestInput): string {
  if (value === null) return '—';
  if (RATES.has(key)) return `${(value * 100).toFixed(1)}%`;
  if (MONEY.has(key)) return moneyText(value, input.sign, input.locale);
  return new Intl.NumberFormat(input.locale.replace('_', '-'), { maximumFractionDigits: 1 }).format(value);
}

function changeText(key: HeadlineKey, current: number | null, previous: number | null): string {
  if (current === null || previous === null) return '';
  const d = current - previous;
  if (d === 0) return '=';
  const arrow = d > 0 ? '▲' : '▼';
  return RATES.has(key)
    ? `${arrow} ${Math.abs(d * 100).toFixed(1)} pp`
    : previous
      ? `${arrow} ${Math.abs((d / previous) * 100).toFixed(0)}%`
      : arrow;
}

function page(title: string, late: string | null, parts: string[], input: DigestInput): string {
  const w = weeklyText[input.language];
  return [
    `<div style="font-family:Arial,sans-serif;font-size:14px;color:#202124">`,
    `<h2 style="margin:0 0 8px">${escape(title)}</h2>`,
    late ? `<p style="color:#a50e0e">${escape(late)}</p>` : '',
    ...parts,
    `<p><a href="${escape(input.url)}">${escape(w.digestOpen)}</a></p>`,
    `</div>`,
  ].join('\n');
}

/** The head of sales' digest (one per recipient: the same text). */
export function headDigest(to: string, input: DigestInput): DigestMail {
  const w = weeklyText[input.language];
  const t = summaryText[input.language];
  const subject = fill(input.late ? w.digestSubjectLate : w.digestSubject, { week: weekLabel(input.week) });
  const actions = input.review.actions.length
    ? `<ol>${input.review.actions.map((a) => `<li>${escape(a.text)} — <b>${escape(a.number)}</b>${a.money !== null ? `, ${escape(moneyText(a.money, input.sign, input.locale))}` : ''}</li>`).join('')}</ol>`
    : `<p>${escape(w.digestNoActions)}</p>`;
  const rows = (Object.keys(t.figures) as HeadlineKey[])
    .filter((key) => input.figures.headline[key].current !== null)
    .map((key) => {
      const h = input.figures.headline[key];
      return `<tr><td>${escape(t.figures[key])}</td><td align="right"><b>${escape(valueText(key, h.current, input))}</b></td><td align="right">${escape(changeText(key, h.current, h.previous))}</td></tr>`;
    });
  const parts = [
    `<h3>${escape(w.thisWeek)}</h3>`,
    actions,
    `<h3>${escape(w.digestHeadline)}</h3>`,
    `<table cellpadding="4">${rows.join('')}</table>`,
    `<p><img src="cid:chart" alt="${escape(w.digestChart)}" width="600" height="240"></p>`,
  ];
  const text = [subject, ...input.review.actions.map((a, i) => `${i + 1}. ${a.text} — ${a.number}`), input.url].join('\n');
  return { to, subject, body: text, htmlBody: page(subject, input.late ? w.digestLate : null, parts, input), chart: true };
}

/** A manager's own week: their row of the figures, nothing of anyone else's. */
export function managerDigest(to: string, manager: ManagerFigure, weakest: string | null, input: DigestInput): DigestMail {
  const w = weeklyText[input.language];
  const t = summaryText[input.language];
  const subject = fill(w.digestManagerSubject, { week: weekLabel(input.week) });
  const c = t.managersColumns;
  const cells: [string, string][] = [
    [c.deals, String(manager.deals)],
    [c.won, String(manager.won)],
    [c.winRate, manager.winRate === null ? '—' : `${(manager.winRate * 100).toFixed(1)}%`],
    [c.wonRevenue, moneyText(manager.wonRevenue, input.sign, input.locale)],
  ];
  if (manager.effectiveTouches !== null) cells.push([c.effectiveTouches, String(manager.effectiveTouches)]);
  if (manager.slaBreaches !== null) cells.push([c.slaBreaches, String(manager.slaBreaches)]);
  const parts = [
    `<p><b>${escape(manager.name)}</b></p>`,
    `<table cellpadding="4">${cells.map(([k, v]) => `<tr><td>${escape(k)}</td><td align="right"><b>${escape(v)}</b></td></tr>`).join('')}</table>`,
  ];
  if (weakest) parts.push(`<p>${escape(weakest)}</p>`);
  const text = [subject, manager.name, ...cells.map(([k, v]) => `${k}: ${v}`), weakest ?? '', input.url].filter(Boolean).join('\n');
  return { to, subject, body: text, htmlBody: page(subject, input.late ? w.digestLate : null, parts, input), chart: false };
}
