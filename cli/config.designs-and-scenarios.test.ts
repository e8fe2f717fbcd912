// arena.config.json: extra design modules and scenario directories join every command
// with no flags; --scenarios adds a directory; a malformed config exits 2 naming the
// field; the committed JSON Schema is what cli/config.ts generates.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';
import { CONFIG_SCHEMA_PATH, configJsonSchemaText } from './gen-config-schema.ts';
import { designDir } from './design-fixtures.ts';
import { UsageError } from './exit.ts';
import { ROOT } from './testing.ts';
import { loadSubjects } from './subjects.ts';

const designs = designDir();
const fork = mkdtempSync(join(tmpdir(), 'arena-fork-'));
mkdirSync(join(fork, 'my-scenarios'));
copyFileSync(join(ROOT, 'scenarios', 'bar-map-dma.yaml'), join(fork, 'my-scenarios', 'bar-map-dma-again.yaml'));
const again = readFileSync(join(fork, 'my-scenarios', 'bar-map-dma-again.yaml'), 'utf8').replace(/^id: bar-map-dma$/m, 'id: bar-map-dma-again');
writeFileSync(join(fork, 'my-scenarios', 'bar-map-dma-again.yaml'), again);
writeFileSync(join(fork, 'arena.config.json'), JSON.stringify({ designs: [join(designs, 'file-ref.ts')], scenarios: ['my-scenarios'] }));
afterAll(() => {
  rmSync(designs, { recursive: true, force: true });
  rmSync(fork, { recursive: true, force: true });
});

describe('arena.config.json', () => {
  it('adds its designs after the registered ones and its scenario directories, paths taken from the config\'s folder', async () => {
    const s = await loadSubjects({}, fork);
    expect(s.designs.map((d) => d.name).slice(-1)).toEqual(['file-ref']);
    expect(s.designs.length).toBeGreaterThan(2);
    expect(s.scenarioDirs).toEqual([join(fork, 'my-scenarios')]);
  });

  it('makes a configured design known by name, alone or beside a built-in', async () => {
    expect((await loadSubjects({ design: 'file-ref,status-quo' }, fork)).designs.map((d) => d.name)).toEqual(['status-quo', 'file-ref']);
  });

  it('--scenarios adds a directory after the config\'s; a missing one is a usage error', async () => {
    expect((await loadSubjects({ scenarios: 'my-scenarios' }, fork)).scenarioDirs).toHaveLength(2);
    await expect(loadSubjects({ scenarios: 'nowhere' }, fork)).rejects.toThrow('--scenarios nowhere: no such directory');
  });

  it.each([
    [{ designs: 'x.ts' }, 'arena.config.json: designs: '],
    [{ sceanrios: [] }, 'arena.config.json: (top level): '],
    [{ scenarios: ['nowhere'] }, 'arena.config.json: scenarios[0]: no such directory nowhere'],
  ])('%j is a usage error naming the field', (cfg, what) => {
    const d = mkdtempSync(join(tmpdir(), 'arena-badcfg-'));
    writeFileSync(join(d, 'arena.config.json'), JSON.stringify(cfg));
    try {
      expect(() => loadConfig(d)).toThrow(UsageError);
      expect(() => loadConfig(d)).toThrow(what);
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });

  it('none at all: no extra designs or scenarios', () => {
    expect(loadConfig(designs)).toEqual({ file: null, designs: [], scenarioDirs: [] });
  });

  it('the real binary run in the fork picks both up with no flags', () => {
    const out = execFileSync(process.execPath, [join(ROOT, 'cli', 'arena.js'), 'run', 'bar-map-dma-again'], { cwd: fork, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(out).toMatch(/^bar-map-dma-again: /m);
    expect(out).toMatch(/^ {2}file-ref +/m);
    expect(out).toMatch(/^ {2}status-quo +/m);
  });

  it('arena.config.schema.json is the one cli/config.ts generates', () => {
    expect(readFileSync(CONFIG_SCHEMA_PATH, 'utf8')).toBe(configJsonSchemaText());
  });
});
