// The catalog `arena list` reads (the parse cache's view of scenarios/) holds exactly
// what the loader loads, once the loader has filled the cache.
import { describe, expect, it } from 'vitest';
import { cachedScenarios } from './catalog.ts';
import { loadAllScenarios } from './load.ts';
import { cacheText } from './parse-cache.ts';

describe('cachedScenarios', () => {
  it('lists the scenarios loadAllScenarios loads, in the same order, field for field', () => {
    const loaded = loadAllScenarios();
    const cached = cachedScenarios();
    expect(cached?.map((s) => s.id)).toEqual(loaded.map((s) => s.id));
    expect(cached).toEqual(loaded);
  });

  it('the cache file keeps __u64 numbers above 2^53 exact (a bigint is not JSON)', () => {
    const loaded = loadAllScenarios();
    const wide = loaded.find((s) => s.steps.some((st) => 'iova' in st && typeof st.iova === 'bigint'));
    expect(wide, 'a scenario with an iova above 2^53 (conf-dma-limit-overflow)').toBeDefined();
    expect(cacheText.parse(cacheText.stringify(loaded))).toEqual(loaded);
  });
});
