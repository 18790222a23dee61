import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { baseUrl, launchBrowser, login, newPage, screenshot } from './browser.js';

// 帮扶活动 as county staff run it: a new 送温暖 edition, a 稻庄镇 member nominated, the list
// approved, the payment signed for (签收), and the payment on the member's page.
let browser: Browser;
beforeAll(async () => { browser = await launchBrowser(); });
afterAll(async () => { await browser?.close(); });

const poll = <T>(fn: () => Promise<T> | T, timeout = 15_000) => expect.poll(fn, { timeout });

const apiGet = <T>(page: Page, url: string) => page.evaluate(async (u) => {
  const res = await fetch(u, { headers: { Accept: 'application/json' } });
  if (!res.ok) throw new Error(`${u}: ${res.status}`);
  return res.json();
}, url) as Promise<T>;

const ok = /确\s*定|确\s*认|OK/;

describe('帮扶活动', () => {
  it('staff create a 送温暖 edition, nominate a 稻庄镇 member, approve, record the receipt, and see it on the member page', async () => {
    const page = await newPage(browser);
    await login(page, 'staff');
    // a member of a 稻庄镇 union, from the demo county
    const orgs = await apiGet<{ items: { id: number; name: string }[] }>(page, `/api/orgs?q=${encodeURIComponent('稻庄镇总工会')}&pageSize=20`);
    const dz = orgs.items.find((o) => o.name === '稻庄镇总工会')!;
    const members = await apiGet<{ items: { id: number; name: string; orgName: string }[] }>(page, `/api/members?orgId=${dz.id}&status=active&pageSize=50&sort=name`);
    // a member no demo campaign lists yet, with a name the search finds uniquely enough
    let member: { id: number; name: string; orgName: string } | null = null;
    for (const m of members.items) {
      const a = await apiGet<{ payments: unknown[] }>(page, `/api/members/${m.id}/assistance`);
      if (a.payments.length === 0) { member = m; break; }
    }
    expect(member).not.toBeNull();
    const who = member!;

    // 1. the edition
    await page.goto(`${baseUrl()}/campaigns`);
    await page.getByTestId('campaign-create').click();
    const name = '2027年元旦春节送温暖（稻庄镇补报）';
    await page.getByTestId('campaign-form-name').fill(name);
    await page.getByTestId('campaign-form-budget').fill('20000');
    await page.getByTestId('campaign-form-standard').fill('800');
    await page.getByTestId('campaign-form-ok').click();
    await page.waitForURL(/\/campaigns\/\d+$/);
    const editionId = Number(new URL(page.url()).pathname.split('/').pop());
    await poll(() => page.getByTestId('campaign-status').innerText()).toBe('筹备');

    // 2. nominate the member (search by name in the member box)
    await page.getByTestId('campaign-nominate').click();
    const box = page.getByTestId('nominate-member');
    await box.click();
    // one search for the whole name (typing it character by character searches each prefix)
    await box.locator('input').fill(who.name);
    const option = page.locator('.ant-select-item-option', { hasText: who.orgName }).filter({ hasText: who.name }).first();
    await option.click();
    await page.getByTestId('nominate-ok').click();
    const recipients = page.getByTestId('campaign-recipients');
    await poll(() => recipients.innerText()).toContain(who.name);
    await poll(() => recipients.innerText()).toContain('待审批');
    await poll(() => page.getByTestId('campaign-status').innerText()).toBe('名单');

    // 3. approve the list
    await page.getByTestId('campaign-approve').click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: ok }).click();
    await poll(() => recipients.innerText()).toContain('已审批');
    await poll(() => page.getByTestId('campaign-status').innerText()).toBe('已审批');

    // 4. 签收: the member's spouse receives it in cash
    const list = await apiGet<{ items: { id: number; name: string }[] }>(page, `/api/campaigns/recipients?editionId=${editionId}`);
    const recipient = list.items.find((r) => r.name === who.name)!;
    await page.getByTestId(`recipient-distribute-${recipient.id}`).click();
    await page.getByTestId('receipt-received-by').fill('张桂芝');
    await page.getByTestId('receipt-relation').click();
    await page.locator('.ant-select-item-option', { hasText: '配偶' }).click();
    await page.getByTestId('receipt-ok').click();
    await poll(() => page.getByTestId(`recipient-status-${recipient.id}`).innerText()).toBe('已发放');
    await poll(() => recipients.innerText()).toContain('张桂芝（配偶）');
    await poll(() => page.getByTestId('campaign-status').innerText()).toBe('发放中');
    await poll(() => page.getByTestId('campaign-budget-line').innerText()).toContain('已审批 800.00 元 / 预算 20,000.00 元');
    await poll(() => page.getByTestId('campaign-totals').innerText()).toContain('稻庄镇总工会');
    // the 公示 shows the name masked
    await page.getByTestId('campaign-tab-gongshi').click();
    const gongshi = page.getByTestId('campaign-gongshi');
    await poll(() => gongshi.innerText()).toContain(who.orgName);
    expect(await gongshi.innerText()).not.toContain(who.name);
    await page.getByRole('tab', { name: '名单' }).click();
    await screenshot(page, 'campaign-edition');

    // the public 公示 page (no login) lists the approved edition, the name masked
    const anon = await newPage(browser);
    await anon.goto(`${baseUrl()}/gongshi`);
    await anon.getByRole('tab', { name: '帮扶活动公示' }).click();
    await anon.getByTestId('public-campaign-pick').click();
    await anon.locator('.ant-select-item-option', { hasText: name }).click();
    const pub = anon.getByTestId('public-campaign-table');
    await poll(() => pub.innerText()).toContain(who.orgName);
    expect(await pub.innerText()).not.toContain(who.name);
    await poll(() => pub.innerText()).toContain(`${who.name.slice(0, 1)}*`);
    await anon.keyboard.press('Escape');
    await screenshot(anon, 'campaign-public');
    await anon.context().close();

    // 5. the member's page: the payment in its 帮扶 section
    await page.goto(`${baseUrl()}/members/${who.id}`);
    const section = page.getByTestId('member-assistance');
    await poll(() => section.innerText()).toContain(name);
    await poll(() => section.innerText()).toContain('800.00');
    await poll(() => section.innerText()).toContain('已发放');
    await section.scrollIntoViewIfNeeded();
    await screenshot(page, 'campaign-member-section');
    await page.context().close();
  });
});
