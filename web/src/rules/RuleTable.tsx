import { useTranslation } from 'react-i18next';
import type { RuleDefinition, RuleSource } from './api.ts';
import { SourcePicker } from './Sources.tsx';

const SEVERITIES = ['urgent', 'high', 'moderate'] as const;

/** Thresholds and the severity each rule maps to; the numbers here are the ones reason texts quote. */
export function RuleTable({ rules, sources, onChange }: { rules: RuleDefinition[]; sources: RuleSource[]; onChange: (rules: RuleDefinition[]) => void }) {
  const { t } = useTranslation('rules');
  const { t: tc } = useTranslation('checkins');
  const set = (i: number, patch: Partial<RuleDefinition>) => onChange(rules.map((r, j) => (j === i ? ({ ...r, ...patch } as RuleDefinition) : r)));
  const num = (v: string) => (v === '' ? undefined : Number(v));
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={t('editor.thresholds')}>
      <table className="rules-table">
        <thead>
          <tr>
            <th scope="col">{t('editor.rule')}</th>
            <th scope="col">{t('editor.instrument')}</th>
            <th scope="col">{t('editor.items')}</th>
            <th scope="col">{t('editor.min')}</th>
            <th scope="col">{t('editor.max')}</th>
            <th scope="col">{t('editor.severity')}</th>
            <th scope="col">{t('editor.ruleSource')}</th>
          </tr>
        </thead>
        <tbody>
          {rules.map((r, i) => (
            <tr key={r.id}>
              <th scope="row">
                <code>{r.id}</code>
                {r.when && <span className="muted small"> ({t('editor.onTherapyOnly')})</span>}
              </th>
              <td>{tc(`instruments.${r.instrument}.name`)}</td>
              <td>{r.kind === 'total_range' ? 'total' : r.items === 'all' ? t('editor.allItems') : r.items.join(', ')}</td>
              {r.kind === 'worsening' ? (
                <>
                  <td>
                    <label className="visually-hidden" htmlFor={`rise-${r.id}`}>{`${r.id} ${t('editor.rise')}`}</label>
                    <span aria-hidden="true">{t('editor.rise')} </span>
                    <input id={`rise-${r.id}`} type="number" min={0.1} step="any" value={r.rise} onChange={(e) => set(i, { rise: Number(e.target.value) })} />
                  </td>
                  <td />
                </>
              ) : (
                <>
                  <td>
                    <label className="visually-hidden" htmlFor={`min-${r.id}`}>{`${r.id} ${t('editor.min')}`}</label>
                    <input id={`min-${r.id}`} type="number" min={0} step="any" value={r.min} onChange={(e) => set(i, { min: Number(e.target.value) })} />
                  </td>
                  <td>
                    <label className="visually-hidden" htmlFor={`max-${r.id}`}>{`${r.id} ${t('editor.max')}`}</label>
                    <input id={`max-${r.id}`} type="number" min={0} step="any" value={r.max ?? ''} onChange={(e) => set(i, { max: num(e.target.value) })} />
                  </td>
                </>
              )}
              <td>
                <label className="visually-hidden" htmlFor={`sev-${r.id}`}>{`${r.id} ${t('editor.severity')}`}</label>
                <select id={`sev-${r.id}`} value={r.severity} onChange={(e) => set(i, { severity: e.target.value as RuleDefinition['severity'], ...(e.target.value === 'urgent' ? { snoozable: false } : {}) })}>
                  {SEVERITIES.map((s) => <option key={s} value={s}>{tc(`ui.triage.severity.${s}`)}</option>)}
                </select>
              </td>
              <td className="rule-source">
                <SourcePicker id={`src-${r.id}`} label={`${r.id} ${t('editor.ruleSource')}`} hideLabel value={r.source} sources={sources} onChange={(source) => set(i, { source })} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
