import type { z } from 'zod';
import type { ErrorCode } from '../contracts/constants.ts';
import { codeForDatabaseError } from './error-facts.ts';
import { findUncleanText } from './text.ts';

export type { ErrorCode };

const STATUS: Record<ErrorCode, number> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

// Messages are for developers reading raw responses; users see the web app's translation of the code.
const DEFAULT_MESSAGE: Record<ErrorCode, string> = {
  invalid: 'The request is not valid.',
  unauthorized: 'Sign in to continue.',
  forbidden: 'You are not allowed to do this.',
  not_found: 'Not found.',
  conflict: 'This conflicts with the current state.',
  rate_limited: 'Too many requests; try again later.',
  unavailable: 'This service is unavailable right now.',
  internal: 'Something went wrong.',
};

export interface FieldIssue {
  path: string;
  message: string;
}

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  details?: FieldIssue[];
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: FieldIssue[] | undefined;
  constructor(code: ErrorCode, message?: string, details?: FieldIssue[]) {
    super(message ?? DEFAULT_MESSAGE[code]);
    this.code = code;
    this.details = details;
  }
  get status(): number {
    return STATUS[this.code];
  }
  toBody(): ErrorBody {
    return this.details ? { code: this.code, message: this.message, details: this.details } : { code: this.code, message: this.message };
  }
}

export function fromZod(error: z.ZodError): AppError {
  const details = error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  const first = details[0];
  return new AppError('invalid', first ? `${first.path || 'input'}: ${first.message}` : undefined, details);
}

/**
 * Anything thrown becomes an AppError carrying nothing of the original: database failures by their
 * SQLSTATE class, everything else 'internal'.
 */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  return new AppError(codeForDatabaseError(err) ?? 'internal');
}

export const notFound = () => new AppError('not_found');
export const forbidden = () => new AppError('forbidden');

/** Throws AppError('invalid') naming the field when a parsed input carries text no person types (U+0000, ...). */
export function assertCleanText(input: unknown): void {
  const path = findUncleanText(input);
  if (!path) return;
  const field = path.join('.') || 'input';
  throw new AppError('invalid', `${field}: contains characters that are not allowed`, [{ path: field, message: 'contains characters that are not allowed' }]);
}

/** Parse with a zod schema, throwing AppError('invalid') with field details on failure. */
export function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input);
  if (!r.success) throw fromZod(r.error);
  assertCleanText(r.data);
  return r.data;
}
