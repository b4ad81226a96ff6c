import { z } from 'zod';
import type { AckFn } from './common.ts';

/**
 * Video consultations and case reviews: REST bodies, socket payloads and the typed event maps
 * (merged into ServerToClientEvents / ClientToServerEvents in contracts/socket.ts).
 * Every payload is strict: unknown keys are refused with `invalid`.
 */

/** What a room belongs to; new kinds plug in through src/video/sources.ts. */
export const ROOM_KINDS = ['appointment', 'case_review'] as const;
export const RoomKind = z.enum(ROOM_KINDS);
export type RoomKind = z.infer<typeof RoomKind>;

export const RoomRef = z.object({ kind: RoomKind, id: z.uuid() }).strict();
export type RoomRef = z.infer<typeof RoomRef>;

export const PeerRole = z.enum(['host', 'participant', 'guest']);
export type PeerRole = z.infer<typeof PeerRole>;

export const GUEST_ROLES = ['interpreter', 'family'] as const;
export const GuestRole = z.enum(GUEST_ROLES);
export type GuestRole = z.infer<typeof GuestRole>;

/**
 * 'sfu': mediasoup routes media, any size; 'mesh': no SFU worker runs, so every browser sends to every
 * other directly (one RTCPeerConnection per pair), which caps a call at MESH_MAX_PARTICIPANTS.
 */
export type CallMode = 'sfu' | 'mesh';
/** The most people a call holds without the SFU: uplink and CPU grow with every extra peer (decision 0503). */
export const MESH_MAX_PARTICIPANTS = 4;
/** Error detail path a join refused for a full mesh carries, so the web app can say why and what to do. */
export const MESH_FULL = 'mesh_full';
export type SfuStatus = 'available' | 'unavailable';

export interface IceServer {
  urls: string[];
  username?: string;
  credential?: string;
}

export interface PeerInfo {
  peerId: string;
  name: string;
  role: PeerRole;
  /** The guest's role (interpreter, family), when role is 'guest'. */
  guestRole?: GuestRole;
  audio: boolean;
  video: boolean;
  screen: boolean;
}

export interface WaitingPeer {
  peerId: string;
  name: string;
  role: PeerRole;
  guestRole?: GuestRole;
  since: string;
}

/** Everything a peer needs once admitted: how media flows and who is there. */
export interface CallInfo {
  mode: CallMode;
  iceServers: IceServer[];
  /** mediasoup router capabilities (sfu mode): load the mediasoup-client Device with them. */
  routerRtpCapabilities?: unknown;
  peers: PeerInfo[];
  activeSpeaker: string | null;
}

export interface JoinResult {
  peerId: string;
  /** Secret for this peer: a rejoin after a network drop that presents it replaces this peer. */
  resumeToken: string;
  role: PeerRole;
  state: 'waiting' | 'admitted';
  call?: CallInfo;
}

// ---- REST ----

export interface RoomSummary {
  room: RoomRef;
  title: string | null;
  startsAt: string;
  endsAt: string;
  status: string;
  role: PeerRole;
  /** How media flows for this room now. */
  mode: CallMode;
  sfu: SfuStatus;
  participantCount: number;
  /** How many people can be in the call at once in this mode. */
  capacity: number;
  /** Path of the consult chat in the web app, when the messaging domain has one for this room. */
  chatPath: string | null;
}

export interface VideoStatus {
  sfu: SfuStatus;
  /** How calls run on this server now. */
  mode: CallMode;
  /** The largest call that runs without the SFU. */
  meshMaxParticipants: number;
  maxParticipants: number;
}

export const CreateGuestLinkRequest = z
  .object({
    role: GuestRole,
    name: z.string().trim().min(1).max(80),
    /** Minutes the link stays valid (default: until the room's end, at most 24 h). */
    validMinutes: z.number().int().min(5).max(24 * 60).optional(),
  })
  .strict();
export type CreateGuestLinkRequest = z.infer<typeof CreateGuestLinkRequest>;

export interface GuestLink {
  id: string;
  /** The link to give the guest; the token is in the fragment so it never reaches server logs. */
  url: string;
  expiresAt: string;
}

/** A guest link as its room's hosts see it (never the token). */
export interface GuestLinkInfo {
  id: string;
  name: string;
  guestRole: GuestRole;
  createdBy: string;
  expiresAt: string;
  used: boolean;
  revoked: boolean;
}

export const RedeemGuestLinkRequest = z.object({ token: z.string().min(20).max(200) }).strict();

