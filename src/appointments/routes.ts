import { Hono } from 'hono';
import { z } from 'zod';
import {
  CreateAppointmentRequest,
  ListAppointmentsQuery,
  PatientResponseRequest,
  ReminderPreferencesRequest,
  ReminderSettingsRequest,
  RescheduleRequest,
  TravelTimeRequest,
  TreatmentItemRequest,
  TreatmentStatusRequest,
} from '../contracts/appointments.ts';
import { Id } from '../contracts/common.ts';
import type { AppEnv } from '../platform/context.ts';
import { AppError, parse } from '../platform/errors.ts';
import { idempotent } from '../platform/idempotency.ts';
import { actorOf, allow, authenticated, publicRoute } from '../platform/policy.ts';
import { valid } from '../platform/validate.ts';
import { careTimeline } from '../timeline/service.ts';
import { appointmentIcs, feedIcs } from './calendar.ts';
import * as appointments from './service.ts';

const IdParam = z.object({ id: Id });

export const appointmentRoutes = new Hono<AppEnv>()
  .post('/appointments', allow('navigator'), idempotent(), valid('json', CreateAppointmentRequest), async (c) => {
    return c.json(await appointments.createAppointment(c.get('deps'), actorOf(c), c.req.valid('json')), 201);
  })
  .get('/appointments', allow('navigator', 'specialist', 'patient', 'caregiver'), valid('query', ListAppointmentsQuery), async (c) => {
    const { patientId, includeCancelled } = c.req.valid('query');
    return c.json({ appointments: await appointments.listAppointments(c.get('deps'), actorOf(c), patientId, includeCancelled === 'true') });
  })
  .get('/appointments/:id', allow('navigator', 'specialist', 'patient', 'caregiver'), valid('param', IdParam), async (c) => {
    return c.json(await appointments.getAppointment(c.get('deps'), actorOf(c), c.req.valid('param').id));
  })
  .patch('/appointments/:id', allow('navigator', 'patient', 'caregiver'), valid('param', IdParam), valid('json', z.record(z.string(), z.unknown())), async (c) => {
    const deps = c.get('deps');
    const actor = actorOf(c);
    const id = c.req.valid('param').id;
    const body = c.req.valid('json');
    // Navigators reschedule; the patient's side confirms or asks for a change.
    if (actor.role === 'navigator') return c.json(await appointments.rescheduleAppointment(deps, actor, id, parse(RescheduleRequest, body)));
    return c.json(await appointments.respondToAppointment(deps, actor, id, parse(PatientResponseRequest, body)));
  })
  .delete('/appointments/:id', allow('navigator'), valid('param', IdParam), async (c) => {
    await appointments.cancelAppointment(c.get('deps'), actorOf(c), c.req.valid('param').id);
    return c.body(null, 204);
  })
  .get('/appointments/:id/reminders', allow('navigator'), valid('param', IdParam), async (c) => {
    return c.json({ reminders: await appointments.listReminders(c.get('deps'), actorOf(c), c.req.valid('param').id) });
  })
  .get('/appointments/:id/ics', allow('navigator', 'specialist', 'patient', 'caregiver'), valid('param', IdParam), async (c) => {
    const ics = await appointmentIcs(c.get('deps'), actorOf(c), c.req.valid('param').id);
    return c.body(ics, 200, { 'content-type': 'text/calendar; charset=utf-8', 'content-disposition': 'attachment; filename="appointment.ics"' });
  })
  .get('/patients/:id/timeline', allow('navigator', 'specialist', 'patient', 'caregiver'), valid('param', IdParam), async (c) => {
    return c.json(await careTimeline(c.get('deps'), actorOf(c), c.req.valid('param').id));
  })
  .post('/treatment-plan-items', allow('navigator'), idempotent(), valid('json', TreatmentItemRequest), async (c) => {
    return c.json(await appointments.addTreatmentItem(c.get('deps'), actorOf(c), c.req.valid('json')), 201);
  })
  .patch('/treatment-plan-items/:id', allow('navigator'), valid('param', IdParam), valid('json', TreatmentStatusRequest), async (c) => {
    await appointments.setTreatmentStatus(c.get('deps'), actorOf(c), c.req.valid('param').id, c.req.valid('json').status);
    return c.body(null, 204);
  })
  .get('/scheduling/sites', allow('navigator', 'admin'), async (c) => c.json(await appointments.sitesWithTravel(c.get('deps'), actorOf(c))))
  .put('/scheduling/travel-times', allow('navigator', 'admin'), valid('json', TravelTimeRequest), async (c) => {
    await appointments.setTravelTime(c.get('deps'), actorOf(c), c.req.valid('json'));
    return c.body(null, 204);
  })
  .get('/scheduling/reminder-settings', allow('navigator', 'admin'), async (c) => c.json(await appointments.reminderSettingsFor(c.get('deps'), actorOf(c).orgId)))
  .put('/scheduling/reminder-settings', allow('admin'), valid('json', ReminderSettingsRequest), async (c) => {
    return c.json(await appointments.updateReminderSettings(c.get('deps'), actorOf(c), c.req.valid('json')));
  })
  .get('/reminders/preferences', authenticated(), async (c) => c.json(await appointments.reminderPreferences(c.get('deps'), actorOf(c).userId)))
  .put('/reminders/preferences', authenticated(), valid('json', ReminderPreferencesRequest), async (c) => {
    return c.json(await appointments.setReminderPreferences(c.get('deps'), actorOf(c), c.req.valid('json')));
  })
  .get('/calendar/feed', authenticated(), async (c) => c.json(await appointments.calendarFeedStatus(c.get('deps'), actorOf(c))))
  .post('/calendar/feed', authenticated(), async (c) => c.json(await appointments.rotateCalendarFeed(c.get('deps'), actorOf(c)), 201))
  .delete('/calendar/feed', authenticated(), async (c) => {
    await appointments.revokeCalendarFeed(c.get('deps'), actorOf(c));
    return c.body(null, 204);
  })
  // The feed URL is the credential (calendar apps send no cookie): a revocable 256-bit secret.
  .get('/calendar/:file{[A-Za-z0-9_-]{43}\\.ics}', publicRoute(), async (c) => {
    const token = c.req.param('file').slice(0, -4);
    const ics = await feedIcs(c.get('deps'), token, c.get('requestId'));
    if (ics === null) throw new AppError('not_found');
    return c.body(ics, 200, { 'content-type': 'text/calendar; charset=utf-8' });
  });
