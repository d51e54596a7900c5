// Stalled deals: open deals idle for more than N days.
import { describe, expect, it } from 'vitest';
import { statusList } from '../../src/tracker/statuses';
import { countStalled, daysIdle, isStalled } from '../../src/metrics/stalled';

const nov = (day: number) => Date.UTC(2026, 10, day);

describe('stalled deals', () => {
  it('a deal last touched on 1 November is 15 days idle on the 16th: stalled at 14 days', () => {
    expect(daysIdle(nov(1), nov(16))).toBe(15);
    expect(isStalled(nov(1), 'open', nov(16), 14)).toBe(true);
    expect(isStalled(nov(2), 'open', nov(16), 14)).toBe(false); // exactly 14 is not more than 14
  });

  it('a won or lost deal is never stalled', () => {
    expect(isStalled(nov(1), 'won', nov(16), 14)).toBe(false);
    expect(isStalled(nov(1), 'lost', nov(16), 14)).toBe(false);
  });

  it('STALLED_DEALS counts them; without statuses every deal is open', () => {
    expect(countStalled(Float64Array.of(nov(1), nov(15), NaN), null, nov(16), 14)).toBe(1);
    expect(countStalled(Float64Array.of(nov(1), nov(1)), statusList(['won', 'open']), nov(16), 14)).toBe(1);
  });
});
