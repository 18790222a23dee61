import { describe, expect, it } from 'vitest';
import { addCounts, countsFrom, coverageFigures, emptyCounts, rate } from './coverage-rates.js';

describe('rate', () => {
  it('is null, not NaN or Infinity, when there is nothing to divide by', () => {
    expect(rate(0, 0)).toBeNull();
    expect(rate(5, 0)).toBeNull();
  });

  it('is 0 for none of many, 1 for all', () => {
    expect(rate(0, 7)).toBe(0);
    expect(rate(7, 7)).toBe(1);
  });

  it('keeps 4 decimals, rounding half up', () => {
    expect(rate(1, 3)).toBe(0.3333);
    expect(rate(2, 3)).toBe(0.6667);
    expect(rate(8123, 10000)).toBe(0.8123);
    expect(rate(16247, 20000)).toBe(0.8124); // 0.81235 exactly: half up
    expect(rate(16245, 20000)).toBe(0.8123); // 0.81225: half up (a float would say 0.8122 or 0.8123 by luck)
    expect(rate(1, 20000)).toBe(0.0001); // 0.00005
    expect(rate(1, 20001)).toBe(0); // just below half
    expect(rate(1, 8)).toBe(0.125);
  });

  it('shows more members than employees as it is (a data problem to see, not to hide)', () => {
    expect(rate(12, 10)).toBe(1.2);
  });

  it('refuses counts that cannot be counts', () => {
    expect(() => rate(-1, 3)).toThrow(RangeError);
    expect(() => rate(1.5, 3)).toThrow(RangeError);
    expect(() => rate(Number.NaN, 3)).toThrow(RangeError);
  });

  it('never yields a value with more than 4 decimals', () => {
    for (let d = 1; d <= 300; d++) {
      for (let n = 0; n <= d; n += 7) {
        const r = rate(n, d)!;
        expect(Math.abs(r * 10000 - Math.round(r * 10000))).toBeLessThan(1e-6);
        expect(Math.abs(r - n / d)).toBeLessThanOrEqual(0.00005 + 1e-12);
      }
    }
  });
});

describe('coverage figures', () => {
  it('computes every rate from the counts, null where a denominator is 0', () => {
    const f = coverageFigures({ ...emptyCounts(), employers: 4, unionizedEmployers: 3, employees: 300, members: 250, migrantEmployees: 60, migrantMembers: 20 });
    expect(f.unionizationRate).toBe(0.75);
    expect(f.membershipRate).toBe(0.8333);
    expect(f.migrantMembershipRate).toBe(0.3333);
    expect(f.dispatchedMembershipRate).toBeNull();
    expect(f.platformMembershipRate).toBeNull();
    expect(coverageFigures(emptyCounts())).toMatchObject({ unionizationRate: null, membershipRate: null });
  });

  it('reads database rows (null sums, bigint text) and adds counts', () => {
    const a = countsFrom({ employers: '2', employees: null, members: 3 });
    expect(a).toMatchObject({ employers: 2, employees: 0, members: 3, platformMembers: 0 });
    expect(addCounts(a, countsFrom({ employers: 1, employees: 10 }))).toMatchObject({ employers: 3, employees: 10, members: 3 });
    expect(countsFrom(undefined)).toEqual(emptyCounts());
  });
});
