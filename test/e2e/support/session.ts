import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startTestServer, type TestServer } from '../../support/server.ts';
import { launchBrowser } from './browser.ts';

export { signIn } from './sign-in.ts';

export interface E2eContext {
  server: TestServer;
  browser: Browser;
}

/**
 * One real server and one Chromium for a browser-test file, started before its tests and closed
 * after. WEB_DIST (or E2E_WEB_DIST) points the server at a private web build.
 */
export function useServerAndBrowser(opts: { env?: Record<string, string>; fakeMedia?: boolean } = {}): E2eContext {
  const ctx = {} as E2eContext;
  const webDist = process.env.WEB_DIST ?? process.env.E2E_WEB_DIST;
  beforeAll(async () => {
    [ctx.server, ctx.browser] = await Promise.all([
      startTestServer({ ...(webDist ? { WEB_DIST: webDist } : {}), ...opts.env }),
      launchBrowser({ fakeMedia: opts.fakeMedia ?? false }),
    ]);
  }, 120_000);
  afterAll(async () => {
    await ctx.browser?.close();
    await ctx.server?.close();
  });
  return ctx;
}
