// Video benchmark (issues #6, #13): time from "join" (the patient clicks Join the call) to the first
// decoded remote video frame, in headless Chromium with a fake camera, p50 over 10 joins, through the
// real server (socket.io signaling, admission remembered, ICE over 127.0.0.1). The others stay in the
// call; the patient reloads and joins again each round. Calls of 2, 3 and 4 people in the same run:
// for 3 and 4 the figures are to the first remote frame and to a frame from every other person (in a
// mesh the newcomer opens one connection per person), over 4 joins each: three or four live calls
// in one Chromium on a small machine make each round slow, and the whole run must stay within about
// three minutes. Baseline, same run and machine: two RTCPeerConnections in one page wired directly
// (no server, no signaling hops).
//   npm run bench -- video          (BENCH_JOINS and BENCH_GROUP_JOINS change the counts; the SFU path
//                                    is used when a mediasoup worker exists, the mesh otherwise)
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import type { Page } from 'playwright-core';
import { startBenchServer } from './server.ts';
import { workerBinaryProblem } from '../src/video/sfu.ts';
import { launchBrowser, newPage } from '../test/e2e/support/browser.ts';
import { signIn as signInAs } from '../test/e2e/support/sign-in.ts';
import { login } from '../test/support/client.ts';
import { videoAppointment } from '../test/integration/video/fixtures.ts';
import { benchRedis } from './redis.ts';

const JOINS = Number(process.env.BENCH_JOINS ?? 10);
const GROUP_JOINS = Number(process.env.BENCH_GROUP_JOINS ?? 4);
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const summary = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const r = (n: number) => Math.round(n * 10) / 10;
  return { n: s.length, p50: r(pct(s, 50)), p90: r(pct(s, 90)), min: r(s[0] ?? NaN), max: r(s.at(-1) ?? NaN) };
};

const benchStart = performance.now();
const redis = await benchRedis();
const sfuProblem = workerBinaryProblem();
const server = await startBenchServer(redis.url, { WEB_DIST: process.env.WEB_DIST ?? './web/dist', LOG_LEVEL: 'warn', ...(sfuProblem ? { MEDIASOUP_WORKERS: '0' } : {}) });
const browser = await launchBrowser({ fakeMedia: true });

// Generous action timeouts: three or four live calls on a small shared machine make pages slow to answer.
const signIn = (email: string, path: string) =>
  signInAs({ server, browser }, email, { path }).then((page) => {
    page.context().setDefaultTimeout(60_000);
    page.context().setDefaultNavigationTimeout(60_000);
    return page;
  });

const firstFrameMs = (page: Page) =>
  page.waitForFunction(() => Number(document.querySelector('.call')?.getAttribute('data-first-frame-ms') || 0), undefined, { timeout: 30_000, polling: 10 }).then((h) => h.jsonValue() as Promise<number>);

/** ms from join to a shown frame from every one of `others` people (each tile's own first frame). */
const allFramesMs = (page: Page, others: number) =>
  page
    .waitForFunction(
      (n) => {
        const times = [...document.querySelectorAll('figure[data-peer-name]')].map((el) => Number(el.getAttribute('data-first-frame-ms') || 0));
        return times.length === n && times.every((t) => t > 0) ? Math.max(...times) : 0;
      },
      others,
      { timeout: 60_000, polling: 10 },
    )
    .then((h) => h.jsonValue() as Promise<number>);

/**
 * A call of `size` people (3 or 4): Dr Okafor and Nora (and for 4 an interpreter through a guest link)
 * stay in; Ana joins `JOINS` times, each measured to her first remote frame and to a frame from all.
 */
async function groupCall(size: 3 | 4) {
  const id = await videoAppointment(server.deps, { patient: 'ana@demo.test', participants: ['sam@demo.test', 'nora@demo.test'] });
  const sam = await signIn('sam@demo.test', `/specialist/video/appointment/${id}`);
  const nora = await signIn('nora@demo.test', `/navigator/video/appointment/${id}`);
  const ana = await signIn('ana@demo.test', `/patient/video/appointment/${id}`);
  const stayers = [sam, nora];
  await sam.getByRole('button', { name: 'Join the call' }).click();
  await sam.getByText('You are in the call.').waitFor({ timeout: 30_000 });
  await nora.getByRole('button', { name: 'Join the call' }).click();
  await nora.getByText('You are in the call.').waitFor({ timeout: 30_000 });
  if (size === 4) {
    const host = await login(server.url, 'sam@demo.test');
    const res = await host.send('POST', `/api/video/rooms/appointment/${id}/guest-links`, { role: 'interpreter', name: 'Inés' }, { origin: server.url });
    const { url } = (await res.json()) as { url: string };
    const guest = await newPage(browser, { baseURL: server.url });
    guest.context().setDefaultTimeout(60_000);
    guest.context().setDefaultNavigationTimeout(60_000);
    await guest.goto(url.slice(server.url.length));
    await guest.getByRole('button', { name: 'Join the call' }).click();
    await sam.getByRole('button', { name: 'Admit Inés' }).click({ timeout: 30_000 });
    await guest.getByText('You are in the call.').waitFor({ timeout: 30_000 });
    stayers.push(guest);
  }
  await ana.getByRole('button', { name: 'Join the call' }).click();
  await sam.getByRole('button', { name: 'Admit Ana García' }).click({ timeout: 30_000 });
  await allFramesMs(ana, size - 1);

  const first: number[] = [];
  const all: number[] = [];
  for (let i = 0; i < GROUP_JOINS; i++) {
    await ana.goto(`/patient/video/appointment/${id}`);
    await ana.getByRole('button', { name: 'Join the call' }).click();
    all.push(await allFramesMs(ana, size - 1));
    first.push(await firstFrameMs(ana));
  }
  const mode = await ana.locator('.call').getAttribute('data-mode');
  const videoScale = Number(await ana.locator('.call').getAttribute('data-video-scale'));
  for (const page of [ana, ...stayers]) await page.context().close();
  return { participants: size, path: mode, videoScale, joinToFirstRemoteFrameMs: summary(first), joinToFrameFromEveryoneMs: summary(all), samples: { first, all } };
}

