import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { and, count, eq, isNull } from 'drizzle-orm';
import type { Db } from '../platform/db/client.ts';
import { mfaRecoveryCodes } from './tables.ts';

const COUNT = 10;
// Crockford-style alphabet: no 0/O or 1/I/L to misread when typed from paper.
const ALPHABET = '23456789abcdefghjkmnpqrstuvwxyz';

const normalize = (code: string) => code.toLowerCase().replace(/[\s-]/g, '');
// 50 random bits a code: a fast hash suffices, unlike a chosen password.
const digest = (code: string) => createHash('sha256').update(normalize(code)).digest('hex');

function newCode(): string {
  const bytes = randomBytes(10);
  const chars = [...bytes].map((b) => ALPHABET[b % ALPHABET.length]).join('');
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

/** Replaces the user's codes with ten new ones and returns them: the only time they are shown. */
export async function issueRecoveryCodes(db: Db, userId: string): Promise<string[]> {
  const codes = Array.from({ length: COUNT }, newCode);
  await db.transaction(async (tx) => {
    await tx.delete(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.userId, userId));
    await tx.insert(mfaRecoveryCodes).values(codes.map((c) => ({ id: randomUUID(), userId, codeHash: digest(c) })));
  });
  return codes;
}

/** Spends one code; true only for an unused code of this user (atomic, so a code works once). */
export async function useRecoveryCode(db: Db, userId: string, code: string): Promise<boolean> {
  const used = await db
    .update(mfaRecoveryCodes)
    .set({ usedAt: new Date() })
    .where(and(eq(mfaRecoveryCodes.userId, userId), eq(mfaRecoveryCodes.codeHash, digest(code)), isNull(mfaRecoveryCodes.usedAt)))
    .returning({ id: mfaRecoveryCodes.id });
  return used.length === 1;
}

export async function recoveryCodesLeft(db: Db, userId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(mfaRecoveryCodes).where(and(eq(mfaRecoveryCodes.userId, userId), isNull(mfaRecoveryCodes.usedAt)));
  return row?.n ?? 0;
}
