/**
 * Tunables of the messaging domain. Defaults suit production; integration tests running the server
 * in-process shorten them by assigning to this object before they act.
 */
export const messagingSettings = {
  /** A member who is offline when a message arrives is e-mailed after this delay unless they read it first. */
  notifyDelayMs: 2 * 60_000,
  /** Messages a user may send per window, counted in Redis so the limit holds across processes (S9). */
  rateLimit: { points: 30, seconds: 60 },
  /** The out-of-hours automatic answer is sent at most once per thread per this many seconds. */
  outOfHoursRepeatSeconds: 12 * 3600,
  /** How long a process keeps an organization's working hours before reading them again. */
  hoursCacheMs: 60_000,
};

// Read once, not per send: the crash test starts the process under test with the fault in its environment.
const FAULT = process.env.NODE_ENV === 'test' ? process.env.WAYFINDER_FAULT : undefined;

/**
 * Fault injection for the crash test of SECURITY.md S17: with NODE_ENV=test and
 * WAYFINDER_FAULT=crash-after-persist:<clientId>, the process dies right after committing that message
 * and before acknowledging it. Inert in any other environment.
 */
export function crashAfterPersist(clientId: string): void {
  if (FAULT && FAULT === `crash-after-persist:${clientId}`) process.kill(process.pid, 'SIGKILL');
}
