/**
 * Partial answers are kept in this browser's localStorage (docs/decisions/0202-checkin-drafts.md):
 * per patient and instrument, cleared on submit or "start again", and dropped after 24 hours so an
 * old half-answered questionnaire never comes back as if it were current.
 */
export interface Draft {
  answers: Record<string, unknown>;
  step: number;
  savedAt: number;
  idempotencyKey: string;
}

const MAX_AGE_MS = 24 * 3_600_000;
const key = (patientId: string, instrument: string) => `wayfinder.checkin.${patientId}.${instrument}`;

export function loadDraft(patientId: string, instrument: string): Draft | undefined {
  try {
    const raw = localStorage.getItem(key(patientId, instrument));
    if (!raw) return undefined;
    const draft = JSON.parse(raw) as Draft;
    if (Date.now() - draft.savedAt > MAX_AGE_MS) {
      localStorage.removeItem(key(patientId, instrument));
      return undefined;
    }
    return draft;
  } catch {
    return undefined;
  }
}

export function saveDraft(patientId: string, instrument: string, draft: Omit<Draft, 'savedAt'>) {
  try {
    localStorage.setItem(key(patientId, instrument), JSON.stringify({ ...draft, savedAt: Date.now() }));
  } catch {
    // Storage full or disabled: the check-in still works, it just cannot resume.
  }
}

export function clearDraft(patientId: string, instrument: string) {
  try {
    localStorage.removeItem(key(patientId, instrument));
  } catch {
    // ignore
  }
}
