import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Issue 10, "other domains reach people data through people/service.ts only": nobody outside src/people
 * reads people/repo.ts or writes a people table (the demo seeds excepted); the read joins on people tables
 * that remain in other domains' list queries are named here, so a new one is a visible change.
 */
const ROOT = join(import.meta.dirname, '../../../src');
const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
const outside = files(ROOT)
  .map((f) => relative(ROOT, f))
  .filter((f) => !f.startsWith('people/'))
  .map((f) => ({ f, text: readFileSync(join(ROOT, f), 'utf8') }));
const SEEDS = ['demo/seed.ts', 'referrals/demo.ts'];
const PEOPLE_TABLES = ['organizations', 'sites', 'users', 'patients', 'careTeamMembers', 'caregiverGrants', 'breakGlassGrants'];

describe('people data is reached through people/service.ts', () => {
  it('no module outside src/people imports people/repo.ts', () => {
    expect(outside.filter(({ f, text }) => !SEEDS.includes(f) && /from '(\.\.\/)+people\/repo\.ts'/.test(text)).map(({ f }) => f)).toEqual([]);
  });

  it('no module outside src/people writes a people table (demo seeds excepted)', () => {
    const write = new RegExp(`\\.(insert|update|delete)\\((${PEOPLE_TABLES.join('|')})\\b`);
    expect(outside.filter(({ f, text }) => !SEEDS.includes(f) && write.test(text)).map(({ f }) => f)).toEqual([]);
  });

  it('read joins on people tables outside src/people are the known list queries only', () => {
    const importers = outside.filter(({ f, text }) => !SEEDS.includes(f) && /from '(\.\.\/)+people\/tables\.ts'/.test(text)).map(({ f }) => f).sort();
    // docs/decisions/0009. alerts: on-call rota and caseload filter (live membership, removed_at null); checkins: the org's check-ins
    // for the rules preview; directory and appointments: names and roles beside their rows; the schema list.
    expect(importers).toEqual(['alerts/repo.ts', 'appointments/repo.ts', 'checkins/repo.ts', 'directory/repo.ts', 'platform/db/schema.ts']);
  });
});
