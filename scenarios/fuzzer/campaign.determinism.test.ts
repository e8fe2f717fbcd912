// Same seed, same campaign: the same first failure and byte-identical files. Shards of
// one campaign split its seed space with no overlap and no gap.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzz, generateActions } from './campaign.ts';
import { campaignFiles } from './files.ts';
import { parseShard, shardIndices } from './shard.ts';

describe('seed reproducibility', () => {
  it('status-quo: the same seed finds the same first failure and writes the same bytes', () => {
    const run = () => {
      const r = fuzz({ designs: ['status-quo'], runs: 60, seed: 1 });
      return { first: r.doc.firstFailure, files: campaignFiles(r, '/tmp/x') };
    };
    const a = run();
    const b = run();
    expect(a.first).not.toBeNull();
    expect(a.first).toEqual(b.first);
    // Reused reserved RAM under a PFNMAP mapping: type1's put_pfn unpins it at teardown.
    expect(a.first?.key).toBe('status-quo: oops at teardown');
    expect(a.files.files.map((f) => f.text)).toEqual(b.files.files.map((f) => f.text));
    expect(JSON.stringify(a.files.doc)).toBe(JSON.stringify(b.files.doc));
  });

  it('a sequence depends on (seed, index) only, not on what ran before it', () => {
    expect(generateActions(9, 123, 20)).toEqual(generateActions(9, 123, 20));
    expect(generateActions(9, 123, 20)).not.toEqual(generateActions(10, 123, 20));
  });
});

describe('--shard i/n', () => {
  it('shards 1/n..n/n with --runs r cover sequences 0..n*r-1 exactly once', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 40 }), (n, r) => {
      const all = Array.from({ length: n }, (_, i) => shardIndices(r, { index: i + 1, count: n })).flat();
      expect(new Set(all).size).toBe(all.length);
      expect([...all].sort((x, y) => x - y)).toEqual(shardIndices(n * r));
    }));
  });

  it('parses i/n and refuses 0/2, 3/2, 2, a/b', () => {
    expect(parseShard('2/8')).toEqual({ index: 2, count: 8 });
    for (const bad of ['0/2', '3/2', '2', 'a/b', '1/0']) expect(typeof parseShard(bad)).toBe('string');
  });
});
