import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { EURACAN_DOMAINS, type EuracanDomain } from '../../../src/contracts/referrals.ts';
import { ApiError } from '../api.ts';
import { ErrorNotice, Loading } from '../shell/status.tsx';
import { useCodeMapping } from './api.ts';
import { CodePicker } from './CodePicker.tsx';
import type { StepProps } from './ReferralWizard.tsx';
import type { CodeMapping, ReferralDetail } from './types.ts';
import { Options } from '../shell/Options.tsx';

/**
 * Step 2: the two ICD-O-3 pickers and what they route to (RARECARE family, EURACAN domain, the
 * matched rule and its source). Without a matching rule, or for codes the table lacks, the domain
 * is chosen by hand.
 */
export function DiagnosisStep({ draft, saving, onSave }: StepProps) {
  const { t } = useTranslation('referralflow');
  const { t: tr } = useTranslation('referrals');
  const [topography, setTopography] = useState(draft.topography);
  const [morphology, setMorphology] = useState(draft.morphology);
  const [domain, setDomain] = useState<EuracanDomain | ''>((draft.domain as EuracanDomain | null) ?? '');
  const both = topography && morphology;
  const map = useCodeMapping(topography, morphology);
  const gap = map.error instanceof ApiError && map.error.code === 'not_found';
  const mapping = map.data?.mapping;
  const byHand = Boolean(both && (gap || (mapping && !mapping.domain)));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSave({ topography, morphology, ...(byHand && domain ? { domain } : {}) });
  };
  const termOf = (code: string | null, which: 'topography' | 'morphology') => (code && termFrom(draft, mapping, code, which)) ?? null;
  return (
    <form className="form" onSubmit={submit}>
      <CodePicker axis="topography" value={topography} term={termOf(topography, 'topography')} onChange={setTopography} />
      <CodePicker axis="morphology" value={morphology} term={termOf(morphology, 'morphology')} onChange={setMorphology} />
      {both && map.isPending && <Loading />}
      {map.isError && !gap && <ErrorNotice error={map.error} />}
      {mapping && (
        <section aria-labelledby="mapping-heading" className="card">
          <h3 id="mapping-heading">{t('wizard.mapping')}</h3>
          {mapping.domain ? (
            <dl>
              <dt>{t('wizard.family')}</dt>
              <dd>{mapping.family ? t(`families.${mapping.family}`) : '–'}</dd>
              <dt>{t('wizard.domain')}</dt>
              <dd>{tr(`domains.${mapping.domain}`)}</dd>
              <dt>{t('wizard.rule')}</dt>
              <dd>
                <code>{mapping.ruleId}</code>
              </dd>
              <dt>{t('wizard.source')}</dt>
              <dd>{mapping.source}</dd>
            </dl>
          ) : (
            <p>{t('wizard.noRule')}</p>
          )}
        </section>
      )}
      {gap && <p className="notice notice-info">{t('wizard.gap')}</p>}
      {byHand && (
        <div className="field">
          <label htmlFor="wizard-domain">{t('wizard.chooseDomain')}</label>
          <select id="wizard-domain" required value={domain} onChange={(e) => setDomain(e.target.value as EuracanDomain)}>
            <option value="" />
            <Options values={EURACAN_DOMAINS} label={(d) => tr(`domains.${d}`)} />
          </select>
        </div>
      )}
      <button type="submit" className="button button-primary" disabled={saving || (byHand && !domain)}>
        {t('wizard.next')}
      </button>
    </form>
  );
}

/** The term for a chosen code: from the live mapping, else the draft's saved one; null when the table lacks it. */
function termFrom(draft: ReferralDetail, mapping: CodeMapping | undefined, code: string, which: 'topography' | 'morphology'): string | null {
  for (const m of [mapping, draft.mapping]) if (m?.[which].code === code) return m[which].term;
  return null;
}
