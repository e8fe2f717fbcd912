// The report is a pure function of the inputs and the seed: two renderings are
// byte-identical, and every design and section is there.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DESIGN_NAMES } from '../designs/registry.ts';
import { ComparisonJson } from './schema.ts';
import { renderReport, staleFiles, writeReport } from './generate.ts';

const fixed = { package: 'pfnmap-arena', version: '0.0.0-test', node: 'v20', seed: 1, inputsDigest: '0123456789abcdef', commit: null };

describe('arena report', () => {
  const a = renderReport({ seed: 1, provenance: fixed });
  const b = renderReport({ seed: 1, provenance: fixed });

  it('renders byte-identical files twice', () => {
    expect(a.files).toEqual(b.files);
  });

  it('writes md, json, txt and html, all four checked for staleness', () => {
    expect(a.files.map(([n]) => n)).toEqual(['comparison.md', 'comparison.json', 'comparison.txt', 'comparison.html']);
  });

  it('opens with the findings and the verdict, then the other sections in order, names every design, no mermaid', () => {
    const md = a.files.find(([n]) => n === 'comparison.md')?.[1] ?? '';
    for (const d of DESIGN_NAMES) expect(md).toContain(`**${d}**`);
    const order = ['## Findings', '## Verdict', '### Outcomes and severity', '## Outcome counts', '## Matrix', '## Summary in full',
      '### Work on the normal path', '## How the misuse cases are caught', '## Scenarios', '### hot-unplug-reassign'];
    const at = order.map((h) => md.indexOf(`\n${h}\n`));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((x, y) => x - y)).toEqual(at);
    expect(md).not.toContain('```mermaid');
    expect(md).toContain('npx arena explain hot-unplug-reassign --design driver-op');
    expect(md).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:/);
  });

  it('writes JSON that validates and agrees with the cells', () => {
    const json = ComparisonJson.parse(JSON.parse(a.files.find(([n]) => n === 'comparison.json')?.[1] ?? 'null'));
    const total = json.designs.reduce((n, d) => n + Object.values(d.counts).reduce((x, y) => x + y, 0), 0);
    expect(total).toBe(a.comparison.cells.length);
    expect(json.scenarios.every((s) => s.cells.length === DESIGN_NAMES.length)).toBe(true);
  });

  it('puts a timestamp in only when asked', () => {
    const t = renderReport({ seed: 1, provenance: { ...fixed, timestamp: '2026-01-02T03:04:05.000Z' } });
    expect(t.files[0]?.[1]).toContain('generated 2026-01-02T03:04:05.000Z');
  });

  it('finds a stale committed report and accepts a fresh one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'arena-report-'));
    writeReport(dir, a);
    expect(staleFiles(dir, b)).toEqual([]);
    const md = join(dir, 'comparison.md');
    writeFileSync(md, readFileSync(md, 'utf8').replace('## Matrix', '## Matrix (edited)'));
    const stale = staleFiles(dir, b);
    expect(stale.map((s) => s.file)).toEqual([md]);
    expect(stale[0]?.diff.some((l) => l.includes('(edited)'))).toBe(true);
  });

  it('calls a changed txt or html stale too, but not a different commit on the provenance line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'arena-report-'));
    const withCommit = renderReport({ seed: 1, provenance: { ...fixed, commit: 'abc1234' }, mistakes: false, fuzz: false });
    const other = renderReport({ seed: 1, provenance: { ...fixed, commit: 'def5678' }, mistakes: false, fuzz: false });
    writeReport(dir, withCommit);
    expect(staleFiles(dir, other)).toEqual([]);
    const txt = join(dir, 'comparison.txt');
    const html = join(dir, 'comparison.html');
    writeFileSync(txt, readFileSync(txt, 'utf8').replace('FINDINGS', 'FINDINGS (edited)'));
    writeFileSync(html, readFileSync(html, 'utf8').replace('<h2 id="findings">', '<h2 id="edited">'));
    expect(staleFiles(dir, other).map((s) => s.file)).toEqual([txt, html]);
  });
});
