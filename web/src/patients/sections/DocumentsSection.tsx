import { useTranslation } from 'react-i18next';
import type { RecordsView } from '../../../../src/contracts/records.ts';
import { EmptyState, ErrorNotice, Loading } from '../../shell/status.tsx';
import { dateTimeFormat } from '../../shell/time.ts';
import { usePath } from '../api.ts';
import { PatientSection, type SectionProps } from '../PatientSection.tsx';

/**
 * The documents the patient (or their caregiver) added to their records: type, title, date, who added
 * it and which referrals share it. The link is the attachment download, which checks the live
 * relationship and audits every read.
 */
export function DocumentsSection({ patientId }: SectionProps) {
  const { t, i18n } = useTranslation(['patient', 'records']);
  const records = usePath<RecordsView>(`/api/patients/${patientId}/records`);
  const day = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeZone: 'UTC' });
  const fmt = dateTimeFormat(i18n.language);
  const docs = records.data?.documents ?? [];
  return (
    <PatientSection id="documents" title={t('documents.title')}>
      {records.isPending && <Loading />}
      {records.isError && <ErrorNotice error={records.error} onRetry={() => void records.refetch()} />}
      {records.data && docs.length === 0 && <EmptyState>{t('documents.none')}</EmptyState>}
      <ul className="plain-list patient-list">
        {docs.map((d) => (
          <li key={d.id}>
            <a href={`/api/attachments/${d.attachmentId}`} download={d.fileName}>{t('documents.download', { title: d.title })}</a>
            {' · '}
            {t(`records:kinds.${d.kind}`)}
            {d.documentDate && <> · <time dateTime={d.documentDate}>{day.format(new Date(d.documentDate))}</time></>}
            <p className="muted">
              {t('documents.added', { name: d.uploadedByName, time: fmt.format(new Date(d.createdAt)) })}
              {d.sharedWith.length > 0 && <> · {t('documents.shared', { sites: d.sharedWith.map((s) => s.toSiteName).join(', ') })}</>}
            </p>
          </li>
        ))}
      </ul>
    </PatientSection>
  );
}
