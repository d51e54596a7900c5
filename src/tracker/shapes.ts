// Keeping V8's hidden classes of the per-call objects alive between calls.

/**
 * The latest instance of each class that a custom function's row loops call methods on. V8 holds
 * the hidden class ("map") an instance gets as its constructor adds fields only weakly: when a
 * garbage collection finds no instance alive — after every call, each call making its own — the
 * map dies, every optimised function that checked it is thrown away ("weak objects" in
 * --trace-deopt), and the next call runs its loops unoptimised, boxing every number (10–16 MB of
 * garbage a call at 100,000 rows, which brought on the next collection). One instance kept per
 * class keeps the maps; it holds what that instance held until the next call replaces it.
 */
const latest = new Map<unknown, object>();

/** Keeps `instance` as its class's latest (called at the end of a constructor). */
export function keepShape(instance: object): void {
  latest.set(instance.constructor, instance);
}

/** The latest instance kept for a class (for tests). */
export function keptShape(ofClass: abstract new (...args: never[]) => object): object | undefined {
  return latest.get(ofClass);
}
