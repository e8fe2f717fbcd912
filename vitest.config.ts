import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{core,designs,scenarios,bench,cli,reports}/**/*.test.ts'],
    pool: 'threads',
    testTimeout: 60_000,
  },
});
