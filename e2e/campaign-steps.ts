import type { Page } from 'playwright-core';
import { baseUrl, poll } from './browser.js';

// The steps of a 帮扶活动 as county staff run them in the console, shared by the campaign test
// and the end-to-end hardship test (a household archived there is put into a 送温暖 edition).

const ok = /确\s*定|确\s*认|OK/;

export interface Worker { id: number; name: string; orgName: string }

export const apiGet = <T>(page: Page, url: string) => page.evaluate(async (u) => {
  const res = await fetch(u, { headers: { Accept: 'application/json' } });
  if (!res.ok) throw new Error(`${u}: ${res.status}`);
  return res.json();
}, url) as Promise<T>;

/** Creates an edition (standard 800 元, budget 20,000 元), nominates the worker, approves the list and records the 签收 by the spouse in cash. */
export async function winterEditionFor(page: Page, who: Worker, name: string): Promise<{ editionId: number; recipientId: number }> {
  await page.goto(`${baseUrl()}/campaigns`);
  await page.getByTestId('campaign-create').click();
  await page.getByTestId('campaign-form-name').fill(name);
  await page.getByTestId('campaign-form-budget').fill('20000');
  await page.getByTestId('campaign-form-standard').fill('800');
  await page.getByTestId('campaign-form-ok').click();
  await page.waitForURL(/\/campaigns\/\d+$/);
  const editionId = Number(new URL(page.url()).pathname.split('/').pop());
  await poll(() => page.getByTestId('campaign-status').innerText()).toBe('筹备');

  // nominate the worker (search by name in the member box)
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

  // approve the list
  await page.getByTestId('campaign-approve').click();
  await page.locator('.ant-modal-confirm').getByRole('button', { name: ok }).click();
  await poll(() => recipients.innerText()).toContain('已审批');
  await poll(() => page.getByTestId('campaign-status').innerText()).toBe('已审批');

  // 签收: the worker's spouse receives it in cash
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
  return { editionId, recipientId: recipient.id };
}
