// Statistics the product reports: mean, percentiles like Sheets' PERCENTILE, Wilson intervals.

/**
 * A figure, or null where there is none to show: the metrics answer "no data" with NaN (a mean of
 * nothing, a ratio to zero), a table shows a blank.
 * @example orNull(mean([])) // null; orNull(0.25) // 0.25
 */
export function orNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

/**
 * Arithmetic mean; NaN for no values (callers turn that into a "no data" error).
 * @example mean([30, 45, 60]) // 45 — the seed's deal cycle is this mean
 */
export function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  return values.length === 0 ? NaN : sum / values.length;
}

/**
 * Percentile of already sorted values, interpolating like Sheets' PERCENTILE (PERCENTILE.INC):
 * rank p·(n−1), linear between the neighbours.
 * @example percentileSorted([10, 20, 30, 40], 0.9) // 37
 */
export function percentileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const rank = p * (n - 1);
  const lo = Math.floor(rank);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
}

/** @example sortedCopy([3, 1, 2]) // Float64Array [1, 2, 3] */
export function sortedCopy(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(values).sort();
}

/**
 * Puts the k-th smallest value at index k, smaller or equal ones before it and larger or equal ones
 * after it: Floyd and Rivest's selection (CACM 18(3), 1975), O(n) with about 1.5 n comparisons.
 * On a large range it first selects within a small sample around where k should fall, so one
 * partition of the whole range leaves k in a short stretch. A partition stops on equal values from
 * both ends, so columns full of equal values (whole days, minutes) stay linear.
 * @example selectKth(Float64Array.of(5, 1, 4, 2), 1) // 2
 */
export function selectKth(a: Float64Array, k: number): number {
  selectBetween(a, k, 0, a.length - 1);
  return a[k];
}

function selectBetween(a: Float64Array, k: number, left: number, right: number): void {
  while (right > left) {
    if (right - left > 600) {
      // Narrow to a sample range whose k-th value is, with high probability, next to the answer.
      const n = right - left + 1;
      const i = k - left + 1;
      const z = Math.log(n);
      const s = 0.5 * Math.exp((2 * z) / 3);
      const sd = 0.5 * Math.sqrt((z * s * (n - s)) / n) * (i < n / 2 ? -1 : 1);
      selectBetween(a, k, Math.max(left, Math.floor(k - (i * s) / n + sd)), Math.min(right, Math.floor(k + ((n - i) * s) / n + sd)));
    }
    const t = a[k];
    let i = left;
    let j = right;
    swap(a, left, k);
    if (a[right] > t) swap(a, left, right);
    while (i < j) {
      swap(a, i, j);
      i++;
      j--;
      while (a[i] < t) i++;
      while (a[j] > t) j--;
    }
    if (a[left] === t) swap(a, left, j);
    else {
      j++;
      swap(a, j, right);
    }
    if (j <= k) left = j + 1;
    if (k <= j) right = j - 1;
  }
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}

/**
 * Percentile like Sheets' PERCENTILE, without sorting: two selections.
 * @example percentile([10, 20, 30, 40], 0.9) // 37, like Sheets' PERCENTILE
 */
export function percentile(values: ArrayLike<number>, p: number): number {
  if (values.length === 0) return NaN;
  // A copy to select in (the caller's values stay as they were); from a typed array, one block copy.
  return percentileReordering(values instanceof Float64Array ? values.slice() : Float64Array.from(values), p);
}

/**
 * percentile, selecting in `a` itself: its order is changed (for values the caller made for this).
 * @example percentileReordering(Float64Array.of(40, 10, 30, 20), 0.5) // 25, and the array is reordered
 */
export function percentileReordering(a: Float64Array, p: number): number {
  const n = a.length;
  if (n === 0) return NaN;
  const rank = p * (n - 1);
  const lo = Math.floor(rank);
  // A long column is first narrowed to the values that share lo's bucket (a copy); else `a` itself.
  const bucket = n >= NARROW_FROM ? bucketOf(a, lo) : null;
  const b = bucket ? bucket.values : a;
  const k = bucket ? lo - bucket.before : lo;
  const low = selectKth(b, k);
  if (lo === rank || lo + 1 >= n) return low;
  // After the selection everything right of k is ≥ b[k]: the next value is their minimum — or, when
  // k was its bucket's largest, the smallest value of the buckets above.
  let next = Infinity;
  for (let i = k + 1; i < b.length; i++) if (b[i] < next) next = b[i];
  if (bucket && k + 1 === b.length) next = smallestAbove(a, bucket.high);
  return low + (next - low) * (rank - lo);
}

/** From this many values a selection is narrowed by bucketOf first (below, its table costs more than it saves). */
const NARROW_FROM = 32_768;

/**
 * The values of `a` in the bucket of its k-th smallest, the buckets being the top 16 bits of a
 * double's high word (sign, exponent, 4 bits of mantissa), which order non-negative doubles like their
 * values: one counting pass, one copying pass, and the selection runs over a few thousand values
 * instead of all (half the time of a median of 100,000 durations). Null when a value is negative or
 * the platform is not little-endian: the caller selects over all of `a`.
 */
function bucketOf(a: Float64Array, k: number): { values: Float64Array; before: number; high: number } | null {
  if (new Uint32Array(Float64Array.of(1).buffer)[1] !== 0x3ff00000) return null;
  const words = new Uint32Array(a.buffer, a.byteOffset, 2 * a.length);
  const counts = (bucketCounts ??= new Int32Array(65_536)).fill(0);
  if (!countBuckets(words, 16, 0xffff, counts)) return null;
  const coarse = narrowTo(a, words, 16, 0xffff, counts, k);
  if (coarse.values.length < REFINE_FROM) return { values: coarse.values, before: coarse.before, high: (coarse.bucket + 1) * 65_536 };
  // Still thousands (durations of whole days share few buckets): once more by the next 8 bits.
  const inner = new Uint32Array(coarse.values.buffer, 0, 2 * coarse.values.length);
  const fine = new Int32Array(256);
  countBuckets(inner, 8, 0xff, fine);
  const sub = narrowTo(coarse.values, inner, 8, 0xff, fine, k - coarse.before);
  return { values: sub.values, before: coarse.before + sub.before, high: coarse.bucket * 65_536 + (sub.bucket + 1) * 256 };
}

