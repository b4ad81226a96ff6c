import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { DataTable } from '../components/DataTable.tsx';
import { errorMessage } from '../i18n.ts';
import { useUser } from '../session.tsx';
import { Page } from '../shell/Page.tsx';
import { ErrorNotice, Loading } from '../shell/status.tsx';
import { overlaps, rotaDays, type Shift } from './rota.ts';
import './organization.css';

const ROTA = '/api/alerts/rota';
const WEEKS = 3;

/** `YYYY-MM-DDTHH:mm` in the browser's zone, for a datetime-local field. */
function localInput(instant: number) {
  const d = new Date(instant);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function tomorrowAt8() {
  const d = new Date();
  d.setDate(d.getDate() + 1);
  d.setHours(8, 0, 0, 0);
  return d.getTime();
}

/**
 * The on-call rota that urgent paging depends on: who is on call now, each day of the coming weeks with
 * gaps and overlapping shifts shown, and (clinical lead, admin) adding a shift with its conflicts named
 * before saving.
 */
export default function RotaPage() {
  const { t, i18n } = useTranslation('organization');
  const me = useUser();
  const client = useQueryClient();
  const rota = useQuery({ queryKey: [ROTA], queryFn: () => api.get<{ onCall: string | null; clinicalLeads: string[]; shifts: Shift[] }>(ROTA) });
  // Navigators read their colleagues from the alerts domain; an admin reads the organization's users.
  const navigators = useQuery({
    queryKey: [me.role === 'admin' ? '/api/admin/users' : '/api/alerts/navigators'],
    queryFn: async () =>
      me.role === 'admin'
        ? { navigators: (await api.get<{ users: Array<{ id: string; name: string; role: string; disabled: boolean }> }>('/api/admin/users')).users.filter((u) => u.role === 'navigator' && !u.disabled) }
        : api.get<{ navigators: Array<{ id: string; name: string }> }>('/api/alerts/navigators'),
  });
  const [userId, setUserId] = useState('');
  const [startsAt, setStartsAt] = useState(() => localInput(tomorrowAt8()));
  const [endsAt, setEndsAt] = useState(() => localInput(tomorrowAt8() + 86_400_000));
  const [saved, setSaved] = useState('');
  const add = useMutation({
    mutationFn: () => api.post<{ id: string }>(ROTA, { userId, startsAt: new Date(startsAt).toISOString(), endsAt: new Date(endsAt).toISOString() }),
    onSuccess: () => {
      setSaved(t('rota.saved'));
      return client.invalidateQueries({ queryKey: [ROTA] });
    },
  });

  if (rota.isPending) return <Page title={t('rota.title')}><Loading /></Page>;
  if (rota.isError) return <Page title={t('rota.title')}><ErrorNotice error={rota.error} onRetry={() => void rota.refetch()} /></Page>;

  const { shifts, onCall, clinicalLeads } = rota.data;
  const canEdit = me.role === 'admin' || clinicalLeads.includes(me.id);
  const people = new Map([...shifts.map((s) => [s.userId, s.name] as const), ...(navigators.data?.navigators ?? []).map((n) => [n.id, n.name] as const)]);
  const days = rotaDays(shifts, me.timezone, WEEKS * 7);
  const dayName = new Intl.DateTimeFormat(i18n.language, { weekday: 'short', day: 'numeric', month: 'short', timeZone: me.timezone });
  const fmt = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short', timeZone: me.timezone });
  const draft = startsAt && endsAt ? { startsAt: new Date(startsAt).toISOString(), endsAt: new Date(endsAt).toISOString() } : undefined;
  const clashes = draft && userId ? shifts.filter((s) => s.userId !== userId && overlaps(s, draft)) : [];

  return (
    <Page title={t('rota.title')}>
      <p className="lead" role="status">
        {onCall ? t('rota.onCallNow', { name: people.get(onCall) ?? '' }) : <strong className="overdue">{t('rota.nobodyNow')}</strong>}
      </p>
      <DataTable
        caption={t('rota.caption', { weeks: WEEKS })}
        captionVisible
        rows={days}
        rowKey={(d) => d.day}
        columns={[
          { id: 'day', header: t('rota.day'), rowHeader: true, cell: (d) => dayName.format(new Date(d.at)) },
          { id: 'who', header: t('rota.who'), cell: (d) => (d.shifts.length ? d.shifts.map((s) => s.name).join(', ') : <strong className="overdue">{t('rota.gap')}</strong>) },
          { id: 'conflicts', header: t('rota.conflicts'), cell: (d) => (d.conflicts.length ? d.conflicts.map(([a, b]) => t('rota.overlap', { a: a.name, b: b.name })).join('; ') : '–') },
        ]}
      />
      {canEdit && (
        <section className="card" aria-labelledby="rota-add">
          <h2 id="rota-add">{t('rota.add')}</h2>
          <form className="form" onSubmit={(e) => { e.preventDefault(); setSaved(''); add.mutate(); }}>
            <div className="field">
              <label htmlFor="rota-user">{t('rota.navigator')}</label>
              <select id="rota-user" required value={userId} onChange={(e) => setUserId(e.target.value)}>
                <option value="">{t('rota.choose')}</option>
                {(navigators.data?.navigators ?? []).map((n) => <option key={n.id} value={n.id}>{n.name}</option>)}
              </select>
            </div>
            <div className="field">
              <label htmlFor="rota-start">{t('rota.startsAt')}</label>
              <input id="rota-start" type="datetime-local" required value={startsAt} onChange={(e) => setStartsAt(e.target.value)} />
            </div>
            <div className="field">
              <label htmlFor="rota-end">{t('rota.endsAt')}</label>
              <input id="rota-end" type="datetime-local" required value={endsAt} onChange={(e) => setEndsAt(e.target.value)} />
            </div>
            {clashes.length > 0 && (
              <div className="notice notice-info" role="status">
                <p>{t('rota.clashIntro')}</p>
                <ul>
                  {clashes.map((s) => <li key={s.id}>{t('rota.clash', { name: s.name, from: fmt.format(new Date(s.startsAt)), to: fmt.format(new Date(s.endsAt)) })}</li>)}
                </ul>
              </div>
            )}
            <button type="submit" className="button button-primary" disabled={add.isPending}>{t('rota.save')}</button>
          </form>
          <p role="status">{saved}</p>
          {add.isError && <p role="alert" className="field-error">{errorMessage(t, add.error)}</p>}
        </section>
      )}
    </Page>
  );
}
