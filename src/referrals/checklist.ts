import type { PacketKind, ReferralType } from '../contracts/referrals.ts';

/**
 * What a complete records packet holds, per referral type. A reference centre cannot review a rare
 * tumour without the pathology report and imaging; prior therapies and a clinical summary frame the
 * question (context 000: "history, imaging, pathology, and prior therapies"). `diagnosis` means the
 * ICD-O-3 topography and morphology are coded on the referral.
 */
export type ChecklistItem = PacketKind | 'diagnosis' | 'consent';

export const CHECKLISTS: Readonly<Record<ReferralType, { required: readonly ChecklistItem[]; optional: readonly ChecklistItem[] }>> = {
  second_opinion: { required: ['consent', 'diagnosis', 'pathology', 'imaging', 'prior_therapy', 'clinical_summary'], optional: ['lab'] },
  case_review: { required: ['consent', 'diagnosis', 'pathology', 'imaging', 'prior_therapy', 'clinical_summary'], optional: ['lab'] },
  specialist_consultation: { required: ['consent', 'diagnosis', 'pathology', 'clinical_summary'], optional: ['imaging', 'lab', 'prior_therapy'] },
  palliative_care: { required: ['consent', 'clinical_summary', 'prior_therapy'], optional: ['diagnosis', 'lab', 'imaging'] },
};

export interface ChecklistState {
  complete: boolean;
  items: Array<{ item: ChecklistItem; required: boolean; done: boolean }>;
  missing: ChecklistItem[];
}

export function checklistFor(type: ReferralType, have: { kinds: Iterable<PacketKind>; diagnosis: boolean; consent: boolean }): ChecklistState {
  const kinds = new Set<ChecklistItem>(have.kinds);
  if (have.diagnosis) kinds.add('diagnosis');
  if (have.consent) kinds.add('consent');
  const { required, optional } = CHECKLISTS[type];
  const items = [...required.map((item) => ({ item, required: true })), ...optional.map((item) => ({ item, required: false }))].map((i) => ({ ...i, done: kinds.has(i.item) }));
  const missing = items.filter((i) => i.required && !i.done).map((i) => i.item);
  return { complete: missing.length === 0, items, missing };
}
