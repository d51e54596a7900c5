// Google's documented rules the host enforces (dev/host/RULES.md lists each with its source):
// who is running, in which authorization mode, and the run budget that simulates a kill.

export type AuthMode = 'NONE' | 'LIMITED' | 'CUSTOM_FUNCTION' | 'FULL';
export type Install = 'addon' | 'bound' | 'test';

/** Google's texts, where users report them; the others are marked "ours" in RULES.md. */
export const GOOGLE_ERRORS = {
  permission: (call: string) => `You do not have permission to call ${call}`,
  uiFromContext: 'Cannot call SpreadsheetApp.getUi() from this context.',
  propertyTooLarge: 'Argument too large: value',
  propertyStoreFull: 'You have exceeded the property storage quota. Please remove some properties and try again.',
  cellTooLong: 'Your input contains more than the maximum of 50000 characters in a single cell.',
  tooManyCells: 'This action would increase the number of cells in the workbook above the limit of 10000000 cells.',
  mailQuota: 'Service invoked too many times for one day: email.',
  tooManyScriptTriggers: 'This script has too many triggers. Triggers must be deleted from the script before more can be added.',
  tooManyAddonTriggers: (kind: string) =>
    `This add-on has created too many ${kind} triggers in this document for this Google user account.`,
  addonClockTooOften: 'Add-ons may not create time-based triggers that run more than once per hour.',
  testDeploymentTriggers: 'Installable triggers are not supported in test deployments.',
  serverError: "We're sorry, a server error occurred. Please wait a bit and try again.",
  propertiesQuota: 'Service invoked too many times for one day: properties.',
  triggerRuntime: 'Service using too much computer time for one day',
} as const;

export const LIMITS = {
  propertyValueBytes: 9 * 1024,
  propertyStoreBytes: 500 * 1024,
  cellCharacters: 50_000,
  cellsPerSpreadsheet: 10_000_000,
  triggersPerUserPerScript: 20,
  consumerMailRecipientsPerDay: 100,
  addonClockMinimumMs: 3_600_000,
  consumerTriggerRuntimeMsPerDay: 90 * 60_000,
  consumerPropertyCallsPerDay: 50_000,
} as const;

/**
 * What the host charges a trigger run against the daily trigger runtime (ours: Google publishes the
 * quota, not what a run costs). A run is charged a fixed start — compiling Code.js and starting the
 * execution, which Google's execution log shows as a few hundred ms even for an empty function — and
 * a fixed cost per service call (a round trip to the service).
 */
export const TRIGGER_COST = { runMs: 500, callMs: 50 } as const;

/** A per-user daily quota: "Quotas are per user and reset 24 hours after the first request" (the quotas page). */
export class DailyQuota {
  private readonly windows = new Map<string, { start: number; used: number }>();
  constructor(
    readonly limit: number,
    private readonly now: () => number,
  ) {}

  private window(user: string): { start: number; used: number } {
    const current = this.windows.get(user);
    if (current && this.now() < current.start + 86_400_000) return current;
    const fresh = { start: this.now(), used: 0 };
    this.windows.set(user, fresh);
    return fresh;
  }

  /** What `user` has used in their current window. */
  used(user: string): number {
    return this.window(user).used;
  }

  /** Whether `amount` more fits in `user`'s window. */
  allows(user: string, amount: number): boolean {
    return this.window(user).used + amount <= this.limit;
  }

  spend(user: string, amount: number): void {
    this.window(user).used += amount;
  }
}

export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

// What each mode may call, by "Class.method". FULL may call anything.
const MENU_ONLY = /^(SpreadsheetApp\.getUi|Ui\.(createAddonMenu|createMenu)|Menu\.\w+)$/;
// LIMITED: the current document and the menu (simple triggers, an enabled add-on's onOpen).
const LIMITED =
  /^(SpreadsheetApp\.(getActive|getActiveSpreadsheet|getActiveSheet|flush)|(Spreadsheet|Sheet|Range|DataValidation|DeveloperMetadata)\.\w+|Session\.getActiveUserLocale)$/;
