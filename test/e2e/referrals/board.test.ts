import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { assertNoPageErrors, expectAccessible, saveScreenshot } from '../support/browser.ts';
import { signIn, useServerAndBrowser } from '../support/session.ts';


const ctx = useServerAndBrowser();
const signedIn = (email: string) => signIn(ctx, email);

describe('referrals in the browser', () => {
  test('the navigator board groups referrals by state; the specialist queue accepts; consent withdrawal hides the packet', async () => {
    // Send Ana's seeded draft through the API as its owners would, so the receiving site has something.
    const api = async (page: Page, method: string, path: string, body?: unknown) =>
      page.evaluate(
        async ([m, p, b]) => {
          const res = await fetch(p as string, { method: m as string, headers: { 'content-type': 'application/json' }, body: b === undefined ? undefined : JSON.stringify(b) });
          return { status: res.status, body: await res.json().catch(() => null) };
        },
        [method, path, body] as const,
      );

    const nora = await signedIn('nora@demo.test');
    await nora.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Referrals' }).click();
    await nora.getByRole('heading', { level: 1, name: 'Referrals' }).waitFor();
    await nora.getByRole('heading', { level: 2, name: 'Draft' }).waitFor();
    await nora.getByRole('heading', { level: 2, name: 'Accepted' }).waitFor();
    expect(await nora.getByRole('link', { name: 'Open referral for Ana García' }).count()).toBe(1);
    await expectAccessible(nora);
    await saveScreenshot(nora, 'referrals-board');

    // Complete and send Ana's draft; her consent comes from her own session.
    const board = (await api(nora, 'GET', '/api/referrals/board?state=draft')).body as { referrals: Array<{ id: string }> };
    const draftId = board.referrals[0]!.id;
    for (const kind of ['imaging', 'prior_therapy']) expect((await api(nora, 'POST', `/api/referrals/${draftId}/packet`, { source: 'navigator', kind, title: kind, body: 'Report text' })).status).toBe(201);
    const ana = await signedIn('ana@demo.test');
    expect((await api(ana, 'PUT', `/api/referrals/${draftId}/consent`, { method: 'in_app' })).status).toBe(200);

    // The detail page shows a complete checklist and a Send button.
    await nora.getByRole('link', { name: 'Open referral for Ana García' }).click();
    await nora.getByRole('heading', { level: 1, name: 'Second opinion referral' }).waitFor();
    await nora.getByRole('button', { name: 'Send' }).click();
    await nora.getByText('Saved.').waitFor();
    await expectAccessible(nora);

    // Rhea's incoming queue: soonest deadline first, accept in one click.
    const rhea = await signedIn('rhea@demo.test');
    await rhea.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Incoming referrals' }).click();
    await rhea.getByRole('heading', { level: 1, name: 'Incoming referrals' }).waitFor();
    const row = rhea.getByRole('row', { name: /Ana García/ });
    await row.waitFor();
    await expectAccessible(rhea);
    await saveScreenshot(rhea, 'referrals-incoming');
    await row.getByRole('link').click();
    await rhea.getByRole('heading', { level: 2, name: 'Records packet' }).waitFor();
    expect(await rhea.getByText('Core biopsy report').count()).toBe(1);

    // Ana withdraws consent: on reload Rhea sees no packet and no name.
    expect((await api(ana, 'DELETE', `/api/referrals/${draftId}/consent`)).status).toBe(200);
    await rhea.reload();
    await rhea.getByText("The records packet is not shared: the patient's consent is missing or was withdrawn.").waitFor();
    expect(await rhea.getByText('Core biopsy report').count()).toBe(0);
    await expectAccessible(rhea);

    for (const p of [nora, rhea, ana]) await assertNoPageErrors(p);
  }, 120_000);
});
