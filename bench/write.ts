// Writes bench.md and bench.json into a directory, atomically (reports/atomic.ts: temp
// files first, then the renames), making the directory if needed.
import { join } from 'node:path';
import { writeFilesAtomic } from '../reports/atomic.ts';
import { benchMarkdown } from './markdown.ts';
import type { BenchReport } from './run.ts';

/** The paths written. */
export function writeBenchReports(dir: string, r: BenchReport): string[] {
  const md = join(dir, 'bench.md');
  const json = join(dir, 'bench.json');
  writeFilesAtomic([[md, benchMarkdown(r)], [json, `${JSON.stringify(r, null, 2)}\n`]]);
  return [md, json];
}
