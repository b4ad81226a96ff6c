import { z } from 'zod';
import { Me } from './auth.ts';

export const MFA_METHODS = ['totp', 'passkey', 'recovery'] as const;
export type MfaMethod = (typeof MFA_METHODS)[number];

/** The login answer: signed in, or a restricted session that must first prove (or enrol) a second factor. */
export const LoginResponse = z.union([
  z.object({ user: Me }),
  z.object({ mfa: z.enum(['required', 'enrol']), methods: z.array(z.enum(MFA_METHODS)) }),
]);
export type LoginResponse = z.infer<typeof LoginResponse>;

const Password = z.string().min(1).max(200);

export const PasswordResetRequest = z.object({ email: z.email().max(254) }).strict();
export const PasswordResetConfirm = z.object({ token: z.string().min(20).max(200), password: Password }).strict();
export const PasswordChangeRequest = z.object({ currentPassword: Password, password: Password }).strict();

/** A TOTP (6 digits) or a recovery code (xxxxx-xxxxx), spaces and dashes forgiven. */
export const MfaCodeRequest = z.object({ code: z.string().trim().min(6).max(24) }).strict();

/** A WebAuthn response as @simplewebauthn/browser produces it; the server library checks its contents. */
const WebAuthnBase = {
  id: z.string().min(1).max(1400),
  rawId: z.string().min(1).max(1400),
  type: z.literal('public-key'),
  clientExtensionResults: z.record(z.string(), z.unknown()),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
};
const B64 = z.string().max(20_000);
export const PasskeyRegistration = z.object({
  name: z.string().trim().min(1).max(80),
  response: z.object({
    ...WebAuthnBase,
    response: z.object({
      clientDataJSON: B64,
      attestationObject: B64,
      authenticatorData: B64.optional(),
      transports: z.array(z.enum(['ble', 'cable', 'hybrid', 'internal', 'nfc', 'smart-card', 'usb'])).max(8).optional(),
      publicKeyAlgorithm: z.number().int().optional(),
      publicKey: B64.optional(),
    }),
  }),
}).strict();
export const PasskeyAssertion = z.object({
  response: z.object({
    ...WebAuthnBase,
    response: z.object({
      clientDataJSON: B64,
      authenticatorData: B64,
      signature: B64,
      userHandle: B64.optional(),
    }),
  }),
}).strict();

export const MfaStatus = z.object({
  /** Staff may enrol; patients and caregivers do not use a second factor. */
  eligible: z.boolean(),
  required: z.boolean(),
  totp: z.boolean(),
  passkeys: z.array(z.object({ id: z.string(), name: z.string(), createdAt: z.string(), lastUsedAt: z.string().nullable() })),
  recoveryCodesLeft: z.number().int(),
});
export type MfaStatus = z.infer<typeof MfaStatus>;

export const TotpSetup = z.object({ secret: z.string(), uri: z.string(), qr: z.string() });
export type TotpSetup = z.infer<typeof TotpSetup>;

/** Answer to enrolling the first factor or regenerating codes: the codes are shown this once. */
export const RecoveryCodes = z.object({ recoveryCodes: z.array(z.string()).length(10) });

export const SessionSummary = z.object({
  id: z.string(),
  current: z.boolean(),
  device: z.string(),
  place: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
});
export type SessionSummary = z.infer<typeof SessionSummary>;

export const SessionIdParam = z.object({ id: z.string().regex(/^[0-9a-f]{16}$/) });

export const OrgAuthSettings = z.object({ requireStaffMfa: z.boolean() }).strict();
export type OrgAuthSettings = z.infer<typeof OrgAuthSettings>;
