import { useTranslation } from 'react-i18next';
import './referrals.css';

/** A response deadline in the reader's language, flagged in words (not colour alone) when overdue. */
export function Deadline({ at, overdue }: { at: string | null; overdue: boolean }) {
  const { t, i18n } = useTranslation('referrals');
  if (!at) return <>{t('deadline.none')}</>;
  const text = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(at));
  return (
    <>
      <time dateTime={at}>{text}</time>
      {overdue && <strong className="referral-overdue"> {t('deadline.overdue')}</strong>}
    </>
  );
}
