import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { addDays } from '../lib/working-days.js';
import { baseUrl, launchBrowser, login, newPage, poll, screenshot } from './browser.js';
import { winterEditionFor } from './campaign-steps.js';

// 困难职工帮扶 as its users meet it: a grassroots chair files for a worker of the union, the
// 稻庄镇 cadre reviews, visits and opens the 公示, the public page shows the masked name, the
// 公示 runs out (the test clock moves), the county approves and the archive is numbered; the
// household is then put into a 送温暖 edition, approved and paid, and the member's page shows
// both the archive and the payment.
let browser: Browser;
let admin: Page | null = null;
beforeAll(async () => { browser = await launchBrowser(); });
afterAll(async () => {
  // the product clock is process-wide on the server: always put it back
  if (admin) await setClock(admin, null).catch(() => undefined);
  await browser?.close();
});

const apiGet = <T>(page: Page, url: string) => page.evaluate(async (u) => {
  const res = await fetch(u, { headers: { Accept: 'application/json' } });
  if (!res.ok) throw new Error(`${u}: ${res.status}`);
  return res.json();
}, url) as Promise<T>;

const setClock = (page: Page, today: string | null) => page.evaluate(async (d) => {
  const res = await fetch('/api/test/clock', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'gonghui' }, body: JSON.stringify({ today: d }) });
  if (!res.ok) throw new Error(`clock: ${res.status}`);
  return res.json();
}, today) as Promise<{ today: string }>;

/** Confirms the open action modal. */
async function confirmAction(page: Page) {
  await page.getByTestId('action-confirm').click();
  await page.getByTestId('action-confirm').waitFor({ state: 'hidden' });
}