/** The values of the bucket (counted in `counts`) holding the k-th smallest, the bucket, and how many values the buckets below hold. */
function narrowTo(
  a: Float64Array,
  words: Uint32Array,
  shift: number,
  mask: number,
  counts: Int32Array,
  k: number,
): { values: Float64Array; bucket: number; before: number } {
  const { bucket, before } = bucketHolding(counts, k);
  const values = new Float64Array(counts[bucket]);
  copyBucket(a, words, shift, mask, bucket, values);
  return { values, bucket, before };
}

/** bucketOf's table, made at its first use and kept: a new one per call was 256 KB off the heap (bucketOf is never re-entered). */
let bucketCounts: Int32Array | null = null;

/** A bucket of at least this many values is narrowed once more. */
const REFINE_FROM = 2_048;

// bucketOf's loops, each a function of its own: V8 optimises a long loop in the middle of its call,
// and code optimised there before the lines after the loop had ever run was thrown away on reaching
// them — three times a call when the loops were inline (--trace-deopt).

/** Counts the values per bucket (bits `shift`… of the high word, under `mask`); false at a negative value. */
function countBuckets(words: Uint32Array, shift: number, mask: number, counts: Int32Array): boolean {
  for (let i = 1; i < words.length; i += 2) {
    const high = words[i];
    if (high >= 0x80000000) return false;
    counts[(high >>> shift) & mask]++;
  }
  return true;
}

/** The bucket holding the k-th smallest value, and how many values the buckets below it hold. */
function bucketHolding(counts: Int32Array, k: number): { bucket: number; before: number } {
  let bucket = 0;
  let before = 0;
  while (before + counts[bucket] <= k) before += counts[bucket++];
  return { bucket, before };
}

/** The values of one bucket, in order, into `values` (sized to its count). */
function copyBucket(a: Float64Array, words: Uint32Array, shift: number, mask: number, bucket: number, values: Float64Array): void {
  let c = 0;
  for (let i = 0; i < a.length; i++) if (((words[2 * i + 1] >>> shift) & mask) === bucket) values[c++] = a[i];
}

/** The smallest value of `a` whose high word is at least `high` (the buckets above one). */
function smallestAbove(a: Float64Array, high: number): number {
  const words = new Uint32Array(a.buffer, a.byteOffset, 2 * a.length);
  let min = Infinity;
  for (let i = 0; i < a.length; i++) if (words[2 * i + 1] >= high && a[i] < min) min = a[i];
  return min;
}

/** @example median([3, 1, 10]) // 3 */
export function median(values: ArrayLike<number>): number {
  return percentile(values, 0.5);
}

export type StatisticName = 'mean' | 'median' | 'min' | 'max' | 'count' | `p${number}`;

/**
 * mean, median, min, max, count, or pNN (p75, p90, p95 …). `reorder`: the values are the caller's
 * own scratch, which a percentile may reorder instead of copying.
 * @example statistic(days, 'p90') // the 90th percentile of the deal cycle
 */
export function statistic(values: ArrayLike<number>, name: StatisticName, reorder = false): number {
  if (name === 'count') return values.length;
  if (name === 'mean') return mean(values);
  if (name === 'min' || name === 'max') {
    if (values.length === 0) return NaN;
    let m = values[0];
    for (let i = 1; i < values.length; i++) m = name === 'min' ? Math.min(m, values[i]) : Math.max(m, values[i]);
    return m;
  }
  const p = name === 'median' ? 0.5 : Number(name.slice(1)) / 100;
  return reorder && values instanceof Float64Array ? percentileReordering(values, p) : percentile(values, p);
}

/**
 * The normal quantile (inverse CDF), Acklam's rational approximation (relative error < 1.2e-9).
 * @example normalQuantile(0.975) // 1.96
 */
export function normalQuantile(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) /
    (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
  );
}

export interface Interval {
  low: number;
  high: number;
}

/**
 * Wilson score interval for a share of successes in trials: honest on small samples,
 * where "3 of 4 won" should not read as a sure 75 %.
 * @example wilsonInterval(3, 4) // { low: 0.30, high: 0.95 } — "3 of 4 won" is not a sure 75 %
 */
export function wilsonInterval(successes: number, trials: number, confidence = 0.95): Interval {
  if (trials <= 0) return { low: 0, high: 1 };
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const p = successes / trials;
  const z2n = (z * z) / trials;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (z * Math.sqrt((p * (1 - p)) / trials + z2n / (4 * trials))) / (1 + z2n);
  // At p = 1 (or 0) the bound is exactly 1 (or 0); rounding would leave it a hair inside and let a
  // perfect record be "below" a perfect team.
  return { low: successes === 0 ? 0 : Math.max(0, centre - half), high: successes === trials ? 1 : Math.min(1, centre + half) };
}

/**
 * above / below when the manager's interval excludes the team rate, otherwise null.
 * @example compareToTeam({ low: 0.05, high: 0.3 }, 0.45) // 'below'
 */
export function compareToTeam(interval: Interval, teamRate: number): 'above' | 'below' | null {
  if (interval.low > teamRate) return 'above';
  if (interval.high < teamRate) return 'below';
  return null;
}
