// What a CI system reads from `arena gate`: the JUnit file has a failing testcase for the
// reason the gate failed (a counter, a --strict missing cell, a driver mistake), the job
// summary names it with its reproduce command, and an output that cannot be written is
// exit 2 before anything says "gate: pass".
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { junitFailures, junitProblems, parseXml } from '../../reports/junit-check.ts';
import { EXIT } from '../exit.ts';
import { arenaBinary, arenaInProcess } from '../testing.ts';

interface BaselineFile {
  cells: Record<string, Record<string, string>>;
  counters: Record<string, Record<string, number>>;
  mistakes: Record<string, string>;
}

describe('arena gate outputs', () => {
  let dir = '';
  let baseline = '';
  const edited = (name: string, edit: (b: BaselineFile) => void): string => {
    const b = JSON.parse(readFileSync(baseline, 'utf8')) as BaselineFile;
    edit(b);
    const p = join(dir, name);
    writeFileSync(p, JSON.stringify(b));
    return p;
  };
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'arena-gate-out-'));
    baseline = join(dir, 'baseline.json');
    expect((await arenaInProcess('gate', '--update', '--baseline', baseline)).code).toBe(EXIT.ok);
  });

  it('a counter increase (the real binary): exit 1 and the JUnit file holds one failure naming that counter', async () => {
    const lowered = edited('counter.json', (b) => {
      const design = Object.keys(b.counters).find((d) => (b.counters[d]?.ptWalks ?? 0) > 0) ?? '';
      b.counters[design] = { ...b.counters[design], ptWalks: (b.counters[design]?.ptWalks ?? 1) - 1 };
    });
    const junit = join(dir, 'j.xml');
    const r = await arenaBinary('gate', '--baseline', lowered, '--junit', junit);
    expect(r.code, r.stderr).toBe(EXIT.unsafe);
    const root = parseXml(readFileSync(junit, 'utf8'));
    expect(junitProblems(root)).toEqual([]);
    const failures = junitFailures(root);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatch(/^counters\.[\w-]+\/ptWalks: [\w-]+ ptWalks: \d+ -> \d+$/);
  }, 60_000);

  it('--strict with a cell the run does not have: a failure in the JUnit file and the cell in the summary', async () => {
    const extra = edited('strict.json', (b) => {
      b.cells['renamed-away'] = { 'status-quo': 'ok' };
    });
    const junit = join(dir, 'strict.xml');
    const summary = join(dir, 'summary.md');
    writeFileSync(summary, '');
    const loose = await arenaInProcess('gate', '--baseline', extra);
    expect(loose.code).toBe(EXIT.ok);
    process.env.GITHUB_STEP_SUMMARY = summary;
    let r;
    try {
      r = await arenaInProcess('gate', '--baseline', extra, '--strict', '--junit', junit);
    } finally {
      delete process.env.GITHUB_STEP_SUMMARY;
    }
    expect(r.code).toBe(EXIT.unsafe);
    expect(junitFailures(parseXml(readFileSync(junit, 'utf8')))).toEqual(['renamed-away/status-quo: in the baseline (was ok) but not run (--strict)']);
    expect(readFileSync(summary, 'utf8')).toMatch(/#### In the baseline but not run \(fails with --strict\)[\s\S]*renamed-away \| status-quo \| ok/);
  });

  it('a driver-mistake regression: a JUnit failure and the reproduce command in the summary', async () => {
    const better = edited('mistake.json', (b) => {
      const key = Object.keys(b.mistakes).find((k) => b.mistakes[k] === 'silent' || b.mistakes[k] === 'caught-only-in-corner') ?? '';
      b.mistakes[key] = 'caught-in-normal-use';
    });
    const junit = join(dir, 'mistake.xml');
    const summary = join(dir, 'mistake-summary.md');
    process.env.GITHUB_STEP_SUMMARY = summary;
    let r;
    try {
      r = await arenaInProcess('gate', '--baseline', better, '--junit', junit);
    } finally {
      delete process.env.GITHUB_STEP_SUMMARY;
    }
    expect(r.code).toBe(EXIT.unsafe);
    expect(junitFailures(parseXml(readFileSync(junit, 'utf8')))).toEqual([expect.stringMatching(/^mistakes\/mistake \S+: mistake \S+: caught-in-normal-use -> /)]);
    expect(readFileSync(summary, 'utf8')).toMatch(/#### Driver-mistake regressions[\s\S]*`npx arena /);
  });

  it('an unwritable --junit or step summary is exit 2 with one line, and nothing says "gate: pass"', async () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'x');
    for (const junit of [join(file, 'j.xml'), dir, '/proc/arena-junit.xml']) {
      const r = await arenaInProcess('gate', '--baseline', baseline, '--junit', junit);
      expect([r.code, r.stdout]).toEqual([EXIT.usage, '']);
      expect(r.stderr).toMatch(/^arena: --junit .+\n$/);
    }
    process.env.GITHUB_STEP_SUMMARY = '/proc/arena-nope/summary.md';
    try {
      const r = await arenaInProcess('gate', '--baseline', baseline);
      expect([r.code, r.stdout]).toEqual([EXIT.usage, '']);
      expect(r.stderr).toMatch(/^arena: GITHUB_STEP_SUMMARY \/proc\/arena-nope\/summary\.md: .+\n$/);
    } finally {
      delete process.env.GITHUB_STEP_SUMMARY;
    }
  });

  it('a baseline naming a design that does not exist is exit 2 naming where', async () => {
    const ghost = edited('ghost.json', (b) => {
      const first = Object.keys(b.cells)[0] ?? '';
      b.cells[first] = { ...b.cells[first], 'ghost-design': 'ok' };
    });
    const r = await arenaInProcess('gate', '--baseline', ghost);
    expect(r.code).toBe(EXIT.usage);
    expect(r.stderr).toMatch(/^arena: .*ghost\.json: at cells\.[\w-]+\.ghost-design: unknown design "ghost-design"; designs: /);
  });
});
