import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField } from '../account/SelectField.tsx';
import { api } from '../api.ts';
import { errorMessage } from '../i18n.ts';
import { Page } from '../shell/Page.tsx';
import { TextField } from '../shell/TextField.tsx';
import { SUPPORTIVE_SERVICES, useGet, useTaskMutation } from './api.ts';
import { ServiceList } from './ServiceList.tsx';
import './tasks.css';

type Site = { id: string; name: string };

/** The supportive services directory per site: filter, add, remove. */
export default function ServicesPage() {
  const { t } = useTranslation('tasks');
  const sites = useGet<{ sites: Site[] }>('/api/directory/sites');
  const [siteId, setSiteId] = useState('');
  const [service, setService] = useState('');
  const remove = useTaskMutation((id: string) => api.delete(`/api/supportive-services/${id}`));
  const query = new URLSearchParams({ ...(siteId ? { siteId } : {}), ...(service ? { service } : {}) }).toString();
  return (
    <Page title={t('services.title')}>
      <p className="lead">{t('services.lead')}</p>
      <div className="task-toolbar">
        <SelectField label={t('services.site')} value={siteId} onChange={(e) => setSiteId(e.target.value)}>
          <option value="">{t('services.allSites')}</option>
          {(sites.data?.sites ?? []).map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
        </SelectField>
        <SelectField label={t('services.service')} value={service} onChange={(e) => setService(e.target.value)}>
          <option value="">{t('services.allServices')}</option>
          {SUPPORTIVE_SERVICES.map((s) => <option key={s} value={s}>{t(`service.${s}`)}</option>)}
        </SelectField>
      </div>
      {remove.isError && <div role="alert" className="notice notice-error"><p>{errorMessage(t, remove.error)}</p></div>}
      {remove.isSuccess && <p role="status">{t('services.removed')}</p>}
      <ServiceList
        path={`/api/supportive-services${query ? `?${query}` : ''}`}
        empty={t('services.empty')}
        action={(s) => <button type="button" className="button button-secondary" onClick={() => remove.mutate(s.id)}>{t('services.remove', { name: s.name })}</button>}
      />
      <AddService sites={sites.data?.sites ?? []} />
    </Page>
  );
}

function AddService({ sites }: { sites: Site[] }) {
  const { t } = useTranslation('tasks');
  const empty = { siteId: '', service: 'social_work', name: '', contact: '', languages: '', howToRefer: '', hours: '' };
  const [f, setF] = useState(empty);
  const m = useTaskMutation(() => api.post('/api/supportive-services', { ...f, siteId: f.siteId || sites[0]?.id, languages: f.languages.split(',').map((l) => l.trim().toLowerCase()).filter(Boolean) }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    m.mutate(undefined, { onSuccess: () => setF(empty) });
  };
  const text = (k: 'name' | 'contact' | 'howToRefer' | 'hours') => (
    <TextField label={t(`services.${k}`)} required minLength={2} value={f[k]} onChange={(e) => setF({ ...f, [k]: e.target.value })} />
  );
  return (
    <section aria-labelledby="add-service-h">
      <h2 id="add-service-h">{t('services.add')}</h2>
      <form className="form" onSubmit={submit}>
        <SelectField label={t('services.site')} value={f.siteId || sites[0]?.id || ''} onChange={(e) => setF({ ...f, siteId: e.target.value })}>
          {sites.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
        </SelectField>
        <SelectField label={t('services.service')} value={f.service} onChange={(e) => setF({ ...f, service: e.target.value })}>
          {SUPPORTIVE_SERVICES.map((s) => <option key={s} value={s}>{t(`service.${s}`)}</option>)}
        </SelectField>
        {text('name')}
        {text('contact')}
        <SelectField label={t('services.languages')} hint={t('services.languagesHint')} multiple value={f.languages.split(',').filter(Boolean)} onChange={(e) => setF({ ...f, languages: [...e.target.selectedOptions].map((o) => o.value).join(',') })}>
          {['en', 'es', 'ar', 'fr', 'de', 'pt'].map((l) => <option key={l} value={l}>{new Intl.DisplayNames([navigator.language], { type: 'language' }).of(l)}</option>)}
        </SelectField>
        {text('howToRefer')}
        {text('hours')}
        <div><button type="submit" className="button button-primary">{t('services.save')}</button></div>
        {m.isError && <div role="alert" className="notice notice-error"><p>{errorMessage(t, m.error)}</p></div>}
        {m.isSuccess && <p role="status">{t('services.added')}</p>}
      </form>
    </section>
  );
}
