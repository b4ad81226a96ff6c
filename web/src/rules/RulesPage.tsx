import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../i18n.ts';
import { Page } from '../shell/Page.tsx';
import { ErrorNotice, Loading } from '../shell/status.tsx';
import { rulesApi, type RuleDraft, type RuleVersion } from './api.ts';
import { CrisisEditor } from './CrisisEditor.tsx';
import { LadderEditor } from './LadderEditor.tsx';
import { PreviewTable } from './PreviewTable.tsx';
import { RuleTable } from './RuleTable.tsx';
import { SourcesEditor } from './Sources.tsx';
import './rules.css';

/**
 * The clinical lead's rules editor: thresholds and severities, the ladder and crisis data, previewed on
 * the organization's last 90 days of check-ins before publishing, every version kept and restorable.
 */
export default function RulesPage() {
  const { t } = useTranslation('rules');
  const current = useQuery({ queryKey: ['clinical-rules'], queryFn: rulesApi.current });
  // Outlives the editor, which starts afresh from each version put in force.
  const [done, setDone] = useState('');
  if (current.isPending) return <Page title={t('editor.title')}><Loading /></Page>;
  if (current.isError) return <Page title={t('editor.title')}><ErrorNotice error={current.error} onRetry={() => void current.refetch()} /></Page>;
  // Keyed by version: publishing or restoring starts a fresh draft from what is now in force.
  return <Editor key={current.data.id} current={current.data} done={done} setDone={setDone} />;
}

function Editor({ current, done, setDone }: { current: RuleVersion; done: string; setDone: (message: string) => void }) {
  const { t, i18n } = useTranslation('rules');
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<RuleDraft>(current.draft);
  const [note, setNote] = useState('');
  const [changeSource, setChangeSource] = useState('');
  const preview = useMutation({ mutationFn: () => rulesApi.preview(draft) });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['clinical-rules'] });
  const publish = useMutation({ mutationFn: () => rulesApi.publish({ draft, note, changeSource }), onSuccess: (v) => { setDone(t('editor.published', { version: v.version })); void refresh(); } });
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(current.createdAt));
  return (
    <Page title={t('editor.title')}>
      <p className="lead">{t('editor.current', { version: current.version, date, name: current.createdByName ?? current.createdBy })}</p>
      {current.isDefault && <p className="notice notice-info">{t('editor.defaults')}</p>}
      <p>{t('editor.why', { note: current.note })}{current.changeSource && <> · {t('editor.source', { source: current.changeSource })}</>}</p>
      <p className="muted small">{t('editor.readOnly')}</p>
      {done && <p role="status" className="notice notice-success">{done}</p>}

      <h2>{t('editor.thresholds')}</h2>
      <RuleTable rules={draft.rules} sources={draft.sources} onChange={(rules) => setDraft({ ...draft, rules })} />
      <h2>{t('editor.ladder')}</h2>
      <LadderEditor ladder={draft.ladder} sources={draft.sources} onChange={(ladder) => setDraft({ ...draft, ladder })} />
      <h2>{t('editor.crisis')}</h2>
      <CrisisEditor crisis={draft.crisis} sources={draft.sources} onChange={(crisis) => setDraft({ ...draft, crisis })} />
      <h2>{t('sources.heading')}</h2>
      <SourcesEditor sources={draft.sources} onChange={(sources) => setDraft({ ...draft, sources })} />

      <form className="card rules-publish" onSubmit={(e) => { e.preventDefault(); publish.mutate(); }}>
        <div className="field">
          <label htmlFor="rules-note">{t('editor.note')}</label>
          <textarea id="rules-note" required minLength={3} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="rules-source">{t('editor.changeSource')}</label>
          <input id="rules-source" required minLength={3} maxLength={400} value={changeSource} onChange={(e) => setChangeSource(e.target.value)} />
        </div>
        <div className="action-row">
          <button type="button" className="button button-secondary" disabled={preview.isPending} onClick={() => preview.mutate()}>
            {preview.isPending ? t('editor.previewing') : t('editor.preview')}
          </button>
          <button type="submit" className="button button-primary" disabled={publish.isPending}>{t('editor.save')}</button>
        </div>
        {preview.isError && <p role="alert" className="field-error">{errorMessage(t, preview.error)}</p>}
        {publish.isError && <p role="alert" className="field-error">{errorMessage(t, publish.error)}</p>}
      </form>
      {preview.data && <PreviewTable preview={preview.data} />}
      <Versions onRestored={(msg) => { setDone(msg); void refresh(); }} />
    </Page>
  );
}

function Versions({ onRestored }: { onRestored: (message: string) => void }) {
  const { t, i18n } = useTranslation('rules');
  const versions = useQuery({ queryKey: ['clinical-rules', 'versions'], queryFn: rulesApi.versions });
  const [note, setNote] = useState('');
  const restore = useMutation({ mutationFn: (version: number) => rulesApi.restore(version, note), onSuccess: (v, version) => onRestored(t('editor.restored', { version, now: v.version })) });
  const fmt = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <section aria-labelledby="versions-title">
      <h2 id="versions-title">{t('editor.versions')}</h2>
      {versions.isPending && <Loading />}
      {versions.isError && <ErrorNotice error={versions.error} onRetry={() => void versions.refetch()} />}
      {versions.data && (
        <>
          <div className="field">
            <label htmlFor="restore-note">{t('editor.restoreNote')}</label>
            <input id="restore-note" minLength={3} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} />
          </div>
          <ol className="plain-list rule-versions">
            {versions.data.versions.map((v, i) => (
              <li key={v.id} className="card">
                <p><strong>{t('editor.current', { version: v.version, date: fmt.format(new Date(v.createdAt)), name: v.createdByName ?? v.createdBy })}</strong></p>
                <p>{t('editor.why', { note: v.note })}{v.changeSource && <> · {t('editor.source', { source: v.changeSource })}</>}</p>
                {i > 0 && !v.isDefault && (
                  <button type="button" className="button button-secondary" disabled={restore.isPending || note.trim().length < 3} onClick={() => restore.mutate(v.version)}>
                    {t('editor.restore', { version: v.version })}
                  </button>
                )}
              </li>
            ))}
          </ol>
          {restore.isError && <p role="alert" className="field-error">{errorMessage(t, restore.error)}</p>}
        </>
      )}
    </section>
  );
}
