// Values cross into the script's V8 context as that context's own Arrays and Dates, as in Apps Script.
import vm from 'node:vm';

export interface Realm {
  /** Deep-copies arrays and Dates into the script's realm. */
  toScript<T>(value: T): T;
  Date: DateConstructor;
}

export function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}

export function realmOf(context: vm.Context): Realm {
  const CtxArray = vm.runInContext('Array', context) as ArrayConstructor;
  const CtxDate = vm.runInContext('Date', context) as DateConstructor;
  const toScript = (value: unknown): unknown => {
    if (Array.isArray(value)) return CtxArray.from(value, toScript);
    if (isDate(value)) return new CtxDate(value.getTime());
    return value;
  };
  return { toScript: toScript as Realm['toScript'], Date: CtxDate };
}

/**
 * Replaces the context's Date: `new Date()` and `Date.now()` read the host's clock, and local time
 * (getHours, getTimezoneOffset, new Date(y, m, d), …) is the script's zone from the manifest, as in
 * Apps Script — not this process's zone and not the spreadsheet's.
 */
export function installClock(context: vm.Context, now: () => number, scriptZone: string): void {
  const install = vm.runInContext(
    `(function (now, zone) {
      const RealDate = Date;
      const format = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
      const cache = new Map();
      // Minutes to add to local time to get UTC (getTimezoneOffset's sign), per quarter hour.
      const offsetAt = (t) => {
        const key = Math.floor(t / 900000);
        let off = cache.get(key);
        if (off === undefined) {
          const p = {};
          for (const part of format.formatToParts(new RealDate(key * 900000))) if (part.type !== 'literal') p[part.type] = Number(part.value);
          off = Math.round((key * 900000 - RealDate.UTC(p.year, p.month - 1, p.day, p.hour % 24, p.minute, p.second)) / 60000);
          cache.set(key, off);
        }
        return off;
      };
      const fromWall = (wall) => wall + offsetAt(wall + offsetAt(wall) * 60000) * 60000;
      const wallOf = (t) => t - offsetAt(t) * 60000;
      const parseLocal = (text) => {
        const s = String(text);
        // Explicit zones and date-only ISO strings are UTC instants already; other forms are local.
        if (/(Z|[+-]\\d{2}:?\\d{2}|GMT|UTC)\\s*$/i.test(s) || /^\\d{4}-\\d{2}-\\d{2}$/.test(s)) return RealDate.parse(s);
        const d = new RealDate(s);
        const t = d.getTime();
        return t !== t ? NaN : fromWall(t - d.getTimezoneOffset() * 60000);
      };
      class HostDate extends RealDate {
        constructor(...args) {
          if (args.length === 0) super(now());
          else if (args.length === 1 && typeof args[0] === 'string') super(parseLocal(args[0]));
          else if (args.length === 1) super(args[0] instanceof RealDate ? args[0].getTime() : args[0]);
          else super(fromWall(RealDate.UTC(...args)));
        }
        static now() { return now(); }
        static parse(text) { return parseLocal(text); }
        getTimezoneOffset() { const t = this.getTime(); return t !== t ? NaN : offsetAt(t); }
      }
      const wallDate = (d) => new RealDate(wallOf(d.getTime()));
      for (const field of ['FullYear', 'Month', 'Date', 'Day', 'Hours', 'Minutes', 'Seconds', 'Milliseconds']) {
        HostDate.prototype['get' + field] = function () { const t = this.getTime(); return t !== t ? NaN : wallDate(this)['getUTC' + field](); };
        if (field === 'Day') continue;
        HostDate.prototype['set' + field] = function (...values) {
          const wall = wallDate(this);
          wall['setUTC' + field](...values);
          return this.setTime(fromWall(wall.getTime()));
        };
      }
      globalThis.Date = HostDate;
    })`,
    context,
  ) as (now: () => number, zone: string) => void;
  install(now, scriptZone);
}
