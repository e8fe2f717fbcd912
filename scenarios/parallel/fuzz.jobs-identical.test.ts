// --jobs for fuzz: a campaign whose sequences ran on worker threads finds the same
// failures, counts and shrunk reproducers, byte for byte, as the campaign in one thread.
import { describe, expect, it } from 'vitest';
import { fuzz } from '../fuzzer/campaign.ts';
import { campaignFiles } from '../fuzzer/files.ts';
import { fuzzInWorkers } from './fuzz.ts';

describe('fuzzInWorkers', () => {
  it('writes the same findings and reproducers as fuzz() with 2 jobs', async () => {
    // Few enough findings allowed that which keys get shrunk depends on the order of the fold.
    const o = { designs: ['status-quo', 'dmabuf-revoke'] as const, runs: 600, seed: 3, maxFindings: 2 };
    const one = fuzz(o);
    const two = await fuzzInWorkers(o, 2);
    expect(one.counts.size).toBeGreaterThan(0);
    expect([...two.counts]).toEqual([...one.counts]);
    const a = campaignFiles(one, '/tmp/x');
    const b = campaignFiles(two, '/tmp/x');
    expect(JSON.stringify(b.doc)).toBe(JSON.stringify(a.doc));
    expect(b.files).toEqual(a.files);
  });
});
