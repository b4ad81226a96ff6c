import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { loginDemoUsers, type Client } from '../../support/client.ts';
import { assertNoPageErrors, expectAccessible } from '../support/browser.ts';
import { signIn, useServerAndBrowser } from '../support/session.ts';
import { draftOverHttp } from './draft-over-http.ts';
import { accessibleAtBothWidths, fact } from './pages.ts';

const ctx = useServerAndBrowser();
const PHONE = { viewport: { width: 360, height: 780 } };

/** Ben's specialist consultation to Northgate, with its packet and his consent, sent (and accepted by Rhea when asked). */
async function sentReferral(accept: boolean) {
  const { nora, id } = await draftOverHttp(ctx.server.url, 'ben', 'specialist_consultation');
  for (const kind of ['pathology', 'clinical_summary']) expect((await nora.send('POST', `/api/referrals/${id}/packet`, { source: 'navigator', kind, title: kind, body: 'Text.' })).status).toBe(201);
  expect((await nora.send('PUT', `/api/referrals/${id}/consent`, { method: 'verbal', witness: 'Dr Okafor' })).status).toBe(200);
  expect((await nora.send('POST', `/api/referrals/${id}/send`, {})).status).toBe(200);
  if (accept) {
    const as: Record<string, Client> = {};
    await loginDemoUsers(ctx.server.url, ['rhea'], as, {});
    expect((await as.rhea!.send('POST', `/api/referrals/${id}/accept`, {})).status).toBe(200);
  }
  return id;
}

/** Signs the demo user in on a phone and opens the page. */
async function onPhone(name: string, path: string) {
  const page = await signIn(ctx, `${name}@demo.test`, { page: PHONE });
  await page.goto(path);
  return page;
}

/** Ben, on his phone: his referral's page says how it ended, never the staff's reason. */
async function benSees(id: string, notice: string | RegExp, reason: RegExp) {
  const ben = await onPhone('ben', `/patient/referrals/${id}`);
  await ben.getByText(notice).waitFor();
  expect(await ben.getByText(reason).count()).toBe(0);
  await expectAccessible(ben);
  await assertNoPageErrors(ben);
}

const focused = (page: Page) => page.evaluate(() => document.activeElement?.textContent ?? '');

describe('cancelling and declining a referral, in the browser', () => {
  test('Nora cancels an accepted referral by keyboard after confirming; Rhea and Ben see it cancelled', async () => {
    const id = await sentReferral(true);
    const nora = await signIn(ctx, 'nora@demo.test');
    await nora.goto(`/navigator/referrals/${id}`);
    await fact(nora, 'State').getByText('Accepted').waitFor();

    // Reason, Enter: the screen asks once more, focus on the safe choice; Escape keeps the referral.
    await nora.getByLabel('Reason for cancelling').focus();
    await nora.keyboard.type('Treated locally after all.');
    await nora.keyboard.press('Enter');
    const dialog = nora.getByRole('dialog', { name: 'Cancel this referral?' });
    await dialog.getByText(/^Northgate.* is told, and a consultation booked for it is cancelled\. This cannot be undone\.$/).waitFor();
    await dialog.getByText('Reason: Treated locally after all.').waitFor();
    expect(await focused(nora)).toBe('Keep the referral');
    await accessibleAtBothWidths(nora);
    await nora.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await fact(nora, 'State').textContent()).toBe('Accepted');

    // Again, and this time "Yes" (one Shift+Tab back from Keep).
    await nora.getByRole('button', { name: 'Cancel the referral' }).focus();
    await nora.keyboard.press('Enter');
    await dialog.waitFor();
    await nora.keyboard.press('Shift+Tab');
    expect(await focused(nora)).toBe('Yes, cancel the referral');
    await nora.keyboard.press('Enter');
    await fact(nora, 'State').getByText('Cancelled').waitFor();
    await nora.locator('dd', { hasText: /^Treated locally after all\.$/ }).waitFor();
    expect(await nora.getByRole('button', { name: 'Cancel the referral' }).count()).toBe(0);
    await accessibleAtBothWidths(nora);

    // Rhea, on her phone: cancelled, with Nora's reason, nothing left to do.
    const rhea = await onPhone('rhea', `/specialist/referrals/${id}`);
    await fact(rhea, 'State').getByText('Cancelled').waitFor();
    await rhea.locator('dd', { hasText: /^Treated locally after all\.$/ }).waitFor();
    expect(await rhea.getByRole('heading', { name: 'What you can do' }).count()).toBe(0);
    await expectAccessible(rhea);

    // Ben: cancelled (the staff's reasons stay with the staff).
    await benSees(id, 'This referral was cancelled. Your care team will talk with you about what happens next.', /Treated locally/);
    for (const p of [nora, rhea]) await assertNoPageErrors(p);
  }, 180_000);

  test('Rhea declines a referral by keyboard on her phone, with a reason; Nora reads the reason and Ben sees it declined', async () => {
    const id = await sentReferral(false);
    const rhea = await onPhone('rhea', `/specialist/referrals/${id}`);
    await fact(rhea, 'State').getByText('Sent').waitFor();
    await expectAccessible(rhea);
    await rhea.getByLabel('Reason for declining').focus();
    await rhea.keyboard.type('Outside our sarcoma service; Lakeside takes these.');
    await rhea.keyboard.press('Tab');
    expect(await focused(rhea)).toBe('Decline');
    await rhea.keyboard.press('Enter');
    await fact(rhea, 'State').getByText('Declined').waitFor();
    await rhea.getByText('Declined: Outside our sarcoma service; Lakeside takes these.').waitFor();
    expect(await rhea.getByRole('button', { name: 'Accept' }).count()).toBe(0);
    await expectAccessible(rhea);

    // Nora reads why, on the referral's page.
    const nora = await signIn(ctx, 'nora@demo.test');
    await nora.goto(`/navigator/referrals/${id}`);
    await fact(nora, 'State').getByText('Declined').waitFor();
    await nora.getByText('Declined: Outside our sarcoma service; Lakeside takes these.').waitFor();
    await accessibleAtBothWidths(nora);

    // Ben: the site could not take it; his care team will talk with him.
    await benSees(id, /^Northgate.* could not take this referral\. Your care team will talk with you about other options\.$/, /Outside our sarcoma service/);
    for (const p of [rhea, nora]) await assertNoPageErrors(p);
  }, 180_000);
});