// CUSTOM_FUNCTION: read-only Spreadsheet get*, Properties get*, Cache, Lock, Utilities, Html (no display).
const CUSTOM_FUNCTION =
  /^(SpreadsheetApp\.(getActive|getActiveSpreadsheet|getActiveSheet)|(Spreadsheet|Sheet|Range|DataValidation|DeveloperMetadata)\.(get|is)\w*|PropertiesService\.get\w+|Properties\.get\w+|(CacheService|Cache|LockService|Lock|Utilities|HtmlService|HtmlOutput|HtmlTemplate)\.\w+)$/;

/** Throws Google's refusal when `call` is not allowed in `mode`. */
export function checkAuthMode(mode: AuthMode, call: string): void {
  if (mode === 'FULL') return;
  if (mode === 'CUSTOM_FUNCTION' && call === 'SpreadsheetApp.getUi') throw new Error(GOOGLE_ERRORS.uiFromContext);
  if (MENU_ONLY.test(call)) return;
  if (mode === 'LIMITED' && LIMITED.test(call)) return;
  if (mode === 'CUSTOM_FUNCTION' && CUSTOM_FUNCTION.test(call)) return;
  throw new Error(GOOGLE_ERRORS.permission(call));
}

/** Thrown into a run that the host killed (the 6-minute limit); the test sees it from host.run. */
export class RunKilled extends Error {
  constructor(readonly atCall: string) {
    super(`Exceeded maximum execution time (killed by the host at ${atCall})`);
    this.name = 'RunKilled';
  }
}

/** One execution: who runs it, in which mode, and what is injected into it. */
export interface Run {
  user: string;
  mode: AuthMode;
  /** Service calls made so far in this run. */
  calls: number;
  killed: RunKilled | null;
  /** Call number (1-based) at which the run is killed / fails once. */
  killAt: number | null;
  failAt: number | null;
}

/**
 * The execution stack (a hook may start another run inside one) and the faults armed for the next
 * top-level run. `gate` runs before every service call.
 */
export class Runs {
  private readonly stack: Run[] = [];
  private armed: { kill: number | null; fail: number | null } = { kill: null, fail: null };
  /** Gated calls of the last top-level run (the points a kill or a failure can be injected at). */
  lastRunCalls = 0;

  constructor(
    private readonly defaultUser: () => string,
    /** Called when a run ends, however it ends (Google releases its locks then). */
    private readonly onEnd: (run: Run) => void = () => undefined,
  ) {}

  current(): Run | null {
    return this.stack[this.stack.length - 1] ?? null;
  }

  user(): string {
    return this.current()?.user ?? this.defaultUser();
  }

  /** The next top-level run is killed at its `n`th service call (finally blocks get nothing done after it). */
  killAtCall(n: number): void {
    this.armed.kill = n;
  }

  /** The next top-level run's `n`th service call throws a server error (once). */
  failAtCall(n: number): void {
    this.armed.fail = n;
  }

  within<T>(user: string, mode: AuthMode, body: (run: Run) => T): T {
    const top = this.stack.length === 0;
    const run: Run = { user, mode, calls: 0, killed: null, killAt: top ? this.armed.kill : null, failAt: top ? this.armed.fail : null };
    if (top) this.armed = { kill: null, fail: null };
    this.stack.push(run);
    try {
      const result = body(run);
      if (run.killed) throw run.killed;
      return result;
    } catch (error) {
      // Whatever the script did with the kill, the run is over: the test sees the kill.
      throw run.killed ?? error;
    } finally {
      this.stack.pop();
      if (top) this.lastRunCalls = run.calls;
      this.onEnd(run);
    }
  }

  gate(call: string): void {
    const run = this.current();
    if (!run) return;
    if (run.killed) throw run.killed;
    run.calls++;
    if (run.killAt === run.calls) throw (run.killed = new RunKilled(call));
    if (run.failAt === run.calls) throw new Error(GOOGLE_ERRORS.serverError);
    checkAuthMode(run.mode, call);
  }
}
