import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { types as ms } from 'mediasoup';
import type { z } from 'zod';
import {
  MESH_FULL,
  MESH_MAX_PARTICIPANTS,
  type CallInfo,
  type CallMode,
  type CreateGuestLinkRequest,
  type GuestLink,
  type GuestLinkInfo,
  type GuestRole,
  type GuestSessionInfo,
  type JoinResult,
  type RoomKind,
  type RoomRef,
  type RoomSummary,
  type SfuStatus,
  type SignalRequest,
  type VideoStatus,
} from '../contracts/video.ts';
import type { Actor, Deps } from '../platform/context.ts';
import { errorFacts } from '../platform/error-facts.ts';
import { AppError } from '../platform/errors.ts';
import * as messaging from '../messaging/service.ts';
import { accessDecision, getUser, permits, watchAccessLost, type AccessLost } from '../people/service.ts';
import { iceServersFor } from './ice.ts';
import * as repo from './repo.ts';
import { Peer, Room, roomKey, type Identity, type PeerChannel } from './room.ts';
import { Sfu, sfuOptions, type SfuOptions } from './sfu.ts';
import { findRoomSubject, roomEndsAt, type RoomSubject } from './sources.ts';

/** Rooms open this long before their start and stay open this long after their end. */
export const OPEN_BEFORE_MS = 60 * 60_000;
export const OPEN_AFTER_MS = 2 * 60 * 60_000;

/** A guest's restricted identity, kept in Redis for the life of the room (cookie -> this). */
export interface GuestSession {
  guestId: string;
  linkId: string;
  room: RoomRef;
  name: string;
  guestRole: GuestRole;
  patientId: string | null;
  /** ISO instant: the link's end (its validMinutes, at most the room's end); the socket is cut then. */
  expiresAt: string;
}

export interface VideoOptions {
  sfu?: Partial<SfuOptions>;
  maxParticipants?: number;
}


const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * The video domain: the SFU, the live rooms on this process, and the rules for who gets in.
 * Rooms are per process (mediasoup routers are); several server processes need the load balancer to
 * keep a room's sockets on one node (docs/decisions/0400-video-rooms.md). Admission and end-of-call
 * live in Redis, so a rejoin after a drop or a restart does not need the host again.
 */
export class VideoService {
  readonly sfu: Sfu;
  readonly maxParticipants: number;
  readonly #deps: Deps;
  readonly #rooms = new Map<string, Room>();
  readonly #creating = new Map<string, Promise<Room>>();
  readonly #peerByChannel = new Map<string, { room: Room; peer: Peer }>();
  readonly #onClose: (() => void)[] = [];
  #closed = false;
  #unwatch: (() => Promise<void>) | undefined;

  private constructor(deps: Deps, sfu: Sfu, maxParticipants: number) {
    this.#deps = deps;
    this.sfu = sfu;
    this.maxParticipants = maxParticipants;
  }

  static async start(deps: Deps, options: VideoOptions = {}): Promise<VideoService> {
    const sfu = await Sfu.start(sfuOptions(deps.config, options.sfu), deps.logger);
    const video = new VideoService(deps, sfu, options.maxParticipants ?? 16);
    video.#unwatch = await watchAccessLost(deps, (lost) => video.accessLost(lost));
    return video;
  }

  status(): SfuStatus {
    return this.sfu.status();
  }

  /** How calls run now: through the SFU, or as a mesh of up to MESH_MAX_PARTICIPANTS without it. */
  mode(): CallMode {
    return this.sfu.status() === 'available' ? 'sfu' : 'mesh';
  }

  /** People a call holds at once in the current mode. */
  capacity(): number {
    return this.mode() === 'sfu' ? this.maxParticipants : Math.min(MESH_MAX_PARTICIPANTS, this.maxParticipants);
  }

  info(): VideoStatus {
    return { sfu: this.status(), mode: this.mode(), meshMaxParticipants: MESH_MAX_PARTICIPANTS, maxParticipants: this.maxParticipants };
  }

  /** Runs when the service closes (the guest namespace unhooks itself, so a restarted service owns it alone). */
  onClose(fn: () => void): void {
    this.#onClose.push(fn);
  }

