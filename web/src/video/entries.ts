import { lazy } from 'react';
import type { AreaEntry } from '../roles/types.ts';

const VideoRoomPage = lazy(() => import('./VideoRoomPage.tsx'));
const DeviceCheckPage = lazy(() => import('./DeviceCheckPage.tsx'));
export const GuestVideoPage = lazy(() => import('./GuestPage.tsx'));

/**
 * The video screens of a role's area: the device check (in the navigation, and the target of the
 * appointment reminder: /<role>/video/check?appointment=<id>) and the call page /<role>/video/<kind>/<id>.
 */
export const videoEntries: readonly AreaEntry[] = [
  { path: 'video/check', navLabel: 'video:nav.deviceCheck', Component: DeviceCheckPage },
  { path: 'video/:kind/:id', Component: VideoRoomPage },
];
