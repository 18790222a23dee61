import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { baseUrl, launchBrowser, login, newPage, poll, screenshot } from './browser.js';

// 法律服务 as county staff meet it: review a legal-aid application, assign a lawyer from the
// roster and open the 委派函; the mediation list flags cases near the 15-day limit.
let browser: Browser;
beforeAll(async () => { browser = await launchBrowser(); });
afterAll(async () => { await browser?.close(); });

const apiGet = <T>(page: Page, url: string) => page.evaluate(async (u) => {
  const res = await fetch(u, { headers: { Accept: 'application/json' } });
  if (!res.ok) throw new Error(`${u}: ${res.status}`);
  return res.json();
}, url) as Promise<T>;

describe('法律服务', () => {
  it('staff assigns a lawyer to a pending application and opens the 委派函 PDF', async () => {
    const page = await newPage(browser);
    await login(page, 'staff');
    const pending = await apiGet<{ items: { id: number; caseNo: string; applicantName: string }[] }>(page, '/api/legal/aid?status=applied&sort=appliedOn');
    expect(pending.items.length).toBeGreaterThan(0);
    const target = pending.items[0];
    await page.goto(`${baseUrl()}/legal/aid/${target.id}`);
    await poll(() => page.getByTestId('aid-status').innerText()).toBe('待审查');
    await page.getByTestId('aid-assign').click();
    await page.getByTestId('aid-provider-select').click();
    await page.locator('.ant-select-item-option').first().click();
    await page.getByTestId('aid-dialog-ok').click();
    await poll(() => page.getByTestId('aid-status').innerText()).toBe('办理中');
    await poll(() => page.getByTestId('legal-timeline').innerText()).toContain('审查通过并指派');
    const href = await page.getByTestId('aid-letter').getAttribute('href');
    expect(href).toBe(`/api/legal/aid/${target.id}/letter.pdf`);
    const pdf = await page.evaluate(async (u) => {
      const res = await fetch(u);
      const bytes = new Uint8Array(await res.arrayBuffer());
      return { type: res.headers.get('content-type'), head: String.fromCharCode(...bytes.slice(0, 5)), size: bytes.length };
    }, href!);
    expect(pdf).toMatchObject({ type: 'application/pdf', head: '%PDF-' });
    expect(pdf.size).toBeGreaterThan(5_000);
    await screenshot(page, 'legal-aid-case');
    await page.close();
  });

  it('the mediation list flags the cases near and past the 15-day limit', async () => {
    const page = await newPage(browser);
    await login(page, 'staff');
    await page.goto(`${baseUrl()}/legal/mediation`);
    await page.getByTestId('mediation-deadline-filter').click();
    await page.locator('.ant-select-item-option', { hasText: '即将到期和已超期' }).click();
    await page.getByRole('button', { name: /查\s*询/ }).click();
    const table = page.getByTestId('mediation-table');
    await poll(() => table.innerText()).toContain('已超期');
    expect(await table.innerText()).toContain('即将到期');
    await screenshot(page, 'legal-mediation-list');
    await page.close();
  });
});
