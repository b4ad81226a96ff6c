import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { login } from '../../support/client.ts';
import { videoAppointment } from '../../integration/video/fixtures.ts';
import { assertNoPageErrors, expectAccessible, newPage, saveScreenshot } from '../support/browser.ts';
import { signIn, useServerAndBrowser } from '../support/session.ts';

/**
 * A patient and a specialist in headless Chromium with fake camera and microphone, on the
 * mesh path (the SFU is off): waiting room, admission, and media both ways, proven by
 * getStats (inbound video frames decoded and audio samples received on both sides).
 */
const ctx = useServerAndBrowser({ env: { MEDIASOUP_WORKERS: '0' }, fakeMedia: true });
const signedIn = (email: string, path: string) => signIn(ctx, email, { path });

const callData = (page: Page) =>
  page.locator('.call').evaluate((el) => ({
    frames: Number(el.getAttribute('data-frames-decoded')),
    samples: Number(el.getAttribute('data-audio-samples')),
    mode: el.getAttribute('data-mode'),
  }));

async function untilMedia(page: Page) {
  const end = Date.now() + 30_000;
  for (;;) {
    const data = await callData(page);
    if (data.frames > 0 && data.samples > 0) return data;
    if (Date.now() > end) throw new Error(`no media on ${page.url()}: ${JSON.stringify(data)}`);
    await page.waitForTimeout(250);
  }
}

