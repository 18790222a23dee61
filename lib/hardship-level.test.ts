import { describe, expect, it } from 'vitest';
import { computeHardshipLevel, dibaoLineFor } from './hardship-level.js';

const line = 82_000; // 820.00 元 a month
const base = { expenseFen: 0, hardshipCostsFen: 0, householdSize: 3, dibaoLineFen: line };

describe('computeHardshipLevel', () => {
  it('deep one fen below the line, relative exactly at it', () => {
    const at = line * 12 * 3; // per-capita exactly 820.00
    expect(computeHardshipLevel({ ...base, incomeFen: at - 1 }).level).toBe('deep');
    expect(computeHardshipLevel({ ...base, incomeFen: at }).level).toBe('relative');
  });

  it('relative one fen below twice the line, none exactly at it', () => {
    const twice = line * 2 * 12 * 3;
    expect(computeHardshipLevel({ ...base, incomeFen: twice - 1 }).level).toBe('relative');
    expect(computeHardshipLevel({ ...base, incomeFen: twice }).level).toBe('none');
  });

  it('a per-capita figure with a fraction of a fen is compared exactly, not rounded', () => {
    // 1 fen below line × 36 spread over 36 months: per-capita 81999.97…, rounds to 82000 but is below
    const r = computeHardshipLevel({ ...base, incomeFen: line * 36 - 1 });
    expect(r.level).toBe('deep');
    expect(r.perCapitaMonthlyFen).toBe(line - 1);
  });

  it('rigid expenses come off the income', () => {
    const at = line * 12 * 3;
    expect(computeHardshipLevel({ ...base, incomeFen: at + 50_000, expenseFen: 50_000 }).level).toBe('relative');
    expect(computeHardshipLevel({ ...base, incomeFen: at + 50_000, expenseFen: 50_001 }).level).toBe('deep');
  });

  it('household size divides: the same income is deep for four and relative for three', () => {
    const income = line * 12 * 3 + 100; // above the line for 3
    expect(computeHardshipLevel({ ...base, incomeFen: income }).level).toBe('relative');
    expect(computeHardshipLevel({ ...base, householdSize: 4, incomeFen: income }).level).toBe('deep');
    expect(computeHardshipLevel({ ...base, householdSize: 1, incomeFen: line * 12 }).level).toBe('relative');
    expect(computeHardshipLevel({ ...base, householdSize: 1, incomeFen: line * 12 - 1 }).level).toBe('deep');
  });

  it('zero income is deep; expenses above income make the per-capita negative', () => {
    expect(computeHardshipLevel({ ...base, incomeFen: 0 }).level).toBe('deep');
    const r = computeHardshipLevel({ ...base, incomeFen: 100, expenseFen: 3_700 });
    expect(r.level).toBe('deep');
    expect(r.netFen).toBe(-3_600);
    expect(r.perCapitaMonthlyFen).toBe(-100);
  });

  it('accidental when costs exceed 80% of income: exactly 80% is not enough, one fen more is', () => {
    const income = 10_000_000; // well above twice the line for 3 (5,904,000)
    expect(computeHardshipLevel({ ...base, incomeFen: income, hardshipCostsFen: 8_000_000 }).level).toBe('none');
    expect(computeHardshipLevel({ ...base, incomeFen: income, hardshipCostsFen: 8_000_001 }).level).toBe('accidental');
    // 80% of an odd income has half a fen: 80% of 10,000,001 is 8,000,000.8
    expect(computeHardshipLevel({ ...base, incomeFen: income + 1, hardshipCostsFen: 8_000_000 }).level).toBe('none');
    expect(computeHardshipLevel({ ...base, incomeFen: income + 1, hardshipCostsFen: 8_000_001 }).level).toBe('accidental');
  });

  it('deep and relative take precedence over accidental', () => {
    const r = computeHardshipLevel({ ...base, incomeFen: 100_000, hardshipCostsFen: 5_000_000 });
    expect(r.isAccidental).toBe(true);
    expect(r.level).toBe('deep');
  });

  it('refuses fractions of a fen, negative amounts and an empty household', () => {
    expect(() => computeHardshipLevel({ ...base, incomeFen: 1.5 })).toThrow(RangeError);
    expect(() => computeHardshipLevel({ ...base, incomeFen: -1 })).toThrow(RangeError);
    expect(() => computeHardshipLevel({ ...base, incomeFen: 1, householdSize: 0 })).toThrow(RangeError);
  });
});

describe('dibaoLineFor', () => {
  it('takes the year, else the latest earlier year', () => {
    const lines = { '2025': 79_000, '2026': 82_000 };
    expect(dibaoLineFor(lines, 2026)).toEqual({ year: 2026, lineFen: 82_000 });
    expect(dibaoLineFor(lines, 2027)).toEqual({ year: 2026, lineFen: 82_000 });
    expect(dibaoLineFor(lines, 2024)).toBeNull();
  });
});
