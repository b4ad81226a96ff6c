import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import type { ThreadSummary } from '../../../src/contracts/messaging.ts';
import { ESAS_ZERO, submit } from '../../integration/checkins/helpers.ts';
import { setWorkingHours } from '../../integration/messaging/support.ts';
import { login } from '../../support/client.ts';
import { assertNoPageErrors, expectAccessible, saveScreenshot } from '../support/browser.ts';
import { signIn, useServerAndBrowser } from '../support/session.ts';

const ctx = useServerAndBrowser();
let urgentAlertId: string;

beforeAll(async () => {
  await setWorkingHours(ctx.server.deps, 'always');
  const ana = await login(ctx.server.url, 'ana@demo.test');
  const [thread] = ((await (await ana.get('/api/threads')).json()) as { threads: ThreadSummary[] }).threads;
  // A document in Ana's records (uploaded to her care-team thread, then typed), for her page's documents section.
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'))], { type: 'application/pdf' }), 'biopsy.pdf');
  const upload = await fetch(`${ctx.server.url}/api/threads/${thread!.id}/attachments`, { method: 'POST', headers: { cookie: ana.cookie }, body: form });
  const { attachment } = (await upload.json()) as { attachment: { id: string } };
  await ana.send('POST', `/api/patients/${ana.me.id}/records`, { attachmentId: attachment.id, kind: 'pathology', title: 'Biopsy report', documentDate: '2026-09-01' });
  await ana.send('POST', `/api/threads/${thread!.id}/messages`, { clientId: crypto.randomUUID(), body: 'The pain woke me up tonight.' });
  await submit(ana, 'esas-r', { ...ESAS_ZERO, pain: 5 });
  await submit(ana, 'esas-r', { ...ESAS_ZERO, tiredness: 8 });
  const urgent = await submit(ana, 'esas-r', { ...ESAS_ZERO, pain: 10 });
  urgentAlertId = urgent.alerts.find((a) => a.severity === 'urgent')!.id;
});

