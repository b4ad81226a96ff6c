import type { Page } from 'playwright-core';
import { expectAccessible } from '../support/browser.ts';

/** axe at desktop width and again at phone width (360 px), then back. */
export async function accessibleAtBothWidths(page: Page) {
  await expectAccessible(page);
  await page.setViewportSize({ width: 360, height: 780 });
  await expectAccessible(page);
  await page.setViewportSize({ width: 1280, height: 800 });
}

/** The value next to a term in the referral's facts list. */
export const fact = (page: Page, term: string) => page.locator('dt', { hasText: new RegExp(`^${term}$`) }).locator('xpath=following-sibling::dd[1]');
