/**
 * Browser-test harness: Debian's Chromium driven by playwright-core, and axe-core on every page.
 *
 *   const browser = await launchBrowser();
 *   const page = await newPage(browser, { baseURL: server.url });
 *   await page.goto('/login');
 *   await expectAccessible(page);
 */
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags that keep Chromium quiet, offline from Google services and deterministic on CI machines. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
] as const;

/** A fake camera and microphone that need no permission prompt (video tests). */
export const FAKE_MEDIA_ARGS = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'] as const;

export interface LaunchOptions {
  /** Add the fake camera/microphone flags. */
  fakeMedia?: boolean;
  /** Extra Chromium flags. */
  args?: string[];
  /** Set HEADED=1 to watch a test locally. */
  headless?: boolean;
}

export async function launchBrowser(options: LaunchOptions = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: options.headless ?? process.env.HEADED !== '1',
    args: [...CHROMIUM_ARGS, ...(options.fakeMedia ? FAKE_MEDIA_ARGS : []), ...(options.args ?? [])],
  });
}

export interface PageOptions extends BrowserContextOptions {
  /** The server's URL; page.goto('/login') is resolved against it. */
  baseURL: string;
}

/**
 * A page in a fresh context (own cookies and storage), English browser language and a desktop
 * viewport unless told otherwise.
 */
export async function newPage(browser: Browser, options: PageOptions): Promise<Page> {
  const context: BrowserContext = await browser.newContext({
    locale: 'en-US',
    viewport: { width: 1280, height: 800 },
    ...options,
  });
  context.setDefaultTimeout(10_000);
  context.setDefaultNavigationTimeout(15_000);
  return context.newPage();
}

/** Fails if the page threw an uncaught exception at any time (React render errors included). */
export async function assertNoPageErrors(page: Page): Promise<void> {
  const errors = await page.pageErrors({ filter: 'all' });
  if (errors.length === 0) return;
  throw new Error(`Uncaught errors in the page:\n${errors.map((e) => `  ${e.stack ?? e.message}`).join('\n')}`);
}

/** WCAG 2.2 level A and AA, as axe-core tags them. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] as const;

export interface AccessibilityOptions {
  /** Only check inside this selector. */
  include?: string;
  /** Skip these selectors (third-party widgets we cannot fix, with a reason in the test). */
  exclude?: string[];
  /** Rule ids to skip, each with a reason in the test. */
  disableRules?: string[];
}

type AxeResults = Awaited<ReturnType<AxeBuilder['analyze']>>;

/** One readable block per violation: rule, impact, what to do, and every offending node. */
export function formatViolations(violations: AxeResults['violations']): string {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .map((n) => {
          const summary = (n.failureSummary ?? '').split('\n').map((line) => `        ${line.trim()}`).join('\n');
          return `    - ${n.target.join(' ')}\n      ${n.html.slice(0, 200)}\n${summary}`;
        })
        .join('\n');
      return `  [${v.impact ?? 'unknown'}] ${v.id}: ${v.help}\n    ${v.helpUrl}\n${nodes}`;
    })
    .join('\n\n');
}

/**
 * Runs axe-core against the page as it is now and fails with the list of WCAG 2.2 A/AA violations.
 * Call it on every page (and every significant state) a test visits.
 */
export async function expectAccessible(page: Page, options: AccessibilityOptions = {}): Promise<void> {
  let builder = new AxeBuilder({ page }).withTags([...WCAG_TAGS]);
  if (options.include) builder = builder.include(options.include);
  for (const selector of options.exclude ?? []) builder = builder.exclude(selector);
  if (options.disableRules?.length) builder = builder.disableRules(options.disableRules);
  const results = await builder.analyze();
  if (results.violations.length === 0) return;
  const count = results.violations.reduce((n, v) => n + v.nodes.length, 0);
  throw new Error(
    `${results.violations.length} accessibility rule(s) violated on ${count} node(s) at ${page.url()}:\n\n` +
      formatViolations(results.violations),
  );
}

/**
 * Saves a full-page screenshot as <E2E_SCREENSHOT_DIR>/<name>.png when that variable is set
 * (for looking at pages by eye); does nothing otherwise.
 */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.E2E_SCREENSHOT_DIR;
  if (!dir) return;
  await page.screenshot({ path: `${dir.replace(/\/$/, '')}/${name}.png`, fullPage: true });
}
