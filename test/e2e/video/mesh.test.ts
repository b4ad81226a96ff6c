import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { videoAppointment } from '../../integration/video/fixtures.ts';
import { assertNoPageErrors, expectAccessible, saveScreenshot } from '../support/browser.ts';
import { signIn, useServerAndBrowser } from '../support/session.ts';

/**
 * A three-party call without the SFU (the default where the mediasoup worker cannot be installed):
 * Ben (patient, at phone width: 360 px), Nora (navigator) and Dr Rhea Lindgren (receiving specialist) in three
 * browser contexts with fake camera and microphone. Each proves from getStats that it decodes the
 * other two's video and receives their audio, before and during a screen share.
 */
const ctx = useServerAndBrowser({ env: { MEDIASOUP_WORKERS: '0' }, fakeMedia: true });

type TileMedia = Record<string, { frames: number; samples: number; connection: string | null }>;
const tiles = (page: Page): Promise<TileMedia> =>
  page.locator('figure[data-peer-name]').evaluateAll((els) =>
    Object.fromEntries(
      els.map((el) => [
        el.getAttribute('data-peer-name') ?? '',
        { frames: Number(el.getAttribute('data-frames-decoded')), samples: Number(el.getAttribute('data-audio-samples')), connection: el.getAttribute('data-connection') },
      ]),
    ),
  );

/** Waits until this page has decoded more than `after` frames and samples from each named person. */
async function decodesFrom(page: Page, names: string[], after: TileMedia = {}): Promise<TileMedia> {
  let seen: TileMedia = {};
  await expect
    .poll(async () => (seen = await tiles(page)), { timeout: 60_000, interval: 500, message: `media on ${page.url()}` })
    .toSatisfy((now: TileMedia) => names.every((n) => (now[n]?.frames ?? 0) > (after[n]?.frames ?? 0) && (now[n]?.samples ?? 0) > (after[n]?.samples ?? 0)));
  return seen;
}

const BEN = 'Ben Carter';
const NORA = 'Nora Navarro';
const RHEA = 'Dr Rhea Lindgren';

describe('group video as a mesh (no SFU worker)', () => {
  test('Ben, Nora and Dr Lindgren see and hear each other in three browsers, with a screen share', async () => {
    const id = await videoAppointment(ctx.server.deps, { patient: 'ben@demo.test', participants: ['nora@demo.test', 'rhea@demo.test'] });

    // All three pages load before any media runs (two cores: three live calls slow page loads down).
    const ben = await signIn(ctx, 'ben@demo.test', { path: `/patient/video/appointment/${id}`, page: { viewport: { width: 360, height: 780 } } });
    const rhea = await signIn(ctx, 'rhea@demo.test', { path: `/specialist/video/appointment/${id}` });
    const nora = await signIn(ctx, 'nora@demo.test', { path: `/navigator/video/appointment/${id}` });
    for (const page of [ben, rhea, nora]) {
      await page.getByText('This call runs peer-to-peer (mesh mode): up to 4 people can take part at once.').first().waitFor();
      await expectAccessible(page);
    }
    await ben.getByRole('button', { name: 'Join the call' }).click();
    await ben.getByText('You are in the waiting room. Your care team will let you in shortly.').waitFor();

    await rhea.getByRole('button', { name: 'Join the call' }).click();
    await rhea.getByRole('button', { name: `Admit ${BEN}` }).click({ timeout: 30_000 });
    await ben.getByText('You are in the call.').waitFor({ timeout: 30_000 });

    await nora.getByRole('button', { name: 'Join the call' }).click();
    await nora.getByText('You are in the call.').waitFor({ timeout: 30_000 });

    const [benSaw, noraSaw] = await Promise.all([decodesFrom(ben, [NORA, RHEA]), decodesFrom(nora, [BEN, RHEA]), decodesFrom(rhea, [BEN, NORA])]);
    for (const page of [ben, nora, rhea]) {
      expect(await page.locator('.call').getAttribute('data-mode')).toBe('mesh');
      // Two others: each camera is sent at a smaller size, and the screen says so.
      expect(await page.locator('.call').getAttribute('data-video-scale')).toBe('1.5');
      await page.getByText('Video is sent at a lower resolution so everyone gets a smooth picture.').waitFor();
      await expectAccessible(page);
    }
    await saveScreenshot(ben, 'video-mesh-phone');

    // Dr Lindgren shares her screen (imaging review): both others see it on her tile and keep decoding.
    await rhea.getByRole('button', { name: 'Share screen' }).click();
    await rhea.getByRole('button', { name: 'Stop sharing' }).waitFor();
    await ben.getByRole('figure').filter({ hasText: `${RHEA} – Sharing the screen` }).waitFor();
    await nora.getByRole('figure').filter({ hasText: `${RHEA} – Sharing the screen` }).waitFor();
    await decodesFrom(ben, [RHEA], benSaw);
    await decodesFrom(nora, [RHEA], noraSaw);
    await expectAccessible(rhea);
    await rhea.getByRole('button', { name: 'Stop sharing' }).click();
    await ben.getByRole('figure').filter({ hasText: `${RHEA} – Sharing the screen` }).waitFor({ state: 'detached' });

    // Ben's connection is weak: audio only stops video both ways for him, the call goes on.
    await ben.getByRole('checkbox', { name: 'Audio only (for a weak connection)' }).check();
    await ben.getByRole('button', { name: 'Turn camera on' }).and(ben.locator('[disabled]')).waitFor();
    await rhea.getByRole('figure').filter({ hasText: `${BEN} – Camera off` }).waitFor();
    await expectAccessible(ben);

    for (const page of [ben, nora, rhea]) {
      await assertNoPageErrors(page);
      await page.context().close();
    }
  }, 120_000);
});
