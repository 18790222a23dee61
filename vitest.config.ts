import { defineConfig } from 'vitest/config';

// unit: pure code. integration: the real app on a fresh database, once on PGlite and, when
// TEST_DATABASE_URL is set (as in CI), once more on PostgreSQL.
const integration = (kind: 'pglite' | 'postgres') => ({
  test: {
    name: `integration-${kind}`,
    include: ['server/**/test/**/*.test.ts'],
    env: { GONGHUI_TEST_DB: kind },
    globalSetup: ['server/test-support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks' as const,
  },
});

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['lib/**/*.test.ts', 'server/**/*.test.ts', 'scripts/**/*.test.ts'], exclude: ['server/**/test/**', 'node_modules/**'] } },
      integration('pglite'),
      ...(process.env.TEST_DATABASE_URL ? [integration('postgres')] : []),
    ],
  },
});
