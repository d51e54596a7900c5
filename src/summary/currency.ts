// The summary's money: the data's currency (docs/summary.md, "Money and numbers") — the amount column's number format, else
// a sign in text amounts, else the settings, else the spreadsheet locale's — as a format and as text.

const SIGNS: Record<string, string> = {
  '₽': '₽',
  RUB: '₽',
  РУБ: '₽',
  Р: '₽',
  $: '$',
  USD: '$',
  '€': '€',
  EUR: '€',
  '£': '£',
  GBP: '£',
  '₴': '₴',
  UAH: '₴',
  '₸': '₸',
  KZT: '₸',
  '¥': '¥',
  CNY: '¥',
  JPY: '¥',
};
/** Currency names, upper case, checked in order (a Belarusian rouble is not a Russian one). */
const NAMES: [RegExp, string][] = [
  [/БЕЛОРУС|BELARUS/, 'BYN'],
  [/РУБЛ|ROUBLE|RUBLE/, '₽'],
  [/ДОЛЛАР США|^ДОЛЛАР$|US DOLLAR|^DOLLARS?$/, '$'],
  [/ЕВРО|^EUROS?$/, '€'],
  [/ФУНТ|POUND/, '£'],
  [/ГРИВН|HRYVNIA/, '₴'],
  [/ТЕНГЕ|TENGE/, '₸'],
  [/ЮАН|YUAN|RENMINBI/, '¥'],
];
/** Signs written before the number. */
const BEFORE = new Set(['$', '£', '¥']);

/** A currency sign or code as the sign the summary writes: '$', '₽', … ('' when not a currency). */
export function currencySign(text: string, anyCode = true): string {
  const t = text.trim().replace(/\.$/, '').toUpperCase();
  if (!t) return '';
  if (SIGNS[t]) return SIGNS[t];
  if (/^РУБ/.test(t)) return '₽';
  // A currency by name, as a CRM's currency column writes it (Bitrix24 «Российский рубль», "US Dollar").
  for (const [name, sign] of NAMES) if (name.test(t)) return sign;
  const sign = /[₽$€£¥₴₸]/.exec(t);
  return sign ? sign[0] : anyCode && /^[A-Z]{3}$/.test(t) ? t : '';
}

/**
 * The currency of a number format, or '': `"$"#,##0.00`, `[$€-407]#,##0`, `#,##0 "₽"`, `$#,##0`, `#,##0.00 [$RUB]`.
 * @example currencyOfFormat('[$$-409]#,##0.00') // '$'
 */
export function currencyOfFormat(format: string): string {
  for (const m of format.matchAll(/\[\$([^\]-]*)[^\]]*\]|"([^"]*)"|([₽$€£¥₴₸])/g)) {
    // A quoted literal may be any unit (" pcs"): only known signs and codes there; [$CHF] is always a currency.
    const sign = m[1] !== undefined ? currencySign(m[1]) : currencySign(m[2] ?? m[3] ?? '', false);
    if (sign) return sign;
  }
  return '';
}

function localeSign(locale: string): string {
  if (/^ru/i.test(locale)) return '₽';
  if (/^(uk|be)/i.test(locale)) return '₴';
  if (/^kk/i.test(locale)) return '₸';
  if (/^en[_-]GB/i.test(locale)) return '£';
  if (/^(de|fr|es|it|nl|pt|fi|el|sk|sl|et|lv|lt)/i.test(locale)) return '€';
  return '$';
}

/** The sign to show: the first of the amount column's format, a sign in text amounts, the setting, the locale's. */
export function chooseCurrency(fromFormat: string, fromText: string, setting: string, locale: string): string {
  return (
    currencySign(fromFormat) || currencySign(fromText) || currencySign(setting) || setting.trim().replace(/"/g, '') || localeSign(locale)
  );
}

/** The Sheets number format for whole amounts in a sign. */
export function moneyFormat(sign: string): string {
  return BEFORE.has(sign) ? `"${sign}"#,##0` : `#,##0 "${sign}"`;
}

/** An amount as text in a sentence ("$48,000", "48 000 ₽"), grouped as the locale writes numbers. */
export function moneyText(value: number, sign: string, locale: string): string {
  const number = new Intl.NumberFormat(locale.replace('_', '-'), { maximumFractionDigits: 0 }).format(Math.round(value));
  return BEFORE.has(sign) ? `${sign}${number}` : `${number} ${sign}`;
}
