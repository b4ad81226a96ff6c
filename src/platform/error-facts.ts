import type { ErrorCode } from '../contracts/constants.ts';

/**
 * What may be logged of an error: its type, a machine code (SQLSTATE, a Node errno name) and its stack
 * frames. Never its message: Drizzle and pg put the failed query's parameters there, which carry
 * whatever the user typed (SECURITY.md S27).
 */
export interface ErrorFacts {
  type: string;
  code?: string;
  frames?: string[];
}

const CODE = /^[A-Z0-9_]{2,40}$/;

/** The first machine code along the error's cause chain (DrizzleQueryError wraps pg's error). */
function codeOf(err: unknown): string | undefined {
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && CODE.test(code)) return code;
  }
  return undefined;
}

export function errorFacts(err: unknown): ErrorFacts {
  if (!(err instanceof Error)) return { type: typeof err };
  const code = codeOf(err);
  const frames = err.stack?.split('\n').filter((line) => line.trimStart().startsWith('at ')).slice(0, 12).map((l) => l.trim());
  return { type: err.name, ...(code ? { code } : {}), ...(frames?.length ? { frames } : {}) };
}

/**
 * The stable code a database failure stands for, by SQLSTATE class (PostgreSQL appendix A): bad data
 * is the caller's `invalid`, a clash with stored rows is `conflict`, a transient server state is
 * `unavailable`; anything else stays `internal`.
 */
export function codeForDatabaseError(err: unknown): ErrorCode | undefined {
  const code = codeOf(err);
  if (!code || !/^[0-9A-Z]{5}$/.test(code)) return undefined;
  if (code === '23505' || code === '23503' || code === '23P01') return 'conflict';
  if (code.startsWith('22') || code === '23502' || code === '23514') return 'invalid';
  if (code === '40001' || code === '40P01' || code === '57014' || code.startsWith('08') || code.startsWith('53')) return 'unavailable';
  return undefined;
}
