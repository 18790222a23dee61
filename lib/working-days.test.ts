import { describe, expect, it } from 'vitest';
import { addDays, WorkingCalendar } from './working-days.js';

const calendar = new WorkingCalendar();

describe('working-day calendar', () => {
  it('knows weekends, statutory holidays and 调休 working weekends', () => {
    expect(calendar.day('2026-11-24')).toMatchObject({ working: true, source: 'weekday' });
    expect(calendar.day('2026-11-28')).toMatchObject({ working: false, source: 'weekend' });
    expect(calendar.day('2026-10-01')).toMatchObject({ working: false, source: 'statutory', name: '国庆节' });
    // Saturday 10 October 2026 is a 调休 working day of the National Day holiday
    expect(calendar.day('2026-10-10')).toMatchObject({ working: true, source: 'statutory', name: '国庆节' });
  });

  it('adds working days over a weekend', () => {
    // Friday + 1 → Monday
    expect(calendar.addWorkingDays('2026-11-20', 1)).toBe('2026-11-23');
    expect(calendar.addWorkingDays('2026-11-20', 5)).toBe('2026-11-27');
    expect(calendar.addWorkingDays('2026-11-20', 0)).toBe('2026-11-20');
  });

  it('skips the National Day week and counts its working Saturday', () => {
    // Wednesday 30 September: 1–7 October are off, Thursday 8 and Friday 9 work, Saturday 10 works
    expect(calendar.addWorkingDays('2026-09-30', 1)).toBe('2026-10-08');
    expect(calendar.addWorkingDays('2026-09-30', 3)).toBe('2026-10-10');
    expect(calendar.addWorkingDays('2026-09-30', 4)).toBe('2026-10-12');
    expect(calendar.workingDaysBetween('2026-09-30', '2026-10-12')).toBe(4);
  });

  it('lets a federation override a day, including a year the package does not know', () => {
    const local = new WorkingCalendar([
      { date: '2027-01-01', working: false, name: '元旦' },
      { date: '2026-11-24', working: false, name: '本地停工' },
    ]);
    expect(calendar.isWorkingDay('2027-01-01')).toBe(true);
    expect(local.day('2027-01-01')).toMatchObject({ working: false, source: 'override', name: '元旦' });
    // Thursday 31 December 2026 + 1 skips the overridden 1 January (a Friday) and the weekend
    expect(local.addWorkingDays('2026-12-31', 1)).toBe('2027-01-04');
    expect(local.addWorkingDays('2026-11-23', 1)).toBe('2026-11-25');
  });

  it('lists a year’s special days', () => {
    const days = calendar.specialDays(2026);
    expect(days.find((d) => d.date === '2026-10-01')).toMatchObject({ working: false, name: '国庆节' });
    expect(days.find((d) => d.date === '2026-10-10')).toMatchObject({ working: true });
    expect(days.some((d) => d.source === 'weekend' || d.source === 'weekday')).toBe(false);
  });

  it('adds calendar days across a month end', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
  });
});
