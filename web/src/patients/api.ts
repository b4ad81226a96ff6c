import { useQuery } from '@tanstack/react-query';
import { api } from '../api.ts';

export interface PatientProfile {
  id: string;
  name: string;
  locale: string;
  timezone: string;
  careTeam: Array<{ userId: string; name: string; role: string }>;
  caregivers: Array<{ id: string; name: string; scopes: string[] }>;
}

/** react-query over one GET path: the path is the key, so socket events invalidate it by prefix (live/invalidations.ts). */
export function usePath<T>(path: string) {
  return useQuery({ queryKey: [path], queryFn: () => api.get<T>(path) });
}

export const patientPath = (id: string) => `/api/patients/${id}`;
