/**
 * One video call in the browser: signaling over socket.io, media either as a mesh (one
 * RTCPeerConnection per remote peer, "perfect negotiation", up to four people) or through the mediasoup SFU
 * (mediasoup-client: one send and one receive transport, simulcast camera, screen share).
 * React reads it through subscribe()/snapshot() (useSyncExternalStore).
 */
import type { Socket } from 'socket.io-client';
import type { types as msTypes } from 'mediasoup-client';
import { MESH_FULL } from '../../../src/contracts/video.ts';
import type {
  CallInfo,
  CallMode,
  IceServer,
  JoinResult,
  LeaveReason,
  MediaSource,
  NewConsumer,
  PeerInfo,
  PeerRole,
  RoomRef,
  TransportInfo,
  WaitingPeer,
} from '../../../src/contracts/video.ts';

type Ack<T> = { ok: true; data: T } | { ok: false; error: { code: string; message?: string; details?: { path: string }[] } };

export class CallError extends Error {
  readonly code: string;
  constructor(code: string, message?: string) {
    super(message ?? code);
    this.code = code;
  }
}

/**
 * What each camera sender may use in a mesh, by the number of other people: every extra peer is one
 * more upload of the same camera, so each gets a smaller picture at a lower bitrate (decision 0503).
 */
export const MESH_VIDEO_BUDGET: Record<number, { scaleResolutionDownBy: number; maxBitrate: number }> = {
  1: { scaleResolutionDownBy: 1, maxBitrate: 1_200_000 },
  2: { scaleResolutionDownBy: 1.5, maxBitrate: 700_000 },
  3: { scaleResolutionDownBy: 2, maxBitrate: 450_000 },
};
const meshBudget = (others: number) => MESH_VIDEO_BUDGET[Math.min(Math.max(others, 1), 3)] ?? MESH_VIDEO_BUDGET[3]!;

export type Quality = 'unknown' | 'good' | 'fair' | 'poor';

export interface RemotePeer extends PeerInfo {
  stream: MediaStream;
  screenStream: MediaStream | null;
  /** This peer's video frames decoded and audio samples received here so far (from getStats). */
  framesDecoded: number;
  audioSamples: number;
  /** ms from join() to this peer's first video frame shown here. */
  firstFrameMs: number | null;
  /** Mesh: the state of the direct connection to this peer (null through the SFU). */
  connection: RTCPeerConnectionState | null;
}

export interface CallState {
  phase: 'idle' | 'joining' | 'waiting' | 'in-call' | 'reconnecting' | 'closed' | 'error';
  error: string | null;
  closedReason: LeaveReason | null;
  role: PeerRole | null;
  mode: CallMode | null;
  selfId: string | null;
  peers: RemotePeer[];
  waiting: WaitingPeer[];
  activeSpeaker: string | null;
  localStream: MediaStream | null;
  audio: boolean;
  video: boolean;
  screen: boolean;
  audioOnly: boolean;
  quality: Quality;
  /** Inbound video frames decoded and audio samples received so far (from getStats). */
  framesDecoded: number;
  audioSamples: number;
  /** ms from join() to the first decoded remote video frame. */
  firstFrameMs: number | null;
  /** Mesh: how much the camera sent to each peer is scaled down (1 = full size). */
  videoScale: number;
}

const INITIAL: CallState = {
  phase: 'idle', error: null, closedReason: null, role: null, mode: null, selfId: null, peers: [], waiting: [], activeSpeaker: null,
  localStream: null, audio: true, video: true, screen: false, audioOnly: false, quality: 'unknown', framesDecoded: 0, audioSamples: 0, firstFrameMs: null, videoScale: 1,
};

/** Camera simulcast: three layers, the SFU forwards the one each viewer can take. */
const SIMULCAST: RTCRtpEncodingParameters[] = [
  { scaleResolutionDownBy: 4, maxBitrate: 150_000 },
  { scaleResolutionDownBy: 2, maxBitrate: 500_000 },
  { scaleResolutionDownBy: 1, maxBitrate: 1_200_000 },
];

interface MeshLink {
  pc: RTCPeerConnection;
  polite: boolean;
  makingOffer: boolean;
  ignoreOffer: boolean;
}

