import chineseDays from 'chinese-days';

// The working-day calendar: weekends, the State Council's statutory holidays and their 调休
// working weekends come from `chinese-days`; a federation's own exceptions (a holiday the
// package does not know yet, e.g. next year's before it is published, or a local change)
// override them. Dates are Shanghai business dates as 'YYYY-MM-DD'.

export interface CalendarOverride {
  date: string;
  working: boolean;
  name: string | null;
}

export type DaySource = 'override' | 'statutory' | 'weekend' | 'weekday';

export interface DayInfo {
  date: string;
  working: boolean;
  /** the holiday or 调休 name, if any */
  name: string | null;
  source: DaySource;
}

/** The last year for which the package carries the State Council's holiday arrangement. */
export const statutoryDataUntil = 2026;

function utc(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

export function addDays(date: string, days: number): string {
  return new Date(utc(date) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Mon=1 … Sun=7 */
function weekday(date: string): number {
  const d = new Date(utc(date)).getUTCDay();
  return d === 0 ? 7 : d;
}

export class WorkingCalendar {
  private readonly overrides: Map<string, CalendarOverride>;

  constructor(overrides: Iterable<CalendarOverride> = []) {
    this.overrides = new Map([...overrides].map((o) => [o.date, o]));
  }

  day(date: string): DayInfo {
    const o = this.overrides.get(date);
    if (o) return { date, working: o.working, name: o.name, source: 'override' };
    const year = Number(date.slice(0, 4));
    const weekend = weekday(date) >= 6;
    if (year <= statutoryDataUntil) {
      const detail = chineseDays.getDayDetail(date);
      // a named day is a statutory holiday or a 调休 working day of one
      const statutoryName = chineseName(detail.name);
      if (statutoryName) return { date, working: detail.work, name: statutoryName, source: 'statutory' };
    }
    return weekend ? { date, working: false, name: null, source: 'weekend' } : { date, working: true, name: null, source: 'weekday' };
  }

  isWorkingDay(date: string): boolean {
    return this.day(date).working;
  }

  /**
   * The date on which `n` working days after `date` have passed: the n-th working day after
   * it, not counting `date` itself. A 1-working-day limit for a ticket accepted on a Friday
   * ends on Monday; n = 0 gives `date` itself.
   */
  addWorkingDays(date: string, n: number): string {
    if (!Number.isInteger(n) || n < 0) throw new RangeError('n must be a whole number ≥ 0');
    let d = date;
    for (let left = n; left > 0;) {
      d = addDays(d, 1);
      if (this.isWorkingDay(d)) left -= 1;
    }
    return d;
  }

  /** Working days in (from, to]: how many have passed since `from` by the end of `to`. */
  workingDaysBetween(from: string, to: string): number {
    let count = 0;
    for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (this.isWorkingDay(d)) count += 1;
    return count;
  }

  /** The days of a year that differ from an ordinary week: holidays on weekdays, working weekends, and named days. */
  specialDays(year: number): DayInfo[] {
    const out: DayInfo[] = [];
    for (let d = `${year}-01-01`; d.startsWith(String(year)); d = addDays(d, 1)) {
      const info = this.day(d);
      if (info.source === 'override' || info.source === 'statutory') out.push(info);
    }
    return out;
  }
}

/** 'National Day,国庆节,3' → '国庆节'; weekdays and weekends come back as their English day name. */
function chineseName(name: string): string | null {
  const parts = name.split(',');
  return parts.length >= 2 && /[\u4e00-\u9fff]/.test(parts[1]) ? parts[1] : null;
}
