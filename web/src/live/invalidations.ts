import type { ServerToClientEvents } from '../../../src/contracts/socket.ts';

/**
 * Server events that change what list screens show, and the API paths (query-key prefixes) each one
 * makes stale. Screens read through react-query with the path as the first key, so adding a screen
 * needs no change here; adding an event that changes lists adds one line.
 */
export const LIVE_INVALIDATIONS: ReadonlyArray<readonly [keyof ServerToClientEvents, readonly string[]]> = [
  ['referral:changed', ['/api/referrals', '/api/patients/', '/api/worklist']],
  ['alert:new', ['/api/alerts', '/api/patients/', '/api/worklist']],
  ['alert:updated', ['/api/alerts', '/api/patients/', '/api/worklist']],
  ['message:new', ['/api/inbox', '/api/threads', '/api/worklist']],
  ['message:read', ['/api/inbox', '/api/worklist']],
];
