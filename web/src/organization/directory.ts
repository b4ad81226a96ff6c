import type { DirectorySite, SiteProfileUpdate } from '../../../src/contracts/referrals.ts';
import { api } from '../api.ts';

export type { DirectorySite, SiteProfileUpdate };

export const SITES_KEY = '/api/directory/sites';
export const siteKey = (id: string) => `${SITES_KEY}/${id}`;

export const directoryApi = {
  sites: (query: string) => api.get<{ sites: DirectorySite[] }>(`${SITES_KEY}${query}`),
  site: (id: string) => api.get<DirectorySite>(`/api/directory/sites/${id}`),
  update: (id: string, body: SiteProfileUpdate) => api.put<DirectorySite>(`/api/directory/sites/${id}`, body),
  addMember: (id: string, userId: string, role: 'specialist' | 'coordinator') => api.put<void>(`/api/directory/sites/${id}/members`, { userId, role }),
  removeMember: (id: string, userId: string) => api.delete<void>(`/api/directory/sites/${id}/members/${userId}`),
};

/** Two-letter language codes typed as "en, es" into one field. */
export const parseLanguages = (text: string) => [...new Set(text.split(/[\s,]+/).map((l) => l.trim().toLowerCase()).filter(Boolean))];
