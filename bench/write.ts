// Writes bench.md and bench.json into a directory, each atomically (a temporary file
// renamed over the old one), making the directory if needed.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchMarkdown } from './markdown.ts';
import type { BenchReport } from './run.ts';

function writeAtomic(path: string, text: string): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

/** The paths written. */
export function writeBenchReports(dir: string, r: BenchReport): string[] {
  mkdirSync(dir, { recursive: true });
  const md = join(dir, 'bench.md');
  const json = join(dir, 'bench.json');
  writeAtomic(md, benchMarkdown(r));
  writeAtomic(json, `${JSON.stringify(r, null, 2)}\n`);
  return [md, json];
}
