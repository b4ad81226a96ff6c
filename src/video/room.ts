import { EventEmitter } from 'node:events';
import { randomBytes, randomUUID } from 'node:crypto';
import type { types as ms } from 'mediasoup';
import type {
  CallMode,
  GuestRole,
  LeaveReason,
  MediaSource,
  PeerInfo,
  PeerRole,
  RoomRef,
  TransportInfo,
  VideoServerToClientEvents,
  WaitingPeer,
} from '../contracts/video.ts';
import { AppError } from '../platform/errors.ts';
import type { Logger } from '../platform/logger.ts';
import type { Sfu, SfuWorker } from './sfu.ts';

/** Who a peer is: a signed-in user, or a guest who came through a one-time link. */
export interface Identity {
  kind: 'user' | 'guest';
  /** User id, or guest id. */
  id: string;
  name: string;
  role: PeerRole;
  guestRole?: GuestRole | undefined;
}

/** The one way a peer talks to its client (a socket.io socket of either namespace). */
export interface PeerChannel {
  readonly id: string;
  emit<E extends keyof VideoServerToClientEvents>(event: E, ...args: Parameters<VideoServerToClientEvents[E]>): unknown;
}

/** mediasoup errors for bad client input (wrong RTP parameters, unknown codec) become `invalid` acks. */
export function mediaError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const name = (err as Error)?.name;
  if (name === 'TypeError' || name === 'UnsupportedError' || name === 'Error') {
    return new AppError('invalid', `The media parameters were refused: ${String((err as Error).message).slice(0, 200)}`);
  }
  return new AppError('internal');
}

interface RouterSlot {
  worker: SfuWorker;
  router: ms.Router;
}

/**
 * One participant in one room (mediasoup-demo's Peer): its identity, admission state, media flags and,
 * in SFU mode, its transports, producers and consumers. close() is idempotent and cascades: closing
 * the transports closes every producer and consumer on them. Emits 'closed' once.
 */
export class Peer extends EventEmitter<{ closed: [LeaveReason] }> {
  readonly id = randomUUID();
  readonly resumeToken = randomBytes(24).toString('base64url');
  readonly identity: Identity;
  readonly channel: PeerChannel;
  readonly joinedAt = new Date();
  state: 'waiting' | 'admitted' = 'waiting';
  media = { audio: false, video: false, screen: false };
  // SFU state
  slot: RouterSlot | undefined;
  rtpCapabilities: ms.RtpCapabilities | undefined;
  readonly transports = new Map<string, ms.WebRtcTransport>();
  readonly producers = new Map<string, ms.Producer>();
  readonly consumers = new Map<string, ms.Consumer>();
  #closed = false;

  constructor(identity: Identity, channel: PeerChannel) {
    super();
    this.identity = identity;
    this.channel = channel;
  }

  get closed(): boolean {
    return this.#closed;
  }

  #who() {
    const { name, role, guestRole } = this.identity;
    return { peerId: this.id, name, role, ...(guestRole ? { guestRole } : {}) };
  }

  info(): PeerInfo {
    return { ...this.#who(), ...this.media };
  }

  waitingInfo(): WaitingPeer {
    return { ...this.#who(), since: this.joinedAt.toISOString() };
  }

  recvTransport(): ms.WebRtcTransport | undefined {
    for (const t of this.transports.values()) if ((t.appData as { direction?: string }).direction === 'recv') return t;
    return undefined;
  }

  close(reason: LeaveReason): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const t of this.transports.values()) t.close();
    this.transports.clear();
    this.producers.clear();
    this.consumers.clear();
    this.emit('closed', reason);
  }
}

export interface RoomOptions {
  ref: RoomRef;
  mode: CallMode;
  sfu: Sfu;
  logger: Logger;
  maxParticipants: number;
}

