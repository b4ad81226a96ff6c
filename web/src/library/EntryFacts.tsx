import { useTranslation } from 'react-i18next';
import type { LibraryEntryView } from './api.ts';

/** Kind, organization, format and review facts of a library entry, in the reader's language. */
export function EntryFacts({ entry: e }: { entry: LibraryEntryView }) {
  const { t, i18n } = useTranslation('library');
  const reviewed = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${e.reviewedOn}T00:00:00Z`));
  return (
    <p className="hint" lang={i18n.language}>
      {t(`kind.${e.kind}`)} · {e.organization}
      {e.format && ` · ${t(`format.${e.format}`)}`}
      {' · '}
      {t('reviewed', { date: reviewed, reviewer: e.reviewer })}
    </p>
  );
}
