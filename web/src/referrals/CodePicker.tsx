import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, Loading } from '../shell/status.tsx';
import { codeLocale, referralsApi } from './api.ts';

const PATTERN = { topography: /^C\d{2}\.\d$/i, morphology: /^\d{4}\/[0-369]$/ };

/**
 * An ICD-O-3 picker for one axis: search by code or words (in the reader's language or English) in the
 * shipped table, the code always shown next to its term in the reader's language where shipped. A well-formed code the table lacks can still be used as typed (the domain is then
 * chosen by hand and the pair becomes a gap for the administrator).
 */
export function CodePicker({ axis, value, term, onChange }: { axis: 'topography' | 'morphology'; value: string | null; term: string | null; onChange: (code: string | null) => void }) {
  const { t, i18n } = useTranslation('referralflow');
  const id = useId();
  const [q, setQ] = useState('');
  const query = q.trim();
  const locale = codeLocale(i18n.language);
  const search = useQuery({ queryKey: ['/api/referrals/codes/search', axis, query, locale], queryFn: () => referralsApi.searchCodes(query, axis, locale), enabled: query.length >= 2 });
  const typed = PATTERN[axis].test(query) ? query.toUpperCase() : null;
  const label = t(`wizard.${axis}`);

  if (value) {
    return (
      <div className="field">
        <span className="field-label" id={`${id}-label`}>
          {label}
        </span>
        <p aria-labelledby={`${id}-label`}>
          <strong>{term ? t('wizard.chosen', { code: value, term }) : t('wizard.notInTable', { code: value })}</strong>{' '}
          <button type="button" className="button button-secondary" onClick={() => onChange(null)} aria-label={`${t('wizard.clear')}: ${label}`}>
            {t('wizard.clear')}
          </button>
        </p>
      </div>
    );
  }
  const hits = search.data?.results ?? [];
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="search" value={q} onChange={(e) => setQ(e.target.value)} aria-describedby={`${id}-hint`} autoComplete="off" />
      <p id={`${id}-hint`} className="hint">
        {t('wizard.searchHint')}
      </p>
      {search.isFetching && <Loading />}
      {search.isError && <ErrorNotice error={search.error} />}
      {search.data && (
        <div aria-live="polite">
          <p className="visually-hidden">{t('wizard.results', { count: hits.length })}</p>
          {hits.length === 0 && <p>{t('wizard.noResults')}</p>}
          <ul className="plain-list code-results">
            {hits.map((h) => (
              <li key={h.code}>
                <button type="button" className="button button-secondary code-option" onClick={() => onChange(h.code)}>
                  <span className="code">{h.code}</span> {h.term}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      {typed && !hits.some((h) => h.code === typed) && (
        <button type="button" className="button button-secondary" onClick={() => onChange(typed)}>
          {t('wizard.useCode', { code: typed })}
        </button>
      )}
    </div>
  );
}