describe('困难职工帮扶', () => {
  it('files, reviews, visits, publishes, after the 公示 approves an archive, then pays the household in a 送温暖 edition; the public page masks the name', async () => {
    // ---- the chair files for a worker of its own union who has no archive yet
    const chair = await newPage(browser);
    await login(chair, 'chair');
    const me = await apiGet<{ user: { orgId: number } }>(chair, '/api/auth/me');
    const members = await apiGet<{ items: { id: number; name: string; idNumber: string; orgId: number; orgName: string }[] }>(chair, `/api/members?orgId=${me.user.orgId}&status=active&pageSize=100&sort=name`);
    let worker: { id: number; name: string; idNumber: string; orgName: string } | null = null;
    for (const m of members.items) {
      const mine = await apiGet<{ items: unknown[] }>(chair, `/api/hardship/members/${m.id}/archives`);
      // a name unique in the union, so the masked public name can be checked against it
      if (mine.items.length === 0 && members.items.filter((x) => x.name === m.name).length === 1 && [...m.name].length === 3) { worker = m; break; }
    }
    expect(worker, 'a member of the chair\'s union without an archive').not.toBeNull();
    const w = worker!;

    await chair.goto(`${baseUrl()}/hardship/new`);
    await chair.getByTestId('apply-member').click();
    await chair.keyboard.type(w.name);
    await chair.locator('.ant-select-item-option').filter({ hasText: w.idNumber }).first().click();
    await poll(() => chair.getByTestId('household-name-0').inputValue()).toBe(w.name);
    // the worker earns 30,000 a year; a spouse without income; 8,000 of medical costs
    await chair.getByTestId('household-income-0').fill('30000');
    await chair.getByTestId('household-add').click();
    await chair.getByTestId('household-name-1').fill('李秀英');
    await chair.getByTestId('household-income-1').fill('0');
    await chair.getByTestId('line-add').click();
    await chair.getByTestId('line-item-0').click();
    await chair.locator('.ant-select-item-option').filter({ hasText: '医疗支出' }).first().click();
    await chair.getByTestId('line-amount-0').fill('8000');
    await chair.getByTestId('situation').fill('配偶患慢性肾病，长期透析，家庭收入低。');
    // (30,000 − 8,000) ÷ 12 ÷ 2 = 916.66… a month (shown rounded down): between 820 and 1,640 → 相对困难
    await poll(() => chair.getByTestId('calc-per-capita').innerText()).toContain('916.66');
    await poll(() => chair.getByTestId('calc-level').innerText()).toBe('相对困难');
    await chair.getByTestId('apply-submit').click();
    await chair.waitForURL(/\/hardship\/archives\/\d+$/, { timeout: 30_000 });
    const archiveId = Number(new URL(chair.url()).pathname.split('/').pop());
    await poll(() => chair.getByTestId('archive-timeline').innerText()).toContain('提交申请');
    await chair.context().close();

    // ---- the 稻庄镇 cadre reviews, records the home visit and opens the 公示
    const cadre = await newPage(browser);
    await login(cadre, 'daozhuang');
    await cadre.goto(`${baseUrl()}/hardship/archives/${archiveId}`);
    await cadre.getByTestId('action-review').click();
    await cadre.getByTestId('action-comment').fill('材料齐全，同意上报');
    await confirmAction(cadre);
    await poll(() => cadre.getByTestId('archive-timeline').innerText()).toContain('基层审核通过');
    await cadre.getByTestId('action-visit').click();
    await cadre.getByTestId('visit-visitors').fill('刘春燕、张明');
    await cadre.getByTestId('visit-findings').fill('家中两口人，配偶卧床，住房简陋，情况与申报一致。');
    await confirmAction(cadre);
    await poll(() => cadre.getByTestId('archive-visit').innerText()).toContain('情况属实');
    await cadre.getByTestId('action-notice').click();
    await confirmAction(cadre);
    await poll(() => cadre.getByTestId('archive-notice').innerText()).toMatch(/公示中/);
    const detail = await apiGet<{ noticeStart: string; noticeEnd: string; status: string }>(cadre, `/api/hardship/archives/${archiveId}`);
    expect(detail.status).toBe('notice');
    // the cadre cannot approve: the county's permission
    expect(await cadre.getByTestId('action-approve').count()).toBe(0);
    await cadre.context().close();

    // ---- the public page, no login: the masked name, never the full one
    const visitor = await newPage(browser);
    await visitor.goto(`${baseUrl()}/gongshi`);
    const table = visitor.getByTestId('public-hardship-table');
    const masked = `${[...w.name][0]}*${[...w.name][2]}`;
    await poll(() => table.innerText()).toContain(masked);
    const text = await visitor.locator('body').innerText();
    expect(text).not.toContain(w.name);
    expect(text).not.toContain(w.idNumber.slice(-4));
    // let the table's fade-in finish before the picture
    await visitor.waitForTimeout(600);
    await screenshot(visitor, 'hardship-public');
    await visitor.context().close();

    // ---- the 公示 runs five working days; the day after its end the county approves
    admin = await newPage(browser);
    await login(admin, 'admin');
    const staff = await newPage(browser);
    await login(staff, 'staff');
    await setClock(admin, detail.noticeEnd);
    await staff.goto(`${baseUrl()}/hardship/archives/${archiveId}`);
    await staff.getByTestId('action-approve').waitFor();
    expect(await staff.getByTestId('action-approve').isDisabled()).toBe(true);
    await setClock(admin, addDays(detail.noticeEnd, 1));
    await staff.reload();
    await staff.getByTestId('action-approve').click();
    await staff.getByTestId('action-comment').fill('同意建档');
    await confirmAction(staff);
    await poll(() => staff.getByTestId('archive-no').innerText()).toMatch(/^KN\d{4}-\d{5}$/);
    const timeline = staff.getByTestId('archive-timeline');
    for (const label of ['提交申请', '基层审核通过', '入户核查', '发布公示', '县总审批建档']) await poll(() => timeline.innerText()).toContain(label);
    await poll(() => timeline.innerText()).toContain('同意建档');
    await poll(() => staff.getByTestId('archive-calculation').innerText()).toContain('相对困难');
    await staff.waitForTimeout(600);
    await screenshot(staff, 'hardship-archive');

    await setClock(admin, null);
    await admin.context().close();
    admin = null;

    // ---- the archived household gets this winter's 送温暖: approved, paid, signed for
    const edition = '2027年元旦春节送温暖（新建档户）';
    await winterEditionFor(staff, w, edition);
    // ---- the member's page shows the archive and the payment
    await staff.goto(`${baseUrl()}/members/${w.id}`);
    const section = staff.getByTestId('member-assistance');
    await poll(() => section.innerText()).toMatch(/KN\d{4}-\d{5}/);
    await poll(() => section.innerText()).toContain(edition);
    await poll(() => section.innerText()).toContain('800.00');
    await poll(() => section.innerText()).toContain('已发放');
    await section.scrollIntoViewIfNeeded();
    await screenshot(staff, 'hardship-member-assistance');
    await staff.context().close();
  });
});
