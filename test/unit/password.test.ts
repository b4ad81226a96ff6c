import { expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../src/auth/password.ts';

it('verifies the right password and rejects a wrong one; hashes are salted', async () => {
  const a = await hashPassword('correct horse battery');
  const b = await hashPassword('correct horse battery');
  expect(a).not.toBe(b);
  expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
  expect(await verifyPassword('correct horse battery', a)).toBe(true);
  expect(await verifyPassword('correct horse batterY', a)).toBe(false);
  expect(await verifyPassword('anything', 'garbage')).toBe(false);
});
