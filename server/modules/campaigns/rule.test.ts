import { describe, expect, it } from 'vitest';
import { amountFor, parseRule, ruleSchema, yuan } from './rule.js';

describe('campaign rule', () => {
  it('uses the level amount when set, else the standard', () => {
    const rule = ruleSchema.parse({ levels: ['deep', 'relative'], amountByLevel: { deep: 100000, relative: 50000 } });
    expect(amountFor(rule, 30000, 'deep')).toBe(100000);
    expect(amountFor(rule, 30000, 'relative')).toBe(50000);
    expect(amountFor(rule, 30000, 'accidental')).toBe(30000);
    expect(amountFor(rule, 30000, null)).toBe(30000);
  });
  it('refuses an unknown level and a non-integer amount', () => {
    expect(ruleSchema.safeParse({ levels: ['rich'] }).success).toBe(false);
    expect(ruleSchema.safeParse({ amountByLevel: { deep: 10.5 } }).success).toBe(false);
  });
  it('reads a stored rule with defaults', () => {
    expect(parseRule(null)).toEqual({ levels: [], categories: [], collegeChild: false, amountByLevel: {} });
  });
  it('shows fen as yuan with two decimals', () => {
    expect(yuan(123456)).toBe('1234.56');
    expect(yuan(5)).toBe('0.05');
    expect(yuan(-100)).toBe('-1.00');
  });
});
