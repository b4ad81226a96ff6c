import { describe, expect, test } from 'vitest';
import { loginDemoUsers, type Client } from '../../support/client.ts';
import { assertNoPageErrors, expectAccessible } from '../support/browser.ts';
import { signIn, useServerAndBrowser } from '../support/session.ts';

const ctx = useServerAndBrowser();
const PHONE = { viewport: { width: 360, height: 780 } };

describe('a caregiver answers a referral consent request when the patient allows it', () => {
  test("Ana ticks Referral consent for Carl; Carl agrees in his session; once she takes it back, he only reads", async () => {
    // The navigator's side is covered by referral-flow.test.ts: here the request is made over HTTP.
    const as: Record<string, Client> = {};
    const ids: Record<string, string> = {};
    await loginDemoUsers(ctx.server.url, ['nora', 'ana'], as, ids);
    const { sites } = (await (await as.nora!.get('/api/directory/sites')).json()) as { sites: Array<{ id: string; name: string }> };
    const created = await as.nora!.send('POST', '/api/referrals', { patientId: ids.ana, type: 'second_opinion', toSiteId: sites.find((s) => s.name.startsWith('Northgate'))!.id, topography: 'C49.2', morphology: '8890/3' });
    expect(created.status).toBe(201);
    const referralId = ((await created.json()) as { id: string }).id;
    expect((await as.nora!.send('POST', `/api/referrals/${referralId}/consent/request`, {})).status).toBe(200);

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
    await carl.getByRole('region', { name: 'Needs you now' }).getByRole('link', { name: 'Read and decide' }).first().click();
    await carl.getByRole('heading', { level: 1, name: 'Sharing your records' }).waitFor();
    await carl.getByText('The patient allowed you to answer this for them. Your answer is recorded under your name.').waitFor();
    await expectAccessible(carl);
    await carl.getByRole('button', { name: 'I agree to share' }).click();
    await carl.getByText(/^A caregiver agreed for the patient on /).waitFor();
    await carl.getByRole('button', { name: 'Withdraw my consent' }).waitFor();
    await expectAccessible(carl);

    // Ana takes the permission back: Carl's page, reloaded, has no buttons left.
    await consentBox.uncheck();
    await card.getByRole('button', { name: 'Save changes' }).click();
    await ana.getByRole('status').getByText('Saved. Carl García can now do only what you chose.').waitFor();
    await carl.reload();
    await carl.getByText('Only the patient, or a caregiver they allowed to answer referral consent, can give or withdraw this consent.').waitFor();
    expect(await carl.getByRole('button', { name: 'Withdraw my consent' }).count()).toBe(0);
    await expectAccessible(carl);

    for (const p of [ana, carl]) await assertNoPageErrors(p);
  }, 180_000);
});
