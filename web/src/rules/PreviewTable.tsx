import { useTranslation } from 'react-i18next';
import type { Preview } from './api.ts';

const LEVELS = ['urgent', 'high', 'moderate'] as const;

/** The alert burden of the draft beside the rules in force, on the organization's last 90 days. */
export function PreviewTable({ preview }: { preview: Preview }) {
  const { t, i18n } = useTranslation('rules');
  const { t: tc } = useTranslation('checkins');
  const names = new Map(preview.patients.map((p) => [p.id, p.name]));
  const who = (ids: string[]) => t('editor.patients', { names: ids.length ? ids.map((id) => names.get(id) ?? id).join(', ') : t('editor.none') });
  const num = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 });
  return (
    <section aria-labelledby="preview-title" className="card">
      <h2 id="preview-title">{t('editor.previewTitle', { days: preview.days, count: preview.current.checkins })}</h2>
      <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="preview-title">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('editor.column.severity')}</th>
              <th scope="col">{t('editor.column.current', { version: preview.currentVersion })}</th>
              <th scope="col">{t('editor.column.draft')}</th>
            </tr>
          </thead>
          <tbody>
            {LEVELS.map((s) => (
              <tr key={s}>
                <th scope="row">{tc(`ui.triage.severity.${s}`)}</th>
                <td><strong>{preview.current.bySeverity[s].alerts}</strong> <span className="small">{who(preview.current.bySeverity[s].patients)}</span></td>
                <td><strong>{preview.draft.bySeverity[s].alerts}</strong> <span className="small">{who(preview.draft.bySeverity[s].patients)}</span></td>
              </tr>
            ))}
            <tr>
              <th scope="row">{t('editor.per100')}</th>
              <td>{preview.current.alertsPer100Checkins === null ? t('editor.none') : num.format(preview.current.alertsPer100Checkins)}</td>
              <td>{preview.draft.alertsPer100Checkins === null ? t('editor.none') : num.format(preview.draft.alertsPer100Checkins)}</td>
            </tr>
          </tbody>
        </table>
      </div>
    </section>
  );
}
