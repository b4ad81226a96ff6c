import { and, eq, lt } from 'drizzle-orm';
import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';
import type { Deps } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { open, seal } from './secret-box.ts';
import { mfaTotp } from './tables.ts';

const SETUP_SECONDS = 10 * 60;
// One step either side forgives a phone clock 30 s off; a used step is never accepted again.
const TOLERANCE_SECONDS = 30;

const setupKey = (deps: Deps, userId: string) => deps.key('totp-setup', userId);

/** A new secret, kept in Redis until the user proves their app holds it; the QR code encodes the otpauth URI. */
export async function startTotp(deps: Deps, user: { id: string; email: string }) {
  const secret = generateSecret();
  await deps.redis.set(setupKey(deps, user.id), secret, 'EX', SETUP_SECONDS);
  const uri = generateURI({ issuer: 'Wayfinder', label: user.email, secret });
  return { secret, uri, qr: await QRCode.toDataURL(uri, { margin: 1, width: 220 }) };
}

async function stepOf(secret: string, code: string): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null;
  const result = await verify({ secret, token: code, epochTolerance: TOLERANCE_SECONDS });
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}

/** Stores the secret once a code from it is right; false when the code is wrong or the setup expired. */
export async function confirmTotp(deps: Deps, userId: string, code: string): Promise<boolean> {
  const secret = await deps.redis.get(setupKey(deps, userId));
  if (!secret) throw new AppError('not_found', 'Start the set-up again.');
  const step = await stepOf(secret, code);
  if (step === null) return false;
  const row = { userId, secretEnc: seal(deps.config.sessionSecret, secret), lastStep: step };
  await deps.db.insert(mfaTotp).values(row).onConflictDoUpdate({ target: mfaTotp.userId, set: { secretEnc: row.secretEnc, lastStep: step, createdAt: new Date() } });
  await deps.redis.del(setupKey(deps, userId));
  return true;
}

/** Checks a code against the stored secret; the step is claimed atomically so a code works once. */
export async function checkTotp(deps: Deps, userId: string, code: string): Promise<boolean> {
  const [row] = await deps.db.select().from(mfaTotp).where(eq(mfaTotp.userId, userId));
  if (!row) return false;
  const step = await stepOf(open(deps.config.sessionSecret, row.secretEnc), code);
  if (step === null) return false;
  const claimed = await deps.db
    .update(mfaTotp)
    .set({ lastStep: step })
    .where(and(eq(mfaTotp.userId, userId), lt(mfaTotp.lastStep, step)))
    .returning({ userId: mfaTotp.userId });
  return claimed.length === 1;
}

export async function hasTotp(deps: Deps, userId: string): Promise<boolean> {
  const [row] = await deps.db.select({ userId: mfaTotp.userId }).from(mfaTotp).where(eq(mfaTotp.userId, userId));
  return Boolean(row);
}

export async function removeTotp(deps: Deps, userId: string): Promise<void> {
  await deps.db.delete(mfaTotp).where(eq(mfaTotp.userId, userId));
}
