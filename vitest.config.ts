import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{core,designs,scenarios,bench,cli,reports}/**/*.test.ts'],
    pool: 'threads',
    testTimeout: 60_000,
    // Suites that build a whole baseline in beforeAll run the full matrix; on a loaded CI
    // machine that can take longer than the 10 s default.
    hookTimeout: 120_000,
  },
});
