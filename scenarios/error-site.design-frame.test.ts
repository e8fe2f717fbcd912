// errorSite: the first stack frame outside the harness and the core is the design's.
import { describe, expect, it } from 'vitest';
import { describeThrow, errorSite } from './error-site.ts';

function withStack(frames: readonly string[]): Error {
  const e = new Error('broken');
  e.stack = ['Error: broken', ...frames.map((f) => `    at ${f}`)].join('\n');
  return e;
}

const ROOT = new URL('..', import.meta.url).pathname.replace(/\/$/, '');

describe('errorSite', () => {
  it('skips core/, scenarios/ and node_modules frames and names the design file and line', () => {
    const e = withStack([
      `refcount_inc (${ROOT}/core/kernel/refcount.ts:20:5)`,
      `pfnmap_lookup (file:///tmp/mine/index.ts:12:9)`,
      `runOnce (${ROOT}/scenarios/runner.ts:100:3)`,
    ]);
    expect(errorSite(e, '/work')).toBe('/tmp/mine/index.ts:12:9');
    expect(describeThrow(e)).toBe('broken (thrown at /tmp/mine/index.ts:12:9)');
  });

  it('shows a built-in design relative to the working directory, query strings dropped', () => {
    expect(errorSite(withStack([`x (${ROOT}/designs/driver-op/index.ts?v=1:40:2)`]), ROOT)).toBe('designs/driver-op/index.ts:40:2');
  });

  it('gives null (and the bare message) when only the harness is on the stack, or for a non-Error', () => {
    expect(errorSite(withStack([`f (${ROOT}/core/mm/mmap.ts:1:1)`, 'node:internal/main:1:1']))).toBeNull();
    expect(describeThrow('just a string')).toBe('just a string');
  });
});
