import { todayIso } from '../../lib/validators/id-number.js';

// The product's notion of "now". Business rules (公示 periods, due dates, overdue lists) read
// the time through here, so a test can move the date forward instead of waiting five working
// days. The offset is process-wide and zero in production: only the test clock route
// (registered when GONGHUI_TEST_CLOCK=1) and tests in the same process change it.
let offsetMs = 0;

export const clock = {
  now(): Date {
    return new Date(Date.now() + offsetMs);
  },
  /** Today's business date in Asia/Shanghai, YYYY-MM-DD. */
  today(): string {
    return todayIso(clock.now());
  },
  /** Moves the clock so that today() is the given Shanghai date (same time of day). */
  setToday(isoDate: string): void {
    const current = todayIso(new Date(Date.now()));
    const days = Math.round((Date.parse(`${isoDate}T00:00:00Z`) - Date.parse(`${current}T00:00:00Z`)) / 86_400_000);
    offsetMs = days * 86_400_000;
  },
  reset(): void {
    offsetMs = 0;
  },
  get offsetDays(): number {
    return Math.round(offsetMs / 86_400_000);
  },
};
