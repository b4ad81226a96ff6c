import { randomUUID } from 'node:crypto';
import type { DemoIds } from '../demo/seed.ts';
import type { Db } from '../platform/db/client.ts';
import { appointmentParticipants, appointments, siteTravelTimes, treatmentPlanItems } from './tables.ts';
import { addCalendarDays, wallTime, zonedToInstant } from '../platform/time.ts';

/**
 * Demo plan for Ben (Ana's plan is left empty for the tests and the first-run experience): two
 * appointments, a radiotherapy course and a past surgery, and travel times between the three sites.
 * No reminder rows: reminders are planned when a navigator books or moves an appointment.
 */
export async function seedDemoAppointments(db: Db, ids: DemoIds): Promise<void> {
  const tz = 'Europe/Madrid';
  const at = (days: number, hour: number, minute = 0) => {
    const d = wallTime(addCalendarDays(Date.now(), days, tz), tz);
    return zonedToInstant({ year: d.year, month: d.month, day: d.day, hour, minute }, tz);
  };
  const pair = (a: string, b: string) => (a < b ? { siteA: a, siteB: b } : { siteA: b, siteB: a });
  await db.insert(siteTravelTimes).values([
    { ...pair(ids.referenceCentre, ids.lakeside), orgId: ids.org, minutes: 90, updatedBy: ids.nora },
    { ...pair(ids.referenceCentre, ids.hillview), orgId: ids.org, minutes: 120, updatedBy: ids.nora },
    { ...pair(ids.lakeside, ids.hillview), orgId: ids.org, minutes: 45, updatedBy: ids.nora },
  ]);
  const visit = randomUUID();
  const call = randomUUID();
  const common = { orgId: ids.org, patientId: ids.ben, status: 'scheduled' as const, createdBy: ids.nora };
  await db.insert(appointments).values([
    { ...common, id: visit, kind: 'in_person', siteId: ids.hillview, startsAt: at(3, 10), endsAt: at(3, 11), logistics: { interpreterNeeded: false, travelNotes: 'Hospital transport booked', bring: ['Latest blood results', 'Medication list'] } },
    { ...common, id: call, kind: 'video', siteId: null, startsAt: at(5, 16), endsAt: at(5, 16, 30), logistics: { interpreterNeeded: false, bring: [] } },
  ]);
  await db.insert(appointmentParticipants).values([
    { appointmentId: visit, userId: ids.ben, role: 'patient' },
    { appointmentId: call, userId: ids.ben, role: 'patient' },
    { appointmentId: call, userId: ids.nora, role: 'navigator' },
  ]);
  await db.insert(treatmentPlanItems).values([
    { id: randomUUID(), patientId: ids.ben, kind: 'surgery', startsAt: at(-30, 8), status: 'done', siteId: ids.referenceCentre, createdBy: ids.nora },
    { id: randomUUID(), patientId: ids.ben, kind: 'radiotherapy', label: '25 sessions', startsAt: at(10, 9), endsAt: at(45, 9), status: 'planned', siteId: ids.referenceCentre, createdBy: ids.nora },
  ]);
}
