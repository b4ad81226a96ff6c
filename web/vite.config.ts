import { fileURLToPath } from 'node:url';
import { defineConfig, type ProxyOptions } from 'vite';
import react from '@vitejs/plugin-react';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const apiTarget = process.env.WAYFINDER_API_URL ?? 'http://127.0.0.1:3000';

// The browser's Origin (the dev server's, http://localhost:5173) is passed through untouched:
// the API accepts it outside production (src/config.ts allowedOrigins) and checks it as usual.
const proxy: Record<string, ProxyOptions> = {
  '/api': { target: apiTarget },
  '/socket.io': { target: apiTarget, ws: true },
};

// Works from any working directory: `npm run build:web`, `npx vite build web`,
// or `build({ configFile: 'web/vite.config.ts' })` from a test's global setup.
export default defineConfig({
  root: webRoot,
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true },
  server: { port: 5173, strictPort: true, proxy },
  preview: { proxy },
});
