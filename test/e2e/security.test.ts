import { generate } from 'otplib';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, test } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/seed.ts';
import { login } from '../support/client.ts';
import { mailText, startSmtpSink } from '../support/smtp.ts';
import { assertNoPageErrors, expectAccessible, newPage, saveScreenshot } from './support/browser.ts';
import { signIn, useServerAndBrowser } from './support/session.ts';

const smtp = await startSmtpSink();
const ctx = useServerAndBrowser({ env: { SMTP_URL: smtp.url } });
afterAll(() => smtp.close());

async function done(page: Page): Promise<void> {
  await assertNoPageErrors(page);
  await page.context().close();
}

describe('sign-in and security screens (SECURITY.md S25, S26)', () => {
  test('S26: a patient on a phone resets a forgotten password from the e-mailed link (es)', async () => {
    const page = await newPage(ctx.browser, { baseURL: ctx.server.url, locale: 'es-ES', viewport: { width: 375, height: 800 } });
    await page.goto('/login');
    await page.getByRole('link', { name: '¿Olvidó su contraseña?' }).click();
    await page.getByRole('heading', { level: 1, name: 'Restablecer la contraseña' }).waitFor();
    await expectAccessible(page);
    await page.getByLabel('Correo electrónico').fill('ben@demo.test');
    await page.getByRole('button', { name: 'Enviar el enlace' }).click();
    await page.getByRole('status').getByText('el enlace va en camino', { exact: false }).waitFor();
    await expectAccessible(page);

    await expect.poll(() => smtp.mails.filter((m) => m.to.includes('ben@demo.test')).length, { timeout: 10_000 }).toBe(1);
    const link = /(http\S+\/reset-password#[\w-]+)/.exec(mailText(smtp.mails.find((m) => m.to.includes('ben@demo.test'))!.raw))![1]!;
    const url = new URL(link);
    await page.goto(`${url.pathname}${url.hash}`);
    await page.getByRole('heading', { level: 1, name: 'Elija una contraseña nueva' }).waitFor();
    await expectAccessible(page);
    await page.getByLabel('Contraseña nueva (al menos 12 caracteres)').fill('password123456');
    await page.getByLabel('Repita la contraseña nueva').fill('password123456');
    await page.getByRole('button', { name: 'Guardar la contraseña nueva' }).click();
    await page.getByText('Esta contraseña es demasiado común', { exact: false }).waitFor();
    await expectAccessible(page);
    await saveScreenshot(page, 'security-reset-too-common-es');

    await page.getByLabel('Contraseña nueva (al menos 12 caracteres)').fill('lanterns over the harbour');
    await page.getByLabel('Repita la contraseña nueva').fill('lanterns over the harbour');
    await page.getByRole('button', { name: 'Guardar la contraseña nueva' }).click();
    await page.waitForURL('**/login');
    await page.getByRole('status').getByText('Su contraseña se cambió', { exact: false }).waitFor();
    await expectAccessible(page);
    await page.getByLabel('Correo electrónico').fill('ben@demo.test');
    await page.getByLabel('Contraseña', { exact: true }).fill('lanterns over the harbour');
    await page.getByRole('button', { name: 'Iniciar sesión' }).click();
    await page.waitForURL('**/patient');
    await done(page);
  });

  test('S26: a navigator adds a passkey (virtual authenticator), sees the recovery codes once, and signs in with it', async () => {
    const page = await signIn(ctx, 'nora@demo.test');
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
    });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sign-in and security' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign-in and security' }).waitFor();
    await page.getByText('No second step is set up yet.').waitFor();
    await page.getByRole('table', { name: 'Your active sessions' }).getByText('This device').waitFor();
    await expectAccessible(page);

    await page.getByLabel('Name for the new passkey').fill('Work laptop');
    await page.getByRole('button', { name: 'Add a passkey' }).click();
    const codes = page.getByRole('region', { name: 'Recovery codes' }).getByRole('listitem');
    await codes.first().waitFor();
    expect(await codes.count()).toBe(10);
    await expectAccessible(page);
    await saveScreenshot(page, 'security-recovery-codes');
    await page.getByRole('button', { name: 'I have saved my codes' }).click();
    await page.getByRole('button', { name: 'Remove Work laptop' }).waitFor();
    // Shown once: afterwards only how many are left.
    await page.getByText('10 recovery codes left.').waitFor();
    expect(await page.getByRole('region', { name: 'Recovery codes' }).count()).toBe(0);
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Sign out' }).first().click();
    await page.waitForURL('**/login');
    await page.getByLabel('Email address').fill('nora@demo.test');
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/login/mfa');
    await page.getByRole('heading', { level: 1, name: 'Confirm it is you' }).waitFor();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Use a passkey' }).click();
    // Back to the page she signed out from, now with the passkey listed.
    await page.waitForURL('**/navigator/security');
    await page.getByRole('button', { name: 'Remove Work laptop' }).waitFor();
    await done(page);
  });

  test('S26: a specialist signs in with an authenticator code on a phone, in Arabic (rtl), and ends another session', async () => {
    // Sam enrols an authenticator app over the API (the QR step is the same screen as above).
    const api = await login(ctx.server.url, 'sam@demo.test');
    const { secret } = (await (await api.send('POST', '/api/auth/mfa/totp/setup')).json()) as { secret: string };
    expect((await api.send('POST', '/api/auth/mfa/totp/confirm', { code: await generate({ secret }) })).status).toBe(201);
    // The interface follows the account's language after sign-in: Sam reads Arabic.
    expect((await api.send('PATCH', '/api/me', { locale: 'ar' })).status).toBe(200);

    const page = await newPage(ctx.browser, { baseURL: ctx.server.url, locale: 'ar', viewport: { width: 360, height: 780 } });
    await page.goto('/login');
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await page.getByLabel('البريد الإلكتروني').fill('sam@demo.test');
    await page.getByLabel('كلمة المرور', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'تسجيل الدخول' }).click();
    await page.waitForURL('**/login/mfa');
    await page.getByRole('heading', { level: 1, name: 'أكّد أنك أنت' }).waitFor();
    await expectAccessible(page);
    const next = await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });
    await page.getByLabel('رمز من تطبيق المصادقة، أو رمز استرداد').fill(next === '000000' ? '111111' : '000000');
    await page.getByRole('button', { name: 'تأكيد' }).click();
    await page.getByText('هذا الرمز غير صحيح', { exact: false }).waitFor();
    await expectAccessible(page);
    await page.getByLabel('رمز من تطبيق المصادقة، أو رمز استرداد').fill(next);
    await page.getByRole('button', { name: 'تأكيد' }).click();
    await page.waitForURL('**/specialist');

    await page.goto('/specialist/security');
    const table = page.getByRole('table', { name: 'جلساتك النشطة' });
    await table.getByText('هذا الجهاز').waitFor();
    await expectAccessible(page);
    await saveScreenshot(page, 'security-sessions-ar');
    await table.getByRole('button').first().click();
    await page.getByRole('status').getByText('تم تسجيل الخروج.').waitFor();
    expect((await api.get('/api/me')).status).toBe(401);
    await done(page);
  });
});
