// `arena fuzz --out dir`: findings.json and its reproducers, written as one set
// (atomic.ts). Reproducers the previous findings.json in that directory listed and this
// campaign did not find are removed with the same commit, so the directory never holds
// reproducers findings.json does not list.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FINDINGS_FILE, FindingsJson, type FindingsJsonT, type ReproducerFile } from '../scenarios/fuzzer/index.ts';
import { writeFileSet, type FileSetHooks } from './atomic.ts';

/** The reproducer files the findings.json in `dir` lists (none when it is absent or unreadable). */
function listedReproducers(dir: string): string[] {
  try {
    const doc = FindingsJson.safeParse(JSON.parse(readFileSync(join(dir, FINDINGS_FILE), 'utf8')));
    return doc.success ? doc.data.findings.map((f) => `${f.id}.yaml`) : [];
  } catch {
    return [];
  }
}

/** Writes the campaign into `dir`; returns the paths written. */
export function writeFindings(dir: string, doc: FindingsJsonT, files: readonly ReproducerFile[], hooks: FileSetHooks = {}): string[] {
  return writeFileSet(dir, [
    ...files.map((f) => [`${f.id}.yaml`, f.text] as const),
    [FINDINGS_FILE, `${JSON.stringify(doc, null, 2)}\n`],
  ], { ...hooks, remove: listedReproducers(dir) });
}
