import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReminderSettings } from '../../../src/contracts/appointments.ts';
import { api } from '../api.ts';
import { errorMessage } from '../i18n.ts';
import { useUser } from '../session.tsx';
import { ErrorNotice, Loading } from '../shell/status.tsx';

const PATH = '/api/scheduling/reminder-settings';
const UNITS = { minutes: 1, hours: 60, days: 1440 } as const;
type Unit = keyof typeof UNITS;
const MAX_OFFSETS = 8;

/** An offset in the largest unit that divides it, for editing ("1 day" rather than "1440 minutes"). */
function split(minutes: number): { amount: number; unit: Unit } {
  if (minutes % UNITS.days === 0) return { amount: minutes / UNITS.days, unit: 'days' };
  if (minutes % UNITS.hours === 0) return { amount: minutes / UNITS.hours, unit: 'hours' };
  return { amount: minutes, unit: 'minutes' };
}

/**
 * The organization's appointment reminder schedule (when reminders go out before an appointment, and the
 * quiet hours no reminder is sent in). Every person's own channels and SMS number are in PreferencesSection;
 * this is the organization's, which the admin keeps and navigators read.
 */
export function ReminderSettingsSection() {
  const { t } = useTranslation('preferences');
  const me = useUser();
  const settings = useQuery({ queryKey: [PATH], queryFn: () => api.get<ReminderSettings>(PATH) });
  return (
    <section aria-labelledby="org-reminders" className="card">
      <h2 id="org-reminders">{t('org.heading')}</h2>
      {settings.isPending && <Loading />}
      {settings.isError && <ErrorNotice error={settings.error} onRetry={() => void settings.refetch()} />}
      {settings.data && (me.role === 'admin' ? <SettingsForm settings={settings.data} /> : <SettingsSummary settings={settings.data} />)}
    </section>
  );
}

function useOffsetLabel() {
  const { t } = useTranslation('preferences');
  return (minutes: number) => {
    const { amount, unit } = split(minutes);
    return t(`org.before.${unit}`, { count: amount });
  };
}

function SettingsSummary({ settings }: { settings: ReminderSettings }) {
  const { t } = useTranslation('preferences');
  const label = useOffsetLabel();
  return (
    <>
      <p>{t('org.readOnly')}</p>
      <ul>{settings.offsetsMinutes.map((m) => <li key={m}>{label(m)}</li>)}</ul>
      <p>{t('org.quietSummary', { start: settings.quietStart, end: settings.quietEnd })}</p>
    </>
  );
}

function SettingsForm({ settings }: { settings: ReminderSettings }) {
  const { t } = useTranslation('preferences');
  const client = useQueryClient();
  const [offsets, setOffsets] = useState(() => settings.offsetsMinutes.map(split));
  const [quietStart, setQuietStart] = useState(settings.quietStart);
  const [quietEnd, setQuietEnd] = useState(settings.quietEnd);
  const save = useMutation({
    mutationFn: (body: ReminderSettings) => api.put<ReminderSettings>(PATH, body),
    onSuccess: (saved) => {
      client.setQueryData([PATH], saved);
      // The server sorts and de-duplicates the times: show them as stored.
      setOffsets(saved.offsetsMinutes.map(split));
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({ offsetsMinutes: offsets.map((o) => o.amount * UNITS[o.unit]), quietStart, quietEnd });
  };
  const change = (i: number, next: Partial<{ amount: number; unit: Unit }>) => setOffsets(offsets.map((o, j) => (j === i ? { ...o, ...next } : o)));
  return (
    <form onSubmit={submit} className="org-reminders">
      <fieldset>
        <legend>{t('org.offsets')}</legend>
        <p className="field-hint" id="offsets-help">{t('org.offsetsHelp')}</p>
        <ul className="plain-list">
          {offsets.map((o, i) => (
            <li key={i} className="offset-row">
              <label htmlFor={`offset-${i}`} className="visually-hidden">{t('org.amount', { n: i + 1 })}</label>
              <input id={`offset-${i}`} type="number" min={1} max={o.unit === 'minutes' ? 20160 : o.unit === 'hours' ? 336 : 14} required value={o.amount} aria-describedby="offsets-help" onChange={(e) => change(i, { amount: Number(e.target.value) })} />
              <label htmlFor={`unit-${i}`} className="visually-hidden">{t('org.unit', { n: i + 1 })}</label>
              <select id={`unit-${i}`} value={o.unit} onChange={(e) => change(i, { unit: e.target.value as Unit })}>
                {(Object.keys(UNITS) as Unit[]).map((u) => <option key={u} value={u}>{t(`org.units.${u}`)}</option>)}
              </select>
              {offsets.length > 1 && (
                <button type="button" className="button button-secondary" onClick={() => setOffsets(offsets.filter((_, j) => j !== i))}>
                  {t('org.remove', { n: i + 1 })}
                </button>
              )}
            </li>
          ))}
        </ul>
        {offsets.length < MAX_OFFSETS && (
          <button type="button" className="button button-secondary" onClick={() => setOffsets([...offsets, { amount: 1, unit: 'hours' }])}>
            {t('org.addOffset')}
          </button>
        )}
      </fieldset>
      <fieldset>
        <legend>{t('org.quiet')}</legend>
        <div className="field">
          <label htmlFor="org-quiet-start">{t('org.quietStart')}</label>
          <input id="org-quiet-start" type="time" required value={quietStart} onChange={(e) => setQuietStart(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="org-quiet-end">{t('org.quietEnd')}</label>
          <input id="org-quiet-end" type="time" required value={quietEnd} onChange={(e) => setQuietEnd(e.target.value)} />
        </div>
      </fieldset>
      <button type="submit" className="button button-primary" disabled={save.isPending}>{t('org.save')}</button>
      {save.isSuccess && <p role="status">{t('org.saved')}</p>}
      {save.isError && <p role="alert" className="field-error">{errorMessage(t, save.error)}</p>}
    </form>
  );
}
