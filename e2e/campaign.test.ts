import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { baseUrl, launchBrowser, login, newPage, poll, screenshot } from './browser.js';
import { apiGet, winterEditionFor } from './campaign-steps.js';

// 帮扶活动 as county staff run it: a new 送温暖 edition, a 稻庄镇 member nominated, the list
// approved, the payment signed for (签收), and the payment on the member's page.
let browser: Browser;
beforeAll(async () => { browser = await launchBrowser(); });
afterAll(async () => { await browser?.close(); });

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

    // 1–4: the edition, the nomination, the approval and the 签收
    const name = '2027年元旦春节送温暖（稻庄镇补报）';
    await winterEditionFor(page, who, name);
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
