import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorNotice, Loading } from '../shell/status.tsx';
import { usePath, type SiteSuggestion } from './api.ts';
import type { StepProps } from './ReferralWizard.tsx';

/** Step 3: the directory's sites for the draft's domain, with languages, telemedicine and travel time. */
export function SiteStep({ draft, saving, onSave }: StepProps) {
  const { t } = useTranslation('referralflow');
  const { t: tr } = useTranslation('referrals');
  const sites = usePath<{ sites: SiteSuggestion[] }>(`/api/referrals/${draft.id}/sites`);
  const [chosen, setChosen] = useState(draft.toSiteId ?? '');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSave({ toSiteId: chosen });
  };
  if (!draft.domain) return <p className="notice notice-info">{t('wizard.noDomain')}</p>;
  return (
    <form className="form" onSubmit={submit}>
      {sites.isPending && <Loading />}
      {sites.isError && <ErrorNotice error={sites.error} onRetry={() => void sites.refetch()} />}
      {sites.data?.sites.length === 0 && <EmptyState>{t('wizard.noSites')}</EmptyState>}
      {sites.data && sites.data.sites.length > 0 && (
        <fieldset>
          <legend>{t('wizard.sitesFor', { domain: tr(`domains.${draft.domain}`) })}</legend>
          <ul className="plain-list site-options">
            {sites.data.sites.map((s) => (
              <li key={s.id} className="card">
                <label className="choice">
                  <input type="radio" name="site" value={s.id} checked={chosen === s.id} onChange={() => setChosen(s.id)} aria-describedby={`site-${s.id}`} /> <strong>{s.name}</strong>
                </label>
                <ul id={`site-${s.id}`} className="site-facts">
                  <li>
                    {t(`wizard.site.${s.kind}`)}, {s.city}
                  </li>
                  <li>{t(s.telemedicine ? 'wizard.site.telemedicine' : 'wizard.site.noTelemedicine')}</li>
                  <li>
                    {t('wizard.site.languages', { list: s.languages.map((l) => tr(`languages.${l}`, { defaultValue: l })).join(', ') })}
                    {s.speaksPatientLanguage && <> · {t('wizard.site.speaksPatient')}</>}
                  </li>
                  <li>{s.travelMinutes === null ? t('wizard.site.travelUnknown') : t('wizard.site.travel', { minutes: s.travelMinutes })}</li>
                </ul>
              </li>
            ))}
          </ul>
        </fieldset>
      )}
      <button type="submit" className="button button-primary" disabled={saving || !chosen}>
        {t('wizard.next')}
      </button>
    </form>
  );
}
