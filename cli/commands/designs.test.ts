import { describe, expect, it } from 'vitest';
import { DESIGN_NAMES } from '../../designs/registry.ts';
import { EXIT } from '../exit.ts';
import { arenaInProcess } from '../testing.ts';

describe('arena designs', () => {
  it('--format json lists every design and variant with its readings', async () => {
    const r = await arenaInProcess('designs', '--format', 'json');
    expect(r.code).toBe(EXIT.ok);
    const rows = JSON.parse(r.stdout) as { name: string; of: string | null; readings: { question: string; source: string }[] }[];
    expect(rows.map((x) => x.name)).toEqual(DESIGN_NAMES);
    expect(rows.find((x) => x.name === 'private-data+magic')).toMatchObject({ of: 'private-data' });
  });

  it('text names each variant and the design it changes, then the obligations', async () => {
    const r = await arenaInProcess('designs');
    expect(r.stdout).toContain('private-data+magic: variant of private-data');
    expect(r.stdout).toContain('driver-side lines');
  });

  it('refuses an unknown format with one line and exit 2', async () => {
    const r = await arenaInProcess('designs', '--format', 'yaml');
    expect(r.code).toBe(EXIT.usage);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
