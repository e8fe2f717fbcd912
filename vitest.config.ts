import { existsSync, statSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));
const root = here('.');

/**
 * A design kept outside the checkout is tested with `npx vitest run /path/to/my-design`:
 * a directory named on the command line outside this checkout is searched too.
 */
const outside = process.argv.slice(2).filter((a) => isAbsolute(a) && !a.startsWith(root) && existsSync(a) && statSync(a).isDirectory())
  .map((d) => `${d.replace(/\/$/, '')}/**/*.test.ts`);

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
    include: ['{core,designs,scenarios,bench,cli,reports}/**/*.test.ts', ...outside],
    pool: 'threads',
    testTimeout: 60_000,
    // Suites that build a whole baseline in beforeAll run the full matrix; on a loaded CI
    // machine that can take longer than the 10 s default.
    hookTimeout: 120_000,
  },
});