describe('video consultation in the browser (mesh)', () => {
  test('Ana waits, Dr Okafor admits her, and they see and hear each other', async () => {
    const id = await videoAppointment(ctx.server.deps, { patient: 'ana@demo.test', participants: ['sam@demo.test'] });

    const ana = await signedIn('ana@demo.test', `/patient/video/appointment/${id}`);
    await ana.getByRole('heading', { level: 1, name: 'Video consultation' }).waitFor();
    await ana.getByText('This call runs peer-to-peer (mesh mode): up to 4 people can take part at once.').first().waitFor();
    await expectAccessible(ana);
    await ana.getByRole('button', { name: 'Join the call' }).click();
    await ana.getByText('You are in the waiting room. Your care team will let you in shortly.').waitFor();
    await expectAccessible(ana);
    await saveScreenshot(ana, 'video-waiting');

    const sam = await signedIn('sam@demo.test', `/specialist/video/appointment/${id}`);
    await sam.getByRole('button', { name: 'Join the call' }).click();
    await sam.getByRole('heading', { name: 'Waiting room' }).waitFor();
    await sam.getByRole('button', { name: 'Admit Ana García' }).click();

    await ana.getByText('You are in the call.').waitFor();
    const [anaMedia, samMedia] = await Promise.all([untilMedia(ana), untilMedia(sam)]);
    expect(anaMedia).toMatchObject({ mode: 'mesh' });
    expect(samMedia).toMatchObject({ mode: 'mesh' });
    expect(anaMedia.frames).toBeGreaterThan(0);
    expect(samMedia.frames).toBeGreaterThan(0);
    expect(anaMedia.samples).toBeGreaterThan(0);
    expect(samMedia.samples).toBeGreaterThan(0);
    await ana.getByText(/^Connection: (good|fair|poor)$/).waitFor();
    await expectAccessible(ana);
    await expectAccessible(sam);
    await saveScreenshot(sam, 'video-in-call');

    // Mute and camera off reach the other side's tile label.
    await ana.getByRole('button', { name: 'Turn camera off' }).click();
    await sam.getByRole('figure').filter({ hasText: 'Ana García – Camera off' }).waitFor();
    await ana.getByRole('button', { name: 'Mute microphone' }).click();
    await ana.getByRole('button', { name: 'Unmute microphone' }).waitFor();
    await expectAccessible(ana);

    // The host ends the call for everyone.
    await sam.getByRole('button', { name: 'End call for everyone' }).click();
    await ana.getByText('The call has ended.').waitFor();
    await expectAccessible(ana);

    await assertNoPageErrors(ana);
    await assertNoPageErrors(sam);
    await ana.context().close();
    await sam.context().close();
  });

  test('the device check page (from the reminder link) shows the camera, the microphone level and a speaker test', async () => {
    const page = await signedIn('ana@demo.test', '/patient/video/check?appointment=00000000-0000-4000-8000-000000000000');
    await page.getByRole('heading', { level: 1, name: 'Check your camera and sound' }).waitFor();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Start the check' }).click();
    await page.getByLabel('Your camera preview').waitFor();
    await page.getByRole('button', { name: 'Play a test sound' }).click();
    expect(await page.getByRole('link', { name: 'Go to the video call' }).getAttribute('href')).toBe('/patient/video/appointment/00000000-0000-4000-8000-000000000000');
    await expectAccessible(page);
    await saveScreenshot(page, 'video-device-check');
    await assertNoPageErrors(page);
    await page.context().close();
  });

  test('the host lists the room\'s guest links and revokes one with the keyboard; the revoked link is refused in Spanish', async () => {
    const id = await videoAppointment(ctx.server.deps, { patient: 'ana@demo.test', participants: ['sam@demo.test'] });
    const sam = await signedIn('sam@demo.test', `/specialist/video/appointment/${id}`);
    const guests = sam.getByRole('region', { name: 'Guests' });
    await guests.getByText('No guest links yet.').waitFor();
    await expectAccessible(sam);

    await guests.getByLabel("Guest's name").fill('Inés');
    await guests.getByRole('button', { name: 'Create link' }).click();
    const url = (await guests.locator('code.guest-link').textContent()) ?? '';
    expect(url).toMatch(/\/video\/guest#[\w-]{20,}$/);
    const item = guests.getByRole('listitem').filter({ hasText: 'Inés' });
    await item.getByText('Not used yet').waitFor();
    await item.getByText(/^Valid until /).waitFor();
    await expectAccessible(sam);

    // Keyboard only: Enter opens the confirmation on "Keep link", Escape keeps the link, Shift+Tab reaches "Revoke link".
    await item.getByRole('button', { name: 'Revoke the link for Inés' }).focus();
    await sam.keyboard.press('Enter');
    const dialog = sam.getByRole('dialog', { name: 'Revoke the link for Inés?' });
    await dialog.waitFor();
    expect(await sam.evaluate(() => document.activeElement?.textContent)).toBe('Keep link');
    await expectAccessible(sam);
    await sam.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await item.getByText('Not used yet').waitFor();
    await item.getByRole('button', { name: 'Revoke the link for Inés' }).focus();
    await sam.keyboard.press('Enter');
    await dialog.waitFor();
    await sam.keyboard.press('Shift+Tab');
    expect(await sam.evaluate(() => document.activeElement?.textContent)).toBe('Revoke link');
    await sam.keyboard.press('Enter');
    await guests.getByRole('status').filter({ hasText: 'The link for Inés was revoked.' }).waitFor();
    await item.getByText('Revoked').waitFor();
    expect(await item.getByRole('button').count()).toBe(0);
    await expectAccessible(sam);

    // The revoked link, opened in another browser whose language is Spanish.
    const other = await newPage(ctx.browser, { baseURL: ctx.server.url, locale: 'es-ES' });
    await other.goto(url.slice(ctx.server.url.length));
    await other.getByRole('alert').filter({ hasText: 'Este enlace de invitación ya no es válido.' }).waitFor();
    await expectAccessible(other);
    await other.context().close();

    // A second link, used by its guest, shows as used; the list and dialog at phone width.
    await guests.getByLabel("Guest's name").fill('Omar');
    await guests.getByLabel('Guest is').selectOption('family');
    await guests.getByRole('button', { name: 'Create link' }).click();
    await guests.locator('code.guest-link').filter({ hasNotText: url }).waitFor();
    const second = (await guests.locator('code.guest-link').textContent()) ?? '';
    const guest = await newPage(ctx.browser, { baseURL: ctx.server.url });
    await guest.goto(second.slice(ctx.server.url.length));
    await guest.getByRole('heading', { level: 1, name: 'Welcome, Omar' }).waitFor();
    await sam.setViewportSize({ width: 360, height: 780 });
    await sam.reload();
    const omar = guests.getByRole('listitem').filter({ hasText: 'Omar' });
    await omar.getByText('Used').waitFor();
    await guests.getByRole('listitem').filter({ hasText: 'Inés' }).getByText('Revoked').waitFor();
    expect(await sam.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await expectAccessible(sam);
    await omar.getByRole('button', { name: 'Revoke the link for Omar' }).click();
    await sam.getByRole('dialog', { name: 'Revoke the link for Omar?' }).getByText('The guest is using this link').waitFor();
    await expectAccessible(sam);
    await saveScreenshot(sam, 'video-guest-links-360');
    await sam.getByRole('button', { name: 'Revoke link' }).click();
    await omar.getByText('Revoked').waitFor();
    await expect.poll(async () => (await guest.request.get('/api/video/guest/session')).status()).toBe(401);

    await assertNoPageErrors(sam);
    await assertNoPageErrors(guest);
    await sam.context().close();
    await guest.context().close();
  });

  test('a guest opens a one-time link without an account; the same link in another browser is refused', async () => {
    const id = await videoAppointment(ctx.server.deps, { patient: 'ana@demo.test', participants: ['sam@demo.test'] });
    const sam = await login(ctx.server.url, 'sam@demo.test');
    const res = await sam.send('POST', `/api/video/rooms/appointment/${id}/guest-links`, { role: 'interpreter', name: 'Inés' }, { origin: ctx.server.url });
    const { url } = (await res.json()) as { url: string };
    const path = url.slice(ctx.server.url.length);

    const guest = await newPage(ctx.browser, { baseURL: ctx.server.url });
    await guest.goto(path);
    await guest.getByRole('heading', { level: 1, name: 'Welcome, Inés' }).waitFor();
    await guest.getByText('You were invited as: Interpreter. When you join, the host will let you in.').waitFor();
    expect(new URL(guest.url()).hash).toBe('');
    await expectAccessible(guest);
    await saveScreenshot(guest, 'video-guest');

    const other = await newPage(ctx.browser, { baseURL: ctx.server.url });
    await other.goto(path);
    await other.getByRole('alert').filter({ hasText: 'This invitation link is not valid any more.' }).waitFor();
    await expectAccessible(other);
    await assertNoPageErrors(guest);
    await guest.context().close();
    await other.context().close();
  });
});
