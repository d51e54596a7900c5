// Counting every service call per method, hooks that run before a call (to simulate a user typing
// mid-run), and hooks that see what a call returned (the benchmarks count the cells read).

export type CallHook = (args: unknown[]) => void;

export class CallLog {
  readonly counts = new Map<string, number>();
  private readonly hooks = new Map<string, CallHook[]>();
  /** Runs before every call: the host's rules (authorization mode, kill, injected failure). */
  gate: (name: string) => void = () => undefined;

  private readonly anyHooks: ((name: string) => void)[] = [];
  private readonly resultHooks = new Map<string, ((result: unknown) => void)[]>();

  record(name: string, args: unknown[]): void {
    this.gate(name);
    this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
    for (const hook of [...this.anyHooks]) hook(name);
    const hooks = this.hooks.get(name);
    if (hooks) for (const hook of [...hooks]) hook(args);
  }

  /** Runs `hook` before every call (to interleave another run at each call in turn); returns a remover. */
  beforeAny(hook: (name: string) => void): () => void {
    this.anyHooks.push(hook);
    return () => this.anyHooks.splice(this.anyHooks.indexOf(hook), 1);
  }

  /** Runs `hook` before each call of `name` ("Range.getValues"); returns a function that removes it. */
  before(name: string, hook: CallHook): () => void {
    const list = this.hooks.get(name) ?? [];
    list.push(hook);
    this.hooks.set(name, list);
    return () => list.splice(list.indexOf(hook), 1);
  }

  /** Runs `hook` with what each call of `name` returned; returns a function that removes it. */
  after(name: string, hook: (result: unknown) => void): () => void {
    const list = this.resultHooks.get(name) ?? [];
    list.push(hook);
    this.resultHooks.set(name, list);
    return () => list.splice(list.indexOf(hook), 1);
  }

  returned(name: string, result: unknown): void {
    const hooks = this.resultHooks.get(name);
    if (hooks) for (const hook of [...hooks]) hook(result);
  }

  count(name: string): number {
    return this.counts.get(name) ?? 0;
  }

  /** Calls whose name starts with a prefix, e.g. every Spreadsheet service call. */
  total(filter: (name: string) => boolean = () => true): number {
    let sum = 0;
    for (const [name, n] of this.counts) if (filter(name)) sum += n;
    return sum;
  }

  names(): string[] {
    return [...this.counts.keys()].sort();
  }

  reset(): void {
    this.counts.clear();
  }
}

/** Wraps a service object so that each method call is recorded as `Class.method`. */
export function counted<T extends object>(target: T, className: string, log: CallLog): T {
  const proxy: T = new Proxy(target, {
    get(obj, prop, receiver) {
      const value = Reflect.get(obj, prop, receiver);
      if (typeof value !== 'function' || typeof prop !== 'string' || prop === 'constructor') return value;
      return (...args: unknown[]) => {
        const name = `${className}.${prop}`;
        log.record(name, args);
        const result = value.apply(obj, args);
        log.returned(name, result);
        // Builders return themselves: keep handing out the counted object, so chains are counted too.
        return result === obj ? proxy : result;
      };
    },
  });
  return proxy;
}