export interface GuestSessionInfo {
  room: RoomRef;
  name: string;
  guestRole: GuestRole;
  /** How many people the call holds at once in the current mode. */
  capacity: number;
}

// ---- socket payloads ----

export const JoinRequest = z
  .object({
    room: RoomRef,
    /** The resumeToken of this client's previous peer in the same room (rejoin after a drop). */
    resume: z.string().min(10).max(200).optional(),
  })
  .strict();

export const PeerTarget = z.object({ peerId: z.uuid() }).strict();
export const Empty = z.object({}).strict();

const SessionDescription = z.object({ type: z.enum(['offer', 'answer']), sdp: z.string().min(1).max(200_000) }).strict();
const IceCandidate = z
  .object({
    candidate: z.string().max(2_000),
    sdpMid: z.string().max(64).nullable().optional(),
    sdpMLineIndex: z.number().int().min(0).max(1_000).nullable().optional(),
    usernameFragment: z.string().max(256).nullable().optional(),
  })
  .strict();

/** Mesh signaling relayed by the server between two admitted peers of the same room. */
export const SignalRequest = z
  .object({ to: z.uuid(), description: SessionDescription.optional(), candidate: IceCandidate.optional() })
  .strict()
  .refine((s) => Boolean(s.description) !== Boolean(s.candidate), 'exactly one of description or candidate');
export type SignalRequest = z.infer<typeof SignalRequest>;

export const MediaStateRequest = z.object({ audio: z.boolean(), video: z.boolean(), screen: z.boolean() }).strict();

// mediasoup shapes: structure is checked here; mediasoup itself checks the values (an error ack, never a crash).
const Json = z.record(z.string().max(64), z.unknown());
const RtpCodec = z
  .object({
    mimeType: z.string().max(64),
    payloadType: z.number().int().min(0).max(127),
    clockRate: z.number().int().positive(),
    channels: z.number().int().min(1).max(8).optional(),
    parameters: Json.optional(),
    rtcpFeedback: z.array(z.object({ type: z.string().max(32), parameter: z.string().max(32).optional() }).strict()).max(32).optional(),
  })
  .strict();
const RtpEncoding = z
  .object({
    ssrc: z.number().int().min(0).max(0xffffffff).optional(),
    rid: z.string().max(32).optional(),
    codecPayloadType: z.number().int().min(0).max(127).optional(),
    rtx: z.object({ ssrc: z.number().int().min(0).max(0xffffffff) }).strict().optional(),
    dtx: z.boolean().optional(),
    scalabilityMode: z.string().max(32).optional(),
    scaleResolutionDownBy: z.number().positive().optional(),
    maxBitrate: z.number().int().positive().optional(),
    maxFramerate: z.number().positive().optional(),
    adaptivePtime: z.boolean().optional(),
    priority: z.string().max(16).optional(),
    networkPriority: z.string().max(16).optional(),
    active: z.boolean().optional(),
  })
  .strict();
export const RtpParameters = z
  .object({
    mid: z.string().max(32).optional(),
    codecs: z.array(RtpCodec).min(1).max(16),
    headerExtensions: z
      .array(z.object({ uri: z.string().max(256), id: z.number().int().min(1).max(255), encrypt: z.boolean().optional(), parameters: Json.optional() }).strict())
      .max(32)
      .optional(),
    encodings: z.array(RtpEncoding).min(1).max(8).optional(),
    rtcp: z.object({ cname: z.string().max(256).optional(), reducedSize: z.boolean().optional(), mux: z.boolean().optional() }).strict().optional(),
    msid: z.string().max(256).optional(),
  })
  .strict();

export const DtlsParameters = z
  .object({
    role: z.enum(['auto', 'client', 'server']).optional(),
    fingerprints: z.array(z.object({ algorithm: z.string().max(16), value: z.string().max(256) }).strict()).min(1).max(8),
  })
  .strict();

export const RtpCapabilities = z
  .object({
    codecs: z.array(z.record(z.string().max(64), z.unknown())).max(64).optional(),
    headerExtensions: z.array(z.record(z.string().max(64), z.unknown())).max(64).optional(),
  })
  .strict();

export const MediaSource = z.enum(['mic', 'camera', 'screen']);
export type MediaSource = z.infer<typeof MediaSource>;

export const SfuReadyRequest = z.object({ rtpCapabilities: RtpCapabilities }).strict();
export const CreateTransportRequest = z.object({ direction: z.enum(['send', 'recv']) }).strict();
export const ConnectTransportRequest = z.object({ transportId: z.uuid(), dtlsParameters: DtlsParameters }).strict();
export const ProduceRequest = z
  .object({ transportId: z.uuid(), kind: z.enum(['audio', 'video']), rtpParameters: RtpParameters, source: MediaSource })
  .strict();
