import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EURACAN_DOMAINS, type EuracanDomain } from '../../../src/contracts/referrals.ts';
import { DataTable } from '../components/DataTable.tsx';
import { useUser } from '../session.tsx';
import { Page } from '../shell/Page.tsx';
import { EmptyState, ErrorNotice, Loading } from '../shell/status.tsx';
import { directoryApi, SITES_KEY, type DirectorySite } from './directory.ts';
import './organization.css';

/**
 * The network directory: partner hospitals and reference centres, their EURACAN domains, languages,
 * telemedicine and contacts. Staff read it; the admin opens a site to keep it up to date.
 */
export default function DirectoryPage() {
  const { t } = useTranslation(['directory', 'referrals']);
  const me = useUser();
  const [domain, setDomain] = useState<EuracanDomain | ''>('');
  const [language, setLanguage] = useState('');
  const [telemedicine, setTelemedicine] = useState<'' | 'true'>('');
  const params = new URLSearchParams({ ...(domain ? { domain } : {}), ...(/^[a-z]{2}$/.test(language) ? { language } : {}), ...(telemedicine ? { telemedicine } : {}) }).toString();
  const query = params ? `?${params}` : '';
  const sites = useQuery({ queryKey: [`${SITES_KEY}${query}`], queryFn: () => directoryApi.sites(query) });
  const base = `/${me.role}/directory`;
  const columns = [
    { id: 'name', header: t('site'), rowHeader: true, cell: (s: DirectorySite) => <Link to={`${base}/${s.id}`}>{s.name}</Link> },
    { id: 'kind', header: t('kind'), cell: (s: DirectorySite) => `${t(`kinds.${s.kind}`)}, ${s.city}` },
    { id: 'domains', header: t('domains'), cell: (s: DirectorySite) => s.domains.map((d) => t(`referrals:domains.${d}`)).join(', ') || '—' },
    { id: 'languages', header: t('languages'), cell: (s: DirectorySite) => s.languages.join(', ') || '—' },
    { id: 'telemedicine', header: t('telemedicine'), cell: (s: DirectorySite) => (s.telemedicine ? t('yes') : t('no')) },
    { id: 'contact', header: t('contact'), cell: (s: DirectorySite) => <Contact site={s} /> },
  ];
  return (
    <Page title={t('title')}>
      <p className="lead">{t('intro')}</p>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="d-domain">{t('domain')}</label>
          <select id="d-domain" value={domain} onChange={(e) => setDomain(e.target.value as EuracanDomain | '')}>
            <option value="">{t('any')}</option>
            {EURACAN_DOMAINS.map((d) => <option key={d} value={d}>{t(`referrals:domains.${d}`)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="d-language">{t('language')}</label>
          <input id="d-language" value={language} maxLength={2} size={4} aria-describedby="d-language-help" onChange={(e) => setLanguage(e.target.value.trim().toLowerCase())} />
          <p id="d-language-help" className="field-hint">{t('languageHelp')}</p>
        </div>
        <div className="field">
          <label htmlFor="d-tele">{t('telemedicine')}</label>
          <select id="d-tele" value={telemedicine} onChange={(e) => setTelemedicine(e.target.value as '' | 'true')}>
            <option value="">{t('any')}</option>
            <option value="true">{t('offersTelemedicine')}</option>
          </select>
        </div>
      </form>
      {sites.isPending && <Loading />}
      {sites.isError && <ErrorNotice error={sites.error} onRetry={() => void sites.refetch()} />}
      {sites.isSuccess && (sites.data.sites.length === 0 ? <EmptyState>{t('empty')}</EmptyState> : <DataTable caption={t('caption')} columns={columns} rows={sites.data.sites} rowKey={(s) => s.id} />)}
    </Page>
  );
}

export function Contact({ site }: { site: DirectorySite }) {
  const { name, email, phone } = site.contact;
  if (!name && !email && !phone) return <>—</>;
  return (
    <>
      {name && <span className="contact-line">{name}</span>}
      {email && <a className="contact-line" href={`mailto:${email}`}>{email}</a>}
      {phone && <a className="contact-line" href={`tel:${phone.replace(/[^+0-9]/g, '')}`}>{phone}</a>}
    </>
  );
}