export class CallClient {
  readonly #socket: Socket;
  readonly #room: RoomRef;
  #state: CallState = INITIAL;
  readonly #listeners = new Set<() => void>();
  #iceServers: IceServer[] = [];
  #resumeToken: string | null;
  #joinStartedAt = 0;
  #statsTimer: ReturnType<typeof setInterval> | undefined;
  #lastLoss = { lost: 0, received: 0 };
  #left = false;
  // mesh
  readonly #links = new Map<string, MeshLink>();
  #screenTrack: MediaStreamTrack | null = null;
  // sfu
  #sendTransport: msTypes.Transport | null = null;
  #recvTransport: msTypes.Transport | null = null;
  readonly #producers = new Map<MediaSource, msTypes.Producer>();
  readonly #consumers = new Map<string, { consumer: msTypes.Consumer; peerId: string; source: MediaSource }>();

  constructor(socket: Socket, room: RoomRef) {
    this.#socket = socket;
    this.#room = room;
    this.#resumeToken = sessionStorage.getItem(this.#resumeKey());
    this.#wire();
  }

  // ---- store ----
  subscribe = (listener: () => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };
  snapshot = () => this.#state;
  #set(patch: Partial<CallState>) {
    this.#state = { ...this.#state, ...patch };
    for (const l of this.#listeners) l();
  }
  #setPeer(peerId: string, patch: Partial<RemotePeer>) {
    this.#set({ peers: this.#state.peers.map((p) => (p.peerId === peerId ? { ...p, ...patch } : p)) });
  }
  #resumeKey() {
    return `wf-video-resume:${this.#room.kind}:${this.#room.id}`;
  }

  async #request<T>(event: string, payload: unknown): Promise<T> {
    const ack = (await (this.#socket.timeout(10_000) as unknown as { emitWithAck(e: string, p: unknown): Promise<Ack<T>> }).emitWithAck(event, payload)) as Ack<T>;
    if (!ack.ok) throw new CallError(ack.error.details?.some((d) => d.path === MESH_FULL) ? MESH_FULL : ack.error.code, ack.error.message);
    return ack.data;
  }

  // ---- lifecycle ----

  /** Opens camera and microphone (as the device check chose), then joins. */
  async start(constraints: MediaStreamConstraints = { audio: true, video: { width: 1280, height: 720 } }): Promise<void> {
    this.#joinStartedAt = performance.now();
    this.#set({ phase: 'joining', error: null });
    try {
      let stream: MediaStream;
      try {
        stream = await navigator.mediaDevices.getUserMedia(constraints);
      } catch {
        // No camera (or refused): join with the microphone only.
        stream = await navigator.mediaDevices.getUserMedia({ audio: constraints.audio ?? true });
      }
      this.#set({ localStream: stream, audio: stream.getAudioTracks().length > 0, video: stream.getVideoTracks().length > 0 });
      await this.#join();
    } catch (err) {
      this.#set({ phase: 'error', error: err instanceof CallError ? err.code : 'media' });
    }
    this.#statsTimer = setInterval(() => void this.#sampleStats(), 1000);
  }

  async #join() {
    if (!this.#socket.connected) await new Promise<void>((resolve) => this.#socket.once('connect', () => resolve()));
    const result = await this.#request<JoinResult>('video:join', { room: this.#room, ...(this.#resumeToken ? { resume: this.#resumeToken } : {}) });
    this.#resumeToken = result.resumeToken;
    sessionStorage.setItem(this.#resumeKey(), result.resumeToken);
    this.#set({ role: result.role, selfId: result.peerId, phase: result.state === 'admitted' ? 'in-call' : 'waiting' });
    if (result.call) await this.#enter(result.call);
    else void this.#sendMediaState();
  }

  #wire() {
    const s = this.#socket as unknown as { on(e: string, f: (p: never) => void): void };
    s.on('video:admitted', (call: CallInfo) => {
      this.#set({ phase: 'in-call' });
      void this.#enter(call);
    });
    s.on('video:closed', ({ reason }: { reason: LeaveReason }) => {
      if (reason === 'ended') sessionStorage.removeItem(this.#resumeKey());
      this.#teardown();
      this.#set({ phase: 'closed', closedReason: reason, peers: [], waiting: [] });
    });
    s.on('video:waiting', ({ waiting }: { waiting: WaitingPeer[] }) => this.#set({ waiting }));
    s.on('video:peer-joined', (peer: PeerInfo) => this.#addPeer(peer));
    s.on('video:peer-updated', (peer: PeerInfo) => this.#setPeer(peer.peerId, peer));
    s.on('video:peer-left', ({ peerId }: { peerId: string }) => {
      this.#links.get(peerId)?.pc.close();
      this.#links.delete(peerId);
      this.#set({ peers: this.#state.peers.filter((p) => p.peerId !== peerId) });
      void this.#adaptMesh();
    });
    s.on('video:active-speaker', ({ peerId }: { peerId: string | null }) => this.#set({ activeSpeaker: peerId }));
    s.on('video:signal', (signal: { from: string; description?: RTCSessionDescriptionInit; candidate?: RTCIceCandidateInit }) => void this.#onSignal(signal));
    s.on('video:sfu:new-consumer', (c: NewConsumer) => void this.#onConsumer(c));
    s.on('video:sfu:consumer-closed', ({ consumerId }: { consumerId: string }) => this.#dropConsumer(consumerId));
    // A dropped connection: rejoin with the resume token, no re-admission (the server remembers).
    this.#socket.on('disconnect', () => {
      if (this.#left || this.#state.phase === 'closed') return;
      this.#teardown();
      this.#set({ phase: 'reconnecting', peers: [] });
    });
    this.#socket.io.on('reconnect', () => {
      if (this.#left || this.#state.phase !== 'reconnecting') return;
      void this.#join().catch((err: unknown) => this.#set({ phase: 'error', error: err instanceof CallError ? err.code : 'internal' }));
    });
  }

  async #enter(call: CallInfo) {
    this.#iceServers = call.iceServers;
    this.#set({ mode: call.mode, activeSpeaker: call.activeSpeaker, peers: [] });
    for (const peer of call.peers) this.#addPeer(peer);
    void this.#sendMediaState();
    if (call.mode === 'mesh') {
      // The newcomer offers to everyone already in; they answer with their tracks (one round each).
      for (const peer of call.peers) this.#link(peer.peerId, true);
    } else {
      await this.#startSfu(call.routerRtpCapabilities as msTypes.RtpCapabilities);
    }
  }

  #addPeer(peer: PeerInfo) {
    if (this.#state.peers.some((p) => p.peerId === peer.peerId)) return;
    this.#set({ peers: [...this.#state.peers, { ...peer, stream: new MediaStream(), screenStream: null, framesDecoded: 0, audioSamples: 0, firstFrameMs: null, connection: null }] });
  }

  #teardown() {
    for (const link of this.#links.values()) link.pc.close();
    this.#links.clear();
    this.#sendTransport?.close();
    this.#recvTransport?.close();
    this.#sendTransport = this.#recvTransport = null;
    this.#producers.clear();
    this.#consumers.clear();
  }

  async leave(): Promise<void> {
    this.#left = true;
    clearInterval(this.#statsTimer);
    await this.#request('video:leave', {}).catch(() => undefined);
    sessionStorage.removeItem(this.#resumeKey());
    this.#teardown();
    for (const t of this.#state.localStream?.getTracks() ?? []) t.stop();
    this.#screenTrack?.stop();
    this.#set({ phase: 'closed', closedReason: 'left', localStream: null, peers: [] });
  }

  /** Stops everything without telling the server (page unmount: the socket closes right after). */
  dispose(): void {
    this.#left = true;
    clearInterval(this.#statsTimer);
    this.#teardown();
    for (const t of this.#state.localStream?.getTracks() ?? []) t.stop();
    this.#screenTrack?.stop();
  }

  // ---- host ----
  admit = (peerId: string) => this.#request('video:admit', { peerId });
  remove = (peerId: string) => this.#request('video:remove', { peerId });
  end = () => this.#request('video:end', {});

  // ---- controls ----

  #sendMediaState() {
    const { audio, video, screen } = this.#state;
    return this.#request('video:media-state', { audio, video, screen }).catch(() => undefined);
  }

  async toggleMute(): Promise<void> {
    const audio = !this.#state.audio;
    for (const t of this.#state.localStream?.getAudioTracks() ?? []) t.enabled = audio;
    const mic = this.#producers.get('mic');
    if (mic) {
      if (audio) mic.resume();
      else mic.pause();
      await this.#request('video:sfu:pause-producer', { producerId: mic.id, paused: !audio }).catch(() => undefined);
    }
    this.#set({ audio });
    await this.#sendMediaState();
  }

  async toggleCamera(): Promise<void> {
    await this.#setCamera(!this.#state.video);
  }

  async #setCamera(on: boolean, deviceId?: string): Promise<void> {
    const stream = this.#state.localStream ?? new MediaStream();
    for (const t of stream.getVideoTracks()) {
      t.stop();
      stream.removeTrack(t);
    }
    let track: MediaStreamTrack | null = null;
    if (on) {
      const media = await navigator.mediaDevices.getUserMedia({ video: deviceId ? { deviceId: { exact: deviceId } } : { width: 1280, height: 720 } });
      track = media.getVideoTracks()[0] ?? null;
      if (track) stream.addTrack(track);
    }
    if (!this.#screenTrack) await this.#replaceOutgoing('video', track);
    this.#set({ localStream: new MediaStream(stream.getTracks()), video: Boolean(track) });
    await this.#sendMediaState();
  }

  /** Swaps the camera or microphone for another device without leaving the call. */
  async switchDevice(kind: 'audioinput' | 'videoinput', deviceId: string): Promise<void> {
    if (kind === 'videoinput') return this.#setCamera(true, deviceId);
    const stream = this.#state.localStream ?? new MediaStream();
    const media = await navigator.mediaDevices.getUserMedia({ audio: { deviceId: { exact: deviceId } } });
    const track = media.getAudioTracks()[0];
    if (!track) return;
    track.enabled = this.#state.audio;
    for (const t of stream.getAudioTracks()) {
      t.stop();
      stream.removeTrack(t);
    }
    stream.addTrack(track);
    await this.#replaceOutgoing('audio', track);
    this.#set({ localStream: new MediaStream(stream.getTracks()) });
  }

  async #replaceOutgoing(kind: 'audio' | 'video', track: MediaStreamTrack | null) {
    for (const link of this.#links.values()) {
      const sender = link.pc.getTransceivers().find((t) => t.receiver.track.kind === kind)?.sender;
      await sender?.replaceTrack(track);
    }
    await this.#adaptMesh();
    const producer = this.#producers.get(kind === 'audio' ? 'mic' : 'camera');
    if (producer) {
      if (track) {
        await producer.replaceTrack({ track });
        producer.resume();
        await this.#request('video:sfu:pause-producer', { producerId: producer.id, paused: false }).catch(() => undefined);
      } else {
        producer.pause();
        await this.#request('video:sfu:pause-producer', { producerId: producer.id, paused: true }).catch(() => undefined);
      }
    } else if (track && kind === 'video' && this.#sendTransport) {
      await this.#produce('camera', track);
    }
  }

  /** Audio-only for weak connections: no camera out, no video in. */
  async setAudioOnly(audioOnly: boolean): Promise<void> {
    this.#set({ audioOnly });
    if (audioOnly && this.#state.video) await this.#setCamera(false);
    for (const link of this.#links.values()) {
      for (const t of link.pc.getTransceivers()) if (t.receiver.track.kind === 'video' && t.currentDirection !== 'stopped') t.direction = audioOnly ? 'inactive' : 'sendrecv';
    }
    for (const [id, c] of this.#consumers) {
      if (c.consumer.kind !== 'video') continue;
      await this.#request('video:sfu:pause-consumer', { consumerId: id, paused: audioOnly }).catch(() => undefined);
    }
  }

  /** Screen sharing (imaging review): in the SFU a second video stream; in a mesh it replaces the camera. */
  async toggleScreen(): Promise<void> {
    if (this.#screenTrack) return this.#stopScreen();
    const display = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
    const track = display.getVideoTracks()[0];
    if (!track) return;
    this.#screenTrack = track;
    track.addEventListener('ended', () => void this.#stopScreen());
    if (this.#state.mode === 'sfu') await this.#produce('screen', track);
    else {
      for (const link of this.#links.values()) await link.pc.getTransceivers().find((t) => t.receiver.track.kind === 'video')?.sender.replaceTrack(track);
      await this.#adaptMesh();
    }
    this.#set({ screen: true });
    await this.#sendMediaState();
  }

  async #stopScreen() {
    const track = this.#screenTrack;
    if (!track) return;
    this.#screenTrack = null;
    track.stop();
    const producer = this.#producers.get('screen');
    if (producer) {
      producer.close();
      this.#producers.delete('screen');
      await this.#request('video:sfu:close-producer', { producerId: producer.id }).catch(() => undefined);
    } else {
      await this.#replaceOutgoing('video', this.#state.localStream?.getVideoTracks()[0] ?? null);
    }
    this.#set({ screen: false });
    await this.#sendMediaState();
  }

  // ---- mesh ----

  /** Applies the mesh budget for the current number of links to every outgoing video sender. */
  async #adaptMesh() {
    if (this.#state.mode !== 'mesh') return;
    const budget = meshBudget(this.#links.size);
    for (const link of this.#links.values()) {
      for (const sender of link.pc.getSenders()) {
        if (sender.track?.kind !== 'video') continue;
        const params = sender.getParameters();
        if (!params.encodings?.length) continue;
        // A shared screen keeps its full size (text on a scan must stay legible); only the bitrate is capped.
        const scale = sender.track === this.#screenTrack ? 1 : budget.scaleResolutionDownBy;
        params.encodings = params.encodings.map((e) => ({ ...e, scaleResolutionDownBy: scale, maxBitrate: budget.maxBitrate }));
        await sender.setParameters(params).catch(() => undefined);
      }
    }
    this.#set({ videoScale: budget.scaleResolutionDownBy });
  }

  /**
   * The connection to one other person. The side that offers (the newcomer) adds its tracks now; the
   * side that answers adds none and attaches its tracks to the transceivers the offer creates
   * (#attachLocal), so each pair connects in one offer/answer without crossing offers.
   */
  #link(remoteId: string, offerer = false): MeshLink {
    const existing = this.#links.get(remoteId);
    if (existing) return existing;
    const pc = new RTCPeerConnection({ iceServers: this.#iceServers as RTCIceServer[] });
    const link: MeshLink = { pc, polite: (this.#state.selfId ?? '') > remoteId, makingOffer: false, ignoreOffer: false };
    this.#links.set(remoteId, link);
    if (offerer) {
      const local = this.#state.localStream;
      const audio = local?.getAudioTracks()[0];
      const video = this.#screenTrack ?? local?.getVideoTracks()[0];
      if (audio && local) pc.addTrack(audio, local);
      else pc.addTransceiver('audio', { direction: 'recvonly' });
      if (video && local) pc.addTrack(video, local);
      else pc.addTransceiver('video', { direction: this.#state.audioOnly ? 'inactive' : 'recvonly' });
    }
    const send = (body: { description?: RTCSessionDescriptionInit; candidate?: RTCIceCandidateInit }) =>
      this.#request('video:signal', { to: remoteId, ...body }).catch(() => undefined);
    pc.onnegotiationneeded = async () => {
      try {
        link.makingOffer = true;
        await pc.setLocalDescription();
        if (pc.localDescription) await send({ description: { type: pc.localDescription.type, sdp: pc.localDescription.sdp } });
      } finally {
        link.makingOffer = false;
      }
    };
    pc.onicecandidate = ({ candidate }) => {
      if (candidate && candidate.candidate) void send({ candidate: candidate.toJSON() });
    };
    pc.ontrack = ({ track }) => {
      const peer = this.#state.peers.find((p) => p.peerId === remoteId);
      if (!peer) return;
      const stream = new MediaStream([...peer.stream.getTracks().filter((t) => t.kind !== track.kind), track]);
      this.#setPeer(remoteId, { stream });
    };
    pc.onconnectionstatechange = () => {
      this.#setPeer(remoteId, { connection: pc.connectionState });
      if (pc.connectionState === 'connected') void this.#adaptMesh();
    };
    void this.#adaptMesh();
    return link;
  }

  /** The answering side: its microphone and camera (or screen) go out on the offer's fresh transceivers. */
  async #attachLocal(pc: RTCPeerConnection) {
    const local = this.#state.localStream;
    for (const t of pc.getTransceivers()) {
      if (t.currentDirection !== null || t.sender.track) continue;
      const kind = t.receiver.track.kind;
      const track = kind === 'audio' ? local?.getAudioTracks()[0] : (this.#screenTrack ?? local?.getVideoTracks()[0]);
      if (track) await t.sender.replaceTrack(track);
      t.direction = kind === 'video' && this.#state.audioOnly ? 'inactive' : track ? 'sendrecv' : 'recvonly';
    }
  }

  async #onSignal({ from, description, candidate }: { from: string; description?: RTCSessionDescriptionInit; candidate?: RTCIceCandidateInit }) {
    if (this.#state.mode !== 'mesh') return;
    const link = this.#link(from);
    const { pc } = link;
    try {
      if (description) {
        const collision = description.type === 'offer' && (link.makingOffer || pc.signalingState !== 'stable');
        link.ignoreOffer = !link.polite && collision;
        if (link.ignoreOffer) return;
        await pc.setRemoteDescription(description);
        if (description.type === 'offer') {
          await this.#attachLocal(pc);
          await pc.setLocalDescription();
          if (pc.localDescription) await this.#request('video:signal', { to: from, description: { type: pc.localDescription.type, sdp: pc.localDescription.sdp } });
        }
      } else if (candidate) {
        await pc.addIceCandidate(candidate).catch((err: unknown) => {
          if (!link.ignoreOffer) throw err;
        });
      }
    } catch {
      // A failed negotiation step shows as a poor connection; the next offer retries.
    }
  }

  // ---- SFU ----

  async #startSfu(routerRtpCapabilities: msTypes.RtpCapabilities) {
    const { Device } = await import('mediasoup-client');
    const device = await Device.factory();
    await device.load({ routerRtpCapabilities });
    await this.#request('video:sfu:ready', { rtpCapabilities: { codecs: device.rtpCapabilities.codecs, headerExtensions: device.rtpCapabilities.headerExtensions } });
    const sendInfo = await this.#request<TransportInfo>('video:sfu:transport', { direction: 'send' });
    const send = device.createSendTransport({ ...(sendInfo as unknown as msTypes.TransportOptions), iceServers: this.#iceServers as RTCIceServer[] });
    send.on('connect', ({ dtlsParameters }, done, fail) => {
      this.#request('video:sfu:connect', { transportId: send.id, dtlsParameters }).then(() => done(), fail);
    });
    send.on('produce', ({ kind, rtpParameters, appData }, done, fail) => {
      this.#request<{ id: string }>('video:sfu:produce', { transportId: send.id, kind, rtpParameters, source: (appData as { source: MediaSource }).source }).then(done, fail);
    });
    this.#sendTransport = send;
    const recvInfo = await this.#request<TransportInfo>('video:sfu:transport', { direction: 'recv' });
    const recv = device.createRecvTransport({ ...(recvInfo as unknown as msTypes.TransportOptions), iceServers: this.#iceServers as RTCIceServer[] });
    recv.on('connect', ({ dtlsParameters }, done, fail) => {
      this.#request('video:sfu:connect', { transportId: recv.id, dtlsParameters }).then(() => done(), fail);
    });
    this.#recvTransport = recv;
    const local = this.#state.localStream;
    const mic = local?.getAudioTracks()[0];
    const cam = local?.getVideoTracks()[0];
    if (mic) await this.#produce('mic', mic);
    if (cam) await this.#produce('camera', cam);
  }

  async #produce(source: MediaSource, track: MediaStreamTrack) {
    if (!this.#sendTransport) return;
    const producer = await this.#sendTransport.produce({
      track,
      stopTracks: false,
      ...(source === 'camera' ? { encodings: SIMULCAST, codecOptions: { videoGoogleStartBitrate: 1000 } } : {}),
      appData: { source },
    });
    this.#producers.set(source, producer);
  }

  async #onConsumer(c: NewConsumer) {
    // Consumers can arrive before the receive transport resolves on this side.
    for (let i = 0; i < 50 && !this.#recvTransport; i++) await new Promise((r) => setTimeout(r, 100));
    const recv = this.#recvTransport;
    if (!recv) return;
    const consumer = await recv.consume({ id: c.id, producerId: c.producerId, kind: c.kind, rtpParameters: c.rtpParameters as msTypes.RtpParameters });
    this.#consumers.set(c.id, { consumer, peerId: c.peerId, source: c.source });
    const peer = this.#state.peers.find((p) => p.peerId === c.peerId);
    if (peer) {
      if (c.source === 'screen') this.#setPeer(c.peerId, { screenStream: new MediaStream([consumer.track]) });
      else this.#setPeer(c.peerId, { stream: new MediaStream([...peer.stream.getTracks().filter((t) => t.kind !== consumer.kind), consumer.track]) });
    }
    const paused = c.kind === 'video' && this.#state.audioOnly;
    await this.#request('video:sfu:pause-consumer', { consumerId: c.id, paused }).catch(() => undefined);
  }

  #dropConsumer(consumerId: string) {
    const entry = this.#consumers.get(consumerId);
    if (!entry) return;
    entry.consumer.close();
    this.#consumers.delete(consumerId);
    if (entry.source === 'screen') this.#setPeer(entry.peerId, { screenStream: null });
  }

  /** Simulcast layer for a peer's camera: the active speaker's tile gets the top layer. */
  preferLayer(peerId: string, spatialLayer: number) {
    for (const [id, c] of this.#consumers) {
      if (c.peerId === peerId && c.source === 'camera') void this.#request('video:sfu:layers', { consumerId: id, spatialLayer }).catch(() => undefined);
    }
  }

  // ---- stats ----

  /** Stats reports, each with the remote peer whose media it receives (null: what this side sends). */
  async #reports(): Promise<{ peerId: string | null; report: RTCStatsReport }[]> {
    const out: { peerId: string | null; report: RTCStatsReport }[] = [];
    for (const [peerId, link] of this.#links) out.push({ peerId, report: await link.pc.getStats() });
    for (const { consumer, peerId } of this.#consumers.values()) out.push({ peerId, report: await consumer.getStats() });
    if (this.#sendTransport) out.push({ peerId: null, report: await this.#sendTransport.getStats() });
    return out;
  }

  async #sampleStats() {
    if (this.#state.phase !== 'in-call') return;
    let frames = 0;
    let samples = 0;
    let lost = 0;
    let received = 0;
    let rtt: number | null = null;
    const perPeer = new Map<string, { framesDecoded: number; audioSamples: number }>();
    for (const { peerId, report } of await this.#reports().catch(() => [])) {
      const mine = peerId ? (perPeer.get(peerId) ?? { framesDecoded: 0, audioSamples: 0 }) : null;
      if (peerId && mine) perPeer.set(peerId, mine);
      report.forEach((s: Record<string, unknown>) => {
        if (s.type === 'inbound-rtp') {
          if (s.kind === 'video') frames += Number(s.framesDecoded ?? 0);
          if (s.kind === 'audio') samples += Number(s.totalSamplesReceived ?? 0);
          if (mine && s.kind === 'video') mine.framesDecoded += Number(s.framesDecoded ?? 0);
          if (mine && s.kind === 'audio') mine.audioSamples += Number(s.totalSamplesReceived ?? 0);
          lost += Number(s.packetsLost ?? 0);
          received += Number(s.packetsReceived ?? 0);
        }
        if (s.type === 'candidate-pair' && s.nominated && typeof s.currentRoundTripTime === 'number') rtt = Math.max(rtt ?? 0, s.currentRoundTripTime);
      });
    }
    const dLost = lost - this.#lastLoss.lost;
    const dReceived = received - this.#lastLoss.received;
    this.#lastLoss = { lost, received };
    const loss = dLost + dReceived > 0 ? dLost / (dLost + dReceived) : 0;
    const rttMs = rtt === null ? null : (rtt as number) * 1000;
    const quality: Quality = received === 0 && rttMs === null ? 'unknown' : loss > 0.1 || (rttMs ?? 0) > 600 ? 'poor' : loss > 0.03 || (rttMs ?? 0) > 300 ? 'fair' : 'good';
    const firstFrameMs = this.#state.firstFrameMs ?? (frames > 0 ? Math.round(performance.now() - this.#joinStartedAt) : null);
    const peers = this.#state.peers.map((p) => ({ ...p, ...(perPeer.get(p.peerId) ?? {}) }));
    this.#set({ framesDecoded: frames, audioSamples: samples, quality, firstFrameMs, peers });
  }

  /** Called by a remote <video> when its first frame is shown (more precise than the stats tick). */
  markFirstFrame(peerId: string) {
    const ms = Math.round(performance.now() - this.#joinStartedAt);
    if (this.#state.firstFrameMs === null) this.#set({ firstFrameMs: ms });
    if (this.#state.peers.find((p) => p.peerId === peerId)?.firstFrameMs === null) this.#setPeer(peerId, { firstFrameMs: ms });
  }
}
