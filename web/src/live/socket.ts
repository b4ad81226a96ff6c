import { useEffect, useRef, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import type { ServerToClientEvents } from '../../../src/contracts/socket.ts';

type EventName = keyof ServerToClientEvents;
type Payload<E extends EventName> = Parameters<ServerToClientEvents[E]>[0];

/**
 * The signed-in app's one socket.io connection, shared by every screen that listens to server events
 * (the server chooses rooms; the client joins none). The shell holds it open while a user is signed in;
 * screens subscribe with useLiveEvent.
 */
let shared: Socket | undefined;
let holders = 0;

export function acquireLiveSocket(): Socket {
  holders += 1;
  shared ??= io('/', { transports: ['websocket'], withCredentials: true, reconnectionDelay: 500, reconnectionDelayMax: 5000 });
  return shared;
}

export function releaseLiveSocket(): void {
  holders = Math.max(0, holders - 1);
  if (holders > 0 || !shared) return;
  shared.close();
  shared = undefined;
}

/** Calls the handler for each `event` the server pushes while the component is mounted. */
export function useLiveEvent<E extends EventName>(event: E, handler: (payload: Payload<E>) => void): void {
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => {
    const socket = acquireLiveSocket();
    const listener = (payload: Payload<E>) => latest.current(payload);
    socket.on(event as string, listener);
    return () => {
      socket.off(event as string, listener);
      releaseLiveSocket();
    };
  }, [event]);
}

/**
 * Whether the shared socket is connected; `onReconnect` runs after a dropped connection comes back,
 * since socket.io delivers at most once and a screen must reload what it may have missed.
 */
export function useLiveConnection(onReconnect?: () => void): boolean {
  const [live, setLive] = useState(() => shared?.connected ?? false);
  const latest = useRef(onReconnect);
  useEffect(() => {
    latest.current = onReconnect;
  });
  useEffect(() => {
    const socket = acquireLiveSocket();
    let wasDown = false;
    const up = () => {
      setLive(true);
      if (wasDown) latest.current?.();
      wasDown = false;
    };
    const down = () => {
      setLive(false);
      wasDown = true;
    };
    socket.on('connect', up);
    socket.on('disconnect', down);
    return () => {
      socket.off('connect', up);
      socket.off('disconnect', down);
      releaseLiveSocket();
    };
  }, []);
  return live;
}
