// The catalog `arena list` reads (the parse cache's view of scenarios/) holds exactly
// what the loader loads, once the loader has filled the cache.
import { describe, expect, it } from 'vitest';
import { cachedScenarios } from './catalog.ts';
import { loadAllScenarios } from './load.ts';

describe('cachedScenarios', () => {
  it('lists the scenarios loadAllScenarios loads, in the same order, field for field', () => {
    const loaded = loadAllScenarios();
    const cached = cachedScenarios();
    expect(cached?.map((s) => s.id)).toEqual(loaded.map((s) => s.id));
    expect(cached).toEqual(loaded);
  });
});
