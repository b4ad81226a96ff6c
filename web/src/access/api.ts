import { api } from '../api.ts';

export interface CareTeamMember {
  userId: string;
  name: string;
  role: 'navigator' | 'specialist' | 'interpreter';
}

export interface PatientCare {
  id: string;
  name: string;
  careTeam: CareTeamMember[];
}

/** Care-team edits, navigator reassignment and break-glass (contracts: src/contracts/people.ts). */
export const accessApi = {
  patient: (patientId: string) => api.get<PatientCare>(`/api/patients/${patientId}`),
  navigators: () => api.get<{ navigators: Array<{ id: string; name: string }> }>('/api/alerts/navigators'),
  removeMember: (patientId: string, userId: string) => api.delete<null>(`/api/patients/${patientId}/care-team/${userId}`),
  reassignNavigator: (patientId: string, navigatorId: string) => api.put<{ navigatorId: string }>(`/api/patients/${patientId}/navigator`, { navigatorId }),
  breakGlass: (patientId: string, reason: string, minutes: number) => api.post<{ id: string; expiresAt: string }>(`/api/patients/${patientId}/break-glass`, { reason, minutes }),
};
