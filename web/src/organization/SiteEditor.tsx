import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { EURACAN_DOMAINS, type EuracanDomain } from '../../../src/contracts/referrals.ts';
import { api } from '../api.ts';
import type { UserSummary } from '../account/api.ts';
import { errorMessage } from '../i18n.ts';
import { directoryApi, parseLanguages, type DirectorySite } from './directory.ts';

const orNull = (v: string) => v.trim() || null;

/** The admin keeps a site's profile: domains, telemedicine, languages and the contact. */
export function SiteProfileForm({ site, onSaved }: { site: DirectorySite; onSaved: (s: DirectorySite) => void }) {
  const { t } = useTranslation(['directory', 'referrals']);
  const [domains, setDomains] = useState<EuracanDomain[]>(site.domains);
  const [telemedicine, setTelemedicine] = useState(site.telemedicine);
  const [languages, setLanguages] = useState(site.languages.join(', '));
  const [name, setName] = useState(site.contact.name ?? '');
  const [email, setEmail] = useState(site.contact.email ?? '');
  const [phone, setPhone] = useState(site.contact.phone ?? '');
  const save = useMutation({
    mutationFn: () => directoryApi.update(site.id, { domains, telemedicine, languages: parseLanguages(languages), contactName: orNull(name), contactEmail: orNull(email), contactPhone: orNull(phone) }),
    onSuccess: onSaved,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <form className="site-form" onSubmit={submit} aria-labelledby="site-edit">
      <h2 id="site-edit">{t('edit')}</h2>
      <fieldset>
        <legend>{t('domains')}</legend>
        <div className="checkbox-grid">
          {EURACAN_DOMAINS.map((d) => (
            <label key={d} className="checkbox">
              <input type="checkbox" checked={domains.includes(d)} onChange={(e) => setDomains(e.target.checked ? [...domains, d] : domains.filter((x) => x !== d))} />
              {t(`referrals:domains.${d}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <label className="checkbox">
        <input type="checkbox" checked={telemedicine} onChange={(e) => setTelemedicine(e.target.checked)} />
        {t('offersTelemedicine')}
      </label>
      <div className="field">
        <label htmlFor="s-languages">{t('languages')}</label>
        <input id="s-languages" value={languages} aria-describedby="s-languages-help" onChange={(e) => setLanguages(e.target.value)} />
        <p id="s-languages-help" className="field-hint">{t('languagesHelp')}</p>
      </div>
      <div className="field">
        <label htmlFor="s-contact">{t('contactName')}</label>
        <input id="s-contact" value={name} maxLength={120} autoComplete="off" onChange={(e) => setName(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="s-email">{t('contactEmail')}</label>
        <input id="s-email" type="email" value={email} maxLength={200} autoComplete="off" onChange={(e) => setEmail(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="s-phone">{t('contactPhone')}</label>
        <input id="s-phone" type="tel" value={phone} maxLength={30} autoComplete="off" onChange={(e) => setPhone(e.target.value)} />
      </div>
      <button type="submit" className="button button-primary" disabled={save.isPending}>{t('save')}</button>
      {save.isSuccess && <p role="status">{t('saved')}</p>}
      {save.isError && <p role="alert" className="field-error">{errorMessage(t, save.error)}</p>}
    </form>
  );
}

/** The admin names who acts for a site (receives its referrals): specialists and navigators of the organization. */
export function SiteMembersEditor({ site, onSaved }: { site: DirectorySite; onSaved: () => void }) {
  const { t } = useTranslation('directory');
  const users = useQuery({ queryKey: ['/api/admin/users'], queryFn: () => api.get<{ users: UserSummary[] }>('/api/admin/users') });
  const [userId, setUserId] = useState('');
  const [role, setRole] = useState<'specialist' | 'coordinator'>('specialist');
  const add = useMutation({ mutationFn: () => directoryApi.addMember(site.id, userId, role), onSuccess: () => (setUserId(''), onSaved()) });
  const candidates = (users.data?.users ?? []).filter((u) => !u.disabled && (u.role === 'specialist' || u.role === 'navigator') && !site.members.some((m) => m.userId === u.id));
  return (
    <form className="inline-form" onSubmit={(e) => { e.preventDefault(); if (userId) add.mutate(); }}>
      <div className="field">
        <label htmlFor="m-user">{t('addMember')}</label>
        <select id="m-user" value={userId} required onChange={(e) => setUserId(e.target.value)}>
          <option value="">{t('choosePerson')}</option>
          {candidates.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
        </select>
      </div>
      <div className="field">
        <label htmlFor="m-role">{t('memberRole')}</label>
        <select id="m-role" value={role} onChange={(e) => setRole(e.target.value as typeof role)}>
          <option value="specialist">{t('roles.specialist')}</option>
          <option value="coordinator">{t('roles.coordinator')}</option>
        </select>
      </div>
      <button type="submit" className="button button-secondary" disabled={add.isPending || !userId}>{t('add')}</button>
      {users.isError && <p role="alert" className="field-error">{errorMessage(t, users.error)}</p>}
      {add.isError && <p role="alert" className="field-error">{errorMessage(t, add.error)}</p>}
    </form>
  );
}
