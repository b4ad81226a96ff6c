import { useEffect, useRef, useState } from 'react';
import { io } from 'socket.io-client';
import type { AlertView } from './api.ts';

/**
 * The navigator's live alert stream: `alert:new` and `alert:updated` pushed by the server to the
 * user's own room (the server chooses rooms; the client joins none). On reconnect the page reloads
 * the list, since socket.io delivery is at most once.
 */
export function useAlertStream(onAlert: (alert: AlertView, kind: 'new' | 'updated') => void, onReconnect: () => void) {
  const [live, setLive] = useState(false);
  const handlers = useRef({ onAlert, onReconnect });
  useEffect(() => {
    handlers.current = { onAlert, onReconnect };
  });
  useEffect(() => {
    const socket = io('/', { transports: ['websocket'], withCredentials: true, reconnectionDelay: 500, reconnectionDelayMax: 5000 });
    let first = true;
    socket.on('connect', () => {
      setLive(true);
      if (!first) handlers.current.onReconnect();
      first = false;
    });
    socket.on('disconnect', () => setLive(false));
    socket.on('alert:new', (a: AlertView) => handlers.current.onAlert(a, 'new'));
    socket.on('alert:updated', (a: AlertView) => handlers.current.onAlert(a, 'updated'));
    return () => {
      socket.close();
    };
  }, []);
  return live;
}
