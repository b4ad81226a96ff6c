import { useTranslation } from 'react-i18next';
import type { PatientSummary } from '../../../src/contracts/people.ts';
import type { ReferralSummary } from '../../../src/contracts/referrals.ts';
import { usePath, type PatientProfile } from './api.ts';

/** Who the patient is for the team: diagnosis, site, language and zone, navigator, care team, caregivers and what each may see. */
export function PatientHeader({ patient }: { patient: PatientProfile }) {
  const { t, i18n } = useTranslation('patient');
  const caseload = usePath<{ patients: PatientSummary[] }>('/api/caseload');
  const referrals = usePath<{ referrals: ReferralSummary[] }>(`/api/patients/${patient.id}/referrals`);
  const site = caseload.data?.patients.find((p) => p.id === patient.id)?.siteName;
  const coded = referrals.data?.referrals.find((r) => r.morphology || r.topography || r.domain);
  const diagnosis = coded ? [coded.domain && t(`referrals:domains.${coded.domain}`), [coded.topography, coded.morphology].filter(Boolean).join(' / ')].filter(Boolean).join(' · ') : undefined;
  const navigator = patient.careTeam.filter((m) => m.role === 'navigator').map((m) => m.name).join(', ');
  const language = new Intl.DisplayNames([i18n.language], { type: 'language' }).of(patient.locale) ?? patient.locale;
  const rows: Array<[string, string]> = [
    [t('header.diagnosis'), diagnosis || t('header.unknown')],
    [t('header.site'), site ?? t('header.unknown')],
    [t('header.language'), language],
    [t('header.timezone'), patient.timezone],
    [t('header.navigator'), navigator || t('header.unknown')],
    [t('header.careTeam'), patient.careTeam.map((m) => `${m.name} (${t(`careTeam.role.${m.role}`, { defaultValue: m.role })})`).join(', ') || t('header.unknown')],
  ];
  return (
    <div className="card patient-header">
      <dl className="patient-facts">
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
        <div>
          <dt>{t('header.caregivers')}</dt>
          <dd>
            {patient.caregivers.length === 0 ? t('header.noCaregivers') : (
              <ul className="plain-list">
                {patient.caregivers.map((c) => (
                  <li key={c.id}>{c.name}: {c.scopes.map((s) => t(`header.scope.${s}`, { defaultValue: s })).join(', ')}</li>
                ))}
              </ul>
            )}
          </dd>
        </div>
      </dl>
    </div>
  );
}
