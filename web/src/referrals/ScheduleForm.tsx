import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../shell/status.tsx';
import { referralPath, referralsApi, usePath, type CaseReviewSession } from './api.ts';
import type { ReferralDetail } from './types.ts';

type How = 'consultation' | 'session' | 'newSession';

/** A datetime-local value (the reader's clock) as an instant. */
const instant = (local: string) => new Date(local).toISOString();

/**
 * The receiving site schedules an accepted referral: a consultation at a time, or a case on one of
 * its case-review sessions (an existing one it hosts, or a new one created here).
 */
export function ScheduleForm({ referral }: { referral: ReferralDetail }) {
  const { t, i18n } = useTranslation('referralflow');
  const client = useQueryClient();
  const sessions = usePath<{ caseReviews: CaseReviewSession[] }>('/api/case-reviews');
  const mine = (sessions.data?.caseReviews ?? []).filter((s) => s.role === 'host' && s.status === 'scheduled' && s.siteId === referral.toSiteId);
  const [how, setHow] = useState<How>(referral.type === 'case_review' ? 'newSession' : 'consultation');
  const [when, setWhen] = useState('');
  const [sessionId, setSessionId] = useState('');
  const [title, setTitle] = useState('');
  const schedule = useMutation({
    mutationFn: async () => {
      if (how === 'consultation') return referralsApi.act(referral.id, 'schedule', { scheduledFor: instant(when) });
      const caseReviewId = how === 'session' ? sessionId : (await referralsApi.createSession({ siteId: referral.toSiteId!, title, startsAt: instant(when) })).id;
      return referralsApi.act(referral.id, 'schedule', { caseReviewId });
    },
    onSuccess: (r) => {
      client.setQueryData([referralPath(referral.id)], r);
      void client.invalidateQueries({ queryKey: ['/api/case-reviews'] });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    schedule.mutate();
  };
  const fmt = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <form className="form" onSubmit={submit}>
      <fieldset>
        <legend>{t('actions.scheduleHow')}</legend>
        {(['consultation', 'session', 'newSession'] as const).map((h) => (
          <label key={h} className="choice">
            <input type="radio" name="schedule-how" value={h} checked={how === h} onChange={() => setHow(h)} /> {t(`actions.schedule_${h}`)}
          </label>
        ))}
      </fieldset>
      {how === 'session' && (
        <div className="field">
          <label htmlFor="schedule-session">{t('actions.session')}</label>
          {sessions.isError && <ErrorNotice error={sessions.error} />}
          {sessions.data && mine.length === 0 && <p>{t('actions.noSessions')}</p>}
          <select id="schedule-session" required value={sessionId} onChange={(e) => setSessionId(e.target.value)}>
            <option value="" />
            {mine.map((s) => (
              <option key={s.id} value={s.id}>
                {s.title} · {fmt.format(new Date(s.startsAt))}
              </option>
            ))}
          </select>
        </div>
      )}
      {how === 'newSession' && (
        <div className="field">
          <label htmlFor="schedule-title">{t('actions.sessionTitle')}</label>
          <input id="schedule-title" required maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} />
        </div>
      )}
      {how !== 'session' && (
        <div className="field">
          <label htmlFor="schedule-when">{how === 'newSession' ? t('actions.sessionStarts') : t('actions.scheduledFor')}</label>
          <input id="schedule-when" type="datetime-local" required value={when} onChange={(e) => setWhen(e.target.value)} />
        </div>
      )}
      {schedule.isError && <ErrorNotice error={schedule.error} />}
      <button type="submit" className="button button-primary" disabled={schedule.isPending}>
        {t('actions.schedule')}
      </button>
    </form>
  );
}
