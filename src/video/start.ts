import type { Deps } from '../platform/context.ts';
import { VideoService, type VideoOptions } from './service.ts';
import { startGuestNamespace } from './socket.ts';

/**
 * Starts video after the socket server (server.ts): the SFU workers when a worker binary exists,
 * and the guest namespace. Never throws for a missing SFU: status() then answers 'unavailable'.
 */
export async function startVideo(deps: Deps, options: VideoOptions = {}): Promise<VideoService> {
  const video = await VideoService.start(deps, options);
  startGuestNamespace(deps, video);
  return video;
}
