// Where a suite cuts a run at each of its service calls in turn: which calls, under the readings this
// process runs (HOST_READINGS). Under the defaults and STRICT, every call. Under each of the other 14
// combinations, every 14th call from its own offset: across the 14 every call is cut once more, in a
// combination where the clock set at the end of the run differs — at the cost of one more pass, not 14.
import { ALL_READINGS, LENIENT, parseReadings, readingsSpec, STRICT } from '../../dev/host/readings';

const BETWEEN = ALL_READINGS.filter((r) => ![LENIENT, STRICT].some((x) => readingsSpec(x) === readingsSpec(r)));

/** This process's share of the in-between combinations' cuts: null when every call is cut. */
function share(): { offset: number; of: number } | null {
  const spec = readingsSpec(parseReadings(process.env.HOST_READINGS));
  const index = BETWEEN.findIndex((r) => readingsSpec(r) === spec);
  return index === -1 ? null : { offset: index, of: BETWEEN.length };
}

/** The calls (1-based) to cut a run of `n` calls at. */
export function cutPoints(n: number): number[] {
  const s = share();
  const all = Array.from({ length: n }, (_, i) => i + 1);
  return s ? all.filter((k) => (k - 1) % s.of === s.offset) : all;
}

/** Whether every call is cut here (a count over all of them, e.g. "exactly one e-mail given up", holds only then). */
export const everyCall = (): boolean => share() === null;
