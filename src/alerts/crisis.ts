import type { CrisisData, CrisisView } from '../contracts/rules.ts';
import { crisisData, ruleSetFor } from '../checkins/rules.ts';
import { getUser, patientCountry } from '../people/service.ts';
import type { Deps } from '../platform/context.ts';

/**
 * The crisis resources a patient sees: those of the country they are in (their profile, else their
 * site, else the organization's default country), never those of the language they read. Texts are
 * given in the patient's language where the data has it, else in English. One source for check-ins,
 * chat and the "get help now" page (decision 0206).
 */
export function chooseCrisis(data: CrisisData, country: string | null, locale: string): CrisisView {
  const chosen = country && data.countries[country] ? country : data.defaultCountry;
  const entry = data.countries[chosen]!;
  const text = (t: Partial<Record<string, string>>) => t[locale] ?? t.en ?? '';
  return {
    country: chosen,
    locale,
    emergency: entry.emergency,
    oncologyHotline: entry.oncologyHotline ?? null,
    lines: entry.lines.map((l) => ({ phone: l.phone, name: text(l.name), hours: l.hours, languages: l.languages })),
  };
}

/** The crisis resources for one patient, from their organization's rules in force. */
export async function crisisForPatient(deps: Deps, patientId: string, locale?: string): Promise<CrisisView> {
  const patient = await getUser(deps, patientId);
  if (!patient) throw new Error('crisisForPatient: unknown patient');
  const rules = await ruleSetFor(deps.db, patient.orgId);
  return chooseCrisis(crisisData(rules), await patientCountry(deps, patientId), locale ?? patient.locale);
}
