import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api.ts';
import { SUPPORTED_LANGUAGES } from '../i18n.ts';
import { useUser } from '../session.tsx';
import { Page } from '../shell/Page.tsx';
import { EmptyState, ErrorNotice, Loading } from '../shell/status.tsx';
import { libraryPath, type LibraryEntryView } from './api.ts';
import { EntryFacts } from './EntryFacts.tsx';
import { LibraryEditor } from './LibraryEditor.tsx';
import './library.css';

/** The organization's trusted information: entries for the patient's diagnosis and language first. */
export default function LibraryPage() {
  const { t, i18n } = useTranslation('library');
  const { t: tc } = useTranslation();
  const user = useUser();
  const [params] = useSearchParams();
  const patientId = params.get('patient') ?? (user.role === 'caregiver' ? (sessionStorage.getItem('wayfinder.home.actingFor') ?? undefined) : undefined);
  const [language, setLanguage] = useState(i18n.language);
  const path = libraryPath(patientId, language);
  const entries = useQuery({ queryKey: [path], queryFn: () => api.get<{ entries: LibraryEntryView[] }>(path) });
  const matching = entries.data?.entries.filter((e) => e.matches) ?? [];
  const others = entries.data?.entries.filter((e) => !e.matches) ?? [];
  return (
    <Page title={t('title')}>
      <p className="lead">{t('intro')}</p>
      <div className="field">
        <label htmlFor="library-language">{t('language')}</label>
        <select id="library-language" value={language} onChange={(e) => setLanguage(e.target.value)}>
          {SUPPORTED_LANGUAGES.map((l) => (
            <option key={l} value={l} lang={l}>
              {tc('meta.nativeName', { lng: l })}
            </option>
          ))}
        </select>
      </div>
      {entries.isPending && <Loading />}
      {entries.isError && <ErrorNotice error={entries.error} onRetry={() => void entries.refetch()} />}
      {entries.data && (
        <>
          <section aria-labelledby="library-matching" className="card">
            <h2 id="library-matching">{t('forYou')}</h2>
            {matching.length ? <EntryList entries={matching} base={`/${user.role}`} /> : <EmptyState>{t('noneForYou')}</EmptyState>}
          </section>
          <section aria-labelledby="library-others" className="card">
            <h2 id="library-others">{t('others')}</h2>
            {others.length ? <EntryList entries={others} base={`/${user.role}`} /> : <EmptyState>{t('empty')}</EmptyState>}
          </section>
        </>
      )}
      {user.role === 'navigator' && <LibraryEditor />}
    </Page>
  );
}

function EntryList({ entries, base }: { entries: LibraryEntryView[]; base: string }) {
  return (
    <ul className="library-list">
      {entries.map((e) => (
        <li key={e.id} lang={e.language}>
          <h3>
            <Link to={`${base}/library/${e.id}`}>{e.title}</Link>
          </h3>
          <EntryFacts entry={e} />
        </li>
      ))}
    </ul>
  );
}
