import { useCallback, useEffect, useState } from 'react';
import { api } from './api.ts';

export type ApiData<T> =
  | { status: 'loading'; data?: undefined; error?: undefined; reload: () => void }
  | { status: 'error'; data?: undefined; error: unknown; reload: () => void }
  | { status: 'ready'; data: T; error?: undefined; reload: () => void };

type Settled<T> = { key: string; ok: true; data: T } | { key: string; ok: false; error: unknown };

/** GETs a path (again when the path changes or reload() is called), aborting on unmount. */
export function useApiData<T>(path: string): ApiData<T> {
  const [attempt, setAttempt] = useState(0);
  const [settled, setSettled] = useState<Settled<T> | undefined>(undefined);
  const key = `${attempt}:${path}`;

  useEffect(() => {
    const controller = new AbortController();
    api
      .get<T>(path, { signal: controller.signal })
      .then((data) => setSettled({ key, ok: true, data }))
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setSettled({ key, ok: false, error });
      });
    return () => controller.abort();
  }, [key, path]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);

  if (!settled || settled.key !== key) return { status: 'loading', reload };
  if (!settled.ok) return { status: 'error', error: settled.error, reload };
  return { status: 'ready', data: settled.data, reload };
}
