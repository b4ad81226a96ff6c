import { expect, test } from 'vitest';
test('unit project runs', () => expect(1 + 1).toBe(2));
