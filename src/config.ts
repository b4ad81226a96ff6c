import { availableParallelism } from 'node:os';
import { z } from 'zod';

// Secrets that ship in the repo for demo use; production refuses to start with them.
const DEMO_SECRET = 'demo-secret-change-me-0123456789abcdef';

const bool = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1');

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    PUBLIC_URL: z.url().optional(),
    DATABASE_URL: z.url().optional(),
    PGLITE_DIR: z.string().min(1).default('./data/pglite'),
    REDIS_URL: z.url(),
    REDIS_PREFIX: z.string().regex(/^[a-z0-9_-]+$/).default('wf'),
    SESSION_SECRET: z.string().min(32).default(DEMO_SECRET),
    AUDIT_SECRET: z.string().min(32).default(DEMO_SECRET),
    SESSION_IDLE_SECONDS: z.coerce.number().positive().default(30 * 60),
    SESSION_ABSOLUTE_SECONDS: z.coerce.number().positive().default(12 * 60 * 60),
    LOGIN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
    LOGIN_WINDOW_SECONDS: z.coerce.number().int().positive().default(15 * 60),
    /** Login attempts one client (IP) may make across all accounts per window, and all unknown clients together. */
    LOGIN_CLIENT_MAX_ATTEMPTS: z.coerce.number().int().positive().default(30),
    LOGIN_GLOBAL_MAX_ATTEMPTS: z.coerce.number().int().positive().default(5000),
    /** Password hashes computed at once, and how many may wait; beyond that a login answers 429. */
    PASSWORD_HASH_CONCURRENCY: z.coerce.number().int().positive().optional(),
    PASSWORD_HASH_QUEUE: z.coerce.number().int().min(0).default(8),
    DEMO_SEED: bool.optional(),
    DEV_SMTP_PORT: z.coerce.number().int().min(0).max(65535).default(2525),
    SMTP_URL: z.string().regex(/^smtps?:\/\//).optional(),
    MAIL_FROM: z.string().min(3).default('Wayfinder <no-reply@wayfinder.local>'),
    UPLOAD_DIR: z.string().min(1).default('./data/uploads'),
    WEB_DIST: z.string().min(1).default('./web/dist'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    MEDIASOUP_WORKERS: z.coerce.number().int().min(0).max(64).optional(),
    MEDIASOUP_LISTEN_IP: z.string().min(1).default('127.0.0.1'),
    MEDIASOUP_ANNOUNCED_ADDRESS: z.string().min(1).optional(),
    MEDIASOUP_PORT: z.coerce.number().int().min(0).max(65535).default(40000),
    MEDIASOUP_MAX_CONSUMERS_PER_WORKER: z.coerce.number().int().min(2).max(100_000).default(500),
    TURN_URLS: z.string().optional(),
    TURN_SECRET: z.string().min(16).optional(),
    STUN_URLS: z.string().optional(),
    SMS_GATEWAY_URL: z.url({ protocol: /^https?$/ }).optional(),
    SMS_GATEWAY_TOKEN: z.string().min(1).optional(),
    /** Bearer token Prometheus sends to GET /metrics; without it /metrics is off. */
    METRICS_TOKEN: z.string().min(16).optional(),
    /** inline: the server process also runs the queue workers (required with PGlite, one process's database). */
    WORKERS: z.enum(['inline', 'separate']).optional(),
  })
  .strict();

export type Env = z.input<typeof EnvSchema>;

export interface Config {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  publicUrl: string;
  /** Origins allowed to make state-changing requests and socket handshakes. */
  allowedOrigins: string[];
  databaseUrl: string | undefined;
  pgliteDir: string;
  redisUrl: string;
  redisPrefix: string;
  sessionSecret: string;
  auditSecret: string;
  sessionIdleSeconds: number;
  sessionAbsoluteSeconds: number;
  loginMaxFailures: number;
  loginWindowSeconds: number;
  loginClientMaxAttempts: number;
  loginGlobalMaxAttempts: number;
  passwordHash: { concurrency: number; queue: number };
  demoSeed: boolean;
  devSmtpPort: number;
  smtpUrl: string | undefined;
  mailFrom: string;
  uploadDir: string;
  webDist: string;
  logLevel: string;
  mediasoup: {
    workers: number | undefined;
    listenIp: string;
    announcedAddress: string | undefined;
    port: number;
    /** Consumers a worker carries before a growing room is piped onto another worker. */
    maxConsumersPerWorker: number;
  };
  ice: { turnUrls: string[]; turnSecret: string | undefined; stunUrls: string[] };
  workersInline: boolean;
  sms: { gatewayUrl: string | undefined; token: string | undefined };
  metricsToken: string | undefined;
}

