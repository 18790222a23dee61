import { describe, expect, it } from 'vitest';
import { anonymize, fenToYuan, mediationDeadline, mediationDueOn, reviewOverdue } from './legal.js';

describe('mediation deadline (劳动争议调解仲裁法 第十四条: 15 days)', () => {
  it('is due 15 calendar days after acceptance', () => {
    expect(mediationDueOn('2026-11-02')).toBe('2026-11-17');
    expect(mediationDueOn('2026-12-20')).toBe('2027-01-04');
  });
  it('warns 3 days ahead and after the due date, only while open', () => {
    expect(mediationDeadline('2026-11-17', '2026-11-13', true)).toEqual({ state: 'ok', daysLeft: 4 });
    expect(mediationDeadline('2026-11-17', '2026-11-14', true)).toEqual({ state: 'due_soon', daysLeft: 3 });
    expect(mediationDeadline('2026-11-17', '2026-11-17', true)).toEqual({ state: 'due_soon', daysLeft: 0 });
    expect(mediationDeadline('2026-11-17', '2026-11-18', true)).toEqual({ state: 'overdue', daysLeft: -1 });
    expect(mediationDeadline('2026-11-17', '2026-11-18', false)).toBeNull();
  });
});

describe('anonymize', () => {
  it('replaces people and organizations in all their forms', () => {
    const out = anonymize('欧阳明辉与张伟诉广饶县宏达机械有限公司；宏达机械有限公司、宏达公司向明辉、张伟付款。', ['欧阳明辉', '张伟'], ['广饶县宏达机械有限公司']);
    expect(out).toBe('欧阳某与张某诉X有限公司；X有限公司、X公司向某、张某付款。');
  });
  it('keeps one letter per organization', () => {
    expect(anonymize('甲厂和乙商店', [], ['甲厂', '乙商店'])).toBe('X厂和Y店');
  });
});

it('formats fen as yuan and flags overdue reviews', () => {
  expect(fenToYuan(123456789)).toBe('1,234,567.89');
  expect(fenToYuan(5)).toBe('0.05');
  expect(reviewOverdue('applied', '2026-05-11', '2026-05-12')).toBe(true);
  expect(reviewOverdue('assigned', '2026-05-11', '2026-05-12')).toBe(false);
});
