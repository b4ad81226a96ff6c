import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { INSTRUMENTS, INSTRUMENT_IDS, type InstrumentId } from '../../../../src/contracts/checkins.ts';
import { useInstrumentText } from '../../checkins/text.ts';
import { EmptyState, ErrorNotice, Loading } from '../../shell/status.tsx';
import { usePath } from '../api.ts';
import { PatientSection, type SectionProps } from '../PatientSection.tsx';

interface Point { id: string; submittedAt: string; total: number | null; items: Record<string, number> }
interface Rule { id: string; instrument?: string; kind: string; min?: number; severity: string }

const COLORS = ['#0b5cab', '#a4161a', '#1d5e2f', '#7a2e8e', '#8a4b00', '#005f73', '#5a189a', '#3d405b', '#9b2226'];
const SEVERITY_STROKE: Record<string, string> = { urgent: '#a4161a', high: '#8a4b00', moderate: '#49525e' };

/**
 * The trend per instrument on a true time axis: each check-in sits at its own instant (two on one day do
 * not repeat the date, gaps in time look like gaps), lines join the answers an item has, and the
 * thresholds of the rules in force are drawn. The table after the chart says the same in words.
 */
export function SymptomsSection({ patientId }: SectionProps) {
  const { t, i18n } = useTranslation('patient');
  const tc = useTranslation('checkins').t;
  const [instrument, setInstrument] = useState<InstrumentId>('esas-r');
  const history = usePath<{ checkins: Point[] }>(`/api/patients/${patientId}/checkins?instrument=${instrument}&days=365`);
  const rules = usePath<{ draft: { rules: Rule[] } }>('/api/clinical-rules');
  const text = useInstrumentText(instrument, ['en', 'es']);
  const items = INSTRUMENTS[instrument].items.slice(0, 9).map((i) => i.id);
  const max = Math.max(...INSTRUMENTS[instrument].items.map((i) => i.max));
  const thresholds = [...new Map((rules.data?.draft.rules ?? []).filter((r) => r.instrument === instrument && r.kind.endsWith('_range') && typeof r.min === 'number' && r.min > 0 && r.min <= max).map((r) => [r.min as number, r])).values()];
  const day = new Intl.DateTimeFormat(i18n.language, { day: 'numeric', month: 'short' });
  const full = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  const points = [...(history.data?.checkins ?? [])].sort((a, b) => a.submittedAt.localeCompare(b.submittedAt)).map((c) => ({ at: Date.parse(c.submittedAt), ...c.items }));

  return (
    <PatientSection id="symptoms" title={t('symptoms.title')}>
      <div className="field">
        <label htmlFor="trend-instrument">{t('symptoms.instrument')}</label>
        <select id="trend-instrument" value={instrument} onChange={(e) => setInstrument(e.target.value as InstrumentId)}>
          {INSTRUMENT_IDS.map((i) => <option key={i} value={i}>{tc(`instruments.${i}.name`)}</option>)}
        </select>
      </div>
      {history.isPending && <Loading />}
      {history.isError && <ErrorNotice error={history.error} onRetry={() => void history.refetch()} />}
      {history.data && points.length === 0 && <EmptyState>{t('symptoms.none')}</EmptyState>}
      {points.length > 0 && (
        <>
          <figure className="chart patient-chart" aria-label={t('symptoms.chart', { instrument: tc(`instruments.${instrument}.name`) })} data-testid="symptom-chart">
            <ResponsiveContainer width="100%" height="100%">
              <LineChart data={points} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="at" type="number" scale="time" domain={['dataMin', 'dataMax']} tickFormatter={(v: number) => day.format(new Date(v))} tickCount={6} padding={{ left: 12, right: 12 }} />
                <YAxis domain={[0, max]} allowDecimals={false} />
                <Tooltip labelFormatter={(v) => full.format(new Date(Number(v)))} />
                <Legend />
                {thresholds.map((r) => (
                  <ReferenceLine key={r.id} y={r.min} stroke={SEVERITY_STROKE[r.severity] ?? '#49525e'} strokeDasharray="6 3" label={{ value: t(`symptoms.threshold.${r.severity}`, { value: r.min }), position: 'insideTopLeft', fontSize: 12 }} />
                ))}
                {items.map((item, n) => <Line key={item} type="linear" dataKey={item} name={text.text(`items.${item}.label`)} stroke={COLORS[n % COLORS.length]} connectNulls dot isAnimationActive={false} />)}
              </LineChart>
            </ResponsiveContainer>
          </figure>
          <details>
            <summary>{t('symptoms.asTable')}</summary>
            <div className="table-wrap">
              <table className="table">
                <caption className="visually-hidden">{t('symptoms.tableCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('symptoms.when')}</th>
                    {items.map((item) => <th key={item} scope="col">{text.text(`items.${item}.label`)}</th>)}
                  </tr>
                </thead>
                <tbody>
                  {history.data?.checkins.map((c) => (
                    <tr key={c.id}>
                      <th scope="row"><time dateTime={c.submittedAt}>{full.format(new Date(c.submittedAt))}</time></th>
                      {items.map((item) => <td key={item}>{c.items[item] ?? '–'}</td>)}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </>
      )}
    </PatientSection>
  );
}
