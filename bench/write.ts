// Writes bench.md and bench.json into a directory as one set (reports/atomic.ts), making
// the directory if needed.
import { writeFileSet } from '../reports/atomic.ts';
import { benchMarkdown } from './markdown.ts';
import type { BenchReport } from './run.ts';

/** The paths written. */
export function writeBenchReports(dir: string, r: BenchReport): string[] {
  return writeFileSet(dir, [['bench.md', benchMarkdown(r)], ['bench.json', `${JSON.stringify(r, null, 2)}\n`]]);
}