/** Nothing wider than the screen; on failure, names the elements that stick out. */
async function noSideScroll(page: Page) {
  const wide = await page.evaluate(() => {
    const scrollsSideways = (el: Element | null): boolean => !!el && (['auto', 'scroll'].includes(getComputedStyle(el).overflowX) || scrollsSideways(el.parentElement));
    return (
    [...document.querySelectorAll('body *')]
      // Inside a region that scrolls sideways on its own (a wide table, the phone navigation row) is fine.
      .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5 && !scrollsSideways(el.parentElement))
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}`)
    );
  });
  expect(wide).toEqual([]);
}

describe("a navigator's day in the browser", () => {
  test('Nora sees Ana first, acknowledges with the keyboard, reads the trend, answers from the inbox and resolves with a documented action', async () => {
    const nora = await signIn(ctx, 'nora@demo.test');
    await nora.getByRole('heading', { level: 1, name: 'Your day' }).waitFor();
    const alerts = nora.getByRole('region', { name: /Urgent and overdue alerts/ });
    const first = alerts.getByRole('listitem').first().getByRole('link').first();
    await first.waitFor();
    expect(await first.textContent()).toBe('Urgent: Ana García');
    const waiting = nora.getByRole('region', { name: /Messages awaiting your reply/ });
    await waiting.getByText(/Waiting since/).waitFor();
    await expectAccessible(nora);
    await saveScreenshot(nora, 'navigator-worklist');

    // Open the alert and acknowledge it with the keyboard alone.
    await first.click();
    await nora.waitForURL(`**/navigator/alerts/${urgentAlertId}`);
    const acknowledge = nora.getByRole('button', { name: 'Acknowledge' });
    await acknowledge.focus();
    await nora.keyboard.press('Enter');
    await nora.getByText(/Acknowledged/).first().waitFor();
    await expectAccessible(nora);

    // Ana's page: header, and a trend on a true time axis (no repeated date labels) with thresholds drawn.
    await nora.getByRole('link', { name: 'Open patient' }).click();
    await nora.getByRole('heading', { level: 1, name: 'Ana García' }).waitFor();
    const chart = nora.getByTestId('symptom-chart');
    await expect.poll(() => chart.locator('.recharts-reference-line').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    const ticks = await chart.locator('.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value').allTextContents();
    expect(ticks.length).toBeGreaterThan(1);
    expect(new Set(ticks).size).toBe(ticks.length);
    // One unbroken line per item: each series is drawn as a single path.
    expect(await chart.locator('.recharts-line-curve').count()).toBeGreaterThan(0);
    await nora.getByRole('region', { name: 'Open alerts' }).getByRole('link').first().waitFor();
    // Her documents, each a link to the audited download.
    const doc = nora.getByRole('region', { name: 'Documents' }).getByRole('link', { name: 'Biopsy report (download)' });
    await doc.waitFor();
    const href = (await doc.getAttribute('href'))!;
    expect(await nora.evaluate(async (url) => (await fetch(url)).status, href)).toBe(200);
    await expectAccessible(nora);
    await saveScreenshot(nora, 'patient-page');

    // Answer Ana from the inbox.
    await nora.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Inbox' }).click();
    const conversations = nora.getByRole('navigation', { name: 'Conversations' });
    const anaThread = conversations.getByRole('link', { name: /Care team: Ana García/ });
    // Each thread shows its last message, its time, how long it has waited and what is unread.
    await anaThread.getByText('The pain woke me up tonight.').waitFor();
    expect(await anaThread.textContent()).toMatch(/Awaiting reply[\s\S]*\d+ unread[\s\S]*Waiting since/);
    await conversations.getByLabel('Filter by patient').fill('Ben');
    await anaThread.waitFor({ state: 'detached' });
    await conversations.getByLabel('Filter by patient').fill('ana g');
    await anaThread.click();
    // A template goes into the draft for editing; Nora then writes her own words.
    await nora.getByLabel('Reply templates').selectOption({ index: 1 });
    await nora.getByRole('button', { name: 'Insert template' }).click();
    await expect.poll(() => nora.getByLabel('Message', { exact: true }).inputValue()).not.toBe('');
    await nora.getByLabel('Message', { exact: true }).fill('I am calling you now about the pain.');
    await nora.getByRole('button', { name: 'Send' }).click();
    await nora.getByRole('log', { name: 'Conversation' }).getByText('I am calling you now about the pain.').waitFor();
    await expectAccessible(nora);

    // Resolve the alert with a documented action.
    await nora.goto(`/navigator/alerts/${urgentAlertId}`);
    await nora.getByRole('button', { name: 'Resolve' }).click();
    await nora.getByLabel('Action taken').selectOption('called_patient');
    await nora.getByRole('button', { name: 'Save' }).click();
    await nora.getByText(/Resolved/).first().waitFor();

    // Home again: the urgent alert and the waiting thread are gone from the day.
    await nora.getByRole('link', { name: 'Wayfinder' }).click();
    await nora.getByRole('region', { name: /Urgent and overdue alerts/ }).getByText('No urgent or overdue alert.').waitFor();
    await nora.getByRole('region', { name: /Messages awaiting your reply/ }).getByText('No one is waiting for a reply.').waitFor();
    await assertNoPageErrors(nora);
  });

  test('the worklist and the patient page work at 360 px', async () => {
    const nora = await signIn(ctx, 'nora@demo.test', { page: { viewport: { width: 360, height: 800 } } });
    await nora.getByRole('heading', { level: 1, name: 'Your day' }).waitFor();
    await nora.getByRole('region', { name: /Your patients/ }).getByRole('link', { name: 'Ana García' }).click();
    await nora.getByRole('heading', { level: 1, name: 'Ana García' }).waitFor();
    await nora.getByTestId('symptom-chart').waitFor();
    await expectAccessible(nora);
    await noSideScroll(nora);
  });
});

describe('the on-call rota', () => {
  test("the clinical lead adds tomorrow's shift, sees the overlap named before saving, and tomorrow shows her on call", async () => {
    const lead = await signIn(ctx, 'lead@demo.test');
    await lead.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'On-call rota' }).click();
    await lead.getByRole('heading', { level: 1, name: 'On-call rota' }).waitFor();
    await lead.getByText('On call now: Nora Navarro').waitFor();
    await expectAccessible(lead);

    await lead.getByLabel('Navigator', { exact: true }).selectOption({ label: 'Dr Lena Lindqvist' });
    await lead.getByText(/This shift overlaps other shifts/).waitFor();
    await lead.getByText(/^Nora Navarro, /).waitFor();
    await expectAccessible(lead);
    await lead.getByRole('button', { name: 'Save the shift' }).click();
    await lead.getByText('The shift was saved.').waitFor();

    // Row 2 of the table is tomorrow: Lena is on call, and her overlap with Nora is listed.
    const tomorrow = lead.getByRole('table').getByRole('row').nth(2);
    await expect.poll(() => tomorrow.textContent(), { timeout: 10_000 }).toContain('Dr Lena Lindqvist');
    expect(await tomorrow.textContent()).toContain('Nora Navarro and Dr Lena Lindqvist overlap');
    await assertNoPageErrors(lead);
  });
});
