import { describe, expect, it } from 'vitest';
import { passwordProblem } from '../../src/auth/password-policy.ts';

describe('password rules (NIST SP 800-63B, SECURITY.md S26)', () => {
  it.each([
    ['short pass', 'too_short'],
    ['password123456', 'too_common'],
    ['Qwertyuiop123', 'too_common'],
    ['111111111111', 'too_common'],
    ['I love football', 'too_common'],
    ['noraleigh-rocks-2026', 'contains_email'],
  ])('S26: refuses %j (%s)', (password, problem) => expect(passwordProblem(password, 'noraleigh@demo.test')).toBe(problem));

  it.each(['river stones under a quiet bridge', 'ñandú-corre-por-la-pampa', 'كلمة مرور طويلة جدا'])('S26: accepts %j: no composition rules, any characters', (password) => {
    expect(passwordProblem(password, 'noraleigh@demo.test')).toBeNull();
  });
});
