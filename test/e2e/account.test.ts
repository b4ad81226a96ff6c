import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { assertNoPageErrors, expectAccessible, newPage, saveScreenshot } from './support/browser.ts';
import { useServerAndBrowser } from './support/session.ts';

const PASSWORD = 'demo-pass-1234';

const ctx = useServerAndBrowser();

async function open(options: { width?: number } = {}): Promise<Page> {
  return newPage(ctx.browser, {
    baseURL: ctx.server.url,
    ...(options.width ? { viewport: { width: options.width, height: 800 } } : {}),
  });
}

/** Signs in from the English login page and waits for the role's home. */
async function signIn(page: Page, email: string, home: string, password = PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`**${home}`);
}

async function done(page: Page): Promise<void> {
  await assertNoPageErrors(page);
  await page.context().close();
}

describe('account screens', () => {
  test('an admin invites a navigator, who opens the link, sets a password and signs in', async () => {
    const admin = await open();
    await signIn(admin, 'admin@demo.test', '/admin');
    await admin.getByRole('table', { name: 'Accounts in your organization' }).waitFor();
    await expectAccessible(admin);
    await saveScreenshot(admin, 'account-admin-home');

    await admin.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Invite someone' }).click();
    await admin.waitForURL('**/admin/invite');
    await admin.getByRole('heading', { level: 1, name: 'Invite someone' }).waitFor();
    await expectAccessible(admin);

    // Nothing filled in: each field says what is missing, and focus goes to the first one.
    await admin.getByRole('button', { name: 'Send invitation' }).click();
    await admin.getByText("Enter the person's name.").waitFor();
    expect(await admin.getByText("Enter the person's email address.").isVisible()).toBe(true);
    expect(await admin.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('name');
    await expectAccessible(admin);

    // A patient needs a navigator, chosen from the navigators of the organization.
    await admin.getByLabel('Role').selectOption({ label: 'Patient' });
    await admin.getByLabel('Their navigator').waitFor();
    const navigatorOptions = await admin.getByLabel('Their navigator').locator('option').allTextContents();
    expect(navigatorOptions).toEqual(expect.arrayContaining(['Nora Navarro', 'Dr Lena Lindqvist']));
    await expectAccessible(admin);

    // The invitation itself, in Spanish. (An address that already has an account gets the same answer:
    // test/integration/auth/throttling.test.ts, S25.)
    await admin.getByLabel('Role').selectOption({ label: 'Navigator' });
    await admin.getByLabel('Full name').fill('Nadia Rahman');
    await admin.getByLabel('Email address').fill('nadia@demo.test');
    await admin.getByLabel('Language of the invitation').selectOption({ label: 'Español' });
    await admin.getByRole('button', { name: 'Send invitation' }).click();
    await admin.getByRole('heading', { level: 2, name: 'Invitation sent to Nadia Rahman' }).waitFor();
    const link = await admin.getByLabel('Invitation link').inputValue();
    expect(link).toMatch(/\/invite\/[\w-]{20,}$/);
    await expectAccessible(admin);
    await saveScreenshot(admin, 'account-invite-link');
    await done(admin);

    // The invited person opens the link (its path, on the test server) in a browser of their own.
    const invitePath = new URL(link).pathname;
    const nadia = await open();
    await nadia.goto(invitePath);
    await nadia.getByRole('heading', { level: 1, name: 'Configure su cuenta' }).waitFor();
    expect(await nadia.evaluate(() => document.documentElement.lang)).toBe('es');
    const details = await nadia.locator('dl').textContent();
    expect(details).toContain('Nadia Rahman');
    expect(details).toContain('nadia@demo.test');
    expect(details).toContain('Navegador/a de pacientes');
    await expectAccessible(nadia);
    await saveScreenshot(nadia, 'account-invitation-es');

    const password = nadia.getByLabel('Nueva contraseña (al menos 12 caracteres)');
    const confirm = nadia.getByLabel('Escriba la contraseña otra vez');
    await password.fill('short');
    await nadia.getByRole('button', { name: 'Crear mi cuenta' }).click();
    await nadia.getByText('Su contraseña debe tener al menos 12 caracteres.').waitFor();
    expect(await password.getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(nadia);

    await password.fill('a-long-new-password');
    await confirm.fill('a-different-password');
    await nadia.getByRole('button', { name: 'Crear mi cuenta' }).click();
    await nadia.getByText('Las dos contraseñas no coinciden.', { exact: false }).waitFor();

    await confirm.fill('a-long-new-password');
    await nadia.getByRole('button', { name: 'Crear mi cuenta' }).click();
    await nadia.waitForURL('**/login');
    await nadia.getByRole('status').getByText('Su cuenta está lista.', { exact: false }).waitFor();
    expect(await nadia.getByLabel('Correo electrónico').inputValue()).toBe('nadia@demo.test');
    await expectAccessible(nadia);

    await nadia.getByLabel('Contraseña').fill('a-long-new-password');
    await nadia.getByRole('button', { name: 'Iniciar sesión' }).click();
    await nadia.waitForURL('**/navigator');
    await nadia.getByRole('heading', { level: 1, name: 'Su día' }).waitFor();
    expect(await nadia.getByText('Nadia Rahman').first().isVisible()).toBe(true);
    await expectAccessible(nadia);

    // The link worked once.
    await nadia.goto(invitePath);
    await nadia.getByRole('alert').getByText('ha caducado o ya se ha utilizado', { exact: false }).waitFor();
    await expectAccessible(nadia);
    await done(nadia);
  });

  test('a navigator may invite patients and caregivers only', async () => {
    const nora = await open();
    await signIn(nora, 'nora@demo.test', '/navigator');
    await nora.getByRole('link', { name: 'Invite a patient or caregiver' }).click();
    await nora.getByRole('heading', { level: 1, name: 'Invite a patient or caregiver' }).waitFor();
    expect(await nora.getByLabel('Role').locator('option').allTextContents()).toEqual(['Patient', 'Caregiver']);
    await nora.getByLabel('Full name').fill('Paula Núñez');
    await nora.getByLabel('Email address').fill('paula@demo.test');
    await nora.getByRole('button', { name: 'Send invitation' }).click();
    await nora.getByRole('heading', { level: 2, name: 'Invitation sent to Paula Núñez' }).waitFor();
    expect(await nora.getByLabel('Invitation link').inputValue()).toMatch(/\/invite\//);
    await expectAccessible(nora);
    await done(nora);
  });

  test('an admin disables Ben: his open session ends and he cannot sign in; the audit chain verifies', async () => {
    const ben = await open();
    await signIn(ben, 'ben@demo.test', '/patient');

    const admin = await open();
    await signIn(admin, 'admin@demo.test', '/admin');
    const table = admin.getByRole('table', { name: 'Accounts in your organization' });
    const benRow = table.getByRole('row').filter({ has: admin.getByRole('rowheader', { name: 'Ben Carter' }) });
    await benRow.waitFor();
    expect(await benRow.getByRole('cell').allTextContents()).toEqual(
      expect.arrayContaining(['ben@demo.test', 'Patient', 'Active']),
    );
    expect(await table.getByRole('row').filter({ hasText: 'Avery Admin' }).textContent()).toContain('This is you');

    // Cancel first: nothing changes, focus returns to the button.
    await benRow.getByRole('button', { name: 'Disable Ben Carter' }).click();
    const dialog = admin.getByRole('dialog', { name: "Disable Ben Carter's account?" });
    await dialog.waitFor();
    await expectAccessible(admin);
    await saveScreenshot(admin, 'account-disable-dialog');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await admin.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Disable Ben Carter');

    await benRow.getByRole('button', { name: 'Disable Ben Carter' }).click();
    await dialog.getByRole('button', { name: 'Disable account' }).click();
    await admin.getByRole('status').getByText("Ben Carter's account is disabled.", { exact: false }).waitFor();
    expect(await benRow.getByRole('cell').allTextContents()).toEqual(expect.arrayContaining(['Disabled']));
    expect(await benRow.getByRole('button', { name: 'Enable Ben Carter' }).isVisible()).toBe(true);
    await expectAccessible(admin);

    // Ben's open session is gone, and his password no longer opens one.
    await ben.reload();
    await ben.waitForURL('**/login');
    await ben.getByLabel('Email address').fill('ben@demo.test');
    await ben.getByLabel('Password').fill(PASSWORD);
    await ben.getByRole('button', { name: 'Sign in' }).click();
    await ben.getByRole('alert').getByText('The email address or password is not correct.').waitFor();
    expect(ben.url()).toMatch(/\/login$/);
    await expectAccessible(ben);
    await done(ben);

    // The audit chain, which now holds all of the above, verifies.
    await admin.getByRole('button', { name: 'Check the audit log' }).click();
    const result = await admin.getByRole('status').filter({ hasText: 'the audit log is intact' }).textContent();
    expect(result).toMatch(/All \d+ entries checked: the audit log is intact\./);
    await expectAccessible(admin);
    await done(admin);
  });

  test("Ana changes and then revokes Carl's access; Carl's home no longer lists her", async () => {
    const carl = await open();
    await signIn(carl, 'carl@demo.test', '/caregiver');
    // Carl's profile is in Spanish.
    // His home acts for Ana (web/src/home): the banner names her.
    await carl.getByRole('region', { name: 'Está actuando en nombre de Ana García' }).waitFor();
    await expectAccessible(carl);

    const ana = await open({ width: 360 });
    await signIn(ana, 'ana@demo.test', '/patient');
    await ana.getByRole('link', { name: 'People who help me' }).click();
    await ana.waitForURL('**/patient/caregivers');
    await ana.getByRole('heading', { level: 1, name: 'People who help me' }).waitFor();
    const card = ana.getByRole('region', { name: 'Carl García' });
    const scopes = card.getByRole('group', { name: 'What Carl García can do for you' });
    for (const name of ['Messages', 'Check-ins', 'Appointments', 'Records']) {
      expect(await scopes.getByRole('checkbox', { name, exact: false }).isChecked()).toBe(true);
    }
    await expectAccessible(ana);
    await saveScreenshot(ana, 'account-caregivers-360');

    // No scope at all is not a valid grant: the page says to remove access instead.
    for (const name of ['Messages', 'Check-ins', 'Appointments', 'Records']) {
      await scopes.getByRole('checkbox', { name, exact: false }).uncheck();
    }
    await card.getByRole('button', { name: 'Save changes' }).click();
    await card.getByRole('alert').getByText('Choose at least one thing Carl García can do.', { exact: false }).waitFor();
    await expectAccessible(ana);

    // Only messages and appointments: saved, and still so after a reload.
    await scopes.getByRole('checkbox', { name: 'Messages', exact: false }).check();
    await scopes.getByRole('checkbox', { name: 'Appointments', exact: false }).check();
    await card.getByRole('button', { name: 'Save changes' }).click();
    await ana.getByRole('status').getByText('Saved. Carl García can now do only what you chose.').waitFor();
    await ana.reload();
    await scopes.waitFor();
    expect(await scopes.getByRole('checkbox', { name: 'Records', exact: false }).isChecked()).toBe(false);
    expect(await scopes.getByRole('checkbox', { name: 'Appointments', exact: false }).isChecked()).toBe(true);

    // Arabic, right to left, still fits a 360px screen.
    const saved = ana.waitForResponse((r) => r.url().endsWith('/api/me') && r.request().method() === 'PATCH');
    await ana.getByRole('button', { name: 'العربية', exact: true }).click();
    await saved;
    await ana.getByRole('heading', { level: 1, name: 'الأشخاص الذين يساعدونني' }).waitFor();
    expect(await ana.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await expectAccessible(ana);
    await saveScreenshot(ana, 'account-caregivers-ar');
    const savedEn = ana.waitForResponse((r) => r.url().endsWith('/api/me') && r.request().method() === 'PATCH');
    await ana.getByRole('button', { name: 'English', exact: true }).click();
    await savedEn;

    await card.getByRole('button', { name: "Remove Carl García's access" }).click();
    const dialog = ana.getByRole('dialog', { name: "Remove Carl García's access?" });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('will no longer see your messages');
    await expectAccessible(ana);
    await dialog.getByRole('button', { name: 'Remove access' }).click();
    await ana.getByRole('status').getByText('Carl García no longer has access to your care.').waitFor();
    await ana.getByText('No one has access to your care.', { exact: false }).waitFor();
    expect(await card.count()).toBe(0);
    await expectAccessible(ana);
    await done(ana);

    await carl.reload();
    await carl.getByText('Todavía nadie ha compartido su atención con usted.', { exact: false }).waitFor();
    expect(await carl.getByRole('main').getByText('Ana García').count()).toBe(0);
    await expectAccessible(carl);
    await done(carl);
  });

  test('an unknown or malformed invitation link says so', async () => {
    const page = await open();
    await page.goto(`/invite/${'x'.repeat(43)}`);
    await page.getByRole('alert').getByText('This invitation link has expired or has already been used.', { exact: false }).waitFor();
    await page.getByRole('link', { name: 'Already set your password? Sign in' }).waitFor();
    await expectAccessible(page);
    await page.goto('/invite/short');
    await page.getByRole('alert').getByText('This invitation link has expired', { exact: false }).waitFor();
    await done(page);
  });
});
