import { describe, expect, it } from 'vitest';
import { openStatuses, statusLabels, stepLabels, stepRules, ticketNo } from './flow.js';
import { parsePhone } from './appeal.service.js';
import { defaultAppealSettings, tierLimit } from './settings.js';

describe('the ticket flow', () => {
  it('numbers tickets GR12351-<year>-<6 digits>', () => {
    expect(ticketNo(2026, 123)).toBe('GR12351-2026-000123');
    expect(ticketNo(2027, 1)).toBe('GR12351-2027-000001');
  });

  it('never starts a step from a final status, and every step has a label', () => {
    for (const [step, rule] of Object.entries(stepRules)) {
      for (const from of rule.from) expect(openStatuses, `${step} from ${from}`).toContain(from);
      expect(stepLabels[step as keyof typeof stepLabels]).toBeTruthy();
    }
    expect(Object.keys(statusLabels).filter((s) => !openStatuses.includes(s as never)).sort()).toEqual(['closed', 'transferred']);
    // only 督办 leaves the status as it was
    expect(Object.entries(stepRules).filter(([, r]) => r.to === null).map(([k]) => k)).toEqual(['supervise']);
  });

  it('takes the close limit of the tier', () => {
    expect([tierLimit(defaultAppealSettings, 'ordinary'), tierLimit(defaultAppealSettings, 'hard'), tierLimit(defaultAppealSettings, 'complex')]).toEqual([5, 10, 20]);
  });
});

describe('parsePhone', () => {
  it('accepts a mobile or a landline with its area code', () => {
    expect(parsePhone('138 0546 1234')).toEqual({ ok: true, value: '13805461234' });
    expect(parsePhone('+86 13805461234')).toEqual({ ok: true, value: '13805461234' });
    expect(parsePhone('0546-6441234')).toEqual({ ok: true, value: '05466441234' });
    expect(parsePhone('（0546）6441234')).toEqual({ ok: true, value: '05466441234' });
  });
  it('refuses anything else with a message', () => {
    expect(parsePhone('12345')).toMatchObject({ ok: false, message: '应为11位手机号码或带区号的固定电话' });
    expect(parsePhone('6441234')).toMatchObject({ ok: false });
    expect(parsePhone('  ')).toMatchObject({ ok: false, message: '请填写联系电话' });
  });
});
