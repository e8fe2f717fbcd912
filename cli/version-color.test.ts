// `arena --version` prints the package version and exits 0; colour follows chalk's
// convention: FORCE_COLOR decides when set (even with stdout piped), else NO_COLOR turns
// it off, else colour only on a terminal.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { colorLevel } from './io.ts';
import { ROOT, arenaBinaryWith, arenaInProcess } from './testing.ts';

const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

describe('arena --version', () => {
  it('prints the package version and exits 0 (in process, -V too)', async () => {
    for (const flag of ['--version', '-V']) expect(await arenaInProcess(flag)).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
  });

  it('the real binary does the same', async () => {
    expect(await arenaBinaryWith({}, '--version')).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
  }, 60_000);
});

describe('colour', () => {
  it('FORCE_COLOR decides when set, whatever the terminal and NO_COLOR', () => {
    expect(colorLevel(false, { FORCE_COLOR: '1' })).toBe(1);
    expect(colorLevel(undefined, { FORCE_COLOR: '' })).toBe(1);
    expect(colorLevel(false, { FORCE_COLOR: 'true' })).toBe(1);
    expect(colorLevel(false, { FORCE_COLOR: '2' })).toBe(2);
    expect(colorLevel(false, { FORCE_COLOR: '9' })).toBe(3);
    expect(colorLevel(true, { FORCE_COLOR: '0' })).toBe(0);
    expect(colorLevel(true, { FORCE_COLOR: 'false' })).toBe(0);
    expect(colorLevel(false, { FORCE_COLOR: '1', NO_COLOR: '1' })).toBe(1);
  });

  it('otherwise NO_COLOR turns it off and only a terminal gets it', () => {
    expect(colorLevel(true, { NO_COLOR: '1' })).toBe(0);
    expect(colorLevel(true, { NO_COLOR: '' })).toBe(1);
    expect(colorLevel(true, {}, 3)).toBe(3);
    expect(colorLevel(false, {})).toBe(0);
  });

  it('the real binary with stdout piped: plain by default, coloured with FORCE_COLOR=1', async () => {
    const plain = await arenaBinaryWith({ NO_COLOR: undefined, FORCE_COLOR: undefined }, 'run', 'bar-map-dma');
    const forced = await arenaBinaryWith({ NO_COLOR: undefined, FORCE_COLOR: '1' }, 'run', 'bar-map-dma');
    expect([plain.code, forced.code]).toEqual([0, 0]);
    expect(plain.stdout).not.toContain('\u001b[');
    expect(forced.stdout).toContain('\u001b[');
  }, 60_000);
});
