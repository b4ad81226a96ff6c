import { eq, sql } from 'drizzle-orm';
import { CAREGIVER_SCOPES, type AccessScope } from '../contracts/people.ts';
import type { Role } from '../contracts/common.ts';
import type { Db } from '../platform/db/client.ts';
import { prepared } from '../platform/db/prepared.ts';
import { breakGlassGrants, caregiverGrants, careTeamMembers, patients, users, type CareTeamRole } from './tables.ts';

/** How the actor reaches the patient right now; `org_role` is the organization's clinical lead or admin. */
export type AccessVia = 'self' | 'care_team' | 'caregiver' | 'break_glass' | 'org_role';

/**
 * The one answer to "may this person touch this patient's records now" (SECURITY.md S5, S23). It is
 * computed from the live relationship on every use; nothing stored elsewhere (thread members,
 * appointment participants, `patients.navigator_id`) is ever consulted.
 */
export interface AccessDecision {
  /** The actor may read or write at least one scope of the patient's records. */
  allowed: boolean;
  via: AccessVia | null;
  /** What the actor may touch now; `profile` is included whenever `allowed`. */
  scopes: readonly AccessScope[];
  /** Allowed only through an unexpired break-glass grant: every audit row it allows is flagged. */
  emergency: boolean;
  /**
   * May change who has access (care-team edits, handovers, appointment participants): a current,
   * non-emergency navigator on the care team, or the organization's clinical lead or admin (S24).
   */
  canManage: boolean;
  /** The actor's role on the patient's care team, when a member. */
  careTeamRole: CareTeamRole | null;
  /** When the break-glass grant that allows this ends. */
  emergencyUntil: Date | null;
}

export interface AccessSubject {
  userId: string;
  role: Role;
  orgId: string;
}

const ALL_SCOPES: readonly AccessScope[] = ['profile', ...CAREGIVER_SCOPES];
/** Clinical staff: the only roles that may sit on a care team, lead clinically or break the glass. */
export const CLINICAL_ROLES: readonly Role[] = ['navigator', 'specialist'];

const DENIED: AccessDecision = Object.freeze({ allowed: false, via: null, scopes: [], emergency: false, canManage: false, careTeamRole: null, emergencyUntil: null });

const decision = (via: AccessVia, scopes: readonly AccessScope[], more: Partial<AccessDecision> = {}): AccessDecision => ({
  ...DENIED,
  allowed: scopes.length > 0,
  via,
  scopes,
  ...more,
});

/** Everything the decision depends on, read in one round trip (built once: decision 0020). */
const relationshipQuery = prepared((db) => {
  const p = sql.placeholder;
  return db
    .select({
      patientOrg: users.orgId,
      teamRole: sql<CareTeamRole | null>`(select ${careTeamMembers.role} from ${careTeamMembers} where ${careTeamMembers.patientId} = ${p('patientId')} and ${careTeamMembers.userId} = ${p('actorId')} and ${careTeamMembers.removedAt} is null order by ${careTeamMembers.role} limit 1)`,
      grantScopes: sql<string[] | null>`(select ${caregiverGrants.scopes} from ${caregiverGrants} where ${caregiverGrants.patientId} = ${p('patientId')} and ${caregiverGrants.caregiverId} = ${p('actorId')} and ${caregiverGrants.revokedAt} is null limit 1)`,
      glassUntilMs: sql<number | null>`(select (extract(epoch from max(${breakGlassGrants.expiresAt})) * 1000)::float8 from ${breakGlassGrants} where ${breakGlassGrants.patientId} = ${p('patientId')} and ${breakGlassGrants.userId} = ${p('actorId')} and ${breakGlassGrants.expiresAt} > ${p('now')}::timestamptz)`,
      actorIsLead: sql<boolean | null>`(select ${users.isClinicalLead} from ${users} where ${users.id} = ${p('actorId')} and ${users.orgId} = ${p('orgId')} and ${users.disabledAt} is null)`,
    })
    .from(patients)
    .innerJoin(users, eq(users.id, patients.userId))
    .where(eq(patients.userId, p('patientId')))
    .prepare('people_access_relationship');
});

async function relationship(db: Db, actor: AccessSubject, patientId: string) {
  const [row] = await relationshipQuery(db).execute({ patientId, actorId: actor.userId, orgId: actor.orgId, now: new Date() });
  return row;
}

/**
 * Decides access from the relationship as it stands at this moment. Order matters: a standing
 * relationship (self, care team, caregiver, clinical lead) wins over break-glass, so a member's reads
 * are never flagged `emergency`; another organization's patient is denied before anything else.
 */
export async function decideAccess(db: Db, actor: AccessSubject, patientId: string): Promise<AccessDecision> {
  if (actor.role === 'patient') return actor.userId === patientId ? decision('self', ALL_SCOPES) : DENIED;
  const rel = await relationship(db, actor, patientId);
  if (!rel || rel.patientOrg !== actor.orgId || rel.actorIsLead === null) return DENIED;
  if (actor.role === 'caregiver') {
    const granted = (rel.grantScopes ?? []).filter((s): s is AccessScope => (ALL_SCOPES as readonly string[]).includes(s));
    return rel.grantScopes ? decision('caregiver', ['profile', ...granted]) : DENIED;
  }
  if (actor.role === 'admin') return decision('org_role', [], { canManage: true });
  if (rel.teamRole) return decision('care_team', ALL_SCOPES, { careTeamRole: rel.teamRole, canManage: rel.teamRole === 'navigator' && actor.role === 'navigator' });
  if (rel.actorIsLead) return decision('org_role', ALL_SCOPES, { canManage: true });
  if (rel.glassUntilMs !== null) return decision('break_glass', ALL_SCOPES, { emergency: true, emergencyUntil: new Date(Number(rel.glassUntilMs)) });
  return DENIED;
}

/** Whether a decision covers this scope (a caregiver needs the matching grant; clinicians may do all). */
export const permits = (d: AccessDecision, scope: AccessScope) => d.allowed && d.scopes.includes(scope);
