import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { ESAS_ZERO, submit } from '../../integration/checkins/helpers.ts';
import { login } from '../../support/client.ts';
import { assertNoPageErrors, expectAccessible, saveScreenshot } from '../support/browser.ts';
import { signIn, useServerAndBrowser } from '../support/session.ts';

const ctx = useServerAndBrowser();
let anaId: string;
let benId: string;

beforeAll(async () => {
  const users = await ctx.server.deps.db.query.users.findMany();
  anaId = users.find((u) => u.email === 'ana@demo.test')!.id;
  benId = users.find((u) => u.email === 'ben@demo.test')!.id;
  const ana = await login(ctx.server.url, 'ana@demo.test');
  await submit(ana, 'esas-r', { ...ESAS_ZERO, pain: 5 });
  await submit(ana, 'esas-r', { ...ESAS_ZERO, tiredness: 8 });
  await submit(ana, 'esas-r', { ...ESAS_ZERO, pain: 10 });
});

const focusedCard = (page: Page) => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.card ?? document.activeElement?.tagName);

describe('the grouped triage queue', () => {
  test("Ana's three check-ins are one card; keyboard shortcuts acknowledge and resolve; live updates keep focus; bulk acknowledges moderate", async () => {
    const nora = await signIn(ctx, 'nora@demo.test', { path: '/navigator/alerts' });
    await nora.getByRole('heading', { level: 1, name: 'Triage queue' }).waitFor();
    const queue = nora.getByRole('list', { name: 'Patients with alerts' });
    const ana = queue.locator(`[data-card="${anaId}"]`);
    await ana.waitFor();
    // One card for Ana, the urgent check-in leading with all its reasons, the two earlier check-ins folded under it.
    expect(await queue.locator('[data-card]').count()).toBe(1);
    expect(await ana.getByRole('heading', { level: 2 }).textContent()).toBe('Urgent Ana García');
    await ana.getByText('2 other check-ins or messages with open alerts').waitFor();
    expect(await ana.locator(':scope > .reason-list > li').count()).toBeGreaterThan(1);
    await nora.getByRole('group').getByText('Keyboard shortcuts').click();
    await nora.getByText('acknowledge all open alerts of the check-in shown').waitFor();
    await expectAccessible(nora);
    await saveScreenshot(nora, 'triage-grouped');

    // Keyboard alone: from the last filter, Tab past the bulk button to the first card, then A.
    await nora.getByLabel('Assigned to').focus();
    await nora.keyboard.press('Tab');
    await nora.keyboard.press('Tab');
    expect(await focusedCard(nora)).toBe(anaId);
    await nora.keyboard.press('a');
    await expect.poll(() => nora.getByTestId('triage-announcement').textContent()).toBe('Acknowledged: Ana García');
    await ana.getByRole('button', { name: /^Acknowledge/ }).waitFor({ state: 'detached' });
    expect(await focusedCard(nora)).toBe(anaId);

    // Ben's urgent check-in arrives live; Ana's card keeps the focus.
    const ben = await login(ctx.server.url, 'ben@demo.test');
    await submit(ben, 'esas-r', { ...ESAS_ZERO, shortness_of_breath: 10 });
    await queue.locator(`[data-card="${benId}"]`).waitFor();
    expect(await focusedCard(nora)).toBe(anaId);
    await nora.keyboard.press('j');
    expect(await focusedCard(nora)).toBe(benId);
    await nora.keyboard.press('k');
    expect(await focusedCard(nora)).toBe(anaId);

    // R opens the documented action; saving resolves every alert of the urgent check-in.
    await nora.keyboard.press('r');
    const action = ana.getByLabel('Action taken');
    await expect.poll(() => action.evaluate((el) => el === document.activeElement)).toBe(true);
    await action.selectOption('called_patient');
    await ana.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => nora.getByTestId('triage-announcement').textContent()).toBe('Resolved: Ana García');
    // Ana stays on the queue, now led by her earlier check-ins; the urgent one is gone from her card.
    await ana.getByText('1 other check-in or message with open alerts').waitFor();
    expect(await ana.locator('.sev-urgent').count()).toBe(0);

    // Bulk: every open moderate alert on the queue at once.
    const bulk = nora.getByRole('button', { name: /open moderate alert/ });
    await bulk.click();
    await expect.poll(() => nora.getByTestId('triage-announcement').textContent()).toMatch(/^\d+ moderate alerts? acknowledged\.$/);
    await bulk.waitFor({ state: 'detached' });

    // Filter: urgent only leaves Ben.
    await nora.getByLabel('Severity').selectOption('urgent');
    await expect.poll(() => queue.locator('[data-card]').count()).toBe(1);
    await queue.locator(`[data-card="${benId}"]`).waitFor();
    await expectAccessible(nora);
    await assertNoPageErrors(nora);
  });

  test('the queue fits a 360 px screen', async () => {
    const nora = await signIn(ctx, 'nora@demo.test', { path: '/navigator/alerts', page: { viewport: { width: 360, height: 780 } } });
    await nora.getByRole('list', { name: 'Patients with alerts' }).locator('[data-card]').first().waitFor();
    await expectAccessible(nora);
    expect(await nora.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  });
});
