export type { LibraryEntryView } from '../../../src/contracts/library.ts';

/** The library list for a patient (a caregiver's or clinician's choice; a patient's own without one), in a language. */
export function libraryPath(patientId: string | undefined, language: string): string {
  const params = new URLSearchParams({ language });
  if (patientId) params.set('patientId', patientId);
  return `/api/library?${params.toString()}`;
}
