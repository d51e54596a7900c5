// Display values as Sheets shows them: number formats (0.0%, #,##0 "₽"), dates, booleans, per locale.
import { isDate } from './realm';

function separators(locale: string): { decimal: string; group: string } {
  return /^(ru|de|fr|es|it|pt|uk|be|kk|pl|cs|nl|sv|fi|nb|da|tr)/i.test(locale)
    ? { decimal: ',', group: /^(ru|fr|uk|be|kk|pl|cs|sv|fi|nb)/i.test(locale) ? '\u00a0' : '.' }
    : { decimal: '.', group: ',' };
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** A Date's calendar fields in a named zone (Sheets shows dates in the spreadsheet's zone). */
function fieldsIn(date: Date, timeZone: string) {
  const p: Record<string, number> = {};
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(date);
  for (const part of parts) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return { year: p.year, month: p.month, day: p.day, hours: p.hour % 24, minutes: p.minute, seconds: p.second };
}

function formatDate(value: Date, pattern: string, timeZone: string): string {
  const f = fieldsIn(value, timeZone);
  const date = {
    getFullYear: () => f.year,
    getMonth: () => f.month - 1,
    getDate: () => f.day,
    getHours: () => f.hours,
    getMinutes: () => f.minutes,
    getSeconds: () => f.seconds,
  };
  let out = '';
  let sawHour = false;
  const re = /yyyy|yy|MM|M|dd|d|HH|H|hh|h|mm|m|ss|s|"[^"]*"|./g;
  for (const token of pattern.match(re) ?? []) {
    switch (token) {
      case 'yyyy':
        out += date.getFullYear();
        break;
      case 'yy':
        out += pad(date.getFullYear() % 100);
        break;
      case 'MM':
        out += pad(date.getMonth() + 1);
        break;
      case 'M':
        out += date.getMonth() + 1;
        break;
      case 'dd':
        out += pad(date.getDate());
        break;
      case 'd':
        out += date.getDate();
        break;
      case 'HH':
      case 'hh':
        out += pad(date.getHours());
        sawHour = true;
        break;
      case 'H':
      case 'h':
        out += date.getHours();
        sawHour = true;
        break;
      case 'mm':
        out += sawHour ? pad(date.getMinutes()) : pad(date.getMonth() + 1);
        break;
      case 'm':
        out += sawHour ? date.getMinutes() : date.getMonth() + 1;
        break;
      case 'ss':
        out += pad(date.getSeconds());
        break;
      case 's':
        out += date.getSeconds();
        break;
      default:
        out += token.startsWith('"') ? token.slice(1, -1) : token;
    }
  }
  return out;
}

function groupDigits(int: string, group: string): string {
  return int.replace(/\B(?=(\d{3})+(?!\d))/g, group);
}

function formatNumber(value: number, pattern: string, locale: string): string {
  const { decimal, group } = separators(locale);
  const sections = pattern.split(';');
  const section = value === 0 && sections.length > 2 ? sections[2] : value < 0 && sections.length > 1 ? sections[1] : sections[0];
  const literals: string[] = [];
  // Literals ("₽", [$€], \x) are parked as private-use characters, which the number pattern never matches.
  const bare = section.replace(/"([^"]*)"|\[\$([^\]-]*)[^\]]*\]|\\(.)/g, (_m, q, c, e) => {
    literals.push(q ?? c ?? e);
    return String.fromCharCode(0xe000 + literals.length - 1);
  });
  const restore = (text: string) => text.replace(/[\ue000-\uefff]/g, (ch) => literals[ch.charCodeAt(0) - 0xe000]);
  const core = /[#0,.]+/.exec(bare);
  if (!core) return restore(bare);
  const percent = bare.includes('%');
  const decimals = (core[0].split('.')[1] ?? '').replace(/[^0#]/g, '').length;
  const grouped = core[0].split('.')[0].includes(',');
  const scaled = Math.abs(percent ? value * 100 : value);
  const [int, frac] = scaled.toFixed(decimals).split('.');
  const number = (grouped ? groupDigits(int, group) : int) + (frac ? decimal + frac : '');
  const sign = value < 0 && !pattern.includes(';') && Number(scaled.toFixed(decimals)) !== 0 ? '-' : '';
  return restore(bare.slice(0, core.index) + sign + number + bare.slice(core.index + core[0].length));
}

function general(value: number, locale: string): string {
  const text = String(Number(value.toPrecision(10)));
  return text.replace('.', separators(locale).decimal);
}

/** What a cell shows, given its value, number format and the spreadsheet's locale. */
export function displayValue(
  value: unknown,
  format: string | undefined,
  locale: string,
  timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone,
): string {
  if (value === '' || value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  const isRu = /^ru/i.test(locale);
  if (isDate(value)) {
    const f = fieldsIn(value, timeZone);
    const hasTime = f.hours || f.minutes || f.seconds;
    const pattern =
      format && /[dyhs]/i.test(format)
        ? format
        : isRu
          ? hasTime
            ? 'dd.MM.yyyy H:mm:ss'
            : 'dd.MM.yyyy'
          : hasTime
            ? 'M/d/yyyy H:mm:ss'
            : 'M/d/yyyy';
    return formatDate(value, pattern, timeZone);
  }
  if (typeof value === 'number') {
    if (!format || format === 'General' || format === '@') return general(value, locale);
    return formatNumber(value, format, locale);
  }
  return String(value);
}
