import { defineConfig } from 'vitest/config';

// Three projects, run by scripts/test.sh in this order: unit (pure, fast), integration (real Redis
// from the global setup + PGlite, or PostgreSQL when TEST_DATABASE_URL is set) and e2e (real
// Chromium against a running app). Projects inherit the root options below (`extends` defaults to true).
export default defineConfig({
  test: {
    environment: 'node',
    // Child processes, not worker threads: native addons (mediasoup, msgpackr) and servers that
    // install signal handlers behave as in production, and a crash takes down one file only.
    pool: 'forks',
    projects: [
      {
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'] },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 20_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          // One browser-driven file at a time: 2 cores, and each file starts an app and a Chromium.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