/**
 * One live call (mediasoup-demo's Room). Owns its peers and, in SFU mode, one router per worker it
 * spans: peers are placed on the room's router with room to spare, and when the worker under it is
 * full the room grows onto another worker's router; producers are piped between the room's routers
 * on demand. The first router carries the active-speaker and audio-level observers.
 * close() is idempotent, closes every peer and router, and emits 'closed' once.
 */
export class Room extends EventEmitter<{ closed: [] }> {
  readonly ref: RoomRef;
  readonly key: string;
  readonly mode: CallMode;
  readonly peers = new Map<string, Peer>();
  activeSpeaker: string | null = null;
  readonly #sfu: Sfu;
  readonly #logger: Logger;
  readonly #maxParticipants: number;
  readonly #slots: RouterSlot[] = [];
  readonly #pipes = new Map<string, Promise<void>>();
  #activeSpeakerObserver: ms.ActiveSpeakerObserver | undefined;
  #audioLevelObserver: ms.AudioLevelObserver | undefined;
  #closed = false;

  private constructor(options: RoomOptions) {
    super();
    this.ref = options.ref;
    this.key = roomKey(options.ref);
    this.mode = options.mode;
    this.#sfu = options.sfu;
    this.#logger = options.logger;
    this.#maxParticipants = options.maxParticipants;
  }

