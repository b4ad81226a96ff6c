import { io, type Socket } from 'socket.io-client';
import type { GuestLink, GuestLinkInfo, GuestSessionInfo, RoomKind, RoomSummary, VideoStatus } from '../../../src/contracts/video.ts';
import { api } from '../api.ts';

export const videoApi = {
  status: () => api.get<VideoStatus>('/api/video/status'),
  room: (kind: RoomKind, id: string) => api.get<RoomSummary>(`/api/video/rooms/${kind}/${id}`),
  createGuestLink: (kind: RoomKind, id: string, body: { role: 'interpreter' | 'family'; name: string }) =>
    api.post<GuestLink>(`/api/video/rooms/${kind}/${id}/guest-links`, body),
  guestLinks: (kind: RoomKind, id: string) => api.get<{ links: GuestLinkInfo[] }>(`/api/video/rooms/${kind}/${id}/guest-links`),
  revokeGuestLink: (kind: RoomKind, id: string, linkId: string) => api.delete<void>(`/api/video/rooms/${kind}/${id}/guest-links/${linkId}`),
  redeemGuest: (token: string) => api.post<GuestSessionInfo>('/api/video/guest/session', { token }, { redirectOnUnauthorized: false }),
  guestSession: () => api.get<GuestSessionInfo>('/api/video/guest/session', { redirectOnUnauthorized: false }),
};

/** The call's socket: the signed-in user's (main namespace) or a guest's (/video-guest), same origin, cookie auth. */
export function openCallSocket(namespace: '/' | '/video-guest'): Socket {
  return io(namespace, { transports: ['websocket'], withCredentials: true, reconnectionDelay: 500, reconnectionDelayMax: 3000 });
}
