// When a manager's median days in a stage differs from the team's enough to be pointed at.
import { describe, expect, it } from 'vitest';
import { stageTimeFlag } from '../../src/metrics/stageTime';

describe('stageTimeFlag', () => {
  it('slower or faster by a quarter and a day, on 5 deals or more', () => {
    expect(stageTimeFlag(12, 6, 8)).toBe('slower');
    expect(stageTimeFlag(3, 6, 5)).toBe('faster');
  });

  it('not judged on fewer than 5 deals, nor for half a day, nor a quarter of a short stage', () => {
    expect(stageTimeFlag(20, 6, 4)).toBeNull();
    expect(stageTimeFlag(6.5, 6, 8)).toBeNull();
    expect(stageTimeFlag(2.6, 2, 50)).toBeNull();
    expect(stageTimeFlag(null, 6, 8)).toBeNull();
  });
});
