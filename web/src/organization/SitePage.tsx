import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { errorMessage } from '../i18n.ts';
import { useUser } from '../session.tsx';
import { Page } from '../shell/Page.tsx';
import { ErrorNotice, Loading } from '../shell/status.tsx';
import { Contact } from './DirectoryPage.tsx';
import { directoryApi, SITES_KEY, siteKey, type DirectorySite } from './directory.ts';
import { SiteMembersEditor, SiteProfileForm } from './SiteEditor.tsx';
import './organization.css';

/** One site of the network: what it offers and who acts for it; the admin edits both here. */
export default function SitePage() {
  const { t } = useTranslation(['directory', 'referrals']);
  const { id = '' } = useParams();
  const me = useUser();
  const client = useQueryClient();
  const site = useQuery({ queryKey: [siteKey(id)], queryFn: () => directoryApi.site(id) });
  const saved = (next: DirectorySite | undefined) => {
    if (next) client.setQueryData([siteKey(id)], next);
    return client.invalidateQueries({ predicate: (q) => typeof q.queryKey[0] === 'string' && q.queryKey[0].startsWith(SITES_KEY) });
  };
  const remove = useMutation({ mutationFn: (userId: string) => directoryApi.removeMember(id, userId), onSuccess: () => saved(undefined) });
  if (site.isPending) return <Page title={t('title')}><Loading /></Page>;
  if (site.isError) return <Page title={t('title')}><ErrorNotice error={site.error} onRetry={() => void site.refetch()} /></Page>;
  const s = site.data;
  const admin = me.role === 'admin';
  return (
    <Page title={s.name}>
      <p><Link to={`/${me.role}/directory`}>{t('back')}</Link></p>
      <dl className="site-facts">
        <dt>{t('kind')}</dt><dd>{t(`kinds.${s.kind}`)}, {s.city} ({s.timezone})</dd>
        <dt>{t('domains')}</dt><dd>{s.domains.map((d) => t(`referrals:domains.${d}`)).join(', ') || '—'}</dd>
        <dt>{t('languages')}</dt><dd>{s.languages.join(', ') || '—'}</dd>
        <dt>{t('telemedicine')}</dt><dd>{s.telemedicine ? t('yes') : t('no')}</dd>
        <dt>{t('contact')}</dt><dd><Contact site={s} /></dd>
      </dl>
      <section aria-labelledby="site-members">
        <h2 id="site-members">{t('members')}</h2>
        {s.members.length === 0 ? <p>{t('noMembers')}</p> : (
          <ul className="plain-list">
            {s.members.map((m) => (
              <li key={m.userId} className="member-row">
                {m.name} · {t(`roles.${m.role}`)}
                {admin && (
                  <button type="button" className="button button-secondary" disabled={remove.isPending} onClick={() => remove.mutate(m.userId)}>
                    {t('removeMember', { name: m.name })}
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
        {remove.isError && <p role="alert" className="field-error">{errorMessage(t, remove.error)}</p>}
        {admin && <SiteMembersEditor site={s} onSaved={() => saved(undefined)} />}
      </section>
      {admin && <SiteProfileForm site={s} onSaved={saved} />}
    </Page>
  );
}
