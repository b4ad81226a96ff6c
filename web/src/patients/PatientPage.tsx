import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ApiError } from '../api.ts';
import { Page } from '../shell/Page.tsx';
import { ErrorNotice, Loading } from '../shell/status.tsx';
import { patientPath, usePath, type PatientProfile } from './api.ts';
import { BreakGlassForm } from './BreakGlassForm.tsx';
import { PatientHeader } from './PatientHeader.tsx';
import { AlertsSection } from './sections/AlertsSection.tsx';
import { CareTeamSection } from './sections/CareTeamSection.tsx';
import { DocumentsSection } from './sections/DocumentsSection.tsx';
import { MessagesSection } from './sections/MessagesSection.tsx';
import { ReferralsSection } from './sections/ReferralsSection.tsx';
import { SymptomsSection } from './sections/SymptomsSection.tsx';
import { TimelineSection } from './sections/TimelineSection.tsx';
import { PalliativeSection, ScheduleSection } from '../alerts/PatientSymptomsPage.tsx';
import { PatientTasksSection } from '../tasks/PatientTasksSection.tsx';
import './patients.css';

/**
 * One page per patient (/navigator/patients/:id), reached from every list that names a patient.
 * To add a section: write a component taking { patientId } that renders a <PatientSection>, then add one
 * import and one element below.
 */
export default function PatientPage() {
  const { t } = useTranslation('patient');
  const { id = '' } = useParams();
  const profile = usePath<PatientProfile>(patientPath(id));

  if (profile.isPending) return <Page title={t('title')}><Loading /></Page>;
  if (profile.isError) {
    // Not on the care team answers not_found like a missing patient; emergency access is offered for both.
    const notFound = profile.error instanceof ApiError && profile.error.code === 'not_found';
    return (
      <Page title={t('title')}>
        <ErrorNotice error={profile.error} onRetry={() => void profile.refetch()} />
        {notFound && <BreakGlassForm patientId={id} />}
      </Page>
    );
  }
  const patient = profile.data;
  return (
    <Page title={patient.name}>
      <PatientHeader patient={patient} />
      <nav aria-label={t('sectionsNav')} className="patient-toc">
        <ul>
          {['alerts', 'symptoms', 'palliative', 'schedule', 'timeline-heading', 'messages', 'referrals', 'documents', 'care-team'].map((s) => (
            <li key={s}><a href={`#${s}`}>{t(`toc.${s}`)}</a></li>
          ))}
        </ul>
      </nav>
      <AlertsSection patientId={id} />
      <SymptomsSection patientId={id} />
      <PalliativeSection patientId={id} />
      <ScheduleSection patientId={id} />
      <TimelineSection patientId={id} timeZone={patient.timezone} />
      <MessagesSection patientId={id} />
      <ReferralsSection patientId={id} />
      <DocumentsSection patientId={id} />
      <PatientTasksSection patientId={id} />
      <CareTeamSection patient={patient} />
    </Page>
  );
}
