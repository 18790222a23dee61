import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { baseUrl, launchBrowser, login, newPage, poll, screenshot } from './browser.js';

// 职工诉求 as the 12351 desk meets it: a phone call about 30 workers' unpaid wages becomes a
// ticket, the leader's open home page shows the early warning, the county assigns it to 稻庄镇,
// the township turns it into a legal-aid case, a lawyer is assigned (委派函 PDF), the case closes
// with the wages recovered, and the original ticket shows the whole chain.
let browser: Browser;
beforeAll(async () => { browser = await launchBrowser(); });
afterAll(async () => { await browser?.close(); });

const apiGet = <T>(page: Page, url: string) => page.evaluate(async (u) => {
  const res = await fetch(u, { headers: { Accept: 'application/json' } });
  if (!res.ok) throw new Error(`${u}: ${res.status} ${await res.text()}`);
  return res.json();
}, url) as Promise<T>;

describe('职工诉求 (12351)', () => {
  it('a group wage-arrears call becomes a warning, a ticket for 稻庄镇, a legal-aid case that recovers the wages, and one chain on the ticket', async () => {
    // the leader's home page is already open when the call comes in
    const leader = await newPage(browser);
    await login(leader, 'leader');
    await poll(() => leader.getByTestId('warnings-panel').count()).toBe(1);

    // --- staff takes the phone call
    const staff = await newPage(browser);
    await login(staff, 'staff');
    const dz = (await apiGet<{ items: { id: number; name: string }[] }>(staff, `/api/orgs?q=${encodeURIComponent('稻庄镇总工会')}&pageSize=10`)).items.find((o) => o.name === '稻庄镇总工会')!;
    const employers = await apiGet<{ items: { id: number; name: string }[] }>(staff, `/api/employers?township=${dz.id}&industry=E&pageSize=20`);
    // a construction company of 稻庄镇 that no open warning names yet
    const open = await apiGet<{ items: { title: string }[] }>(staff, '/api/appeal-warnings?open=true&pageSize=200');
    const employer = employers.items.find((e) => !open.items.some((w) => w.title.includes(e.name)))!;
    expect(employer, 'a construction company in 稻庄镇').toBeTruthy();

    await staff.goto(`${baseUrl()}/appeals/new`);
    const form = staff.getByTestId('intake-form');
    await form.waitFor();
    await staff.getByTestId('intake-tier').click();
    await staff.locator('.ant-select-item-option', { hasText: '疑难' }).click();
    // antd puts the test id on the number input itself or on its wrapper, by version
    const numberInput = (id: string) => staff.locator(`input[data-testid="${id}"], [data-testid="${id}"] input`).first();
    await numberInput('intake-workers').fill('30');
    await numberInput('intake-amount').fill('860000');
    await staff.getByTestId('intake-employer').click();
    await staff.getByTestId('intake-employer').locator('input').fill(employer.name);
    await staff.locator('.ant-select-item-option', { hasText: employer.name }).first().click();
    await staff.getByTestId('intake-worker-name').fill('马德胜');
    await staff.getByTestId('intake-phone').fill('13805461234');
    await staff.getByTestId('intake-content').fill('来电反映：工地30名工人三个月工资共86万元未发放，包工头失联，工人准备集体讨薪。');
    await staff.getByTestId('intake-submit').click();
    await staff.waitForURL(/\/appeals\/\d+$/);
    const ticketId = Number(/\/appeals\/(\d+)$/.exec(staff.url())![1]);
    await poll(() => staff.getByTestId('appeal-no').innerText()).toMatch(/^GR12351-\d{4}-\d{6}$/);
    await poll(() => staff.getByTestId('appeal-warning').innerText()).toContain(`群体性诉求：${employer.name}`);
    await poll(() => staff.getByTestId('appeal-timeline').innerText()).toContain('受理');

    // --- the leader's open page shows it without a reload (the panel polls)
    await poll(() => leader.getByTestId('warnings-panel').innerText(), 45_000).toContain(`群体性诉求：${employer.name}`);
    await screenshot(leader, 'appeals-warnings-panel');

    // --- staff assigns it to 稻庄镇
    await staff.getByTestId('appeal-action-assign').click();
    const dialog = staff.getByRole('dialog');
    await dialog.getByTestId('step-org').click();
    await staff.locator('.ant-select-tree-switcher').first().click();
    await staff.locator('.ant-select-tree-title', { hasText: '稻庄镇总工会' }).first().click();
    await dialog.getByTestId('step-comment').fill('请稻庄镇总工会立即核实，稳控情绪');
    await staff.getByTestId('step-ok').click();
    await poll(() => staff.getByTestId('appeal-timeline').innerText()).toContain('分派至 稻庄镇总工会');

    // --- the township turns it into a legal-aid case
    const daozhuang = await newPage(browser);
    await login(daozhuang, 'daozhuang');
    await daozhuang.goto(`${baseUrl()}/appeals/${ticketId}`);
    await daozhuang.getByTestId('appeal-action-transfer').click();
    await daozhuang.getByRole('dialog').getByTestId('step-comment').fill('包工头失联，需法律援助律师代理仲裁');
    await daozhuang.getByTestId('step-ok').click();
    await poll(() => daozhuang.getByTestId('appeal-transfer').innerText()).toContain('法律援助');
    const ticket = await apiGet<{ status: string; transferKind: string; transferId: number }>(daozhuang, `/api/appeals/${ticketId}`);
    expect(ticket).toMatchObject({ status: 'transferred', transferKind: 'legal_aid' });
    const caseId = ticket.transferId;

    // --- county staff opens the case from the ticket and assigns a lawyer; the 委派函 opens as a PDF
    await staff.goto(`${baseUrl()}/appeals/${ticketId}`);
    await staff.getByTestId('appeal-transfer').getByRole('link').click();
    await staff.waitForURL(`**/legal/aid/${caseId}`);
    await staff.getByTestId('aid-assign').click();
    await staff.getByTestId('aid-provider-select').click();
    await staff.locator('.ant-select-item-option').first().click();
    await staff.getByTestId('aid-dialog-ok').click();
    await poll(() => staff.getByTestId('aid-letter').count()).toBe(1);
    const letterUrl = await staff.getByTestId('aid-letter').getAttribute('href');
    expect(letterUrl).toBe(`/api/legal/aid/${caseId}/letter.pdf`);
    const pdf = await staff.evaluate(async (u) => {
      const res = await fetch(u);
      const bytes = new Uint8Array(await res.arrayBuffer());
      return { status: res.status, type: res.headers.get('content-type'), head: String.fromCharCode(...bytes.slice(0, 5)) };
    }, letterUrl!);
    expect(pdf).toEqual({ status: 200, type: 'application/pdf', head: '%PDF-' });

    // --- the case closes with the wages recovered
    await staff.getByTestId('aid-close').click();
    const closing = staff.getByRole('dialog');
    await closing.getByLabel('挽回金额(元)').fill('860000');
    await closing.getByLabel('结案报告').fill('经劳动仲裁，用人单位支付拖欠工资86万元');
    await staff.getByTestId('aid-dialog-ok').click();
    await poll(() => staff.getByTestId('aid-recovered').innerText()).toMatch(/860,?000/);

    // --- the original ticket shows the whole chain
    await staff.goto(`${baseUrl()}/appeals/${ticketId}`);
    const transfer = staff.getByTestId('appeal-transfer');
    await poll(() => transfer.innerText()).toContain('860,000.00');
    await poll(() => transfer.innerText()).toContain('已结案');
    const chain = await transfer.innerText();
    expect(chain).toMatch(/法援|法律援助/);
    expect(await staff.getByTestId('chain-step').count()).toBeGreaterThanOrEqual(3);
    const timeline = await staff.getByTestId('appeal-timeline').innerText();
    for (const step of ['受理', '分派', '转办']) expect(timeline).toContain(step);
    await screenshot(staff, 'appeals-ticket');

    // --- the figures page counts it, with the amount the legal aid recovered
    await staff.goto(`${baseUrl()}/appeal-figures`);
    await poll(() => staff.getByTestId('figures-totals').innerText()).toMatch(/受理件数\s*\d+/);
    await poll(() => staff.getByTestId('figures-totals').innerText()).toMatch(/法律援助挽回金额（元）\s*[\d,]+\.\d{2}/);
    await poll(() => staff.getByTestId('figures-employers').innerText()).toContain('被诉较多的用人单位');
    await staff.waitForTimeout(500); // the chart animates in
    await screenshot(staff, 'appeals-figures');

    for (const p of [leader, staff, daozhuang]) await p.context().close();
  });

  it('lists overdue and due-soon tickets and keeps 大王镇 out of 稻庄镇\'s list', async () => {
    const page = await newPage(browser);
    await login(page, 'daozhuang');
    await page.goto(`${baseUrl()}/appeals`);
    await page.getByRole('tab', { name: '已超期' }).click();
    await poll(() => page.getByTestId('appeals-table').innerText()).toContain('已超期');
    const overdue = await apiGet<{ total: number; items: { handling?: string; assignedOrgName: string | null; orgName: string }[] }>(page, '/api/appeals?timeStatus=overdue&pageSize=200');
    expect(overdue.total).toBeGreaterThan(0);
    const all = await apiGet<{ items: { assignedOrgName: string | null }[] }>(page, '/api/appeals?pageSize=200');
    expect(all.items.every((i) => i.assignedOrgName !== '大王镇总工会')).toBe(true);
    await screenshot(page, 'appeals-list-overdue');
    await page.context().close();
  });
});
