import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../api.ts';
import { useUser } from '../session.tsx';
import { ErrorNotice, Loading } from '../shell/status.tsx';
import { libraryPath } from '../library/api.ts';
import type { LibraryEntryView } from './api.ts';

/** The first few trusted-information entries for the patient's diagnosis and language. */
export function LibraryTeaser({ patientId }: { patientId: string | undefined }) {
  const { t, i18n } = useTranslation('home');
  const base = `/${useUser().role}`;
  const path = libraryPath(patientId, i18n.language);
  const entries = useQuery({ queryKey: [path], queryFn: () => api.get<{ entries: LibraryEntryView[] }>(path) });
  const top = (entries.data?.entries ?? []).filter((e) => e.matches).slice(0, 3);
  return (
    <section aria-labelledby="library-teaser-heading" className="card home-card">
      <h2 id="library-teaser-heading">{t('library.heading')}</h2>
      {entries.isPending && <Loading />}
      {entries.isError && <ErrorNotice error={entries.error} onRetry={() => void entries.refetch()} />}
      {top.length > 0 && (
        <ul className="plain-list">
          {top.map((e) => (
            <li key={e.id}>
              <Link to={`${base}/library/${e.id}`}>{e.title}</Link>
              <span className="hint"> · {e.organization}</span>
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link to={`${base}/library`}>{t('library.all')}</Link>
      </p>
    </section>
  );
}
