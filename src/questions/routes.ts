import { Hono } from 'hono';
import { z } from 'zod';
import { Id } from '../contracts/common.ts';
import { AnswerQuestionRequest, AskQuestionRequest, EditQuestionRequest } from '../contracts/questions.ts';
import type { AppEnv } from '../platform/context.ts';
import { actorOf, allow } from '../platform/policy.ts';
import { valid } from '../platform/validate.ts';
import * as questions from './service.ts';

const IdParam = z.object({ id: Id });

export const questionRoutes = new Hono<AppEnv>()
  .get('/patients/:id/questions', allow('patient', 'caregiver', 'navigator', 'specialist'), valid('param', IdParam), async (c) =>
    c.json({ questions: await questions.listForPatient(c.get('deps'), actorOf(c), c.req.valid('param').id) }),
  )
  .post('/patients/:id/questions', allow('patient', 'caregiver'), valid('param', IdParam), valid('json', AskQuestionRequest), async (c) =>
    c.json({ question: await questions.ask(c.get('deps'), actorOf(c), c.req.valid('param').id, c.req.valid('json')) }, 201),
  )
  .get('/appointments/:id/questions', allow('patient', 'caregiver', 'navigator', 'specialist'), valid('param', IdParam), async (c) =>
    c.json({ questions: await questions.listForAppointment(c.get('deps'), actorOf(c), c.req.valid('param').id) }),
  )
  .post('/questions/:id/answer', allow('navigator', 'specialist'), valid('param', IdParam), valid('json', AnswerQuestionRequest), async (c) =>
    c.json({ question: await questions.answer(c.get('deps'), actorOf(c), c.req.valid('param').id, c.req.valid('json')) }),
  )
  .patch('/questions/:id', allow('patient', 'caregiver'), valid('param', IdParam), valid('json', EditQuestionRequest), async (c) =>
    c.json({ question: await questions.editQuestion(c.get('deps'), actorOf(c), c.req.valid('param').id, c.req.valid('json').body) }),
  )
  .delete('/questions/:id', allow('patient', 'caregiver'), valid('param', IdParam), async (c) => {
    await questions.deleteQuestion(c.get('deps'), actorOf(c), c.req.valid('param').id);
    return c.body(null, 204);
  });
