// Buffers kept for the execution, for the columns a custom function reads and drops within its call.

/**
 * One buffer, grown as needed and handed out again: only one metric runs at a time, and none holds
 * two columns of one Spare. A new column per call was 4–8 MB off the heap at a million rows, which
 * made V8 collect every few calls. What a column held before is overwritten.
 */
export class Spare<T extends Float64Array | Int32Array> {
  private buffer: T | null = null;

  constructor(private readonly make: (n: number) => T) {}

  /** n values of the buffer (their old contents included). */
  take(n: number): T {
    if (this.buffer === null || this.buffer.length < n) this.buffer = this.make(n);
    return this.buffer.subarray(0, n) as T;
  }
}
