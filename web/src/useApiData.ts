import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api } from './api.ts';

export type ApiData<T> =
  | { status: 'loading'; data?: undefined; error?: undefined; reload: () => void }
  | { status: 'error'; data?: undefined; error: unknown; reload: () => void }
  | { status: 'ready'; data: T; error?: undefined; reload: () => void };

/**
 * The older screens' read hook, now a thin shape over react-query (queryClient.ts): the path is the
 * query key, so these screens share the one cache, its retry rules and the live invalidations
 * (live/invalidations.ts). New screens call useQuery directly; this keeps the older ones' status union.
 */
export function useApiData<T>(path: string): ApiData<T> {
  const query = useQuery({ queryKey: [path], queryFn: ({ signal }) => api.get<T>(path, { signal }) });
  const { refetch } = query;
  const reload = useCallback(() => void refetch(), [refetch]);
  if (query.isError && query.data === undefined) return { status: 'error', error: query.error, reload };
  if (query.data === undefined) return { status: 'loading', reload };
  return { status: 'ready', data: query.data, reload };
}
