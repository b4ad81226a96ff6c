import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import {
  assertNoPageErrors,
  expectAccessible,
  newPage,
  saveScreenshot,
} from './support/browser.ts';
import { useServerAndBrowser } from './support/session.ts';

const PASSWORD = 'demo-pass-1234';

const ctx = useServerAndBrowser();

async function open(options: { locale?: string; width?: number } = {}): Promise<Page> {
  return newPage(ctx.browser, {
    baseURL: ctx.server.url,
    ...(options.locale ? { locale: options.locale } : {}),
    ...(options.width ? { viewport: { width: options.width, height: 800 } } : {}),
  });
}

async function signIn(page: Page, email: string, password = PASSWORD): Promise<void> {
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function documentLanguage(page: Page): Promise<{ lang: string; dir: string }> {
  return page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir }));
}

/** Clicks a language button and waits until the server has stored the choice. */
async function switchLanguage(page: Page, name: string): Promise<void> {
  const saved = page.waitForResponse(
    (r) => r.url().endsWith('/api/me') && r.request().method() === 'PATCH' && r.status() === 200,
  );
  await page.getByRole('button', { name, exact: true }).click();
  await saved;
}

describe('login and the language of the app', () => {
  test('Ana signs in, sees her home in English, then Spanish (kept after reload), then Arabic right-to-left', async () => {
    const page = await open();

    // A protected page sends an anonymous visitor to the login page.
    await page.goto('/patient');
    await page.waitForURL('**/login');
    await page.getByRole('heading', { level: 1, name: 'Sign in', exact: true }).waitFor();
    expect(await documentLanguage(page)).toEqual({ lang: 'en', dir: 'ltr' });
    await expectAccessible(page);
    await saveScreenshot(page, 'login-en');

    // A wrong password is announced, in words, not as a code.
    await signIn(page, 'ana@demo.test', 'not-the-password');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('The email address or password is not correct.');
    await expectAccessible(page);

    // The right password lands on the page she asked for: her home, in English.
    await signIn(page, 'ana@demo.test');
    await page.waitForURL('**/patient');
    await page.getByRole('heading', { level: 1, name: 'Hello, Ana García', exact: true }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Main' }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Sign out' }).isVisible()).toBe(true);
    expect(await documentLanguage(page)).toEqual({ lang: 'en', dir: 'ltr' });
    expect(await page.title()).toBe('Home – Wayfinder');
    await expectAccessible(page);
    await saveScreenshot(page, 'patient-en');

    // Spanish, saved to her profile: still Spanish after a reload.
    await switchLanguage(page, 'Español');
    await page.getByRole('heading', { level: 1, name: 'Hola, Ana García' }).waitFor();
    expect(await documentLanguage(page)).toEqual({ lang: 'es', dir: 'ltr' });
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Hola, Ana García' }).waitFor();
    expect(await documentLanguage(page)).toEqual({ lang: 'es', dir: 'ltr' });
    expect(await page.getByRole('button', { name: 'Cerrar sesión' }).isVisible()).toBe(true);
    await expectAccessible(page);
    await saveScreenshot(page, 'patient-es');

    // Arabic turns the page right-to-left.
    await switchLanguage(page, 'العربية');
    await page.getByRole('heading', { level: 1, name: 'مرحبًا، Ana García' }).waitFor();
    expect(await documentLanguage(page)).toEqual({ lang: 'ar', dir: 'rtl' });
    await expectAccessible(page);
    await saveScreenshot(page, 'patient-ar');

    // Signing out returns to the login page, still in her language.
    await page.getByRole('button', { name: 'تسجيل الخروج' }).click();
    await page.waitForURL('**/login');
    await page.getByRole('heading', { level: 1, name: 'تسجيل الدخول' }).waitFor();
    expect(await documentLanguage(page)).toEqual({ lang: 'ar', dir: 'rtl' });
    await expectAccessible(page);

    // And the old session is gone: her home sends us back to login.
    await page.goto('/patient');
    await page.waitForURL('**/login');

    await assertNoPageErrors(page);
    await page.context().close();
  });

  test('before login the page follows the browser language', async () => {
    const page = await open({ locale: 'es-MX' });
    await page.goto('/login');
    await page.getByRole('heading', { level: 1, name: 'Iniciar sesión' }).waitFor();
    expect(await documentLanguage(page)).toEqual({ lang: 'es', dir: 'ltr' });
    expect(await page.getByLabel('Correo electrónico').isVisible()).toBe(true);
    await expectAccessible(page);
    await assertNoPageErrors(page);
    await page.context().close();
  });

  test('Nora, a navigator, sees her day and Ana and Ben in her caseload, also on a 360px wide screen', async () => {
    const page = await open({ width: 360 });
    await page.goto('/');
    await page.waitForURL('**/login');
    await expectAccessible(page);
    await saveScreenshot(page, 'login-360');

    await signIn(page, 'nora@demo.test');
    await page.waitForURL('**/navigator');
    await page.getByRole('heading', { level: 1, name: 'Your day' }).waitFor();
    const table = page.getByRole('table', { name: 'Patients in your care' });
    await table.waitFor();
    const names = await table.getByRole('rowheader').allTextContents();
    expect(names).toEqual(expect.arrayContaining(['Ana García', 'Ben Carter']));
    expect(await table.getByRole('cell').allTextContents()).toEqual(
      expect.arrayContaining(['Lakeside General Hospital', 'Hillview Community Hospital']),
    );

    // Nothing overflows sideways at 360px (WCAG 1.4.10 reflow).
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expectAccessible(page);
    await saveScreenshot(page, 'navigator-360');

    await assertNoPageErrors(page);
    await page.context().close();
  });
});
