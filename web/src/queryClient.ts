import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './api.ts';

/**
 * The web app's one cache of server data (@tanstack/react-query over the fetch core in api.ts).
 * Screens read with useQuery({ queryKey: [path], queryFn: () => api.get(path) }) and write with
 * useMutation; socket events invalidate the keys they change. Errors are ApiErrors, shown with
 * errorMessage() from i18n.ts.
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A refused or missing record does not become available by asking again.
      retry: (failures, error) =>
        failures < 2 && !(error instanceof ApiError && ['unauthorized', 'forbidden', 'not_found', 'invalid'].includes(error.code)),
      staleTime: 10_000,
      refetchOnWindowFocus: true,
    },
  },
});
