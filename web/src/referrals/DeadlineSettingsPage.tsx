import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReferralType } from '../../../src/contracts/referrals.ts';
import { Page } from '../shell/Page.tsx';
import { ErrorNotice, Loading } from '../shell/status.tsx';
import { referralsApi, usePath } from './api.ts';

interface Rule {
  type: ReferralType;
  workingDays: number;
  reminderDays: number[];
  urgentWorkingDays: number | null;
  source: 'default' | 'organization';
  setAt: string | null;
}

const PATH = '/api/referrals/settings/deadlines';

/**
 * The administrator sets, per referral type, the working days a site has to answer, a shorter deadline
 * for urgent referrals if the organization wants one, and the reminders before.
 */
export default function DeadlineSettingsPage() {
  const { t } = useTranslation('referralflow');
  const rules = usePath<{ rules: Rule[] }>(PATH);
  return (
    <Page title={t('deadlines.title')}>
      <p>{t('deadlines.intro')}</p>
      {rules.isPending && <Loading />}
      {rules.isError && <ErrorNotice error={rules.error} onRetry={() => void rules.refetch()} />}
      {rules.data?.rules.map((r) => <RuleForm key={`${r.type}-${r.setAt ?? ''}`} rule={r} />)}
    </Page>
  );
}

function RuleForm({ rule }: { rule: Rule }) {
  const { t } = useTranslation('referralflow');
  const { t: tr } = useTranslation('referrals');
  const client = useQueryClient();
  const [days, setDays] = useState(String(rule.workingDays));
  const [reminders, setReminders] = useState(rule.reminderDays.join(', '));
  const [urgent, setUrgent] = useState(rule.urgentWorkingDays === null ? '' : String(rule.urgentWorkingDays));
  const save = useMutation({
    mutationFn: () =>
      referralsApi.setDeadline(rule.type, { workingDays: Number(days), reminderDays: reminders.split(/[,\s]+/).filter(Boolean).map(Number), urgentWorkingDays: urgent.trim() ? Number(urgent) : null }),
    onSuccess: (data) => client.setQueryData([PATH], data),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const name = tr(`types.${rule.type}`);
  const id = `deadline-${rule.type}`;
  return (
    <form className="form card" onSubmit={submit} aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{name}</h2>
      <p className="hint">{t(`deadlines.source.${rule.source}`)}</p>
      <div className="field">
        <label htmlFor={`${id}-days`}>{t('deadlines.workingDays')}</label>
        <input id={`${id}-days`} type="number" inputMode="numeric" min={1} max={60} required value={days} onChange={(e) => setDays(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-urgent`}>{t('deadlines.urgentDays')}</label>
        <input id={`${id}-urgent`} type="number" inputMode="numeric" min={1} max={60} value={urgent} onChange={(e) => setUrgent(e.target.value)} aria-describedby={`${id}-urgent-hint`} />
        <p id={`${id}-urgent-hint`} className="hint">
          {t('deadlines.urgentHint')}
        </p>
      </div>
      <div className="field">
        <label htmlFor={`${id}-reminders`}>{t('deadlines.reminders')}</label>
        <input id={`${id}-reminders`} inputMode="numeric" pattern="[0-9, ]*" value={reminders} onChange={(e) => setReminders(e.target.value)} />
      </div>
      {save.isError && <ErrorNotice error={save.error} />}
      {save.isSuccess && <p role="status">{t('deadlines.saved')}</p>}
      <button type="submit" className="button button-primary" disabled={save.isPending}>
        {t('deadlines.save', { type: name })}
      </button>
    </form>
  );
}
