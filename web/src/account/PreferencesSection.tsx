import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { QuietHours } from '../../../src/contracts/preferences.ts';
import { api } from '../api.ts';
import { SUPPORTED_LANGUAGES } from '../i18n.ts';
import { useSession, useUser } from '../session.tsx';
import { ErrorNotice, Loading } from '../shell/status.tsx';
import './account.css';

interface Channels {
  email: boolean;
  inapp: boolean;
  sms: boolean;
  phone: string | null;
}

const CHANNELS_PATH = '/api/reminders/preferences';
const QUIET_PATH = '/api/me/quiet-hours';

/**
 * Reminder and notification preferences for the account page: which channels, quiet hours and the
 * language messages are written in. Channels are the appointments domain's reminder preferences.
 */
export function PreferencesSection() {
  const { t } = useTranslation('preferences');
  const channels = useQuery({ queryKey: [CHANNELS_PATH], queryFn: () => api.get<Channels>(CHANNELS_PATH) });
  const quiet = useQuery({ queryKey: [QUIET_PATH], queryFn: () => api.get<{ quietHours: QuietHours | null }>(QUIET_PATH) });
  return (
    <section aria-labelledby="prefs-heading" className="card">
      <h2 id="prefs-heading">{t('heading')}</h2>
      <LanguagePreference />
      {(channels.isPending || quiet.isPending) && <Loading />}
      {channels.isError && <ErrorNotice error={channels.error} onRetry={() => void channels.refetch()} />}
      {quiet.isError && <ErrorNotice error={quiet.error} onRetry={() => void quiet.refetch()} />}
      {channels.data && quiet.data && <ChannelsForm channels={channels.data} quiet={quiet.data.quietHours} />}
    </section>
  );
}

function LanguagePreference() {
  const { t } = useTranslation('preferences');
  const { t: tc } = useTranslation();
  const { changeLanguage } = useSession();
  const user = useUser();
  const [error, setError] = useState<unknown>(undefined);
  return (
    <div className="field">
      <label htmlFor="pref-language">{t('language')}</label>
      <select
        id="pref-language"
        value={user.locale}
        onChange={(e) => {
          setError(undefined);
          changeLanguage(e.target.value).catch(setError);
        }}
      >
        {SUPPORTED_LANGUAGES.map((l) => (
          <option key={l} value={l} lang={l}>
            {tc('meta.nativeName', { lng: l })}
          </option>
        ))}
      </select>
      {error !== undefined && <ErrorNotice error={error} />}
    </div>
  );
}

function ChannelsForm({ channels, quiet }: { channels: Channels; quiet: QuietHours | null }) {
  const { t } = useTranslation('preferences');
  const client = useQueryClient();
  const [value, setValue] = useState(channels);
  const [quietOn, setQuietOn] = useState(quiet !== null);
  const [hours, setHours] = useState<QuietHours>(quiet ?? { start: '21:00', end: '08:00' });
  const save = useMutation({
    mutationFn: async () => {
      await api.put(CHANNELS_PATH, { ...value, phone: value.phone?.trim() || null });
      if (quietOn) await api.put(QUIET_PATH, hours);
      else await api.delete(QUIET_PATH);
    },
    onSuccess: () => client.invalidateQueries({ predicate: (q) => [CHANNELS_PATH, QUIET_PATH].includes(String(q.queryKey[0])) }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const box = (key: 'email' | 'inapp' | 'sms') => (
    <label className="scope-option">
      <input type="checkbox" checked={value[key]} onChange={(e) => setValue({ ...value, [key]: e.target.checked })} /> {t(`channels.${key}`)}
    </label>
  );
  return (
    <form className="form" onSubmit={submit}>
      <fieldset className="scope-fieldset">
        <legend>{t('channels.legend')}</legend>
        {box('inapp')}
        {box('email')}
        {box('sms')}
        {value.sms && (
          <div className="field">
            <label htmlFor="pref-phone">{t('channels.phone')}</label>
            <input id="pref-phone" type="tel" inputMode="tel" autoComplete="tel" required pattern="\+[1-9][0-9]{6,14}" aria-describedby="pref-phone-hint" value={value.phone ?? ''} onChange={(e) => setValue({ ...value, phone: e.target.value })} />
            <p id="pref-phone-hint" className="hint">
              {t('channels.phoneHint')}
            </p>
          </div>
        )}
      </fieldset>
      <fieldset className="scope-fieldset">
        <legend>{t('quiet.legend')}</legend>
        <label className="scope-option">
          <input type="checkbox" checked={quietOn} onChange={(e) => setQuietOn(e.target.checked)} /> {t('quiet.on')}
        </label>
        {quietOn && (
          <div className="quiet-hours">
            <div className="field">
              <label htmlFor="pref-quiet-start">{t('quiet.start')}</label>
              <input id="pref-quiet-start" type="time" required value={hours.start} onChange={(e) => setHours({ ...hours, start: e.target.value })} />
            </div>
            <div className="field">
              <label htmlFor="pref-quiet-end">{t('quiet.end')}</label>
              <input id="pref-quiet-end" type="time" required value={hours.end} onChange={(e) => setHours({ ...hours, end: e.target.value })} />
            </div>
          </div>
        )}
        <p className="hint">{t('quiet.hint')}</p>
      </fieldset>
      {save.isError && <ErrorNotice error={save.error} />}
      <button type="submit" className="button button-primary" disabled={save.isPending}>
        {t('save')}
      </button>
      <p role="status" className="hint">
        {save.isSuccess ? t('saved') : ''}
      </p>
    </form>
  );
}
