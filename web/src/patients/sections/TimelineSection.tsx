import { useState } from 'react';
import { ErrorNotice, Loading } from '../../shell/status.tsx';
import type { CareTimeline } from '../../appointments/api.ts';
import { TimelineView } from '../../appointments/Timeline.tsx';
import { usePath } from '../api.ts';
import type { SectionProps } from '../PatientSection.tsx';

/** The care timeline (appointments, treatment, check-ins, alerts, referrals) in the patient's time zone. */
export function TimelineSection({ patientId, timeZone }: SectionProps & { timeZone: string }) {
  const timeline = usePath<CareTimeline>(`/api/patients/${patientId}/timeline`);
  const [now] = useState(() => Date.now());
  if (timeline.isPending) return <Loading />;
  if (timeline.isError) return <ErrorNotice error={timeline.error} onRetry={() => void timeline.refetch()} />;
  return <TimelineView timeline={timeline.data} timeZone={timeZone} now={now} />;
}
