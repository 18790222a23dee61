import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { baseUrl, launchBrowser, login, newPage, screenshot } from './browser.js';

// The foundation, as its users meet it: each demo account signs in and sees its own menu; an
// administrator creates an account in scope; a township administrator cannot open one outside
// it; the auditor finds the change in the audit log.
let browser: Browser;
beforeAll(async () => { browser = await launchBrowser(); });
afterAll(async () => { await browser?.close(); });

const menuOf = async (page: Page) => (await page.getByTestId('main-menu').innerText()).split('\n').map((s) => s.trim()).filter(Boolean);

const expectedMenus: Record<string, { has: string[]; lacks: string[] }> = {
  admin: { has: ['组织管理', '账号管理', '字典管理', '安全设置'], lacks: ['审计日志', '角色与授权'] },
  security: { has: ['角色与授权', '账号管理'], lacks: ['审计日志', '安全设置', '字典管理'] },
  auditor: { has: ['审计日志', '登录日志'], lacks: ['角色与授权', '安全设置', '字典管理'] },
  staff: { has: ['组织管理'], lacks: ['账号管理', '审计日志', '角色与授权'] },
  leader: { has: ['组织管理'], lacks: ['账号管理', '审计日志', '角色与授权', '安全设置'] },
  daozhuang: { has: ['组织管理', '账号管理'], lacks: ['审计日志', '角色与授权', '安全设置'] },
  chair: { has: ['组织管理'], lacks: ['账号管理', '审计日志', '角色与授权'] },
};

describe('the console', () => {
  for (const [username, menu] of Object.entries(expectedMenus)) {
    it(`${username} signs in and sees the menu of the role`, async () => {
      const page = await newPage(browser);
      await login(page, username);
      const items = await menuOf(page);
      for (const label of menu.has) expect(items, `${username} menu`).toContain(label);
      for (const label of menu.lacks) expect(items, `${username} menu`).not.toContain(label);
      await page.context().close();
    });
  }

  it('a record address with a malformed id is 页面不存在, not a page that waits forever', async () => {
    const page = await newPage(browser);
    await login(page, 'staff');
    for (const address of ['/appeals/warnings', '/members/abc', '/hardship/archives/0']) {
      await page.goto(`${baseUrl()}${address}`);
      await expect.poll(() => page.getByTestId('not-found').count(), { timeout: 30_000 }).toBe(1);
    }
    await page.context().close();
  });

  it('shows a clear error for a wrong password', async () => {
    const page = await newPage(browser);
    await page.goto(`${baseUrl()}/login`);
    await screenshot(page, 'login');
    await page.getByPlaceholder('用户名').fill('staff');
    await page.getByPlaceholder('密码').fill('wrong-password');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await expect.poll(() => page.getByText('用户名或密码错误').count()).toBeGreaterThan(0);
    await page.context().close();
  });

  it('the organization tree shows the county and its townships', async () => {
    const page = await newPage(browser);
    await login(page, 'admin');
    await page.goto(`${baseUrl()}/orgs`);
    await expect.poll(() => page.getByText('广饶县总工会').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByText('稻庄镇总工会').count()).toBeGreaterThan(0);
    await screenshot(page, 'orgs');
    await page.context().close();
  });

  let createdUsername = '';
  it('an administrator creates an account in scope and sees its one-time password', async () => {
    const page = await newPage(browser);
    await login(page, 'dz_admin');
    await page.goto(`${baseUrl()}/users`);
    await page.getByRole('button', { name: /新建账号/ }).click();
    createdUsername = `e2e_${Date.now() % 100000}`;
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('用户名').fill(createdUsername);
    await dialog.getByLabel('姓名').fill('测试文员');
    // the org picker offers only the administrator's own subtree
    await dialog.getByLabel('所属组织').click();
    await page.locator('.ant-select-tree-title', { hasText: '稻庄镇总工会' }).first().click();
    await dialog.getByRole('button', { name: /确\s*定|保\s*存|创\s*建/ }).click();
    await expect.poll(() => page.getByTestId('initial-password').count()).toBeGreaterThan(0);
    expect((await page.getByTestId('initial-password').innerText()).trim()).toMatch(/^\S{12,}$/);
    await screenshot(page, 'user-created');
    await page.context().close();
  });

  it('a township administrator cannot open an account of the county', async () => {
    const page = await newPage(browser);
    await login(page, 'admin');
    const me = await page.evaluate(async () => (await fetch('/api/auth/me')).json());
    await page.context().close();

    const township = await newPage(browser);
    await login(township, 'dz_admin');
    await township.goto(`${baseUrl()}/users/${me.user.id}`);
    await expect.poll(() => township.getByText(/不存在或不在您的管辖范围内/).count()).toBeGreaterThan(0);
    await screenshot(township, 'user-out-of-scope');
    await township.context().close();
  });

  it('the auditor finds the account creation in the audit log', async () => {
    const page = await newPage(browser);
    await login(page, 'auditor');
    await page.goto(`${baseUrl()}/audit`);
    await expect.poll(() => page.getByText(`新建账号 ${createdUsername}`).count()).toBeGreaterThan(0);
    await screenshot(page, 'audit');
    await page.context().close();
  });
});
