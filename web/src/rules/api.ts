import type { CrisisData, Ladder, RuleDefinition, RuleDraft, RuleSource } from '../../../src/contracts/rules.ts';
import { api } from '../api.ts';

export type { CrisisData, Ladder, RuleDefinition, RuleDraft, RuleSource };

export interface RuleVersion {
  id: string;
  version: number;
  isDefault: boolean;
  note: string;
  changeSource: string | null;
  createdBy: string;
  createdByName: string | null;
  createdAt: string;
  draft: RuleDraft;
}

type Severity = 'urgent' | 'high' | 'moderate';
export interface Burden {
  checkins: number;
  alerts: number;
  alertsPer100Checkins: number | null;
  bySeverity: Record<Severity, { alerts: number; patients: string[] }>;
}
export interface Preview {
  days: number;
  currentVersion: number;
  current: Burden;
  draft: Burden;
  patients: Array<{ id: string; name: string }>;
}

export const rulesApi = {
  current: () => api.get<RuleVersion>('/api/clinical-rules'),
  versions: () => api.get<{ versions: RuleVersion[] }>('/api/clinical-rules/versions'),
  publish: (body: { draft: RuleDraft; note: string; changeSource: string }) => api.put<RuleVersion>('/api/clinical-rules', body),
  preview: (draft: RuleDraft) => api.post<Preview>('/api/clinical-rules/preview', { draft, days: 90 }),
  restore: (version: number, note: string) => api.post<RuleVersion>(`/api/clinical-rules/versions/${version}/restore`, { note }),
};
