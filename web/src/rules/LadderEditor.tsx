import { useTranslation } from 'react-i18next';
import type { Ladder, RuleSource } from './api.ts';
import { SourcePicker } from './Sources.tsx';

const LEVELS = ['urgent', 'high', 'moderate'] as const;
const UNITS = ['minutes', 'hours', 'working_hours', 'working_days'] as const;
const STEPS = ['on_call', 'clinical_lead', 'overdue'] as const;

/** The escalation ladder per severity: acknowledgement deadline and the steps when it passes. */
export function LadderEditor({ ladder, sources, onChange }: { ladder: Ladder; sources: RuleSource[]; onChange: (l: Ladder) => void }) {
  const { t } = useTranslation('rules');
  const { t: tc } = useTranslation('checkins');
  return (
    <>
      <SourcePicker id="ladder-source" label={t('sources.ladder')} value={ladder.source} sources={sources} onChange={(source) => onChange({ ...ladder, source })} />
      <div className="ladder-grid">
        {LEVELS.map((level) => {
          const l = ladder[level];
          const set = (patch: Partial<typeof l>) => onChange({ ...ladder, [level]: { ...l, ...patch } });
          return (
            <fieldset key={level} className="card">
              <legend>{tc(`ui.triage.severity.${level}`)}</legend>
              <div className="field">
                <label htmlFor={`ack-${level}`}>{t('editor.ack')}</label>
                <input id={`ack-${level}`} type="number" min={1} value={l.ack.amount} onChange={(e) => set({ ack: { ...l.ack, amount: Number(e.target.value) } })} />
              </div>
              <div className="field">
                <label htmlFor={`unit-${level}`}>{t('editor.unit')}</label>
                <select id={`unit-${level}`} value={l.ack.unit} onChange={(e) => set({ ack: { ...l.ack, unit: e.target.value as typeof l.ack.unit } })}>
                  {[...new Set([...UNITS, l.ack.unit])].map((u) => <option key={u} value={u}>{t(`editor.units.${u}`)}</option>)}
                </select>
              </div>
              <fieldset>
                <legend>{t('editor.steps')}</legend>
                {STEPS.map((s) => (
                  <label key={s} className="check">
                    <input type="checkbox" checked={l.steps.includes(s)} onChange={(e) => set({ steps: e.target.checked ? STEPS.filter((x) => x === s || l.steps.includes(x)) : l.steps.filter((x) => x !== s) })} />
                    <span>{t(`editor.step.${s}`)}</span>
                  </label>
                ))}
              </fieldset>
            </fieldset>
          );
        })}
      </div>
    </>
  );
}