  /** Live room (tests and metrics). */
  room(ref: RoomRef): Room | undefined {
    return this.#rooms.get(roomKey(ref));
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#unwatch?.();
    for (const room of [...this.#rooms.values()]) room.close('ended');
    for (const fn of this.#onClose.splice(0)) fn();
    this.sfu.close();
  }

  // ---- keys ----

  #admittedKey = (ref: RoomRef) => this.#deps.key('video', 'admitted', roomKey(ref));
  #endedKey = (ref: RoomRef) => this.#deps.key('video', 'ended', roomKey(ref));
  #guestKey = (tokenHash: string) => this.#deps.key('video', 'guest', tokenHash);
  #guestIndexKey = (guestId: string) => this.#deps.key('video', 'guest-of', guestId);
  #guestOfLinkKey = (linkId: string) => this.#deps.key('video', 'guest-of-link', linkId);

  // ---- who may join ----

  async #subject(ref: RoomRef): Promise<RoomSubject> {
    const subject = await findRoomSubject(this.#deps, ref.kind, ref.id);
    if (!subject) throw new AppError('not_found');
    return subject;
  }

  #roomSize(subject: RoomSubject): number {
    return new Set([...subject.participantIds, ...subject.hostIds]).size;
  }

  #assertOpen(subject: RoomSubject, now = Date.now()) {
    if (subject.status === 'cancelled') throw new AppError('conflict', 'This appointment was cancelled.');
    if (now < new Date(subject.startsAt).getTime() - OPEN_BEFORE_MS) throw new AppError('conflict', 'The room opens an hour before the start.');
    if (now > roomEndsAt(subject).getTime() + OPEN_AFTER_MS) throw new AppError('conflict', 'This call is over.');
  }

  async #audit(actor: { id: string; role: string; requestId?: string | undefined }, action: string, ref: RoomRef, subject: RoomSubject | null, outcome: 'success' | 'denied', details?: Record<string, string | number | boolean | null>) {
    await this.#deps.audit.record({
      actor: actor.id,
      actorRole: actor.role,
      action,
      targetType: 'video_room',
      targetId: roomKey(ref),
      patientId: subject?.patientId ?? undefined,
      outcome,
      requestId: actor.requestId,
      details,
    });
  }

  /**
   * Whether a signed-in user belongs in this room now (S23): on the room's list (a cache of who was
   * invited) and, for a patient's room, with a live, non-emergency relationship that covers appointments.
   */
  async #belongs(user: { userId: string; role: Actor['role']; orgId: string }, subject: RoomSubject): Promise<boolean> {
    if (!subject.participantIds.includes(user.userId) && !subject.hostIds.includes(user.userId)) return false;
    if (!subject.patientId) return true;
    const decision = await accessDecision(this.#deps, user, subject.patientId);
    return permits(decision, 'appointments') && !decision.emergency;
  }

  /**
   * Someone lost access to a patient: their peers in that patient's rooms on this node close at once,
   * and the room forgets it admitted them (SECURITY.md S23). A stale announcement changes nothing.
   */
  async accessLost(lost: AccessLost): Promise<void> {
    const user = await getUser(this.#deps, lost.userId);
    for (const room of [...this.#rooms.values()]) {
      const peers = [...room.peers.values()].filter((p) => p.identity.kind === 'user' && p.identity.id === lost.userId);
      if (peers.length === 0) continue;
      const subject = await findRoomSubject(this.#deps, room.ref.kind, room.ref.id);
      if (subject && subject.patientId !== lost.patientId) continue;
      if (subject && user && (await this.#belongs({ userId: user.id, role: user.role, orgId: user.orgId }, subject))) continue;
      await this.#deps.redis.srem(this.#admittedKey(room.ref), `user:${lost.userId}`);
      for (const peer of peers) {
        peer.channel.emit('video:closed', { reason: 'removed' });
        peer.close('removed');
      }
    }
  }

  /** A signed-in user's identity in a room, or forbidden (audited) when they are not on it. */
  async userIdentity(actor: Actor, ref: RoomRef): Promise<{ identity: Identity; subject: RoomSubject }> {
    const subject = await this.#subject(ref);
    if (!(await this.#belongs(actor, subject))) {
      await this.#audit({ id: actor.userId, role: actor.role, requestId: actor.requestId }, 'video.join', ref, subject, 'denied');
      throw new AppError('forbidden');
    }
    const user = await getUser(this.#deps, actor.userId);
    const role = subject.hostIds.includes(actor.userId) ? 'host' : 'participant';
    return { identity: { kind: 'user', id: actor.userId, name: user?.name ?? '', role }, subject };
  }

  async guestIdentity(guest: GuestSession): Promise<{ identity: Identity; subject: RoomSubject }> {
    const subject = await this.#subject(guest.room);
    return { identity: { kind: 'guest', id: guest.guestId, name: guest.name, role: 'guest', guestRole: guest.guestRole }, subject };
  }

  /** What the web app shows before joining (REST). */
  async summary(actor: Actor, ref: RoomRef): Promise<RoomSummary> {
    const subject = await this.#subject(ref);
    if (!(await this.#belongs(actor, subject))) {
      await this.#audit({ id: actor.userId, role: actor.role, requestId: actor.requestId }, 'video.room.read', ref, subject, 'denied');
      throw new AppError('not_found');
    }
    await this.#audit({ id: actor.userId, role: actor.role, requestId: actor.requestId }, 'video.room.read', ref, subject, 'success');
    return {
      room: ref,
      title: subject.title ?? null,
      startsAt: subject.startsAt,
      endsAt: roomEndsAt(subject).toISOString(),
      status: subject.status,
      role: subject.hostIds.includes(actor.userId) ? 'host' : 'participant',
      mode: this.mode(),
      sfu: this.status(),
      participantCount: this.#roomSize(subject),
      capacity: this.capacity(),
      chatPath: await this.#chatPath(actor, ref),
    };
  }

  async #chatPath(actor: Actor, ref: RoomRef): Promise<string | null> {
    // The consult chat beside the call: the messaging domain's consult thread of this appointment.
    if (ref.kind !== 'appointment') return null;
    const threadId = await messaging.consultThreadIdFor(this.#deps, ref.id).catch(() => null);
    return threadId ? `/${actor.role}/messages/${threadId}` : null;
  }

  // ---- rooms ----

  async #roomFor(ref: RoomRef, mode: CallMode): Promise<Room> {
    const key = roomKey(ref);
    const live = this.#rooms.get(key);
    if (live && !live.closed) return live;
    // One creation per room even when two people join at the same instant (mediasoup-demo's mutex).
    let creating = this.#creating.get(key);
    if (!creating) {
      creating = Room.create({ ref, mode, sfu: this.sfu, logger: this.#deps.logger, maxParticipants: this.maxParticipants })
        .then((room) => {
          this.#rooms.set(key, room);
          room.once('closed', () => {
            if (this.#rooms.get(key) === room) this.#rooms.delete(key);
          });
          return room;
        })
        .finally(() => this.#creating.delete(key));
      this.#creating.set(key, creating);
    }
    return creating;
  }

  #callInfo(room: Room, peer: Peer): CallInfo {
    return {
      mode: room.mode,
      iceServers: iceServersFor(this.#deps.config.ice, peer.identity.id),
      ...(room.mode === 'sfu' ? { routerRtpCapabilities: room.routerRtpCapabilities() } : {}),
      peers: room.admitted().filter((p) => p !== peer).map((p) => p.info()),
      activeSpeaker: room.activeSpeaker,
    };
  }

  /**
   * Joins a room. The server picks the peer id, so nobody can take another's place; a second login of
   * the same user is a second peer. Hosts go straight in; others wait unless a host already admitted
   * them to this room (remembered for the room's life); `resume` (this client's previous peer's
   * secret) replaces that peer after a network drop.
   */
  async join(identity: Identity, subject: RoomSubject, ref: RoomRef, channel: PeerChannel, opts: { resume?: string | undefined; requestId?: string }): Promise<JoinResult> {
    if (this.#closed) throw new AppError('unavailable');
    const auditActor = { id: identity.kind === 'guest' ? `guest:${identity.id}` : identity.id, role: identity.kind === 'guest' ? 'guest' : identity.role, requestId: opts.requestId };
    this.#assertOpen(subject);
    const member = `${identity.kind}:${identity.id}`;
    if (identity.role !== 'host' && (await this.#deps.redis.exists(this.#endedKey(ref)))) throw new AppError('conflict', 'The host ended this call.');
    if (identity.role === 'host') await this.#deps.redis.del(this.#endedKey(ref));

    // One peer per socket: a second join from the same socket leaves the first room.
    this.#peerByChannel.get(channel.id)?.peer.close('left');

    const room = await this.#roomFor(ref, this.mode());
    const previous = opts.resume ? [...room.peers.values()].find((p) => p.resumeToken === opts.resume && `${p.identity.kind}:${p.identity.id}` === member) : undefined;
    // A mesh sends every stream to every peer: past four (waiting room included) the call is refused,
    // and the refusal says why so the screen can tell the person what the administrator can do.
    if (room.mode === 'mesh' && [...room.peers.values()].filter((p) => p !== previous).length >= MESH_MAX_PARTICIPANTS) {
      await this.#audit(auditActor, 'video.join', ref, subject, 'denied', { reason: MESH_FULL });
      throw this.#meshFull();
    }
    const wasAdmitted = identity.role === 'host' || Boolean(previous && previous.state === 'admitted') || (await this.#deps.redis.sismember(this.#admittedKey(ref), member)) === 1;
    previous?.close('replaced');

    const peer = new Peer(identity, channel);
    room.add(peer);
    this.#peerByChannel.set(channel.id, { room, peer });
    peer.once('closed', (reason) => {
      if (this.#peerByChannel.get(channel.id)?.peer === peer) this.#peerByChannel.delete(channel.id);
      void this.#audit(auditActor, 'video.leave', ref, subject, 'success', { peerId: peer.id, reason }).catch((err: Error) =>
        this.#deps.logger.error({ err: errorFacts(err) }, 'video leave audit failed'),
      );
      if (room.peers.size === 0) room.close('ended');
    });
    if (wasAdmitted) {
      await room.admit(peer);
      await this.#remember(ref, subject, member);
    } else {
      room.sendWaitingList();
    }
    await this.#audit(auditActor, 'video.join', ref, subject, 'success', { peerId: peer.id, state: peer.state, mode: room.mode, resumed: Boolean(previous) });
    return {
      peerId: peer.id,
      resumeToken: peer.resumeToken,
      role: identity.role,
      state: peer.state,
      ...(peer.state === 'admitted' ? { call: this.#callInfo(room, peer) } : {}),
    };
  }

  async #remember(ref: RoomRef, subject: RoomSubject, member: string) {
    const until = Math.ceil((roomEndsAt(subject).getTime() + OPEN_AFTER_MS) / 1000);
    await this.#deps.redis.multi().sadd(this.#admittedKey(ref), member).expireat(this.#admittedKey(ref), until).exec();
  }

  /** The caller's peer, bound to the socket it joined from. */
  #mine(channelId: string): { room: Room; peer: Peer } {
    const entry = this.#peerByChannel.get(channelId);
    if (!entry || entry.peer.closed) throw new AppError('conflict', 'Join a room first.');
    return entry;
  }

  #hostAction(channelId: string): { room: Room; peer: Peer } {
    const mine = this.#mine(channelId);
    if (mine.peer.identity.role !== 'host' || mine.peer.state !== 'admitted') throw new AppError('forbidden');
    return mine;
  }

  #target(room: Room, peerId: string): Peer {
    const target = room.peers.get(peerId);
    if (!target) throw new AppError('not_found');
    return target;
  }

  #meshFull(): AppError {
    return new AppError('unavailable', `Without the video server a call holds ${MESH_MAX_PARTICIPANTS} people.`, [{ path: MESH_FULL, message: String(MESH_MAX_PARTICIPANTS) }]);
  }

  #auditActorOf(peer: Peer, requestId?: string) {
    return { id: peer.identity.kind === 'guest' ? `guest:${peer.identity.id}` : peer.identity.id, role: peer.identity.kind === 'guest' ? 'guest' : peer.identity.role, requestId };
  }

  async admit(channelId: string, peerId: string, requestId?: string): Promise<void> {
    const { room, peer: host } = this.#hostAction(channelId);
    const target = this.#target(room, peerId);
    if (target.state === 'admitted') return;
    const subject = await this.#subject(room.ref);
    await room.admit(target);
    await this.#remember(room.ref, subject, `${target.identity.kind}:${target.identity.id}`);
    target.channel.emit('video:admitted', this.#callInfo(room, target));
    await this.#audit(this.#auditActorOf(host, requestId), 'video.admit', room.ref, subject, 'success', { peerId: target.id });
  }

  /** Removes a peer (waiting or in the call); it must be admitted again to come back, a guest never. */
  async remove(channelId: string, peerId: string, requestId?: string): Promise<void> {
    const { room, peer: host } = this.#hostAction(channelId);
    const target = this.#target(room, peerId);
    if (target === host) throw new AppError('invalid', 'Leave the call instead.');
    const member = `${target.identity.kind}:${target.identity.id}`;
    await this.#deps.redis.srem(this.#admittedKey(room.ref), member);
    if (target.identity.kind === 'guest') await this.#endGuest(target.identity.id, 'removed');
    else {
      target.channel.emit('video:closed', { reason: 'removed' });
      target.close('removed');
    }
    await this.#audit(this.#auditActorOf(host, requestId), 'video.remove', room.ref, await findRoomSubject(this.#deps, room.ref.kind, room.ref.id), 'success', { peerId });
  }

  /** Ends the call for everyone; participants cannot come back until a host starts it again. */
  async end(channelId: string, requestId?: string): Promise<void> {
    const { room, peer: host } = this.#hostAction(channelId);
    const subject = await findRoomSubject(this.#deps, room.ref.kind, room.ref.id);
    const until = Math.ceil(((subject ? roomEndsAt(subject).getTime() : Date.now()) + OPEN_AFTER_MS) / 1000);
    await this.#deps.redis.multi().set(this.#endedKey(room.ref), '1', 'EXAT', Math.max(until, Math.ceil(Date.now() / 1000) + 60)).del(this.#admittedKey(room.ref)).exec();
    await this.#audit(this.#auditActorOf(host, requestId), 'video.end', room.ref, subject, 'success', { peers: room.peers.size });
    // Guests came for this call only: their sessions end with it, and unused links die.
    const guests = [...room.peers.values()].filter((p) => p.identity.kind === 'guest').map((p) => p.identity.id);
    await repo.revokeUnusedGuestLinks(this.#deps.db, room.ref.kind, room.ref.id);
    room.close('ended');
    for (const guestId of guests) await this.#endGuest(guestId, 'ended');
  }

  leave(channelId: string): void {
    this.#peerByChannel.get(channelId)?.peer.close('left');
  }

  /** The socket went away (network, logout, account disabled): its peer closes at once (SECURITY.md S7). */
  channelClosed(channelId: string): void {
    this.#peerByChannel.get(channelId)?.peer.close('disconnected');
  }

  signal(channelId: string, input: SignalRequest): void {
    const { room, peer } = this.#mine(channelId);
    if (room.mode !== 'mesh') throw new AppError('conflict', 'This call runs through the video server.');
    if (peer.state !== 'admitted') throw new AppError('forbidden', 'Wait until you are admitted.');
    const target = room.peers.get(input.to);
    if (!target || target.state !== 'admitted' || target === peer) throw new AppError('not_found');
    target.channel.emit('video:signal', {
      from: peer.id,
      ...(input.description ? { description: input.description } : {}),
      ...(input.candidate ? { candidate: input.candidate } : {}),
    });
  }

  mediaState(channelId: string, media: { audio: boolean; video: boolean; screen: boolean }): void {
    const { room, peer } = this.#mine(channelId);
    peer.media = media;
    if (peer.state === 'admitted') room.broadcast('video:peer-updated', peer.info(), peer);
  }

  // ---- SFU signaling ----

  sfuReady(channelId: string, rtpCapabilities: unknown): void {
    const { room, peer } = this.#mine(channelId);
    room.setRtpCapabilities(peer, rtpCapabilities as ms.RtpCapabilities);
  }

  createTransport(channelId: string, direction: 'send' | 'recv') {
    const { room, peer } = this.#mine(channelId);
    return room.createTransport(peer, direction);
  }

  connectTransport(channelId: string, transportId: string, dtlsParameters: unknown) {
    const { room, peer } = this.#mine(channelId);
    return room.connectTransport(peer, transportId, dtlsParameters as ms.DtlsParameters);
  }

  produce(channelId: string, input: { transportId: string; kind: 'audio' | 'video'; rtpParameters: unknown; source: 'mic' | 'camera' | 'screen' }) {
    const { room, peer } = this.#mine(channelId);
    return room.produce(peer, { ...input, rtpParameters: input.rtpParameters as ms.RtpParameters });
  }

  closeProducer(channelId: string, producerId: string) {
    const { room, peer } = this.#mine(channelId);
    room.closeProducer(peer, producerId);
  }

  pauseProducer(channelId: string, producerId: string, paused: boolean) {
    const { room, peer } = this.#mine(channelId);
    return room.pauseProducer(peer, producerId, paused);
  }

  pauseConsumer(channelId: string, consumerId: string, paused: boolean) {
    const { room, peer } = this.#mine(channelId);
    return room.pauseConsumer(peer, consumerId, paused);
  }

  setLayers(channelId: string, consumerId: string, spatialLayer: number, temporalLayer?: number) {
    const { room, peer } = this.#mine(channelId);
    return room.setLayers(peer, consumerId, spatialLayer, temporalLayer);
  }

  // ---- guests ----

  /** A host creates a one-time link for a guest; the token is shown once and stored only as a hash. */
  async createGuestLink(actor: Actor, ref: RoomRef, input: z.output<typeof CreateGuestLinkRequest>): Promise<GuestLink> {
    const subject = await this.#subject(ref);
    if (!(await this.#belongs(actor, subject))) throw new AppError('not_found');
    if (!subject.hostIds.includes(actor.userId)) throw new AppError('forbidden');
    // Without the SFU a guest still fits while the mesh has room (join checks it).
    const token = randomBytes(32).toString('base64url');
    const roomEnd = roomEndsAt(subject).getTime() + OPEN_AFTER_MS;
    const expiresAt = new Date(Math.min(roomEnd, Date.now() + (input.validMinutes ?? 24 * 60) * 60_000));
    const id = randomUUID();
    await repo.insertGuestLink(this.#deps.db, { id, roomKind: ref.kind, roomId: ref.id, tokenHash: sha256(token), guestName: input.name, guestRole: input.role, createdBy: actor.userId, expiresAt });
    await this.#audit({ id: actor.userId, role: actor.role, requestId: actor.requestId }, 'video.guest_link.create', ref, subject, 'success', { linkId: id, guestRole: input.role });
    return { id, url: `${this.#deps.config.publicUrl}/video/guest#${token}`, expiresAt: expiresAt.toISOString() };
  }

  /**
   * Redeems a guest link, once: the answer carries a fresh guest session token (for an HttpOnly cookie)
   * that identifies the guest to the /video-guest socket namespace and to nothing else.
   */
  async redeemGuestLink(token: string, requestId?: string): Promise<{ sessionToken: string; session: GuestSession; expiresAt: Date }> {
    const link = await repo.redeemGuestLink(this.#deps.db, sha256(token));
    if (!link) {
      await this.#deps.audit.record({ actor: 'anonymous', action: 'video.guest.redeem', targetType: 'video_guest_link', outcome: 'denied', requestId });
      throw new AppError('not_found', 'This link is not valid any more.');
    }
    const ref: RoomRef = { kind: link.roomKind as RoomKind, id: link.roomId };
    const subject = await findRoomSubject(this.#deps, ref.kind, ref.id);
    // A link is only as good as its creator's place in the room: one who lost access voids their unused links.
    const creator = await getUser(this.#deps, link.createdBy);
    if (!subject || !creator || creator.disabledAt || !subject.hostIds.includes(creator.id) || !(await this.#belongs({ userId: creator.id, role: creator.role, orgId: creator.orgId }, subject))) {
      await this.#deps.audit.record({ actor: 'anonymous', action: 'video.guest.redeem', targetType: 'video_guest_link', targetId: link.id, outcome: 'denied', requestId, details: { reason: 'creator_access' } });
      throw new AppError('not_found', 'This link is not valid any more.');
    }
    // The session ends with the link: its validMinutes, bounded by the room's end when it was made.
    const expiresAt = link.expiresAt;
    const session: GuestSession = { guestId: randomUUID(), linkId: link.id, room: ref, name: link.guestName, guestRole: link.guestRole, patientId: subject.patientId ?? null, expiresAt: expiresAt.toISOString() };
    const sessionToken = randomBytes(32).toString('base64url');
    const px = Math.max(1, expiresAt.getTime() - Date.now());
    await this.#deps.redis
      .multi()
      .set(this.#guestKey(sha256(sessionToken)), JSON.stringify(session), 'PX', px)
      .set(this.#guestIndexKey(session.guestId), sha256(sessionToken), 'PX', px)
      .set(this.#guestOfLinkKey(link.id), session.guestId, 'PX', px)
      .exec();
    await this.#audit({ id: `guest:${session.guestId}`, role: 'guest', requestId }, 'video.guest.redeem', ref, subject, 'success', { linkId: link.id, guestRole: link.guestRole });
    return { sessionToken, session, expiresAt };
  }

  async guestSession(sessionToken: string): Promise<GuestSession | null> {
    const raw = await this.#deps.redis.get(this.#guestKey(sha256(sessionToken)));
    return raw ? (JSON.parse(raw) as GuestSession) : null;
  }

  guestInfo(session: GuestSession): GuestSessionInfo {
    return { room: session.room, name: session.name, guestRole: session.guestRole, capacity: this.capacity() };
  }

  /** The room's guest links for its hosts: who, until when, and whether used or revoked. */
  async listGuestLinks(actor: Actor, ref: RoomRef): Promise<GuestLinkInfo[]> {
    const subject = await this.#subject(ref);
    if (!subject.hostIds.includes(actor.userId) || !(await this.#belongs(actor, subject))) throw new AppError('not_found');
    return (await repo.listGuestLinks(this.#deps.db, ref.kind, ref.id)).map((l) => ({
      id: l.id,
      name: l.guestName,
      guestRole: l.guestRole,
      createdBy: l.createdBy,
      expiresAt: l.expiresAt.toISOString(),
      used: l.usedAt !== null,
      revoked: l.revokedAt !== null,
    }));
  }

  /**
   * Its creator or a host of the room revokes a guest link: unused, it can no longer be redeemed; used,
   * the guest's session ends and their peer leaves the call at once.
   */
  async revokeGuestLink(actor: Actor, ref: RoomRef, linkId: string): Promise<void> {
    const subject = await this.#subject(ref);
    const link = await repo.findGuestLink(this.#deps.db, ref.kind, ref.id, linkId);
    if (!link || (link.createdBy !== actor.userId && !subject.hostIds.includes(actor.userId))) throw new AppError('not_found');
    await repo.revokeGuestLink(this.#deps.db, linkId);
    const guestId = await this.#deps.redis.get(this.#guestOfLinkKey(linkId));
    if (guestId) await this.#endGuest(guestId, 'removed');
    await this.#audit({ id: actor.userId, role: actor.role, requestId: actor.requestId }, 'video.guest_link.revoke', ref, subject, 'success', { linkId });
  }

  /** A guest's session ends (removed, revoked, expired, room ended): cookie refused, peer closed, socket cut. */
  async #endGuest(guestId: string, reason: 'removed' | 'ended' = 'removed') {
    const hash = await this.#deps.redis.get(this.#guestIndexKey(guestId));
    if (hash) await this.#deps.redis.del(this.#guestKey(hash), this.#guestIndexKey(guestId));
    for (const { peer } of this.#peerByChannel.values()) {
      if (peer.identity.kind !== 'guest' || peer.identity.id !== guestId) continue;
      peer.channel.emit('video:closed', { reason });
      peer.close(reason);
    }
  }

  /** A guest's socket outlives nothing: at its session's end the peer closes (the caller cuts the socket). */
  guestExpired(guest: GuestSession): Promise<void> {
    return this.#endGuest(guest.guestId, 'ended');
  }
}

/** The running video service from deps (set by server.ts), or unavailable. */
export function videoOf(deps: Deps): VideoService {
  const video = deps.video;
  if (!(video instanceof VideoService)) throw new AppError('unavailable', 'Video is not running on this server.');
  return video;
}
