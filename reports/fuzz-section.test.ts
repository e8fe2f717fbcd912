// The "Found by fuzzing" section and the merge of shard finding directories.
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { campaignFiles, fuzz } from '../scenarios/fuzzer/index.ts';
import { writeFindings } from './fuzz-output.ts';
import { LEAKY } from '../scenarios/fuzzer/testing.ts';
import { FUZZ_DIR, FindingsError, committedReproducers, mergeFindings, renderFuzzSection, renderMergedFindings } from './fuzz-section.ts';

function shardDir(index: number, count: number): string {
  const dir = mkdtempSync(join(tmpdir(), `arena-shard-${index}-`));
  const r = fuzz({ designs: [LEAKY], runs: 6, seed: 5, shard: { index, count } });
  const { doc, files } = campaignFiles(r, dir);
  writeFindings(dir, doc, files);
  return dir;
}

describe('renderFuzzSection', () => {
  it('lists each committed reproducer with every design\'s outcome, the same way twice', () => {
    const text = renderFuzzSection();
    const files = committedReproducers();
    expect(files.length).toBeGreaterThan(0);
    expect(text).toContain('| reproducer | what | found by | steps | status-quo | driver-op | private-data | dmabuf-revoke |');
    expect(text.split('\n').filter((l) => l.startsWith('| `fuzz-'))).toHaveLength(files.length);
    expect(text).toMatch(/seed \d+, sequence \d+/);
    expect(renderFuzzSection()).toBe(text);
    expect(text).not.toContain('\u001b[');
  });

  it('says so when there is nothing to list', () => {
    const empty = mkdtempSync(join(tmpdir(), 'arena-fuzz-empty-'));
    expect(renderFuzzSection({ dir: empty })).toContain('No committed reproducers.');
    const one = mkdtempSync(join(tmpdir(), 'arena-fuzz-one-'));
    const [first] = committedReproducers(FUZZ_DIR);
    copyFileSync(first!, join(one, basename(first!)));
    expect(renderFuzzSection({ dir: one, designs: ['status-quo'] }).split('\n').filter((l) => l.startsWith('| `'))).toHaveLength(1);
  });
});

describe('mergeFindings', () => {
  it('folds shards into one finding per key, counts summed, in a stable order', () => {
    const a = shardDir(1, 2);
    const b = shardDir(2, 2);
    const m = mergeFindings([b, a]);
    expect(m.sources.map((s) => s.dir)).toEqual([a, b].sort());
    expect(m.sequences).toBe(12);
    const keys = m.findings.map((f) => f.key);
    expect(new Set(keys).size).toBe(keys.length);
    const leak = m.findings.find((f) => f.key === 'leaky: leak at teardown');
    const perShard = [a, b].map((d) => mergeFindings([d]).findings.find((f) => f.key === leak?.key)?.count ?? 0);
    expect(leak?.count).toBe(perShard[0]! + perShard[1]!);
    expect(mergeFindings([a, b])).toEqual(m);
    const text = renderMergedFindings(m);
    expect(text).toContain('12 sequence(s) from 2 finding directories');
    expect(text).toContain('**leak at teardown**');
    expect(renderMergedFindings(mergeFindings([a, b]))).toBe(text);
  });

  it('refuses a directory without a valid findings.json, naming the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'arena-fuzz-bad-'));
    expect(() => mergeFindings([dir])).toThrow(/findings\.json: no findings\.json there/);
    mkdirSync(join(dir, 'x'));
    writeFileSync(join(dir, 'x', 'findings.json'), '{"version": 2}');
    expect(() => mergeFindings([join(dir, 'x')])).toThrow(/not a findings\.json of arena fuzz: at version: /);
    writeFileSync(join(dir, 'x', 'findings.json'), '{"version": 1, "seed": 1, "fin');
    expect(() => mergeFindings([join(dir, 'x')])).toThrow(FindingsError);
    expect(() => mergeFindings([join(dir, 'x')])).toThrow(/findings\.json: not JSON \(truncated\?\): /);
  });
});
