import { describe, expect, test } from 'vitest';
import { assertNoPageErrors, expectAccessible } from '../support/browser.ts';
import { signIn, useServerAndBrowser } from '../support/session.ts';
import { draftOverHttp } from './draft-over-http.ts';

const ctx = useServerAndBrowser();
const PHONE = { viewport: { width: 360, height: 780 } };

describe('a caregiver answers a referral consent request when the patient allows it', () => {
  test("Ana ticks Referral consent for Carl; Carl agrees in his session; once she takes it back, he only reads", async () => {
    const { nora, id: referralId } = await draftOverHttp(ctx.server.url, 'ana', 'palliative_care');
    expect((await nora.send('POST', `/api/referrals/${referralId}/consent/request`, {})).status).toBe(200);

    const ana = await signIn(ctx, 'ana@demo.test', { page: PHONE });
    await ana.getByRole('link', { name: 'People who help me' }).click();
    const card = ana.getByRole('region', { name: 'Carl García' });
    const scopes = card.getByRole('group', { name: 'What Carl García can do for you' });
    const consentBox = scopes.getByRole('checkbox', { name: 'Referral consent', exact: false });
    expect(await consentBox.isChecked()).toBe(false);
    await consentBox.check();
    await card.getByRole('button', { name: 'Save changes' }).click();
    await ana.getByRole('status').getByText('Saved. Carl García can now do only what you chose.').waitFor();
    await expectAccessible(ana);

    const carl = await signIn(ctx, 'carl@demo.test', { page: PHONE });
    await carl.getByRole('button', { name: 'English', exact: true }).click();
    await carl.getByRole('heading', { level: 2, name: 'You are acting for Ana García' }).waitFor();
    // Ana's seeded draft asks too: Carl opens this one.
    await carl.getByRole('region', { name: 'Needs you now' }).getByRole('listitem').filter({ hasText: 'Palliative care' }).getByRole('link', { name: 'Read and decide' }).click();
    await carl.waitForURL(`**/referrals/${referralId}`);
    await carl.getByRole('heading', { level: 1, name: 'Sharing your records' }).waitFor();
    await carl.getByText('The patient allowed you to answer this for them. Your answer is recorded under your name.').waitFor();
    await expectAccessible(carl);
    await carl.getByRole('button', { name: 'I agree to share' }).click();
    await carl.getByText(/^A caregiver agreed for the patient on /).waitFor();
    await carl.getByRole('button', { name: 'Withdraw my consent' }).waitFor();
    await expectAccessible(carl);

    // Nora's page says who gave it.
    const noraPage = await signIn(ctx, 'nora@demo.test');
    await noraPage.goto(`/navigator/referrals/${referralId}`);
    await noraPage.getByText('Given in the app by a caregiver the patient allowed to answer for them.').waitFor();
    await expectAccessible(noraPage);

    // Ana takes the permission back: Carl's page, reloaded, has no buttons left.
    await consentBox.uncheck();
    await card.getByRole('button', { name: 'Save changes' }).click();
    await ana.getByRole('status').getByText('Saved. Carl García can now do only what you chose.').waitFor();
    await carl.reload();
    await carl.getByText('Only the patient, or a caregiver they allowed to answer referral consent, can give or withdraw this consent.').waitFor();
    expect(await carl.getByRole('button', { name: 'Withdraw my consent' }).count()).toBe(0);
    await expectAccessible(carl);

    for (const p of [ana, carl, noraPage]) await assertNoPageErrors(p);
  }, 180_000);
});
