import { useTranslation } from 'react-i18next';

export interface CaredFor {
  id: string;
  name: string;
  scopes: string[];
}

/**
 * Says plainly whose home this is and what the patient shared, and lets a caregiver who looks after
 * several people switch between them.
 */
export function ActingForBanner({ patients, current, onChoose }: { patients: CaredFor[]; current: CaredFor; onChoose: (id: string) => void }) {
  const { t, i18n } = useTranslation('home');
  const shared = new Intl.ListFormat(i18n.language, { type: 'unit', style: 'short' }).format(current.scopes.map((s) => t(`scopes.${s}`)));
  return (
    <section className="acting-for" aria-labelledby="acting-for-heading">
      <h2 id="acting-for-heading">{t('caregiver.actingFor', { name: current.name })}</h2>
      <p>{t('caregiver.shared', { name: current.name, scopes: shared })}</p>
      {patients.length > 1 && (
        <div className="field">
          <label htmlFor="acting-for-patient">{t('caregiver.switch')}</label>
          <select id="acting-for-patient" value={current.id} onChange={(e) => onChoose(e.target.value)}>
            {patients.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
      )}
    </section>
  );
}
