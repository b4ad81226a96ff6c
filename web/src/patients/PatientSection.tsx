import type { ReactNode } from 'react';

/** One section of the patient page: an h2 and its content; the id makes it a link target (#alerts). */
export function PatientSection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section id={id} className="card patient-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
    </section>
  );
}

/** What every section receives. */
export interface SectionProps {
  patientId: string;
}
