import { useTranslation } from 'react-i18next';
import { useCodeMapping } from './api.ts';

/**
 * A referral's ICD-O-3 codes with their terms in the reader's language (docs/decisions/0509): the
 * stored referral keeps codes only, so the terms are asked for in the interface language; until they
 * arrive, and for codes the shipped table lacks, the codes alone.
 */
export function DiagnosisTerms({ referral: r }: { referral: { topography: string | null; morphology: string | null; mapping: object | null } }) {
  const { t } = useTranslation('referrals');
  const map = useCodeMapping(r.mapping && r.topography, r.mapping && r.morphology);
  const m = map.data?.mapping;
  if (m) return `${m.topography.code} ${m.topography.term} · ${m.morphology.code} ${m.morphology.term}`;
  return [r.topography, r.morphology].filter(Boolean).join(' · ') || t('detail.noDiagnosis');
}
