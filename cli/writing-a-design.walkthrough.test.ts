// docs/writing-a-design.md: the walk-through's design, as the doc writes it, loads and
// behaves as the doc says; every command the walk-through runs is an arena sub-command
// or vitest.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { COMMANDS } from './commands/index.ts';
import { EXIT } from './exit.ts';
import { ROOT, arenaInProcess } from './testing.ts';

const doc = readFileSync(join(ROOT, 'docs', 'writing-a-design.md'), 'utf8');
const walk = doc.slice(doc.indexOf('## Walk-through'));
const commands = [...walk.matchAll(/```sh\n([^]*?)```/g)].flatMap((m) => m[1]!.split('\n')).map((l) => l.trim()).filter((l) => l !== '');
const source = /<<'EOF'\n([^]*?)\n\s*EOF\n/.exec(walk)?.[1]?.replace(/^ {3}/gm, '') ?? '';
const dir = mkdtempSync(join(tmpdir(), 'arena-walkthrough-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the walk-through of docs/writing-a-design.md', () => {
  it('only runs arena sub-commands, vitest, and the file it writes', () => {
    const shell = commands.filter((l) => /^(npx|rm|cat) /.test(l));
    expect(shell.length).toBeGreaterThan(8);
    for (const c of shell.filter((l) => l.startsWith('npx arena '))) expect(Object.keys(COMMANDS)).toContain(c.split(' ')[2]);
    expect(shell).toContain('npx vitest run /tmp/arena-walkthrough/zap-notify');
  });

  it('writes a design that loads and turns hot-unplug-reassign from stale-dma into an IOMMU fault', async () => {
    expect(source).toContain("export default design;");
    writeFileSync(join(dir, 'index.ts'), source);
    const r = await arenaInProcess('run', 'hot-unplug-reassign', '--design', `status-quo,${join(dir, 'index.ts')}`, '--format', 'json');
    expect([r.code, r.stderr]).toEqual([EXIT.ok, '']);
    const cells = (JSON.parse(r.stdout) as { results: { design: string; outcome: string }[] }).results;
    expect(cells.map((c) => [c.design, c.outcome])).toEqual([['status-quo', 'stale-dma'], ['zap-notify', 'rejected']]);
  });
});
