// `npm run bench:profile -- <file>.cpuprofile`: self time of a CPU profile by package (node_modules/<name>,
// src/<domain>, bench, node internals) and its heaviest functions.
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const Profile = z.object({
  nodes: z.array(z.object({ id: z.number(), callFrame: z.object({ functionName: z.string(), url: z.string(), lineNumber: z.number() }) })),
  samples: z.array(z.number()),
  timeDeltas: z.array(z.number()),
});

const file = z.string().min(1).parse(process.argv[2]);
const profile = Profile.parse(JSON.parse(readFileSync(file, 'utf8')));
const byId = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
const self = new Map<number, number>();
profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const total = [...self.values()].reduce((a, b) => a + b, 0);

function area(url: string, fn: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  const src = /\/(src\/[^/]+|bench)\//.exec(url);
  if (src) return src[1]!;
  if (url.startsWith('node:')) return url;
  return url ? 'other' : `(${fn || 'native'})`;
}

const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
const areas = new Map<string, number>();
const functions = new Map<string, number>();
for (const [id, us] of self) {
  const f = byId.get(id)!;
  add(areas, area(f.url, f.functionName), us);
  add(functions, `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*node_modules\//, '').replace(/^.*\/(src|bench)\//, '$1/')}:${f.lineNumber + 1}`, us);
}
const top = (m: Map<string, number>, n: number) =>
  [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `${((100 * v) / total).toFixed(1).padStart(5)} %  ${k}`).join('\n');
console.log(`${(total / 1e6).toFixed(1)} s sampled\n\nby area\n${top(areas, 25)}\n\nby function\n${top(functions, 30)}`);