/** Two peer connections in one page, offer/answer handed over directly: the floor for first-frame time. */
async function baselineJoin(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const start = performance.now();
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: { width: 1280, height: 720 } });
    const a = new RTCPeerConnection();
    const b = new RTCPeerConnection();
    a.onicecandidate = (e) => void (e.candidate && b.addIceCandidate(e.candidate));
    b.onicecandidate = (e) => void (e.candidate && a.addIceCandidate(e.candidate));
    for (const t of stream.getTracks()) a.addTrack(t, stream);
    const video = document.createElement('video');
    video.muted = true;
    video.autoplay = true;
    document.body.append(video);
    const shown = new Promise<number>((resolve) => video.addEventListener('loadeddata', () => resolve(performance.now() - start), { once: true }));
    b.ontrack = (e) => {
      video.srcObject = e.streams[0] ?? new MediaStream([e.track]);
    };
    await a.setLocalDescription();
    await b.setRemoteDescription(a.localDescription!);
    await b.setLocalDescription();
    await a.setRemoteDescription(b.localDescription!);
    const ms = await shown;
    video.remove();
    a.close();
    b.close();
    for (const t of stream.getTracks()) t.stop();
    return ms;
  });
}

try {
  const id = await videoAppointment(server.deps, { patient: 'ana@demo.test', participants: ['sam@demo.test'] });
  const path = `/patient/video/appointment/${id}`;
  const sam = await signIn('sam@demo.test', `/specialist/video/appointment/${id}`);
  await sam.getByRole('button', { name: 'Join the call' }).click();
  await sam.getByText('You are in the call.').waitFor();
  const ana = await signIn('ana@demo.test', path);

  // Warm-up: the first join waits for admission (not measured); later joins are let in at once.
  await ana.getByRole('button', { name: 'Join the call' }).click();
  await sam.getByRole('button', { name: 'Admit Ana García' }).click();
  await firstFrameMs(ana);

  const joins: number[] = [];
  for (let i = 0; i < JOINS; i++) {
    await ana.goto(path);
    await ana.getByRole('button', { name: 'Join the call' }).click();
    joins.push(await firstFrameMs(ana));
  }
  const mode = await ana.locator('.call').getAttribute('data-mode');
  for (const page of [ana, sam]) await page.context().close();
  // A group size that cannot show every face in time (a loaded machine) is recorded as such; the other figures stand.
  const groups = [];
  for (const size of [3, 4] as const) {
    try {
      groups.push(await groupCall(size));
    } catch (err) {
      for (const ctxt of browser.contexts()) await ctxt.close();
      groups.push({ participants: size, error: err instanceof Error ? err.message.split('\n')[0] : String(err) });
    }
  }

  const basePage = await newPage(browser, { baseURL: server.url });
  await basePage.goto('/login');
  const baseline: number[] = [];
  for (let i = 0; i < JOINS; i++) baseline.push(Math.round(await baselineJoin(basePage)));

  const result = {
    bench: 'video',
    at: new Date().toISOString(),
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.version },
    path: mode,
    sfu: server.deps.video?.status() ?? 'unavailable',
    sfuReason: sfuProblem,
    joins: JOINS,
    groupJoins: GROUP_JOINS,
    durationSeconds: Math.round((performance.now() - benchStart) / 1000),
    wayfinder: { participants: 2, joinToFirstRemoteFrameMs: summary(joins), samples: joins },
    groups,
    baseline: { what: 'two RTCPeerConnections in one page, no server', getUserMediaToFirstFrameMs: summary(baseline), samples: baseline },
  };
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/video.json', `${JSON.stringify(result, null, 2)}\n`);
  console.log(`video (${mode}): join -> first remote frame p50 ${result.wayfinder.joinToFirstRemoteFrameMs.p50} ms (p90 ${result.wayfinder.joinToFirstRemoteFrameMs.p90}) over ${JOINS} joins; baseline p50 ${result.baseline.getUserMediaToFirstFrameMs.p50} ms; run ${result.durationSeconds} s`);
  for (const g of groups) {
    if ('error' in g) {
      console.log(`video ${g.participants} people: not measured (${g.error})`);
      continue;
    }
    console.log(`video ${g.participants} people (${g.path}): first remote frame p50 ${g.joinToFirstRemoteFrameMs.p50} ms (p90 ${g.joinToFirstRemoteFrameMs.p90}); a frame from everyone p50 ${g.joinToFrameFromEveryoneMs.p50} ms (p90 ${g.joinToFrameFromEveryoneMs.p90})`);
  }
} finally {
  await browser.close();
  await server.close();
  await redis.stop();
}
