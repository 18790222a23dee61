import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { baseUrl, launchBrowser, login, newPage, poll, screenshot } from './browser.js';

// The working-day calendar as county staff meet it: next year's holiday entered by hand
// before the package knows it, and the due-date arithmetic following at once.
let browser: Browser;
beforeAll(async () => { browser = await launchBrowser(); });
afterAll(async () => { await browser?.close(); });

describe('工作日历', () => {
  it('county staff mark 1 January 2027 as 元旦 and the working-day count moves; then restore it', async () => {
    const page = await newPage(browser);
    await login(page, 'staff');
    const nextWorkingDay = () => page.evaluate(async () => {
      const res = await fetch('/api/calendar/working-days?from=2026-12-31&days=1');
      return ((await res.json()) as { date: string }).date;
    });
    expect(await nextWorkingDay()).toBe('2027-01-01');

    await page.goto(`${baseUrl()}/settings/calendar`);
    await poll(() => page.getByTestId('calendar-year').innerText()).toBe('2026');
    // 10 October 2026 is a statutory working Saturday, marked 班
    await poll(() => page.getByTestId('cal-2026-10-10').innerText()).toContain('班');
    await screenshot(page, 'calendar-2026');
    await page.getByRole('button', { name: '2027' }).click();
    await poll(() => page.getByTestId('calendar-year').innerText()).toBe('2027');
    await poll(() => page.getByText('系统内置的国家节假日安排截至 2026 年').isVisible()).toBe(true);

    await page.getByTestId('cal-2027-01-01').click();
    await page.getByTestId('calendar-name').fill('元旦');
    await page.getByTestId('calendar-set-holiday').click();
    await poll(() => page.getByTestId('calendar-days').innerText()).toContain('元旦');
    await poll(() => page.getByTestId('cal-2027-01-01').innerText()).toContain('休');
    expect(await nextWorkingDay()).toBe('2027-01-04');
    await page.locator('.ant-modal-wrap').waitFor({ state: 'hidden' });
    await screenshot(page, 'calendar-2027');

    await page.getByTestId('cal-2027-01-01').click();
    await page.getByTestId('calendar-clear').click();
    await poll(() => page.getByTestId('calendar-days').innerText()).not.toContain('元旦');
    expect(await nextWorkingDay()).toBe('2027-01-01');
    await page.context().close();
  });

  it('a township cadre sees the calendar but cannot change it', async () => {
    const page = await newPage(browser);
    await login(page, 'daozhuang');
    await page.goto(`${baseUrl()}/settings/calendar`);
    await poll(() => page.getByText('调整须由县总工会工作人员').isVisible()).toBe(true);
    await poll(() => page.getByTestId('cal-2026-10-01').isDisabled()).toBe(true);
    await page.context().close();
  });
});