export const ProducerRequest = z.object({ producerId: z.uuid(), paused: z.boolean().optional() }).strict();
export const ConsumerRequest = z.object({ consumerId: z.uuid(), paused: z.boolean() }).strict();
export const LayersRequest = z
  .object({ consumerId: z.uuid(), spatialLayer: z.number().int().min(0).max(3), temporalLayer: z.number().int().min(0).max(3).optional() })
  .strict();

export interface TransportInfo {
  id: string;
  iceParameters: unknown;
  iceCandidates: unknown[];
  dtlsParameters: unknown;
}

export interface NewConsumer {
  id: string;
  producerId: string;
  peerId: string;
  kind: 'audio' | 'video';
  source: MediaSource;
  rtpParameters: unknown;
  producerPaused: boolean;
}

export type LeaveReason = 'left' | 'removed' | 'ended' | 'replaced' | 'disconnected';

// ---- event maps ----

export interface VideoServerToClientEvents {
  /** This waiting peer was let in. */
  'video:admitted': (payload: CallInfo) => void;
  /** This peer is out of the room: removed by a host, or the call ended for all. */
  'video:closed': (payload: { reason: LeaveReason }) => void;
  /** Hosts: the current waiting list. */
  'video:waiting': (payload: { waiting: WaitingPeer[] }) => void;
  'video:peer-joined': (payload: PeerInfo) => void;
  'video:peer-updated': (payload: PeerInfo) => void;
  'video:peer-left': (payload: { peerId: string; reason: LeaveReason }) => void;
  'video:signal': (payload: { from: string; description?: { type: 'offer' | 'answer'; sdp: string }; candidate?: z.infer<typeof IceCandidate> }) => void;
  'video:active-speaker': (payload: { peerId: string | null }) => void;
  'video:sfu:new-consumer': (payload: NewConsumer) => void;
  'video:sfu:consumer-closed': (payload: { consumerId: string }) => void;
  'video:sfu:consumer-paused': (payload: { consumerId: string; paused: boolean }) => void;
}

export interface VideoClientToServerEvents {
  'video:join': (payload: z.input<typeof JoinRequest>, ack: AckFn<JoinResult>) => void;
  'video:leave': (payload: Record<string, never>, ack: AckFn<null>) => void;
  'video:admit': (payload: z.input<typeof PeerTarget>, ack: AckFn<null>) => void;
  'video:remove': (payload: z.input<typeof PeerTarget>, ack: AckFn<null>) => void;
  'video:end': (payload: Record<string, never>, ack: AckFn<null>) => void;
  'video:signal': (payload: z.input<typeof SignalRequest>, ack: AckFn<null>) => void;
  'video:media-state': (payload: z.input<typeof MediaStateRequest>, ack: AckFn<null>) => void;
  'video:sfu:ready': (payload: z.input<typeof SfuReadyRequest>, ack: AckFn<null>) => void;
  'video:sfu:transport': (payload: z.input<typeof CreateTransportRequest>, ack: AckFn<TransportInfo>) => void;
  'video:sfu:connect': (payload: z.input<typeof ConnectTransportRequest>, ack: AckFn<null>) => void;
  'video:sfu:produce': (payload: z.input<typeof ProduceRequest>, ack: AckFn<{ id: string }>) => void;
  'video:sfu:close-producer': (payload: z.input<typeof ProducerRequest>, ack: AckFn<null>) => void;
  'video:sfu:pause-producer': (payload: z.input<typeof ProducerRequest>, ack: AckFn<null>) => void;
  'video:sfu:pause-consumer': (payload: z.input<typeof ConsumerRequest>, ack: AckFn<null>) => void;
  'video:sfu:layers': (payload: z.input<typeof LayersRequest>, ack: AckFn<null>) => void;
}

/** The namespace guests connect to with their guest cookie; the same events minus host actions. */
export const GUEST_NAMESPACE = '/video-guest';
export const GUEST_COOKIE = 'wf_video_guest';

/** What /api/video/status answers when the video service is not running at all. */
export const VIDEO_STATUS_FALLBACK: VideoStatus = { sfu: 'unavailable', mode: 'mesh', meshMaxParticipants: MESH_MAX_PARTICIPANTS, maxParticipants: MESH_MAX_PARTICIPANTS };
