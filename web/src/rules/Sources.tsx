import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RuleSource } from './api.ts';

/**
 * Which source a rule, the ladder or the crisis data rests on: a choice among the draft's sources, with
 * the chosen citation shown in full so the clinical lead sees what is cited, not an id.
 */
export function SourcePicker({ id, label, hideLabel, value, sources, onChange }: { id: string; label: string; hideLabel?: boolean; value: string | undefined; sources: RuleSource[]; onChange: (id: string) => void }) {
  const { t } = useTranslation('rules');
  const citation = sources.find((s) => s.id === value)?.citation;
  return (
    <div className="field source-picker">
      <label htmlFor={id} className={hideLabel ? 'visually-hidden' : undefined}>{label}</label>
      <select id={id} value={value ?? ''} onChange={(e) => onChange(e.target.value)} aria-describedby={`${id}-citation`}>
        {value === undefined && <option value="">{t('sources.noneChosen')}</option>}
        {sources.map((s) => <option key={s.id} value={s.id}>{s.id}</option>)}
      </select>
      <p id={`${id}-citation`} className="small source-citation">{citation ?? t('sources.noneChosen')}</p>
    </div>
  );
}

const ID_PATTERN = /^[a-z0-9_.-]{1,60}$/;

/** The draft's list of sources: each citation editable, new ones added by id (rules then cite them). */
export function SourcesEditor({ sources, onChange }: { sources: RuleSource[]; onChange: (sources: RuleSource[]) => void }) {
  const { t } = useTranslation('rules');
  const base = useId();
  const [newId, setNewId] = useState('');
  const [newCitation, setNewCitation] = useState('');
  const taken = sources.some((s) => s.id === newId);
  return (
    <div className="rule-sources">
      <ul className="plain-list">
        {sources.map((s, i) => (
          <li key={s.id} className="field">
            <label htmlFor={`${base}-${i}`}>{t('sources.citationOf', { id: s.id })}</label>
            <textarea id={`${base}-${i}`} rows={2} required minLength={3} maxLength={400} value={s.citation} onChange={(e) => onChange(sources.map((x, j) => (j === i ? { ...x, citation: e.target.value } : x)))} />
          </li>
        ))}
      </ul>
      <fieldset className="card">
        <legend>{t('sources.add')}</legend>
        <div className="field">
          <label htmlFor={`${base}-new-id`}>{t('sources.newId')}</label>
          <input id={`${base}-new-id`} value={newId} maxLength={60} aria-describedby={`${base}-new-id-hint`} onChange={(e) => setNewId(e.target.value.toLowerCase())} />
          <p id={`${base}-new-id-hint`} className="small">{taken ? t('sources.taken') : t('sources.idHint')}</p>
        </div>
        <div className="field">
          <label htmlFor={`${base}-new-citation`}>{t('sources.newCitation')}</label>
          <textarea id={`${base}-new-citation`} rows={2} maxLength={400} value={newCitation} onChange={(e) => setNewCitation(e.target.value)} />
        </div>
        <button
          type="button"
          className="button button-secondary"
          disabled={!ID_PATTERN.test(newId) || taken || newCitation.trim().length < 3}
          onClick={() => {
            onChange([...sources, { id: newId, citation: newCitation.trim() }]);
            setNewId('');
            setNewCitation('');
          }}
        >
          {t('sources.addButton')}
        </button>
      </fieldset>
    </div>
  );
}
