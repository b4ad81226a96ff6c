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
