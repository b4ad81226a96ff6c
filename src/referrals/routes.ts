import { Hono } from 'hono';
import { z } from 'zod';
import { Id } from '../contracts/common.ts';
import {
  AddPacketItemRequest,
  AgendaItemRequest,
  BoardQuery,
  CancelRequest,
  CaseReviewStatusRequest,
  CodeMapQuery,
  CodeSearchQuery,
  ConsentRequest,
  CreateCaseReviewRequest,
  CreateReferralRequest,
  DeadlineRuleRequest,
  DeclineRequest,
  RecommendationRequest,
  ReferralType,
  ScheduleRequest,
  SendReferralRequest,
  UpdateReferralRequest,
} from '../contracts/referrals.ts';
import { directoryRoutes } from '../directory/routes.ts';
import { suggestCentres } from '../directory/service.ts';
import type { AppEnv } from '../platform/context.ts';
import { fileResponse } from '../platform/file-response.ts';
import { AppError } from '../platform/errors.ts';
import { idempotent } from '../platform/idempotency.ts';
import { actorOf, allow, authenticated } from '../platform/policy.ts';
import { valid } from '../platform/validate.ts';
import * as caseReview from './case-review.ts';
import * as consent from './consent.ts';
import { documentsForPacket } from './documents.ts';
import { scheduleReferral } from './schedule.ts';
import { siteSuggestions } from './suggestions.ts';
import { mapDiagnosis, searchCodes } from './coding.ts';
import { exportFhirBundle } from './fhir.ts';
import * as referrals from './service.ts';

const IdParam = z.object({ id: Id });
const Empty = z.object({}).strict();
/** `inline=1`: shown in the packet viewer rather than downloaded. */
const PacketFileQuery = z.object({ inline: z.literal('1').optional() }).strict();

