import { describe, expect, test } from 'vitest';
import { assertNoPageErrors, expectAccessible } from '../support/browser.ts';
import { signIn, useServerAndBrowser } from '../support/session.ts';

const ctx = useServerAndBrowser();

describe('organization screens', () => {
  test('the admin keeps the network directory: profile, contact, who acts for a site; the filter finds it', async () => {
    const admin = await signIn(ctx, 'admin@demo.test');
    await admin.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Network directory' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Network directory' }).waitFor();
    await admin.getByRole('table').getByRole('link', { name: 'Lakeside General Hospital' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Lakeside General Hospital' }).waitFor();
    await expectAccessible(admin);

    await admin.getByRole('checkbox', { name: 'Sarcoma' }).check();
    await admin.getByRole('checkbox', { name: 'Offers telemedicine' }).check();
    await admin.getByLabel('Languages', { exact: true }).fill('es, en');
    await admin.getByLabel('Contact email').fill('sarcoma@lakeside.test');
    await admin.getByRole('button', { name: 'Save the site' }).click();
    await admin.getByText('The site was saved.').waitFor();
    await admin.getByRole('link', { name: 'sarcoma@lakeside.test' }).waitFor();

    await admin.getByLabel('Add a person').selectOption({ label: 'Dr Sam Okafor' });
    await admin.getByRole('button', { name: 'Add', exact: true }).click();
    const remove = admin.getByRole('button', { name: 'Remove Dr Sam Okafor' });
    await remove.waitFor();
    await expectAccessible(admin);
    await remove.click();
    await remove.waitFor({ state: 'detached' });

    await admin.getByRole('link', { name: 'Back to the directory' }).click();
    await admin.getByLabel('Domain').selectOption({ label: 'Sarcoma' });
    const table = admin.getByRole('table');
    await table.getByRole('link', { name: 'Hillview Community Hospital' }).waitFor({ state: 'detached' });
    await table.getByRole('link', { name: 'Lakeside General Hospital' }).waitFor();
    await expectAccessible(admin);
    await assertNoPageErrors(admin);
  });

  test('a navigator reads the directory and the reminder schedule; the admin edits the schedule; at 360 px', async () => {
    const nora = await signIn(ctx, 'nora@demo.test', { page: { viewport: { width: 360, height: 780 } } });
    await nora.goto('/navigator/directory');
    await nora.getByRole('table').getByRole('link', { name: 'Northgate Reference Centre' }).click();
    await nora.getByRole('heading', { level: 1, name: 'Northgate Reference Centre' }).waitFor();
    expect(await nora.getByRole('button', { name: 'Save the site' }).count()).toBe(0);
    await expectAccessible(nora);
    expect(await nora.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);

    const admin = await signIn(ctx, 'admin@demo.test', { path: '/admin/preferences' });
    const schedule = admin.getByRole('region', { name: "The organization's appointment reminders" });
    await schedule.getByRole('button', { name: 'Add a reminder time' }).click();
    const rows = schedule.locator('.offset-row');
    const last = (await rows.count()) - 1;
    await schedule.getByLabel(`Reminder ${last + 1}: how long before`).fill('30');
    await schedule.getByLabel(`Reminder ${last + 1}: unit`).selectOption('minutes');
    await schedule.getByLabel('From').fill('21:30');
    await schedule.getByRole('button', { name: 'Save the reminder schedule' }).click();
    await schedule.getByText('The reminder schedule was saved.').waitFor();
    await expectAccessible(admin);

    await nora.goto('/navigator/preferences');
    const read = nora.getByRole('region', { name: "The organization's appointment reminders" });
    await read.getByText('30 minutes before').waitFor();
    await read.getByText(/between 21:30 and/).waitFor();
    // Her own reminder channels and SMS number are on the same page.
    await nora.getByRole('checkbox', { name: /SMS/ }).waitFor();
    await expectAccessible(nora);
    expect(await nora.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await assertNoPageErrors(nora);
  });
});
