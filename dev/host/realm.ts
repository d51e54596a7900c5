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

/** Replaces the context's Date so that `new Date()` and `Date.now()` read the host's clock. */
export function installClock(context: vm.Context, now: () => number): void {
  const install = vm.runInContext(
    `(function (now) {
      const RealDate = Date;
      class HostDate extends RealDate {
        constructor(...args) { if (args.length === 0) super(now()); else super(...args); }
        static now() { return now(); }
      }
      globalThis.Date = HostDate;
    })`,
    context,
  ) as (now: () => number) => void;
  install(now);
}
