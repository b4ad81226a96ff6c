// `npm run bench -- <name>`: runs bench/<name>.ts. Each benchmark measures itself beside a baseline
// taken in the same run on the same machine and writes bench/results/<name>.json.
const BENCHES: Record<string, () => Promise<unknown>> = {
  alerts: () => import('./alerts.ts'),
  http: () => import('./http.ts'),
  chat: () => import('./chat.ts'),
  login: () => import('./login.ts'),
  reminders: () => import('./reminders.ts'),
  video: () => import('./video.ts'),
};

const name = process.argv[2];
const load = name ? BENCHES[name] : undefined;
if (!load) {
  console.error(`usage: npm run bench -- <${Object.keys(BENCHES).join('|')}>`);
  process.exit(2);
}
await load();
