import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField } from '../account/SelectField.tsx';
import { api } from '../api.ts';
import { errorMessage } from '../i18n.ts';
import { Page } from '../shell/Page.tsx';
import { TextField } from '../shell/TextField.tsx';
import { ErrorNotice, Loading } from '../shell/status.tsx';
import { useGet, useTaskMutation, type EventRuleId } from './api.ts';
import './tasks.css';

interface Rule {
  id: EventRuleId;
  enabled: boolean;
  due: { amount: number; unit: string };
  params: { minScore?: number; thresholdMinutes?: number; intervalMonths?: number; routes?: Record<string, string> };
  source: string;
  setAt: string | null;
}

const UNITS = ['days', 'working_days', 'working_hours', 'minutes', 'seconds'] as const;

/** The event rules with their sources; the clinical lead edits them (the server refuses anyone else). */
export default function RulesPage() {
  const { t } = useTranslation('tasks');
  const q = useGet<{ rules: Rule[] }>('/api/tasks/rules');
  return (
    <Page title={t('rules.title')}>
      <p className="lead">{t('rules.lead')}</p>
      <p>{t('rules.leadOnly')}</p>
      {q.isPending ? <Loading /> : q.isError ? <ErrorNotice error={q.error} onRetry={() => void q.refetch()} /> : q.data.rules.map((r) => <RuleCard key={`${r.id}:${r.setAt ?? ''}`} rule={r} />)}
    </Page>
  );
}

function RuleCard({ rule }: { rule: Rule }) {
  const { t, i18n } = useTranslation('tasks');
  const [enabled, setEnabled] = useState(rule.enabled);
  const [amount, setAmount] = useState(String(rule.due.amount));
  const [unit, setUnit] = useState(rule.due.unit);
  const [param, setParam] = useState(String(rule.params.thresholdMinutes ?? rule.params.intervalMonths ?? rule.params.minScore ?? ''));
  const paramKey = rule.id === 'referral_far_travel' ? 'thresholdMinutes' : rule.id === 'goals_review' ? 'intervalMonths' : rule.id === 'dt_problem_service' ? 'minScore' : null;
  const m = useTaskMutation(() => api.put(`/api/tasks/rules/${rule.id}`, { enabled, due: { amount: Number(amount), unit }, params: paramKey ? { [paramKey]: Number(param) } : {} }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    m.mutate(undefined);
  };
  return (
    <section className="card" aria-labelledby={`rule-${rule.id}`}>
      <h2 id={`rule-${rule.id}`}>{t(`rules.name.${rule.id}`)}</h2>
      <p>{t('rules.source')}: {rule.source}</p>
      <p>{rule.setAt ? t('rules.setBy', { when: new Date(rule.setAt).toLocaleString(i18n.language) }) : t('rules.default')}</p>
      <form className="form" onSubmit={submit}>
        <label><input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} /> {t('rules.enabled')}</label>
        <TextField label={t('rules.due')} type="number" min={0} max={365} required value={amount} onChange={(e) => setAmount(e.target.value)} />
        <SelectField label={t('rules.unitLabel')} value={unit} onChange={(e) => setUnit(e.target.value)}>
          {UNITS.map((u) => <option key={u} value={u}>{t(`rules.unit.${u}`)}</option>)}
        </SelectField>
        {paramKey && <TextField label={t(paramKey === 'thresholdMinutes' ? 'rules.threshold' : paramKey === 'intervalMonths' ? 'rules.interval' : 'rules.minScore')} type="number" min={0} required value={param} onChange={(e) => setParam(e.target.value)} />}
        <div><button type="submit" className="button button-primary">{t('rules.save')}</button></div>
        {m.isError && <div role="alert" className="notice notice-error"><p>{errorMessage(t, m.error)}</p></div>}
        {m.isSuccess && <p role="status">{t('rules.saved')}</p>}
      </form>
    </section>
  );
}