  static async create(options: RoomOptions): Promise<Room> {
    const room = new Room(options);
    if (room.mode === 'sfu') {
      const slot = await room.#addSlot();
      room.#activeSpeakerObserver = await slot.router.createActiveSpeakerObserver({ interval: 300 });
      room.#activeSpeakerObserver.on('dominantspeaker', ({ producer }) => {
        const peerId = (producer.appData as { peerId?: string }).peerId ?? null;
        if (peerId === room.activeSpeaker) return;
        room.activeSpeaker = peerId;
        room.broadcast('video:active-speaker', { peerId });
      });
      // Audio levels: silence clears the highlighted speaker (the observer keeps the last one forever).
      room.#audioLevelObserver = await slot.router.createAudioLevelObserver({ maxEntries: 1, threshold: -70, interval: 800 });
      room.#audioLevelObserver.on('silence', () => {
        if (room.activeSpeaker === null) return;
        room.activeSpeaker = null;
        room.broadcast('video:active-speaker', { peerId: null });
      });
    }
    return room;
  }

  get closed(): boolean {
    return this.#closed;
  }

  get routerCount(): number {
    return this.#slots.length;
  }

  /** Workers this room's routers run on (tests check that a big room spans several). */
  get workerIndexes(): number[] {
    return this.#slots.map((s) => s.worker.index);
  }

  routerRtpCapabilities(): ms.RtpCapabilities | undefined {
    return this.#slots[0]?.router.rtpCapabilities;
  }

  admitted(): Peer[] {
    return [...this.peers.values()].filter((p) => p.state === 'admitted');
  }

  waiting(): Peer[] {
    return [...this.peers.values()].filter((p) => p.state === 'waiting');
  }

  hosts(): Peer[] {
    return this.admitted().filter((p) => p.identity.role === 'host');
  }

  broadcast<E extends keyof VideoServerToClientEvents>(event: E, payload: Parameters<VideoServerToClientEvents[E]>[0], except?: Peer): void {
    for (const peer of this.admitted()) if (peer !== except) (peer.channel.emit as (e: E, p: unknown) => void)(event, payload);
  }

  /** Hosts see the waiting list whenever it changes. */
  sendWaitingList(): void {
    const waiting = this.waiting().map((p) => p.waitingInfo());
    for (const host of this.hosts()) host.channel.emit('video:waiting', { waiting });
  }

  add(peer: Peer): void {
    if (this.#closed) throw new AppError('conflict', 'The call has ended.');
    if (this.peers.size >= this.#maxParticipants) throw new AppError('conflict', 'The call is full.');
    this.peers.set(peer.id, peer);
    peer.once('closed', (reason) => {
      this.peers.delete(peer.id);
      if (peer.state === 'admitted') this.broadcast('video:peer-left', { peerId: peer.id, reason });
      else this.sendWaitingList();
      if (this.activeSpeaker === peer.id) {
        this.activeSpeaker = null;
        this.broadcast('video:active-speaker', { peerId: null });
      }
    });
  }

  /** Lets a waiting peer in: tells everyone, and in SFU mode places it on a router. */
  async admit(peer: Peer): Promise<void> {
    if (peer.state === 'admitted') return;
    if (this.mode === 'sfu') peer.slot = await this.#slotForNewPeer();
    peer.state = 'admitted';
    this.broadcast('video:peer-joined', peer.info(), peer);
    this.sendWaitingList();
  }

  close(reason: LeaveReason = 'ended'): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const peer of [...this.peers.values()]) {
      peer.channel.emit('video:closed', { reason });
      peer.close(reason);
    }
    for (const slot of this.#slots) slot.router.close();
    this.#slots.length = 0;
    this.emit('closed');
  }

  // ---- SFU ----

  async #addSlot(exclude: ReadonlySet<SfuWorker> = new Set()): Promise<RouterSlot> {
    const worker = this.#sfu.leastLoaded(exclude) ?? this.#sfu.leastLoaded();
    if (!worker) throw new AppError('unavailable', 'The video server is unavailable.');
    const router = await this.#sfu.createRouter(worker);
    const slot = { worker, router };
    this.#slots.push(slot);
    router.observer.once('close', () => {
      const at = this.#slots.indexOf(slot);
      if (at >= 0) this.#slots.splice(at, 1);
      // The worker under this router died: the room cannot carry media any more.
      if (!this.#closed && this.#slots.length === 0) this.close('ended');
    });
    return slot;
  }

  /**
   * The router for a newly admitted peer: the room's least-loaded router while its worker has room;
   * when every worker the room uses is full, a router on another worker (pipeToRouter joins them).
   */
  async #slotForNewPeer(): Promise<RouterSlot> {
    const max = this.#sfu.maxConsumersPerWorker;
    const open = this.#slots.filter((s) => s.worker.consumers < max).sort((a, b) => a.worker.consumers - b.worker.consumers)[0];
    if (open) return open;
    const used = new Set(this.#slots.map((s) => s.worker));
    const other = this.#sfu.leastLoaded(used);
    if (!other) return [...this.#slots].sort((a, b) => a.worker.consumers - b.worker.consumers)[0] as RouterSlot;
    this.#logger.info({ room: this.key, worker: other.index }, 'room outgrew its worker: piping to another');
    return this.#addSlot(used);
  }

  #requireSfuPeer(peer: Peer): RouterSlot {
    if (this.mode !== 'sfu') throw new AppError('conflict', 'This call runs as a peer-to-peer mesh.');
    if (peer.state !== 'admitted' || !peer.slot) throw new AppError('forbidden', 'Wait until you are admitted.');
    return peer.slot;
  }

  setRtpCapabilities(peer: Peer, rtpCapabilities: ms.RtpCapabilities): void {
    this.#requireSfuPeer(peer);
    peer.rtpCapabilities = rtpCapabilities;
  }

  async createTransport(peer: Peer, direction: 'send' | 'recv'): Promise<TransportInfo> {
    const slot = this.#requireSfuPeer(peer);
    for (const t of peer.transports.values()) if ((t.appData as { direction?: string }).direction === direction) t.close();
    const transport = await slot.router.createWebRtcTransport({
      webRtcServer: slot.worker.webRtcServer,
      enableUdp: true,
      enableTcp: true,
      preferUdp: true,
      initialAvailableOutgoingBitrate: 1_000_000,
      appData: { peerId: peer.id, direction },
    });
    peer.transports.set(transport.id, transport);
    transport.observer.once('close', () => peer.transports.delete(transport.id));
    if (direction === 'recv') {
      if (!peer.rtpCapabilities) {
        transport.close();
        throw new AppError('invalid', 'Send video:sfu:ready with your RTP capabilities first.');
      }
      // Everything already being sent in the room, for the newcomer.
      queueMicrotask(() => void this.#consumeAllFor(peer));
    }
    return {
      id: transport.id,
      iceParameters: transport.iceParameters,
      iceCandidates: transport.iceCandidates,
      dtlsParameters: transport.dtlsParameters,
    };
  }

  #transport(peer: Peer, transportId: string): ms.WebRtcTransport {
    const transport = peer.transports.get(transportId);
    if (!transport) throw new AppError('not_found', 'No such transport.');
    return transport;
  }

  async connectTransport(peer: Peer, transportId: string, dtlsParameters: ms.DtlsParameters): Promise<void> {
    this.#requireSfuPeer(peer);
    try {
      await this.#transport(peer, transportId).connect({ dtlsParameters });
    } catch (err) {
      throw mediaError(err);
    }
  }

  async produce(peer: Peer, input: { transportId: string; kind: ms.MediaKind; rtpParameters: ms.RtpParameters; source: MediaSource }): Promise<string> {
    const slot = this.#requireSfuPeer(peer);
    const transport = this.#transport(peer, input.transportId);
    if ((transport.appData as { direction?: string }).direction !== 'send') throw new AppError('invalid', 'That transport does not send.');
    if ((input.source === 'mic') !== (input.kind === 'audio')) throw new AppError('invalid', 'The source does not match the kind.');
    for (const p of peer.producers.values()) if ((p.appData as { source?: string }).source === input.source) throw new AppError('conflict', 'Already sending this source.');
    let producer: ms.Producer;
    try {
      producer = await transport.produce({ kind: input.kind, rtpParameters: input.rtpParameters, appData: { peerId: peer.id, source: input.source } });
    } catch (err) {
      throw mediaError(err);
    }
    peer.producers.set(producer.id, producer);
    producer.observer.once('close', () => peer.producers.delete(producer.id));
    if (producer.kind === 'audio') {
      await this.#observe(producer, slot).catch((err: Error) => this.#logger.warn({ err: err.message }, 'audio observer add failed'));
    }
    for (const other of this.admitted()) if (other !== peer) void this.#consume(other, peer, producer);
    return producer.id;
  }

  async #observe(producer: ms.Producer, slot: RouterSlot) {
    const main = this.#slots[0];
    if (!main || !this.#activeSpeakerObserver || !this.#audioLevelObserver) return;
    if (slot !== main) await this.#pipe(producer, slot, main);
    await this.#activeSpeakerObserver.addProducer({ producerId: producer.id });
    await this.#audioLevelObserver.addProducer({ producerId: producer.id });
  }

  /** Makes a producer from one of the room's routers available on another (once per pair). */
  #pipe(producer: ms.Producer, from: RouterSlot, to: RouterSlot): Promise<void> {
    const key = `${producer.id}:${to.router.id}`;
    let piping = this.#pipes.get(key);
    if (!piping) {
      piping = from.router.pipeToRouter({ producerId: producer.id, router: to.router }).then(() => undefined);
      this.#pipes.set(key, piping);
      producer.observer.once('close', () => this.#pipes.delete(key));
      piping.catch(() => this.#pipes.delete(key));
    }
    return piping;
  }

  #producerSlot(producer: ms.Producer): RouterSlot | undefined {
    const peerId = (producer.appData as { peerId?: string }).peerId;
    return peerId ? this.peers.get(peerId)?.slot : undefined;
  }

  async #consumeAllFor(peer: Peer) {
    for (const other of this.admitted()) {
      if (other === peer) continue;
      for (const producer of other.producers.values()) await this.#consume(peer, other, producer);
    }
  }

  async #consume(consumerPeer: Peer, producerPeer: Peer, producer: ms.Producer): Promise<void> {
    const transport = consumerPeer.recvTransport();
    const slot = consumerPeer.slot;
    const from = this.#producerSlot(producer);
    if (!transport || !slot || !from || !consumerPeer.rtpCapabilities || consumerPeer.closed || producer.closed) return;
    try {
      if (from !== slot) await this.#pipe(producer, from, slot);
      if (!slot.router.canConsume({ producerId: producer.id, rtpCapabilities: consumerPeer.rtpCapabilities })) return;
      for (const c of consumerPeer.consumers.values()) if (c.producerId === producer.id) return;
      // Paused until the client has set it up and asks to resume (no lost keyframe).
      const consumer = await transport.consume({ producerId: producer.id, rtpCapabilities: consumerPeer.rtpCapabilities, paused: true });
      consumerPeer.consumers.set(consumer.id, consumer);
      slot.worker.consumers++;
      consumer.observer.once('close', () => {
        slot.worker.consumers--;
        consumerPeer.consumers.delete(consumer.id);
      });
      const gone = () => {
        consumer.close();
        if (!consumerPeer.closed) consumerPeer.channel.emit('video:sfu:consumer-closed', { consumerId: consumer.id });
      };
      consumer.on('producerclose', gone);
      consumer.on('producerpause', () => consumerPeer.channel.emit('video:sfu:consumer-paused', { consumerId: consumer.id, paused: true }));
      consumer.on('producerresume', () => consumerPeer.channel.emit('video:sfu:consumer-paused', { consumerId: consumer.id, paused: false }));
      consumerPeer.channel.emit('video:sfu:new-consumer', {
        id: consumer.id,
        producerId: producer.id,
        peerId: producerPeer.id,
        kind: consumer.kind,
        source: ((producer.appData as { source?: MediaSource }).source ?? (producer.kind === 'audio' ? 'mic' : 'camera')),
        rtpParameters: consumer.rtpParameters,
        producerPaused: consumer.producerPaused,
      });
    } catch (err) {
      this.#logger.warn({ room: this.key, err: (err as Error).message }, 'consume failed');
    }
  }

  #producer(peer: Peer, producerId: string): ms.Producer {
    const producer = peer.producers.get(producerId);
    if (!producer) throw new AppError('not_found', 'No such producer.');
    return producer;
  }

  closeProducer(peer: Peer, producerId: string): void {
    this.#requireSfuPeer(peer);
    this.#producer(peer, producerId).close();
  }

  async pauseProducer(peer: Peer, producerId: string, paused: boolean): Promise<void> {
    this.#requireSfuPeer(peer);
    const producer = this.#producer(peer, producerId);
    await (paused ? producer.pause() : producer.resume());
  }

  #consumer(peer: Peer, consumerId: string): ms.Consumer {
    const consumer = peer.consumers.get(consumerId);
    if (!consumer) throw new AppError('not_found', 'No such consumer.');
    return consumer;
  }

  /** Resume after setup; pause for audio-only mode or an off-screen tile. */
  async pauseConsumer(peer: Peer, consumerId: string, paused: boolean): Promise<void> {
    this.#requireSfuPeer(peer);
    const consumer = this.#consumer(peer, consumerId);
    await (paused ? consumer.pause() : consumer.resume());
  }

  /** Simulcast: the layer this viewer wants (big tile for the active speaker, small for the rest). */
  async setLayers(peer: Peer, consumerId: string, spatialLayer: number, temporalLayer?: number): Promise<void> {
    this.#requireSfuPeer(peer);
    const consumer = this.#consumer(peer, consumerId);
    if (consumer.type !== 'simulcast' && consumer.type !== 'svc') throw new AppError('conflict', 'That stream has one layer.');
    await consumer.setPreferredLayers({ spatialLayer, ...(temporalLayer === undefined ? {} : { temporalLayer }) });
  }
}

export const roomKey = (ref: RoomRef) => `${ref.kind}:${ref.id}`;
