// `arena ... | head`: when the reader of stdout goes away, the command finishes quietly
// (no unhandled EPIPE trace, the exit code of the command), as a pipeline expects.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './testing.ts';

describe('a closed stdout pipe', () => {
  it('arena list into a reader that left at once: exit 0, nothing on stderr', async () => {
    const child = spawn(process.execPath, [join(ROOT, 'cli/arena.js'), 'list'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    // The reader leaves before the first line is written: every write then fails with EPIPE.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const code = await new Promise<number | null>((done) => child.on('close', done));
    expect([code, stderr]).toEqual([0, '']);
  }, 60_000);
});
