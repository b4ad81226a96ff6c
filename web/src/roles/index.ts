import type { Role } from '../api.ts';
import { adminArea } from './admin.ts';
import { caregiverArea } from './caregiver.ts';
import { navigatorArea } from './navigator.ts';
import { patientArea } from './patient.ts';
import { specialistArea } from './specialist.ts';
import type { RoleArea } from './types.ts';

export const ROLE_AREAS: Readonly<Record<Role, RoleArea>> = {
  patient: patientArea,
  caregiver: caregiverArea,
  navigator: navigatorArea,
  specialist: specialistArea,
  admin: adminArea,
};

export { homePath } from './types.ts';
export type { AreaEntry, RoleArea } from './types.ts';
