import { defineConfig } from 'vitest/config';

// Pure functions run once; API tests run once per database. The PostgreSQL project runs
// only when TEST_DATABASE_URL names a server (.ci/run always sets it).
const apiTests = ['server/**/*.api.test.ts'];
const postgresUrl = process.env.TEST_DATABASE_URL;

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['server/**/*.unit.test.ts', 'geo/**/*.test.ts', 'app/src/**/*.test.ts'] } },
      { extends: true, test: { name: 'api-embedded', include: apiTests, env: { LANDPORT_TEST_DB: 'embedded' } } },
      ...(postgresUrl
        ? [{ extends: true as const, test: { name: 'api-postgres', include: apiTests, env: { LANDPORT_TEST_DB: 'postgres' } } }]
        : []),
    ],
  },
});
