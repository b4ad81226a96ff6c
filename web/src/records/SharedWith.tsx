import { useTranslation } from 'react-i18next';
import type { DocumentShare } from '../../../src/contracts/records.ts';

/** With whom a document was shared (the referrals whose packet holds it) and under which consent. */
export function SharedWith({ shares }: { shares: DocumentShare[] }) {
  const { t, i18n } = useTranslation('records');
  const { t: tr } = useTranslation('referrals');
  if (shares.length === 0) return <p className="hint">{t('shared.none')}</p>;
  const day = (iso: string | null) => (iso ? new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' }).format(new Date(iso)) : '');
  return (
    <ul className="plain-list">
      {shares.map((s) => (
        <li key={s.referralId}>
          {t('shared.with', { site: s.toSiteName, type: tr(`types.${s.type}`) })}:{' '}
          {s.consent.status === 'active'
            ? t('shared.consent.active', { date: day(s.consent.grantedAt), method: t(`shared.method.${s.consent.method ?? 'in_app'}`) })
            : s.consent.status === 'revoked'
              ? t('shared.consent.revoked', { date: day(s.consent.revokedAt) })
              : t('shared.consent.none')}
        </li>
      ))}
    </ul>
  );
}
