import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../i18n.ts';
import { useNavigators } from './TriageControls.tsx';
import { alertsApi, RESOLUTION_ACTIONS, type AlertView, type ResolutionAction } from './api.ts';

type Mode = 'none' | 'resolve' | 'snooze' | 'reassign';

/** Acknowledge, resolve with a documented action, snooze (bounded, with a reason, never urgent), reassign. */
export function AlertActions({ alert, onChange }: { alert: AlertView; onChange: (a: AlertView) => void }) {
  const { t } = useTranslation('checkins');
  const [mode, setMode] = useState<Mode>('none');
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const closed = alert.status === 'resolved' || alert.status === 'suppressed';
  const run = async (fn: () => Promise<{ alert: AlertView }>) => {
    setBusy(true);
    setError(undefined);
    try {
      onChange((await fn()).alert);
      setMode('none');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  if (closed) return null;
  return (
    <div className="alert-actions">
      <div className="action-row">
        {alert.status === 'open' && (
          <button type="button" className="button button-primary" disabled={busy} onClick={() => void run(() => alertsApi.acknowledge(alert.id))}>
            {t('ui.triage.acknowledge')}
          </button>
        )}
        <button type="button" className="button button-secondary" aria-expanded={mode === 'resolve'} onClick={() => setMode(mode === 'resolve' ? 'none' : 'resolve')}>
          {t('ui.triage.resolve')}
        </button>
        {/* Snooze is an action on an acknowledged alert; the alert still needs its resolution. */}
        {alert.severity === 'urgent' ? (
          <span className="muted small">{t('ui.triage.urgentNoSnooze')}</span>
        ) : alert.status === 'acknowledged' ? (
          <button type="button" className="button button-secondary" aria-expanded={mode === 'snooze'} onClick={() => setMode(mode === 'snooze' ? 'none' : 'snooze')}>
            {t('ui.triage.snooze')}
          </button>
        ) : null}
        <button type="button" className="button button-secondary" aria-expanded={mode === 'reassign'} onClick={() => setMode(mode === 'reassign' ? 'none' : 'reassign')}>
          {t('ui.triage.reassign')}
        </button>
      </div>
      {mode === 'resolve' && <ResolveForm busy={busy} onSubmit={(body) => void run(() => alertsApi.resolve(alert.id, body))} id={alert.id} />}
      {mode === 'snooze' && <SnoozeForm busy={busy} onSubmit={(body) => void run(() => alertsApi.snooze(alert.id, body))} id={alert.id} />}
      {mode === 'reassign' && <ReassignForm busy={busy} onSubmit={(userId) => void run(() => alertsApi.reassign(alert.id, userId))} id={alert.id} current={alert.assignedTo} />}
      {error !== undefined && <p role="alert" className="field-error">{errorMessage(t, error)}</p>}
    </div>
  );
}

/** The documented action that closes an alert (or all alerts of one check-in on the triage queue). */
export function ResolveForm({ id, busy, onSubmit, autoFocus = false }: { id: string; busy: boolean; onSubmit: (b: { action: ResolutionAction; note?: string }) => void; autoFocus?: boolean }) {
  const { t } = useTranslation('checkins');
  const [action, setAction] = useState<ResolutionAction>('called_patient');
  const [note, setNote] = useState('');
  const needsNote = action === 'no_action_needed' || action === 'other';
  return (
    <form className="inline-form" onSubmit={(e) => { e.preventDefault(); onSubmit({ action, ...(note.trim() ? { note: note.trim() } : {}) }); }}>
      <div className="field">
        <label htmlFor={`action-${id}`}>{t('ui.triage.action')}</label>
        <select id={`action-${id}`} autoFocus={autoFocus} value={action} onChange={(e) => setAction(e.target.value as ResolutionAction)}>
          {RESOLUTION_ACTIONS.map((a) => <option key={a} value={a}>{t(`ui.triage.actions.${a}`)}</option>)}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`note-${id}`}>{t('ui.triage.note')}</label>
        <textarea id={`note-${id}`} value={note} required={needsNote} minLength={needsNote ? 3 : undefined} maxLength={2000} onChange={(e) => setNote(e.target.value)} aria-describedby={needsNote ? `note-help-${id}` : undefined} />
        {needsNote && <p id={`note-help-${id}`} className="muted small">{t('ui.triage.noteRequired')}</p>}
      </div>
      <button type="submit" className="button button-primary" disabled={busy}>{t('ui.triage.save')}</button>
    </form>
  );
}

function SnoozeForm({ id, busy, onSubmit }: { id: string; busy: boolean; onSubmit: (b: { days: number; reason: string }) => void }) {
  const { t } = useTranslation('checkins');
  const [days, setDays] = useState(7);
  const [reason, setReason] = useState('');
  return (
    <form className="inline-form" onSubmit={(e) => { e.preventDefault(); onSubmit({ days, reason: reason.trim() }); }}>
      <div className="field">
        <label htmlFor={`days-${id}`}>{t('ui.triage.days')}</label>
        <input id={`days-${id}`} type="number" min={1} max={30} required value={days} onChange={(e) => setDays(Number(e.target.value))} />
      </div>
      <div className="field">
        <label htmlFor={`reason-${id}`}>{t('ui.triage.reason')}</label>
        <input id={`reason-${id}`} type="text" required minLength={3} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
      </div>
      <button type="submit" className="button button-primary" disabled={busy}>{t('ui.triage.save')}</button>
    </form>
  );
}

function ReassignForm({ id, busy, current, onSubmit }: { id: string; busy: boolean; current: string | null; onSubmit: (userId: string) => void }) {
  const { t } = useTranslation('checkins');
  const navigators = useNavigators();
  const [userId, setUserId] = useState('');
  if (!navigators.isSuccess) return navigators.isError ? <p role="alert" className="field-error">{errorMessage(t, navigators.error)}</p> : null;
  const options = navigators.data.navigators.filter((n) => n.id !== current);
  return (
    <form className="inline-form" onSubmit={(e) => { e.preventDefault(); if (userId) onSubmit(userId); }}>
      <div className="field">
        <label htmlFor={`assign-${id}`}>{t('ui.triage.assignTo')}</label>
        <select id={`assign-${id}`} required value={userId} onChange={(e) => setUserId(e.target.value)}>
          <option value="">—</option>
          {options.map((n) => <option key={n.id} value={n.id}>{n.name}</option>)}
        </select>
      </div>
      <button type="submit" className="button button-primary" disabled={busy}>{t('ui.triage.save')}</button>
    </form>
  );
}
