import { describe, expect, test } from 'vitest';
import { assertNoPageErrors, expectAccessible } from '../support/browser.ts';
import { signIn, useServerAndBrowser } from '../support/session.ts';
import { accessibleAtBothWidths } from './pages.ts';
import { draftOverHttp } from './draft-over-http.ts';

const ctx = useServerAndBrowser();

/** A datetime-local value `days` from today at `hour` o'clock, on this machine's clock (the browser's too). */
function localAt(days: number, hour: number) {
  const d = new Date(Date.now() + days * 86_400_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(hour)}:00`;
}

describe('scheduling a consultation books the video appointment, in the browser', () => {
  test("Rhea accepts and schedules Ben's consultation; it is on Ben's home and on Rhea's with Join; she moves it", async () => {
    const { nora, id } = await draftOverHttp(ctx.server.url, 'ben', 'specialist_consultation');
    for (const kind of ['pathology', 'clinical_summary']) expect((await nora.send('POST', `/api/referrals/${id}/packet`, { source: 'navigator', kind, title: kind, body: 'Text.' })).status).toBe(201);
    expect((await nora.send('PUT', `/api/referrals/${id}/consent`, { method: 'verbal', witness: 'Dr Okafor' })).status).toBe(200);
    expect((await nora.send('POST', `/api/referrals/${id}/send`, {})).status).toBe(200);

    const rhea = await signIn(ctx, 'rhea@demo.test');
    await rhea.goto(`/specialist/referrals/${id}`);
    await rhea.getByRole('button', { name: 'Accept' }).click();
    await rhea.getByLabel('A consultation at a time').check();
    const first = localAt(1, 10);
    await rhea.getByLabel('Date and time').fill(first);
    await rhea.getByRole('button', { name: 'Schedule' }).click();
    await rhea.getByText('A video consultation with the receiving specialist is booked.', { exact: false }).waitFor({ timeout: 20_000 });
    await rhea.getByRole('link', { name: 'Open the video consultation' }).waitFor();
    await accessibleAtBothWidths(rhea);

    // Rhea's home: the consultation to join.
    await rhea.goto('/specialist');
    await rhea.getByRole('link', { name: 'Join the video consultation with Ben Carter' }).waitFor();
    await accessibleAtBothWidths(rhea);

    // Ben's home, on his phone: his next appointment is the video consultation, with Rhea, to join.
    const ben = await signIn(ctx, 'ben@demo.test', { page: { viewport: { width: 360, height: 780 } } });
    await ben.locator(`time[datetime="${new Date(first).toISOString()}"]`).waitFor();
    await ben.locator('dd', { hasText: 'Dr Rhea Lindgren (Specialist)' }).waitFor();
    await ben.getByRole('link', { name: 'Join the video call' }).waitFor();
    await expectAccessible(ben);

    // Rhea moves it: Ben's home follows.
    await rhea.goto(`/specialist/referrals/${id}`);
    const moved = localAt(2, 11);
    await rhea.getByLabel('New date and time').fill(moved);
    await rhea.getByRole('button', { name: 'Move the consultation' }).click();
    await rhea.locator(`time[datetime="${new Date(moved).toISOString()}"]`).first().waitFor();
    await expectAccessible(rhea);
    await ben.reload();
    await ben.locator(`time[datetime="${new Date(moved).toISOString()}"]`).waitFor();
    expect(await ben.locator(`time[datetime="${new Date(first).toISOString()}"]`).count()).toBe(0);

    for (const p of [rhea, ben]) await assertNoPageErrors(p);
  }, 180_000);
});
