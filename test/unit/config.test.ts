import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';

const base = { REDIS_URL: 'redis://127.0.0.1:6379' };
const secret = 'x'.repeat(40);

describe('config', () => {
  it('defaults to demo mode outside production', () => {
    const c = loadConfig(base);
    expect(c.demoSeed).toBe(true);
    expect(c.publicUrl).toBe('http://localhost:3000');
    expect(c.workersInline).toBe(true);
  });

  it('names every bad variable', () => {
    expect(() => loadConfig({ REDIS_URL: 'nope', PORT: 'eighty' })).toThrow(/REDIS_URL[\s\S]*PORT|PORT[\s\S]*REDIS_URL/);
  });

  it('refuses a non-HTTPS public URL and default secrets in production (S20)', () => {
    expect(() => loadConfig({ ...base, NODE_ENV: 'production', PUBLIC_URL: 'http://care.example', SESSION_SECRET: secret, AUDIT_SECRET: secret })).toThrow(/PUBLIC_URL/);
    expect(() => loadConfig({ ...base, NODE_ENV: 'production', PUBLIC_URL: 'https://care.example' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, NODE_ENV: 'production', PUBLIC_URL: 'https://care.example', SESSION_SECRET: secret, AUDIT_SECRET: secret })).toThrow(/DATABASE_URL/);
    const ok = loadConfig({ ...base, NODE_ENV: 'production', PUBLIC_URL: 'https://care.example', SESSION_SECRET: secret, AUDIT_SECRET: secret, DATABASE_URL: 'postgres://db/wayfinder' });
    expect(ok.workersInline).toBe(false);
    expect(ok.demoSeed).toBe(false);
    expect(ok.allowedOrigins).toEqual(['https://care.example']);
  });
});
