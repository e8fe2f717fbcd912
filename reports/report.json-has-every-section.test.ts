// comparison.json holds what comparison.md says (README): besides the cells and the
// mistake matrix, the seed's claims with their verdicts and the "Found by fuzzing"
// section (committed reproducers and merged shards), in a versioned schema.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { campaignFiles, fuzz } from '../scenarios/fuzzer/index.ts';
import { LEAKY } from '../scenarios/fuzzer/testing.ts';
import { loadScenarioById } from '../scenarios/index.ts';
import { writeFindings } from './fuzz-output.ts';
import { COUNTER_CLAIMS, OUTCOME_CLAIMS } from './claims.ts';
import { committedReproducers } from './fuzz-section.ts';
import { renderReport } from './generate.ts';
import { COMPARISON_VERSION, ComparisonJson } from './schema.ts';

const fixed = { package: 'pfnmap-arena', version: '0.0.0-test', node: 'v20', seed: 1, inputsDigest: '0123456789abcdef', commit: null };
const WORDS = { agrees: '**The simulation agrees**', partly: '**Partly**', contradicts: '**The simulation contradicts the claim**', untestable: 'No design can express' } as const;

function shard(): string {
  const dir = mkdtempSync(join(tmpdir(), 'arena-json-shard-'));
  const { doc, files } = campaignFiles(fuzz({ designs: [LEAKY], runs: 6, seed: 5 }), dir);
  writeFindings(dir, doc, files);
  return dir;
}

describe('comparison.json carries the claims and the fuzz section', () => {
  const ids = [...new Set([...OUTCOME_CLAIMS.flatMap((c) => c.scenarios), ...COUNTER_CLAIMS.map((c) => c.scenario)])];
  const merged = shard();
  const r = renderReport({ seed: 1, provenance: fixed, mistakes: false, scenarios: ids.map((id) => loadScenarioById(id)), merge: [merged] });
  const md = r.files.find(([n]) => n === 'comparison.md')?.[1] ?? '';
  const json = ComparisonJson.parse(JSON.parse(r.files.find(([n]) => n === 'comparison.json')?.[1] ?? 'null'));

  it('is schema version 2', () => {
    expect([COMPARISON_VERSION, json.version]).toEqual([2, 2]);
  });

  it('has every claim with the verdict the markdown prints', () => {
    expect(json.claims?.outcome.map((c) => c.claim)).toEqual(OUTCOME_CLAIMS.map((c) => c.claim));
    for (const c of json.claims?.outcome ?? []) {
      const at = md.indexOf(c.claim);
      expect(at).toBeGreaterThan(0);
      const next = Object.values(WORDS).map((w) => md.indexOf(w, at)).filter((i) => i > 0);
      expect(md.indexOf(WORDS[c.verdict], at)).toBe(Math.min(...next));
      expect(c.agree.length + c.differ.length).toBeGreaterThan(0);
    }
    expect(json.claims?.counter.map((c) => [c.scenario, Object.keys(c.values)])).toEqual(COUNTER_CLAIMS.map((c) => [c.scenario, [...c.counters]]));
  });

  it('lists every committed reproducer with each design\'s outcome', () => {
    const files = committedReproducers().map((f) => /([^/]+)\.yaml$/.exec(f)?.[1]);
    expect(json.fuzz?.reproducers.map((x) => x.id)).toEqual(files);
    for (const x of json.fuzz?.reproducers ?? []) {
      expect(Object.keys(x.outcomes)).toEqual(json.designs.map((d) => d.design));
      expect(md).toContain(`\`${x.id}\``);
    }
  });

  it('holds the merged shards of report --merge, each finding with its reproducer', () => {
    const m = json.fuzz?.merged;
    expect(m?.sources.map((s) => [s.dir, s.shard])).toEqual([[merged, '1/1']]);
    expect(m?.findings.length).toBeGreaterThan(0);
    for (const f of m?.findings ?? []) {
      expect(f.reproducer.startsWith(merged)).toBe(true);
      expect(md).toContain(f.reproducer);
    }
  });
});
