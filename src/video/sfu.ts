import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import * as mediasoup from 'mediasoup';
import type { types as ms } from 'mediasoup';
import type { Config } from '../config.ts';
import type { SfuStatus } from '../contracts/video.ts';
import type { Logger } from '../platform/logger.ts';

/** Codecs every router offers: Opus, VP8 (simulcast), VP9 and H.264 for Safari. */
export const MEDIA_CODECS: ms.RouterRtpCodecCapability[] = [
  { kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2, parameters: { useinbandfec: 1, usedtx: 1 } },
  { kind: 'video', mimeType: 'video/VP8', clockRate: 90000, parameters: { 'x-google-start-bitrate': 800 } },
  { kind: 'video', mimeType: 'video/VP9', clockRate: 90000, parameters: { 'profile-id': 2 } },
  {
    kind: 'video',
    mimeType: 'video/H264',
    clockRate: 90000,
    parameters: { 'packetization-mode': 1, 'profile-level-id': '42e01f', 'level-asymmetry-allowed': 1 },
  },
];

/** A worker with the WebRtcServer that carries all its transports on one port. */
export interface SfuWorker {
  index: number;
  worker: ms.Worker;
  webRtcServer: ms.WebRtcServer;
  /** Consumers on this worker's routers: the load measure (~500 per worker is the engine's guidance). */
  consumers: number;
}

export interface SfuOptions {
  workers: number;
  listenIp: string;
  announcedAddress: string | undefined;
  /** Worker i listens on port + i (UDP and TCP). 0 lets the OS pick (tests). */
  port: number;
  /** Consumers a worker takes before a growing room is piped to another worker. */
  maxConsumersPerWorker: number;
  workerBin?: string | undefined;
}

/** The SFU settings from config (MEDIASOUP_*), with overrides for tests. */
export function sfuOptions(config: Config, overrides: Partial<SfuOptions> = {}): SfuOptions {
  return {
    workers: config.mediasoup.workers ?? availableParallelism(),
    listenIp: config.mediasoup.listenIp,
    announcedAddress: config.mediasoup.announcedAddress,
    port: config.mediasoup.port,
    maxConsumersPerWorker: config.mediasoup.maxConsumersPerWorker,
    ...overrides,
  };
}

/** Why no worker can run here, or null when the worker binary is present. */
export function workerBinaryProblem(workerBin?: string): string | null {
  const bin = workerBin || mediasoup.workerBin;
  return existsSync(bin) ? null : `mediasoup worker binary not found at ${bin} (MEDIASOUP_WORKER_BIN)`;
}

/**
 * The pool of mediasoup workers: one per core by default, each with one WebRtcServer. When no worker
 * can start (no binary on this machine, a crash at start) the pool is empty and status() says
 * 'unavailable'; the rest of the server runs on and calls of up to four people run as a
 * peer-to-peer mesh (service.ts).
 */
export class Sfu {
  readonly #workers: SfuWorker[] = [];
  readonly #logger: Logger;
  readonly #options: SfuOptions;
  #reason: string | null = null;
  #closed = false;

  private constructor(options: SfuOptions, logger: Logger) {
    this.#options = options;
    this.#logger = logger;
  }

  static async start(options: SfuOptions, logger: Logger): Promise<Sfu> {
    const sfu = new Sfu(options, logger);
    if (options.workers === 0) {
      sfu.#reason = 'disabled by MEDIASOUP_WORKERS=0';
    } else {
      sfu.#reason = workerBinaryProblem(options.workerBin);
      if (!sfu.#reason) {
        try {
          for (let i = 0; i < options.workers; i++) sfu.#workers.push(await sfu.#startWorker(i));
        } catch (err) {
          sfu.#reason = `mediasoup worker failed to start: ${(err as Error).message}`;
          sfu.#closeWorkers();
        }
      }
    }
    if (sfu.#reason) logger.warn({ reason: sfu.#reason }, 'SFU unavailable: calls of up to four run as a peer-to-peer mesh');
    else logger.info({ workers: sfu.#workers.length }, 'SFU started');
    return sfu;
  }

  async #startWorker(index: number): Promise<SfuWorker> {
    const worker = await mediasoup.createWorker({ logLevel: 'warn', ...(this.#options.workerBin ? { workerBin: this.#options.workerBin } : {}) });
    const listen = (protocol: 'udp' | 'tcp'): ms.TransportListenInfo => ({
      protocol,
      ip: this.#options.listenIp,
      ...(this.#options.announcedAddress ? { announcedAddress: this.#options.announcedAddress } : {}),
      ...(this.#options.port ? { port: this.#options.port + index } : {}),
    });
    const webRtcServer = await worker.createWebRtcServer({ listenInfos: [listen('udp'), listen('tcp')] });
    const entry: SfuWorker = { index, worker, webRtcServer, consumers: 0 };
    worker.on('died', (error) => {
      // A dead worker takes its routers (and so its rooms' media) with it; the rooms close and
      // clients rejoin onto the remaining workers.
      this.#logger.error({ index, err: error.message }, 'mediasoup worker died');
      const at = this.#workers.indexOf(entry);
      if (at >= 0) this.#workers.splice(at, 1);
      if (this.#workers.length === 0 && !this.#closed) this.#reason = 'every mediasoup worker died';
    });
    return entry;
  }

  status(): SfuStatus {
    return this.#workers.length > 0 ? 'available' : 'unavailable';
  }

  get reason(): string | null {
    return this.status() === 'available' ? null : this.#reason;
  }

  get workers(): readonly SfuWorker[] {
    return this.#workers;
  }

  get maxConsumersPerWorker(): number {
    return this.#options.maxConsumersPerWorker;
  }

  /** The least-loaded worker, optionally excluding some (a room growing onto another worker). */
  leastLoaded(exclude: ReadonlySet<SfuWorker> = new Set()): SfuWorker | undefined {
    return [...this.#workers].filter((w) => !exclude.has(w)).sort((a, b) => a.consumers - b.consumers)[0];
  }

  async createRouter(on: SfuWorker): Promise<ms.Router> {
    return on.worker.createRouter({ mediaCodecs: MEDIA_CODECS });
  }

  #closeWorkers() {
    for (const w of this.#workers.splice(0)) w.worker.close();
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#closeWorkers();
  }
}
