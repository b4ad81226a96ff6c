import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { EURACAN_DOMAINS } from '../../../src/contracts/referrals.ts';
import { LIBRARY_FORMATS, LIBRARY_KINDS, type CreateEntryRequest } from '../../../src/contracts/library.ts';
import { api } from '../api.ts';
import { SUPPORTED_LANGUAGES } from '../i18n.ts';
import { ErrorNotice } from '../shell/status.tsx';
import { Options } from '../shell/Options.tsx';

const EMPTY: CreateEntryRequest = { kind: 'information', title: '', summary: '', organization: '', url: null, domain: null, language: 'en', format: null };

/** A navigator adds an entry to the organization's library; it is listed as reviewed by them today. */
export function LibraryEditor() {
  const { t } = useTranslation('library');
  const { t: tc } = useTranslation();
  const { t: tr } = useTranslation('referrals');
  const client = useQueryClient();
  const [entry, setEntry] = useState<CreateEntryRequest>(EMPTY);
  const set = <K extends keyof CreateEntryRequest>(key: K, value: CreateEntryRequest[K]) => setEntry({ ...entry, [key]: value });
  const create = useMutation({
    mutationFn: () => api.post('/api/library', entry),
    onSuccess: async () => {
      setEntry(EMPTY);
      await client.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith('/api/library') });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <section aria-labelledby="library-add-heading" className="card">
      <h2 id="library-add-heading">{t('editor.heading')}</h2>
      <form className="form" onSubmit={submit}>
        <div className="field">
          <label htmlFor="lib-kind">{t('editor.kind')}</label>
          <select id="lib-kind" value={entry.kind} onChange={(e) => set('kind', e.target.value as CreateEntryRequest['kind'])}>
            <Options values={LIBRARY_KINDS} label={(k) => t(`kind.${k}`)} />
          </select>
        </div>
        <div className="field">
          <label htmlFor="lib-title">{t('editor.title')}</label>
          <input id="lib-title" required maxLength={200} value={entry.title} onChange={(e) => set('title', e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="lib-org">{t('editor.organization')}</label>
          <input id="lib-org" required maxLength={200} value={entry.organization} onChange={(e) => set('organization', e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="lib-summary">{t('editor.summary')}</label>
          <textarea id="lib-summary" required maxLength={2000} rows={3} value={entry.summary} onChange={(e) => set('summary', e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="lib-url">{t('editor.url')}</label>
          <input id="lib-url" type="url" pattern="https://.*" aria-describedby="lib-url-hint" value={entry.url ?? ''} onChange={(e) => set('url', e.target.value || null)} />
          <p id="lib-url-hint" className="hint">
            {t('editor.urlHint')}
          </p>
        </div>
        <div className="field">
          <label htmlFor="lib-domain">{t('editor.domain')}</label>
          <select id="lib-domain" value={entry.domain ?? ''} onChange={(e) => set('domain', (e.target.value || null) as CreateEntryRequest['domain'])}>
            <option value="">{t('editor.everyone')}</option>
            {EURACAN_DOMAINS.map((d) => (
              <option key={d} value={d}>
                {tr(`domains.${d}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="lib-language">{t('editor.language')}</label>
          <select id="lib-language" value={entry.language} onChange={(e) => set('language', e.target.value as CreateEntryRequest['language'])}>
            {SUPPORTED_LANGUAGES.map((l) => (
              <option key={l} value={l} lang={l}>
                {tc('meta.nativeName', { lng: l })}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="lib-format">{t('editor.format')}</label>
          <select id="lib-format" value={entry.format ?? ''} onChange={(e) => set('format', (e.target.value || null) as CreateEntryRequest['format'])}>
            <option value="">{t('editor.noFormat')}</option>
            {LIBRARY_FORMATS.map((f) => (
              <option key={f} value={f}>
                {t(`format.${f}`)}
              </option>
            ))}
          </select>
        </div>
        {create.isError && <ErrorNotice error={create.error} />}
        <button type="submit" className="button button-primary" disabled={create.isPending}>
          {t('editor.submit')}
        </button>
        <p role="status" className="hint">
          {create.isSuccess ? t('editor.done') : ''}
        </p>
      </form>
    </section>
  );
}