export const referralRoutes = new Hono<AppEnv>()
  .route('/', directoryRoutes)
  // ---- diagnosis coding ----
  .get('/referrals/codes/search', allow('navigator', 'specialist'), valid('query', CodeSearchQuery), (c) => {
    const { q, axis, locale } = c.req.valid('query');
    return c.json({ results: searchCodes(q, axis, 20, locale) });
  })
  .get('/referrals/codes/map', allow('navigator', 'specialist'), valid('query', CodeMapQuery), async (c) => {
    const { topography, morphology, locale } = c.req.valid('query');
    const mapping = mapDiagnosis(topography, morphology, locale);
    if (!mapping) throw new AppError('not_found', 'These codes are not in the shipped ICD-O-3 table.');
    const centres = mapping.domain ? await suggestCentres(c.get('deps'), actorOf(c), mapping.domain) : [];
    return c.json({ mapping, centres });
  })
  .get('/referrals/codes/gaps', allow('admin'), async (c) => c.json({ gaps: await referrals.codingGaps(c.get('deps'), actorOf(c)) }))
  // ---- lists (before /referrals/:id) ----
  .get('/referrals/board', allow('navigator'), valid('query', BoardQuery), async (c) => c.json({ referrals: await referrals.board(c.get('deps'), actorOf(c), c.req.valid('query')) }))
  .get('/referrals/incoming', allow('specialist', 'navigator'), async (c) => c.json({ referrals: await referrals.incoming(c.get('deps'), actorOf(c)) }))
  .get('/referrals/settings/deadlines', allow('navigator', 'admin'), async (c) => c.json({ rules: await referrals.deadlineRules(c.get('deps'), actorOf(c)) }))
  .put('/referrals/settings/deadlines/:type', allow('admin'), valid('param', z.object({ type: ReferralType })), valid('json', DeadlineRuleRequest), async (c) =>
    c.json({ rules: await referrals.setDeadlineRule(c.get('deps'), actorOf(c), c.req.valid('param').type, c.req.valid('json')) }),
  )
  .get('/patients/:id/referrals', authenticated(), valid('param', IdParam), async (c) => c.json({ referrals: await referrals.listForPatient(c.get('deps'), actorOf(c), c.req.valid('param').id) }))
  // ---- one referral ----
  .post('/referrals', allow('navigator'), idempotent(), valid('json', CreateReferralRequest), async (c) => c.json(await referrals.createReferral(c.get('deps'), actorOf(c), c.req.valid('json')), 201))
  .get('/referrals/:id', authenticated(), valid('param', IdParam), async (c) => c.json(await referrals.getReferral(c.get('deps'), actorOf(c), c.req.valid('param').id)))
  .patch('/referrals/:id', allow('navigator'), valid('param', IdParam), valid('json', UpdateReferralRequest), async (c) =>
    c.json(await referrals.updateDraft(c.get('deps'), actorOf(c), c.req.valid('param').id, c.req.valid('json'))),
  )
  .post('/referrals/:id/send', allow('navigator'), valid('param', IdParam), valid('json', SendReferralRequest), async (c) =>
    c.json(await referrals.transition(c.get('deps'), actorOf(c), c.req.valid('param').id, 'sent', c.req.valid('json'))),
  )
  .post('/referrals/:id/accept', allow('specialist', 'navigator'), valid('param', IdParam), valid('json', Empty), async (c) =>
    c.json(await referrals.transition(c.get('deps'), actorOf(c), c.req.valid('param').id, 'accepted')),
  )
  .post('/referrals/:id/decline', allow('specialist', 'navigator'), valid('param', IdParam), valid('json', DeclineRequest), async (c) =>
    c.json(await referrals.transition(c.get('deps'), actorOf(c), c.req.valid('param').id, 'declined', c.req.valid('json'))),
  )
  .post('/referrals/:id/schedule', allow('specialist', 'navigator'), valid('param', IdParam), valid('json', ScheduleRequest), async (c) =>
    c.json(await scheduleReferral(c.get('deps'), actorOf(c), c.req.valid('param').id, c.req.valid('json'))),
  )
  .post('/referrals/:id/complete', allow('specialist', 'navigator'), valid('param', IdParam), valid('json', Empty), async (c) =>
    c.json(await referrals.transition(c.get('deps'), actorOf(c), c.req.valid('param').id, 'completed')),
  )
  .post('/referrals/:id/cancel', allow('specialist', 'navigator'), valid('param', IdParam), valid('json', CancelRequest), async (c) =>
    c.json(await referrals.transition(c.get('deps'), actorOf(c), c.req.valid('param').id, 'cancelled', c.req.valid('json'))),
  )
  .post('/referrals/:id/packet', allow('navigator'), valid('param', IdParam), valid('json', AddPacketItemRequest), async (c) =>
    c.json(await referrals.addPacketItem(c.get('deps'), actorOf(c), c.req.valid('param').id, c.req.valid('json')), 201),
  )
  .get('/referrals/:id/packet/:itemId/file', allow('navigator', 'specialist', 'patient', 'caregiver'), valid('param', z.object({ id: Id, itemId: Id })), valid('query', PacketFileQuery), async (c) => {
    const { id, itemId } = c.req.valid('param');
    const inline = c.req.valid('query').inline === '1';
    return fileResponse(await referrals.packetFile(c.get('deps'), actorOf(c), id, itemId, { inline }), { inline });
  })
  .delete('/referrals/:id/packet/:itemId', allow('navigator'), valid('param', z.object({ id: Id, itemId: Id })), async (c) => {
    const { id, itemId } = c.req.valid('param');
    await referrals.removePacketItem(c.get('deps'), actorOf(c), id, itemId);
    return c.body(null, 204);
  })
  .put('/referrals/:id/consent', allow('patient', 'caregiver', 'navigator'), valid('param', IdParam), valid('json', ConsentRequest), async (c) =>
    c.json(await consent.grantConsent(c.get('deps'), actorOf(c), c.req.valid('param').id, c.req.valid('json'))),
  )
  .delete('/referrals/:id/consent', allow('patient', 'caregiver', 'navigator'), valid('param', IdParam), async (c) => c.json(await consent.revokeConsent(c.get('deps'), actorOf(c), c.req.valid('param').id)))
  .post('/referrals/:id/consent/request', allow('navigator'), valid('param', IdParam), valid('json', Empty), async (c) => c.json(await consent.requestConsent(c.get('deps'), actorOf(c), c.req.valid('param').id)))
  .post('/referrals/:id/consent/decline', allow('patient', 'caregiver'), valid('param', IdParam), valid('json', Empty), async (c) => c.json(await consent.declineConsent(c.get('deps'), actorOf(c), c.req.valid('param').id)))
  .get('/referrals/:id/documents', allow('navigator'), valid('param', IdParam), async (c) => c.json(await documentsForPacket(c.get('deps'), actorOf(c), c.req.valid('param').id)))
  .get('/referrals/:id/sites', allow('navigator'), valid('param', IdParam), async (c) => c.json({ sites: await siteSuggestions(c.get('deps'), actorOf(c), c.req.valid('param').id) }))
  .get('/referrals/:id/fhir', allow('navigator'), valid('param', IdParam), async (c) => {
    const bundle = await exportFhirBundle(c.get('deps'), actorOf(c), c.req.valid('param').id);
    c.header('Content-Type', 'application/fhir+json; charset=utf-8');
    return c.body(JSON.stringify(bundle));
  })
  .post('/referrals/:id/recommendation', allow('specialist'), valid('param', IdParam), valid('json', RecommendationRequest), async (c) =>
    c.json(await caseReview.submitRecommendation(c.get('deps'), actorOf(c), c.req.valid('param').id, c.req.valid('json')), 201),
  )
  .get('/referrals/:id/summary', authenticated(), valid('param', IdParam), async (c) => c.json(await caseReview.summaryForPatient(c.get('deps'), actorOf(c), c.req.valid('param').id)))
  // ---- case reviews ----
  .get('/case-reviews', allow('specialist', 'navigator'), async (c) => c.json({ caseReviews: await caseReview.listCaseReviews(c.get('deps'), actorOf(c)) }))
  .post('/case-reviews', allow('specialist'), valid('json', CreateCaseReviewRequest), async (c) => c.json(await caseReview.createCaseReview(c.get('deps'), actorOf(c), c.req.valid('json')), 201))
  .get('/case-reviews/:id', allow('specialist', 'navigator'), valid('param', IdParam), async (c) => c.json(await caseReview.getCaseReview(c.get('deps'), actorOf(c), c.req.valid('param').id)))
  .post('/case-reviews/:id/agenda', allow('specialist'), valid('param', IdParam), valid('json', AgendaItemRequest), async (c) =>
    c.json(await caseReview.addAgendaItem(c.get('deps'), actorOf(c), c.req.valid('param').id, c.req.valid('json').referralId), 201),
  )
  .put('/case-reviews/:id/status', allow('specialist'), valid('param', IdParam), valid('json', CaseReviewStatusRequest), async (c) =>
    c.json(await caseReview.setCaseReviewStatus(c.get('deps'), actorOf(c), c.req.valid('param').id, c.req.valid('json').status)),
  );
