import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { makeIdNumber } from '../lib/validators/id-number.js';
import { baseUrl, launchBrowser, login, newPage, poll, screenshot } from './browser.js';

// 组织建设 as its users meet it: the coverage figures and their drill-down, a member moving
// between townships, and a grassroots chair importing a messy roster.
let browser: Browser;
beforeAll(async () => { browser = await launchBrowser(); });
afterAll(async () => { await browser?.close(); });

// first loads of a fresh county take a moment: poll waits for what the user should see

interface OrgRow { id: number; name: string; kind: string }
const apiGet = <T>(page: Page, url: string) => page.evaluate(async (u) => {
  const res = await fetch(u, { headers: { Accept: 'application/json' } });
  if (!res.ok) throw new Error(`${u}: ${res.status}`);
  return res.json();
}, url) as Promise<T>;

async function orgNamed(page: Page, name: string): Promise<OrgRow> {
  const list = await apiGet<{ items: OrgRow[] }>(page, `/api/orgs?q=${encodeURIComponent(name)}&pageSize=50`);
  const org = list.items.find((o) => o.name === name);
  if (!org) throw new Error(`no org ${name}`);
  return org;
}

describe('组织建设', () => {
  it('the coverage page shows 建会率 and drills down to a township\'s employers without a union', async () => {
    const page = await newPage(browser);
    await login(page, 'staff');
    await page.goto(`${baseUrl()}/coverage`);
    const summary = page.getByTestId('coverage-summary');
    // the first figures of a fresh county are computed on demand: allow them a minute
    await poll(() => summary.innerText(), 60_000).toMatch(/建会率[\s\S]*\d+\.\d{2}%/);
    await poll(() => summary.innerText()).toMatch(/入会率[\s\S]*\d+\.\d{2}%/);
    const dz = await orgNamed(page, '稻庄镇总工会');
    // the county's breakdown lists the townships; clicking 稻庄镇 drills into it
    await page.getByTestId(`coverage-drill-${dz.id}`).click();
    await poll(() => page.getByTestId('coverage-trail').innerText()).toContain('稻庄镇总工会');
    await poll(() => page.url()).toContain(`orgId=${dz.id}`);
    await screenshot(page, 'coverage-daozhuang');
    const expected = await apiGet<{ total: number; items: { id: number; name: string }[] }>(page, `/api/coverage/employers-without-union?orgId=${dz.id}&pageSize=20`);
    expect(expected.total).toBeGreaterThan(0);
    await page.getByTestId('coverage-without-all').click();
    const drawer = page.getByTestId('without-union-drawer');
    await poll(() => drawer.innerText()).toContain('未建会单位：稻庄镇总工会');
    await poll(() => drawer.innerText()).toContain(`共 ${expected.total} 条`);
    const first = expected.items[0];
    await poll(() => drawer.innerText()).toContain(first.name);
    await drawer.getByRole('link', { name: first.name }).first().click();
    await page.waitForURL(`**/employers/${first.id}`);
    await poll(() => page.getByTestId('employer-name').innerText()).toBe(first.name);
    await poll(() => page.getByTestId('employer-union').innerText()).toContain('尚未建立工会');
    await page.context().close();
  });

  it('a member moves from 稻庄镇 to 大王镇: staff starts the transfer, dawang accepts it', async () => {
    const staff = await newPage(browser);
    await login(staff, 'staff');
    const dz = await orgNamed(staff, '稻庄镇总工会');
    const found = await apiGet<{ items: { id: number; name: string; orgName: string }[] }>(staff, `/api/members?pageSize=1&status=active&orgId=${dz.id}`);
    const member = found.items[0];
    expect(member).toBeTruthy();
    const targets = await apiGet<{ items: { id: number; name: string }[] }>(staff, `/api/transfers/targets?q=${encodeURIComponent('大王')}`);
    const dw = await orgNamed(staff, '大王镇总工会');
    // a union in 大王镇: its path runs through the township
    let target: { id: number; name: string } | undefined;
    for (const c of targets.items) {
      const o = await apiGet<{ path: string }>(staff, `/api/orgs/${c.id}`);
      if (o.path.split('.').includes(String(dw.id))) { target = c; break; }
    }
    expect(target, 'a grassroots union in 大王镇').toBeTruthy();

    await staff.goto(`${baseUrl()}/members/${member.id}`);
    await poll(() => staff.getByTestId('member-union').innerText()).toBe(member.orgName);
    await staff.getByTestId('member-transfer').click();
    const dialog = staff.getByRole('dialog');
    await dialog.getByTestId('transfer-target').click();
    await staff.keyboard.type(target!.name);
    await staff.locator('.ant-select-item-option', { hasText: target!.name }).first().click();
    await dialog.getByLabel('转出原因').fill('工作调动');
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await poll(() => staff.getByText('已提交接转申请').count()).toBeGreaterThan(0);
    await poll(() => staff.getByTestId('member-history').innerText()).toContain(`${member.orgName} → ${target!.name}`);
    await poll(() => staff.getByTestId('member-history').innerText()).toContain('待接收');
    await staff.context().close();

    const dawang = await newPage(browser);
    await login(dawang, 'dawang');
    await dawang.goto(`${baseUrl()}/transfers`);
    const table = dawang.getByTestId('transfers-table');
    const row = table.locator('tr', { hasText: member.name });
    await poll(() => row.count()).toBeGreaterThan(0);
    expect(await row.first().innerText()).toContain(target!.name);
    await row.first().getByRole('button', { name: /接\s*收/ }).click();
    await dawang.getByRole('dialog').getByRole('button', { name: /接\s*收/ }).click();
    await poll(() => dawang.getByText('已接收，会员已转入').count()).toBeGreaterThan(0);
    await dawang.goto(`${baseUrl()}/members/${member.id}`);
    await poll(() => dawang.getByTestId('member-union').innerText()).toBe(target!.name);
    const history = dawang.getByTestId('member-history');
    await poll(() => history.innerText()).toContain('申请转出');
    await poll(() => history.innerText()).toContain('已接收');
    await screenshot(dawang, 'member-after-transfer');
    await dawang.context().close();
  });

  it('a grassroots chair imports a messy roster, reads the errors, commits, and re-imports without changes', async () => {
    // an even sequence: the 17th digit gives 女 for 甲 and 乙 and 男 for 丙, as the roster says
    const seq = (Date.now() % 400) * 2;
    const good = makeIdNumber('370523', '1991-03-14', seq);
    const other = makeIdNumber('370523', '1988-11-02', seq + 1);
    const wrongCheck = makeIdNumber('370523', '1993-07-21', seq + 2);
    const bad = wrongCheck.slice(0, 17) + (wrongCheck[17] === '1' ? '2' : '1');
    const fullWidth = other.replace(/[0-9X]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('会员名册');
    ws.addRow(['2026年会员花名册（导入测试）']);
    ws.addRow(['序号', '姓名', '性别', '身份证号码', '手机号码', '职工类别', '入会时间']);
    ws.addRow([1, '测试甲', '女', good, '13905461234', '一般职工', '2020-05-01']);
    ws.addRow([]);
    ws.addRow([2, '测试乙', '女', bad, '', '', '']);
    ws.addRow([3, '测试丙', '男', fullWidth, '', '农民工', '']);
    ws.addRow(['合计', '', '', '', '', '', '3人']);
    ws.addRow(['填表人：赵志刚    审核人：']);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'gh-e2e-import-'));
    const file = path.join(dir, '会员名册.xlsx');
    await wb.xlsx.writeFile(file);

    const page = await newPage(browser);
    await login(page, 'chair');
    const run = async (first: boolean) => {
      await page.goto(`${baseUrl()}/imports`);
      await page.locator('input[type=file]').setInputFiles(file);
      const mapping = page.getByTestId('import-mapping');
      await poll(() => mapping.count()).toBe(1);
      // the header row was found under the title, the 序号 column left out
      expect(await mapping.innerText()).toContain('第 2 行');
      expect(await page.getByTestId('import-headers').innerText()).toContain('身份证号码');
      await poll(() => page.getByTestId('import-map-idNumber').innerText()).toContain('身份证号码');
      await poll(() => page.getByTestId('import-map-name').innerText()).toContain('姓名');
      await page.getByTestId('import-confirm-mapping').click();
      await poll(() => page.getByTestId('import-dry-run').isEnabled()).toBe(true);
      await page.getByTestId('import-dry-run').click();
      const results = page.getByTestId('import-results');
      await poll(() => results.count(), 60_000).toBe(1);
      const tabs = page.getByTestId('import-outcome-tabs');
      if (first) {
        await poll(() => tabs.innerText()).toMatch(/新增\s*2/);
        await poll(() => tabs.innerText()).toMatch(/错误\s*1/);
        await tabs.getByText(/错误\s*1/).click();
        const rows = page.getByTestId('import-rows');
        await poll(() => rows.innerText()).toContain('身份证号');
        expect(await rows.innerText()).toContain('测试乙');
        await screenshot(page, 'import-report');
        const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-report').click()]);
        expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
        const saved = path.join(dir, 'report.xlsx');
        await download.saveAs(saved);
        const report = new ExcelJS.Workbook();
        await report.xlsx.load(await readFile(saved) as unknown as ArrayBuffer);
        const texts: string[] = [];
        report.eachSheet((s) => s.eachRow((r) => { texts.push(JSON.stringify(r.values)); }));
        expect(texts.join('\n')).toContain('身份证号');
        await page.getByTestId('import-commit').click();
        await page.getByRole('dialog').getByRole('button', { name: /确\s*定/ }).click();
        await poll(() => page.getByTestId('import-summary').count(), 60_000).toBe(1);
        expect(await page.getByTestId('import-summary').innerText()).toContain('新增 2');
      } else {
        await poll(() => tabs.innerText()).toMatch(/无变化\s*2/);
        await poll(() => tabs.innerText()).toMatch(/新增\s*0/);
        await poll(() => tabs.innerText()).toMatch(/错误\s*1/);
        expect(await page.getByTestId('import-commit').isDisabled()).toBe(true);
      }
    };
    await run(true);
    // the members are now on the list
    await page.goto(`${baseUrl()}/members`);
    await page.getByTestId('members-filter-q').fill('测试甲');
    await page.getByRole('button', { name: /查\s*询/ }).click();
    await poll(() => page.getByTestId('members-table').innerText()).toContain('测试甲');
    await run(false);
    await page.context().close();
  });
});
