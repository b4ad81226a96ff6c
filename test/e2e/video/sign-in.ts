import type { Browser, Page } from 'playwright-core';
import { newPage } from '../support/browser.ts';

/** Opens a protected page, signs in on the login page it redirects to, and waits to be back (e2e and bench). */
export async function signedInPage(browser: Browser, baseURL: string, email: string, path: string): Promise<Page> {
  const page = await newPage(browser, { baseURL });
  await page.goto(path);
  await page.waitForURL('**/login');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill('demo-pass-1234');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`**${path}`);
  return page;
}
