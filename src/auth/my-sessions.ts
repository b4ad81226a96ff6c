import { createHash } from 'node:crypto';
import type { SessionSummary } from '../contracts/auth-security.ts';
import type { Actor, Deps } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import type { Session } from '../platform/session.ts';

// The session's Redis id never leaves the server; the owner sees a short digest of it.
const publicId = (session: Session) => createHash('sha256').update(session.id).digest('hex').slice(0, 16);

/** "Chrome on Android": enough to recognise a device, without keeping the full user-agent string. */
export function describeDevice(userAgent: string | undefined): string {
  const ua = userAgent ?? '';
  const browser = /Edg\//.test(ua) ? 'Edge' : /Firefox\//.test(ua) ? 'Firefox' : /Chrom(e|ium)\//.test(ua) ? 'Chrome' : /Safari\//.test(ua) ? 'Safari' : /node|undici/i.test(ua) ? 'App' : 'Browser';
  const system = /Android/.test(ua) ? 'Android' : /iPhone|iPad/.test(ua) ? 'iOS' : /Windows/.test(ua) ? 'Windows' : /Mac OS X/.test(ua) ? 'macOS' : /Linux/.test(ua) ? 'Linux' : '';
  return system ? `${browser} on ${system}` : browser;
}

/** The network a session came from, never the full address: /24 for IPv4, /48 for IPv6. */
export function ipPrefix(ip: string): string {
  const v4 = ip.replace(/^::ffff:/, '');
  if (/^\d+\.\d+\.\d+\.\d+$/.test(v4)) return `${v4.split('.').slice(0, 3).join('.')}.0/24`;
  if (ip.includes(':')) return `${ip.split(':').slice(0, 3).join(':')}::/48`;
  return 'unknown';
}

export async function listMySessions(deps: Deps, actor: Actor): Promise<SessionSummary[]> {
  const sessions = (await deps.sessions.list(actor.userId)).filter((s) => !s.pending);
  return sessions
    .sort((a, b) => b.lastSeenAt - a.lastSeenAt)
    .map((s) => ({
      id: publicId(s),
      current: s.id === actor.sessionId,
      device: s.device ?? 'Browser',
      place: s.place ?? 'unknown',
      createdAt: new Date(s.createdAt).toISOString(),
      lastSeenAt: new Date(s.lastSeenAt).toISOString(),
    }));
}

/** Ends one of the user's own sessions (its sockets close through the session-ended channel). */
export async function endMySession(deps: Deps, actor: Actor, id: string): Promise<void> {
  const session = (await deps.sessions.list(actor.userId)).find((s) => publicId(s) === id);
  if (!session) throw new AppError('not_found');
  await deps.sessions.destroy(session, 'logout');
  await deps.audit.record({ actor: actor.userId, actorRole: actor.role, action: 'auth.session.end', targetType: 'user', targetId: actor.userId, outcome: 'success', requestId: actor.requestId });
}

/** Ends every session of the user except the one asking. */
export async function endOtherSessions(deps: Deps, actor: Actor): Promise<number> {
  const others = (await deps.sessions.list(actor.userId)).filter((s) => s.id !== actor.sessionId);
  for (const s of others) await deps.sessions.destroy(s, 'logout');
  await deps.audit.record({ actor: actor.userId, actorRole: actor.role, action: 'auth.session.end_others', targetType: 'user', targetId: actor.userId, outcome: 'success', requestId: actor.requestId, details: { ended: others.length } });
  return others.length;
}
