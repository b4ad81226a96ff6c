import { describe, expect, test } from 'vitest';
import { deliver } from '../../../src/notifications/service.ts';
import { userRoom } from '../../../src/platform/realtime.ts';
import { assertNoPageErrors, expectAccessible, saveScreenshot } from '../support/browser.ts';
import { signIn, useServerAndBrowser } from '../support/session.ts';

const ctx = useServerAndBrowser();

describe('notification centre and session end', () => {
  test('a notification reaches the bell live, the list opens its subject and marks it read', async () => {
    const nora = await signIn(ctx, 'nora@demo.test');
    const bell = nora.getByRole('link', { name: 'Notifications, none unread' });
    await bell.waitFor();
    const noraId = (await ctx.server.deps.db.query.users.findFirst({ where: (u, { eq }) => eq(u.email, 'nora@demo.test') }))!.id;
    // Live means the page's socket is in Nora's room: only then can the event reach it (before, the bell catches up on connect).
    await expect.poll(async () => (await ctx.server.deps.io!.in(userRoom(noraId)).fetchSockets()).length, { timeout: 10_000 }).toBeGreaterThan(0);

    await deliver(ctx.server.deps, 'e2e-bell-1', { userId: noraId, template: 'checkins.alertReassigned', refs: {}, link: '/navigator/messages', channels: ['inapp'] });
    await nora.getByRole('link', { name: 'Notifications, 1 unread' }).waitFor();
    await expect.poll(() => nora.getByTestId('live-announcement').textContent(), { timeout: 10_000 }).toBe('New notification: An alert was assigned to you');

    await nora.getByRole('link', { name: 'Notifications, 1 unread' }).click();
    await nora.waitForURL('**/navigator/notifications');
    await nora.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
    await nora.getByText('1 unread').waitFor();
    await expectAccessible(nora);
    await saveScreenshot(nora, 'notifications-list');

    await nora.getByRole('link', { name: 'An alert was assigned to you' }).click();
    await nora.waitForURL('**/navigator/messages');
    await nora.getByRole('link', { name: 'Notifications, none unread' }).waitFor();
    await assertNoPageErrors(nora);
  });

  test('at phone width the bell and list fit the screen', async () => {
    const ana = await signIn(ctx, 'ana@demo.test', { page: { viewport: { width: 390, height: 800 } } });
    await ana.getByRole('link', { name: /^Notifications/ }).click();
    await ana.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
    await expectAccessible(ana);
    expect(await ana.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  });

  test('session:expired returns to sign-in with a message, and the reply being typed is back after signing in', async () => {
    const nora = await signIn(ctx, 'nora@demo.test');
    await nora.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Inbox' }).click();
    await nora.getByRole('navigation', { name: 'Conversations' }).getByRole('link', { name: /Care team: Ana García/ }).click();
    await nora.waitForURL(/\/navigator\/messages\/.+/);
    const threadUrl = new URL(nora.url()).pathname;
    await nora.getByLabel('Message', { exact: true }).fill('Half a reply to Ana');

    const noraId = (await ctx.server.deps.db.query.users.findFirst({ where: (u, { eq }) => eq(u.email, 'nora@demo.test') }))!.id;
    await ctx.server.deps.sessions.destroyAll(noraId, 'expired');
    await nora.waitForURL('**/login');
    await nora.getByText('What you were typing is kept').waitFor();
    await expectAccessible(nora);

    await nora.getByLabel('Email address').fill('nora@demo.test');
    await nora.getByLabel('Password').fill('demo-pass-1234');
    await nora.getByRole('button', { name: 'Sign in' }).click();
    await nora.waitForURL(`**${threadUrl}`);
    await expect.poll(() => nora.getByLabel('Message', { exact: true }).inputValue(), { timeout: 10_000 }).toBe('Half a reply to Ana');
    await assertNoPageErrors(nora);
  });
});
