import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { solidPng } from '../scripts/seed-demo-pairing.js';
import { baseUrl, launchBrowser, login, newPage, poll, screenshot } from './browser.js';

// 结对帮扶 as a township cadre meets it: the list of pairs not visited this quarter, a pair's
// page, a visit recorded with a photo, and the pair leaving the list.
let browser: Browser;
beforeAll(async () => { browser = await launchBrowser(); });
afterAll(async () => { await browser?.close(); });

const apiGet = <T>(page: Page, url: string) => page.evaluate(async (u) => {
  const res = await fetch(u, { headers: { Accept: 'application/json' } });
  if (!res.ok) throw new Error(`${u}: ${res.status}`);
  return res.json();
}, url) as Promise<T>;

interface Row { id: number; workerName: string; helperName: string; townshipName: string | null }

describe('结对帮扶', () => {
  it('daozhuang records a visit with a photo to a pair not yet visited this quarter, and it leaves the list', async () => {
    const page = await newPage(browser);
    await login(page, 'daozhuang');
    await page.goto(`${baseUrl()}/pairing/no-visit`);
    const summary = page.getByTestId('novisit-summary');
    await poll(() => summary.innerText()).toMatch(/\d{4}年第[1-4]季度/);
    await poll(() => summary.innerText()).toContain('稻庄镇总工会');
    const before = await apiGet<{ total: number; items: Row[] }>(page, '/api/pairing/no-visit?pageSize=20&sort=lastVisit');
    expect(before.total).toBeGreaterThan(0);
    const target = before.items[0];
    expect(target.townshipName).toBe('稻庄镇总工会');
    const row = page.getByTestId(`novisit-row-${target.id}`);
    await poll(() => row.innerText()).toContain(target.workerName);
    await screenshot(page, 'pairing-no-visit');
    await row.click();
    await page.waitForURL(`**/pairing/${target.id}`);
    await poll(() => page.getByTestId('pair-title').innerText()).toContain(target.workerName);
    await poll(() => page.getByTestId('pair-quarter-tag').innerText()).toContain('未走访');

    // the visit: today, 慰问 + 送物资, 300 元 of goods, a note and a photo the test writes
    await page.getByTestId('pair-add-visit').click();
    const modal = page.locator('.ant-modal', { hasText: '登记走访' });
    await modal.getByTestId('visit-visitors').fill('刘春燕、稻庄镇总工会王伟');
    await modal.getByTestId('visit-kinds').click();
    await page.locator('.ant-select-item-option', { hasText: '慰问' }).first().click();
    await page.locator('.ant-select-item-option', { hasText: '送物资' }).first().click();
    await modal.locator('.ant-modal-title').click(); // close the dropdown
    await modal.locator('#visit_amountYuan').fill('300');
    const note = `浏览器测试走访：送去米面油，了解孩子上学情况（${Date.now() % 100000}）`;
    await modal.getByTestId('visit-note').fill(note);
    await modal.locator('input[type=file]').setInputFiles({ name: '入户走访.png', mimeType: 'image/png', buffer: solidPng(120, 90, [0, 150, 136]) });
    await poll(() => modal.innerText()).toContain('入户走访.png');
    await page.locator('#visit-save').click();

    const visits = page.getByTestId('pair-visits');
    await poll(() => visits.innerText()).toContain(note);
    await poll(() => visits.innerText()).toContain('300.00');
    await poll(() => page.getByTestId('pair-quarter-tag').innerText()).toContain('已走访');
    // the photo is on the timeline as a thumbnail, loaded from the server through the scope
    const thumb = visits.locator('img[src^="/api/pairing/photos/"]').first();
    await poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(120);
    await poll(() => page.locator('.ant-message-notice').count(), 10_000).toBe(0);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'pairing-pair');

    // and the pair has left the 本季度未走访 list
    const after = await apiGet<{ total: number; items: Row[] }>(page, '/api/pairing/no-visit?pageSize=200');
    expect(after.total).toBe(before.total - 1);
    expect(after.items.map((i) => i.id)).not.toContain(target.id);
    await page.goto(`${baseUrl()}/pairing/no-visit`);
    await poll(() => page.getByTestId('novisit-table').innerText()).not.toContain(target.workerName);
    await page.context().close();
  });

  it('the pairs list filters by helper kind and shows the county\'s pairs to staff', async () => {
    const page = await newPage(browser);
    await login(page, 'staff');
    await page.goto(`${baseUrl()}/pairing`);
    const table = page.getByTestId('pairs-table');
    await poll(() => table.innerText()).toContain('结对中');
    const all = await apiGet<{ total: number }>(page, '/api/pairing/pairs?pageSize=1');
    expect(all.total).toBeGreaterThanOrEqual(100);
    await page.getByTestId('pairs-filter-kind').click();
    await page.locator('.ant-select-item-option', { hasText: '单位结对' }).first().click();
    await page.getByRole('button', { name: /查\s*询/ }).click();
    await poll(() => page.locator('.ant-pagination-total-text').innerText()).not.toContain(`共 ${all.total} 条`);
    const rows = await table.locator('tbody tr').allInnerTexts();
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r).toContain('单位结对');
    await screenshot(page, 'pairing-list');
    await page.context().close();
  });
});
