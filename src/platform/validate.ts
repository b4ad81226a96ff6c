import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import type { z } from 'zod';
import { assertCleanText, fromZod } from './errors.ts';

/** zod validation for a request part; failures (and unclean text) become AppError('invalid') with field details. */
export function valid<T extends keyof ValidationTargets, S extends z.ZodType>(target: T, schema: S) {
  return zValidator(target, schema, (result) => {
    if (!result.success) throw fromZod(result.error as unknown as z.ZodError);
    assertCleanText(result.data);
  });
}
