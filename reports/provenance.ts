// Where a report came from, without anything that changes from run to run: the package
// version, the Node major version, the seed, a digest of every input file, and the git
// commit that last changed those inputs (stable across commits that only add reports).
// No wall-clock time unless asked for.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Folders whose non-test files decide a report's content. */
export const INPUT_DIRS = ['core', 'designs', 'scenarios', 'reports'] as const;
/** The same as git pathspecs: reports/ counts only for its generators, not its outputs. */
const INPUT_PATHSPECS = ['core', 'designs', 'scenarios', 'reports/*.ts', ':(exclude)*.test.ts'] as const;

export interface Provenance {
  readonly package: string;
  readonly version: string;
  /** "v20": the major only, so machines on different Node 20 patch releases agree. */
  readonly node: string;
  readonly seed: number;
  /** sha256 (first 16 hex digits) over the path and bytes of every input file. */
  readonly inputsDigest: string;
  /** Short hash of the last commit that touched the inputs, or null without git. */
  readonly commit: string | null;
  /** Present only when the caller asked for a timestamp. */
  readonly timestamp?: string;
}

function isInput(rel: string): boolean {
  if (rel.endsWith('.test.ts')) return false;
  if (rel.startsWith('reports/')) return rel.endsWith('.ts');
  return /\.(ts|ya?ml|json)$/.test(rel);
}

function walk(dir: string, out: string[]): void {
  for (const name of readdirSync(dir).sort()) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
}

/** The input files, relative to the project root, in byte order of their paths. */
export function inputFiles(root = ROOT): string[] {
  const all: string[] = [];
  for (const d of INPUT_DIRS) walk(join(root, d), all);
  return all.map((p) => relative(root, p).split('\\').join('/')).filter(isInput).sort();
}

export function inputsDigest(root = ROOT): string {
  const h = createHash('sha256');
  for (const rel of inputFiles(root)) {
    h.update(rel).update('\0').update(readFileSync(join(root, rel))).update('\0');
  }
  return h.digest('hex').slice(0, 16);
}

/** `git log -1` over the inputs (tests excluded); null when git or the history is missing. */
export function inputsCommit(root = ROOT): string | null {
  try {
    const out = execFileSync('git', ['log', '-1', '--format=%h', '--', ...INPUT_PATHSPECS], {
      cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    return out === '' ? null : out;
  } catch {
    return null;
  }
}

export function provenance(seed: number, opts: { readonly timestamp?: Date } = {}, root = ROOT): Provenance {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name?: string; version?: string };
  return {
    package: pkg.name ?? 'pfnmap-arena',
    version: pkg.version ?? '0.0.0',
    node: `v${process.versions.node.split('.')[0] ?? '?'}`,
    seed,
    inputsDigest: inputsDigest(root),
    commit: inputsCommit(root),
    ...(opts.timestamp ? { timestamp: opts.timestamp.toISOString() } : {}),
  };
}
