import type { RenderedReason } from '../../../src/contracts/alerts.ts';
import type { CrisisView } from '../../../src/contracts/rules.ts';
import type { InstrumentId, ItemSpec } from '../../../src/contracts/checkins.ts';
import { api, ApiError, ERROR_CODES, type ErrorCode } from '../api.ts';

export type { CrisisView, InstrumentId, ItemSpec };

export interface CheckinHome {
  patientId: string;
  locale: string;
  instruments: Array<{ id: InstrumentId; languages: string[]; items: ItemSpec[]; problems: boolean; otherProblem: boolean; temperature: boolean }>;
  due: Array<{ id: string; dueAt: string; instruments: InstrumentId[] }>;
}

export interface SubmitAnswer {
  id: string;
  scores: { total?: number; band?: string; items: Record<string, number> };
  alerts: Array<{ id: string; severity: 'urgent' | 'high' | 'moderate'; reasons: RenderedReason[] }>;
  crisis?: CrisisView;
}

export const checkinsApi = {
  home: (patientId?: string) => api.get<CheckinHome>(`/api/checkins/home${patientId ? `?patientId=${patientId}` : ''}`),
  submit: (body: { instrument: InstrumentId; answers: Record<string, unknown>; patientId?: string; requestId?: string }, idempotencyKey: string) =>
    fetchJson<SubmitAnswer>('/api/checkins', body, idempotencyKey),
  crisis: () => api.get<CrisisView>('/api/crisis-resources'),
};

/** POST with an Idempotency-Key, so a retry after a lost answer never stores the check-in twice. */
async function fetchJson<T>(path: string, body: unknown, key: string): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, { method: 'POST', credentials: 'same-origin', headers: { accept: 'application/json', 'content-type': 'application/json', 'idempotency-key': key }, body: JSON.stringify(body) });
  } catch {
    throw new ApiError('unavailable', 0, 'network error');
  }
  const json = (await res.json().catch(() => undefined)) as { error?: { code?: string; message?: string; details?: unknown } } | undefined;
  if (res.ok) return json as T;
  const code = (ERROR_CODES as readonly string[]).includes(json?.error?.code ?? '') ? (json!.error!.code as ErrorCode) : 'internal';
  throw new ApiError(code, res.status, json?.error?.message, json?.error?.details);
}
