import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../../src/demo/seed.ts';
import { newPage } from './browser.ts';

/**
 * Signs a demo user in through the login page, as a person would. With `path`, opens that protected
 * page first and expects to be brought back to it after signing in.
 */
export async function signIn(ctx: { server: { url: string }; browser: Browser }, email: string, opts: { path?: string; page?: Omit<BrowserContextOptions, 'baseURL'> } = {}): Promise<Page> {
  const page = await newPage(ctx.browser, { baseURL: ctx.server.url, ...opts.page });
  await page.goto(opts.path ?? '/login');
  if (opts.path) await page.waitForURL('**/login');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  if (opts.path) await page.waitForURL(`**${opts.path}`);
  else await page.waitForURL((url) => !url.pathname.endsWith('/login'));
  return page;
}
