import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  resolve: {
    // The package's public entry points (package.json "exports"), also for tests of a
    // design kept outside the checkout (npx vitest run /path/to/my-design).
    alias: [
      { find: /^pfnmap-arena\/design$/, replacement: here('./designs/api.ts') },
      { find: /^pfnmap-arena\/testing$/, replacement: here('./scenarios/design-testing.ts') },
    ],
  },
  test: {
    include: ['{core,designs,scenarios,bench,cli,reports}/**/*.test.ts'],
    pool: 'threads',
    testTimeout: 60_000,
  },
});
