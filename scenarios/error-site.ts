// Where a design's exception came from: the first stack frame outside the harness and
// the simulated kernel (scenarios/, core/, cli/, reports/, bench/, node_modules, node
// internals) is the design's own code. Its file and line go into the harness-error
// evidence, so the author of a loaded design sees where their code threw.
import { isAbsolute, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(import.meta.dirname, '..');
const HARNESS = ['scenarios', 'core', 'cli', 'reports', 'bench', 'node_modules'].map((d) => join(ROOT, d));

function frameFile(line: string): { file: string; at: string } | null {
  const m = /(?:\(|^at )((?:file:\/\/)?\/[^():]+(?:\?[^:)]*)?):(\d+):(\d+)\)?\s*$/.exec(line);
  if (!m) return null;
  const raw = m[1]!.replace(/\?.*$/, '');
  const file = raw.startsWith('file://') ? fileURLToPath(raw) : raw;
  return isAbsolute(file) ? { file, at: `${m[2]}:${m[3]}` } : null;
}

/** "designs/x/index.ts:12:5" or "/tmp/mine.ts:3:9" for the first design frame of `e`, or null. */
export function errorSite(e: unknown, cwd: string = process.cwd()): string | null {
  if (!(e instanceof Error) || typeof e.stack !== 'string') return null;
  for (const line of e.stack.split('\n').slice(1)) {
    const f = frameFile(line.trim());
    if (!f || f.file.includes('/node_modules/') || HARNESS.some((h) => f.file === h || f.file.startsWith(`${h}/`))) continue;
    const rel = relative(cwd, f.file);
    return `${rel !== '' && !rel.startsWith('..') ? rel : f.file}:${f.at}`;
  }
  return null;
}

/** The message of a caught exception, with the design's file and line when there is one. */
export function describeThrow(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  const site = errorSite(e);
  return site ? `${message} (thrown at ${site})` : message;
}
