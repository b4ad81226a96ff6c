import { randomUUID } from 'node:crypto';
import type { DemoIds } from '../demo/seed.ts';
import type { Db } from '../platform/db/client.ts';
import { insertEntries } from './repo.ts';

type Entry = Omit<Parameters<typeof insertEntries>[1][number], 'id' | 'orgId' | 'reviewedOn' | 'reviewer'>;

/**
 * Demo library for the demo diagnoses (Ana: leiomyosarcoma, EURACAN sarcoma; Ben: mesothelioma,
 * thoracic) in English and Spanish. Only real organizations, by their public names; a link only
 * where it is the organization's well-known public home page, none where we were not sure of it.
 * The summaries are ours, written for the demo, not quoted from those organizations.
 */
const ENTRIES: Entry[] = [
  { kind: 'advocacy', language: 'en', domain: 'sarcoma', family: 'sarcoma', format: 'online', organization: 'Sarcoma Patients EuroNet (SPAEN)', url: 'https://www.sarcoma-patients.eu', title: 'Sarcoma Patients EuroNet', summary: 'A European network of sarcoma patient organizations: find a national group and information on reference centres.' },
  { kind: 'support_group', language: 'en', domain: 'sarcoma', family: 'sarcoma', format: 'online', organization: 'Sarcoma UK', url: 'https://sarcoma.org.uk', title: 'Sarcoma UK: support and information', summary: 'A charity for people affected by sarcoma: information about sarcoma types and treatment, and ways to talk to others who have been through it.' },
  { kind: 'information', language: 'en', domain: 'sarcoma', family: 'sarcoma', format: null, organization: 'European Society for Medical Oncology (ESMO)', url: 'https://www.esmo.org/for-patients/patient-guides', title: 'ESMO patient guides', summary: 'Plain-language guides written with oncologists, including one on soft tissue sarcoma: diagnosis, treatment options and questions to ask.' },
  { kind: 'information', language: 'es', domain: 'sarcoma', family: 'sarcoma', format: null, organization: 'Asociación Española Contra el Cáncer (AECC)', url: 'https://www.contraelcancer.es', title: 'Sarcomas de partes blandas', summary: 'Información en español sobre qué son los sarcomas, cómo se diagnostican y se tratan, y apoyo para pacientes y familias.' },
  { kind: 'support_group', language: 'es', domain: 'sarcoma', family: 'sarcoma', format: 'in_person', organization: 'Asociación Española Contra el Cáncer (AECC)', url: null, title: 'Grupos de apoyo para pacientes y familiares', summary: 'Grupos presenciales y atención psicológica gratuita en las sedes provinciales de la asociación; pregunte a su gestora de casos por la más cercana.' },
  { kind: 'advocacy', language: 'es', domain: 'sarcoma', family: 'sarcoma', format: 'both', organization: 'Fundación Mari Paz Jiménez Casado', url: null, title: 'Fundación de pacientes con sarcoma', summary: 'Una fundación española dedicada a las personas con sarcoma y sus familias: información, acompañamiento y apoyo a la investigación.' },
  { kind: 'support_group', language: 'en', domain: 'thoracic', family: 'thoracic', format: 'both', organization: 'Mesothelioma UK', url: 'https://www.mesothelioma.uk.com', title: 'Mesothelioma UK', summary: 'Specialist nurses, support groups and information for people with mesothelioma and their families.' },
  { kind: 'information', language: 'es', domain: 'thoracic', family: 'thoracic', format: null, organization: 'Sociedad Española de Oncología Médica (SEOM)', url: 'https://seom.org', title: 'Mesotelioma: información para pacientes', summary: 'Información de la sociedad de oncólogos médicos sobre el mesotelioma y sus tratamientos.' },
  { kind: 'advocacy', language: 'en', domain: null, family: null, format: 'online', organization: 'Rare Cancers Europe', url: 'https://www.rarecancerseurope.org', title: 'Rare Cancers Europe', summary: 'A multi-stakeholder initiative speaking for people with rare cancers in Europe: rights, access to expertise and clinical trials.' },
  { kind: 'information', language: 'en', domain: null, family: null, format: null, organization: 'EURACAN, the European Reference Network for rare adult solid cancers', url: null, title: 'Expert centres for rare cancers in Europe', summary: 'How the European Reference Network connects expert centres, and why a second opinion from one can help.' },
  { kind: 'advocacy', language: 'es', domain: null, family: null, format: 'both', organization: 'Federación Española de Enfermedades Raras (FEDER)', url: 'https://www.enfermedades-raras.org', title: 'FEDER: enfermedades raras', summary: 'La federación de asociaciones de pacientes con enfermedades poco frecuentes: orientación, derechos y contacto con asociaciones.' },
];

export async function seedDemoLibrary(db: Db, ids: DemoIds) {
  const reviewedOn = new Date(Date.now() - 40 * 86_400_000).toISOString().slice(0, 10);
  await insertEntries(db, ENTRIES.map((e) => ({ ...e, id: randomUUID(), orgId: ids.org, reviewedOn, reviewer: 'Dr Lena Lindqvist' })));
}