export class ConfigError extends Error {}

const list = (v: string | undefined) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : []);

/** Known env names; every other variable in process.env is ignored, not rejected. */
const KNOWN = new Set(Object.keys(EnvSchema.shape));

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const picked = Object.fromEntries(
    Object.entries(env).filter(([k, v]) => KNOWN.has(k) && v !== undefined && v !== ''),
  );
  const parsed = EnvSchema.safeParse(picked);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '');
  const production = e.NODE_ENV === 'production';
  if (production) {
    const problems: string[] = [];
    if (!e.DATABASE_URL) problems.push('  DATABASE_URL: production needs a PostgreSQL server (PGlite is for one machine)');
    if (!publicUrl.startsWith('https://')) problems.push('  PUBLIC_URL: must be https:// in production');
    if (e.SESSION_SECRET === DEMO_SECRET) problems.push('  SESSION_SECRET: set a secret of your own in production');
    if (e.AUDIT_SECRET === DEMO_SECRET) problems.push('  AUDIT_SECRET: set a secret of your own in production');
    if (e.DEMO_SEED) problems.push('  DEMO_SEED: demo accounts are never seeded in production');
    if (problems.length) throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);
  }
  const origin = new URL(publicUrl).origin;
  // The Vite dev server proxies from its own port; allow it outside production only.
  const devOrigins = production ? [] : ['http://localhost:5173', 'http://127.0.0.1:5173'];
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    publicUrl,
    allowedOrigins: [origin, ...devOrigins],
    databaseUrl: e.DATABASE_URL,
    pgliteDir: e.PGLITE_DIR,
    redisUrl: e.REDIS_URL,
    redisPrefix: e.REDIS_PREFIX,
    sessionSecret: e.SESSION_SECRET,
    auditSecret: e.AUDIT_SECRET,
    sessionIdleSeconds: e.SESSION_IDLE_SECONDS,
    sessionAbsoluteSeconds: e.SESSION_ABSOLUTE_SECONDS,
    loginMaxFailures: e.LOGIN_MAX_FAILURES,
    loginWindowSeconds: e.LOGIN_WINDOW_SECONDS,
    loginClientMaxAttempts: e.LOGIN_CLIENT_MAX_ATTEMPTS,
    loginGlobalMaxAttempts: e.LOGIN_GLOBAL_MAX_ATTEMPTS,
    passwordHash: { concurrency: e.PASSWORD_HASH_CONCURRENCY ?? Math.max(1, availableParallelism()), queue: e.PASSWORD_HASH_QUEUE },
    demoSeed: e.DEMO_SEED ?? !production,
    devSmtpPort: e.DEV_SMTP_PORT,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    uploadDir: e.UPLOAD_DIR,
    webDist: e.WEB_DIST,
    logLevel: e.LOG_LEVEL,
    mediasoup: {
      workers: e.MEDIASOUP_WORKERS,
      listenIp: e.MEDIASOUP_LISTEN_IP,
      announcedAddress: e.MEDIASOUP_ANNOUNCED_ADDRESS,
      port: e.MEDIASOUP_PORT,
      maxConsumersPerWorker: e.MEDIASOUP_MAX_CONSUMERS_PER_WORKER,
    },
    ice: { turnUrls: list(e.TURN_URLS), turnSecret: e.TURN_SECRET, stunUrls: list(e.STUN_URLS) },
    sms: { gatewayUrl: e.SMS_GATEWAY_URL, token: e.SMS_GATEWAY_TOKEN },
    workersInline: (e.WORKERS ?? (e.DATABASE_URL ? 'separate' : 'inline')) === 'inline',
    metricsToken: e.METRICS_TOKEN,
  };
}

/** What may be logged about the config: secrets masked. */
export function describeConfig(c: Config): Record<string, unknown> {
  const mask = (url: string | undefined) => (url ? url.replace(/\/\/[^@/]*@/, '//***@') : undefined);
  return {
    env: c.env,
    publicUrl: c.publicUrl,
    database: c.databaseUrl ? mask(c.databaseUrl) : `pglite:${c.pgliteDir}`,
    redis: mask(c.redisUrl),
    demoSeed: c.demoSeed,
    smtp: c.smtpUrl ? mask(c.smtpUrl) : `dev-smtp:${c.devSmtpPort}`,
  };
}
