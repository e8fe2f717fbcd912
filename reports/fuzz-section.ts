// The report's "Found by fuzzing" section: the reproducers a developer chose to keep
// under scenarios/fuzz/, each run on every design now; and the merge of fuzz finding
// directories (`arena fuzz --out`, one per shard or CI machine) into one list. Plain
// markdown, deterministic: files in name order, designs in registry order, merged
// findings by group then key.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DESIGN_NAMES } from '../designs/registry.ts';
import {
  FINDINGS_FILE, FindingsJson, runSequence, type FindingJsonT, type FindingsJsonT,
} from '../scenarios/fuzzer/index.ts';
import { SCENARIOS_DIR, label, loadScenarioFile, type DesignRef } from '../scenarios/index.ts';
import { table } from './markdown.ts';

export const FUZZ_SECTION_TITLE = 'Found by fuzzing';
/** Where committed reproducers live (not part of the main scenario matrix). */
export const FUZZ_DIR = join(SCENARIOS_DIR, 'fuzz');

export interface FuzzSectionOptions {
  /** Directory of committed reproducers (default scenarios/fuzz/). */
  readonly dir?: string;
  readonly designs?: readonly DesignRef[];
}

/** Committed reproducer files, by name. */
export function committedReproducers(dir: string = FUZZ_DIR): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort().map((f) => join(dir, f));
}

/** "fuzz, seed 1, path 624:0:4:..." -> "seed 1, sequence 624" (fast-check's shrink path is in the file). */
function foundBy(origin: string): string {
  const m = /seed (\d+), path (\d+):/.exec(origin);
  return m ? `seed ${m[1]}, sequence ${m[2]}` : origin;
}

/**
 * The section body (no heading; title FUZZ_SECTION_TITLE): one row per committed
 * reproducer with its origin and each design's outcome, obtained by running it.
 */
export function renderFuzzSection(opts: FuzzSectionOptions = {}): string {
  const dir = opts.dir ?? FUZZ_DIR;
  const designs = opts.designs ?? DESIGN_NAMES;
  const files = committedReproducers(dir);
  const intro = 'Sequences `arena fuzz` generated, shrunk to a minimal reproducer and a developer chose to keep ' +
    '(`scenarios/fuzz/`, outside the main matrix; how the fuzzer works: `docs/fuzzing.md`). Each is run on every design for this report.';
  if (files.length === 0) return `${intro}\n\nNo committed reproducers.\n`;
  const rows = files.map((file) => {
    const s = loadScenarioFile(file);
    const cells = designs.map((d) => label(runSequence(s, d).outcome));
    return [`\`${s.id}\``, s.title, foundBy(s.origin), String(s.steps.length), ...cells];
  });
  return `${intro}\n\n${table(['reproducer', 'what', 'found by', 'steps', ...designs.map((d) => (typeof d === 'string' ? d : d.name))], rows)}\n`;
}

// ---- merging shards ------------------------------------------------------------------

export interface MergedFinding extends FindingJsonT {
  /** The finding directory the kept reproducer is in. */
  readonly dir: string;
}

export interface MergedFindings {
  readonly sources: readonly { readonly dir: string; readonly doc: Omit<FindingsJsonT, 'findings'> }[];
  /** Sequences run by all sources together. */
  readonly sequences: number;
  readonly findings: readonly MergedFinding[];
}

function readFindings(dir: string): FindingsJsonT {
  const file = join(dir, FINDINGS_FILE);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`${file}: cannot read fuzz findings (${e instanceof Error ? e.message : String(e)})`);
  }
  const parsed = FindingsJson.safeParse(data);
  if (!parsed.success) throw new Error(`${file}: not a findings.json of arena fuzz: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data;
}

/** The smaller reproducer wins, then the earlier (seed, sequence), then the directory name. */
function better(a: MergedFinding, b: MergedFinding): boolean {
  return a.steps !== b.steps ? a.steps < b.steps : a.seed !== b.seed ? a.seed < b.seed : a.index !== b.index ? a.index < b.index : a.dir < b.dir;
}

const cmp = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);

/**
 * Folds the findings.json of several `arena fuzz --out` directories into one list: one
 * finding per key (counts summed, the smallest reproducer kept), ordered by group then key.
 */
export function mergeFindings(dirs: readonly string[]): MergedFindings {
  const sources = [...dirs].sort(cmp).map((dir) => ({ dir, doc: readFindings(dir) }));
  const byKey = new Map<string, MergedFinding>();
  for (const { dir, doc } of sources) {
    for (const f of doc.findings) {
      const mine: MergedFinding = { ...f, dir };
      const prev = byKey.get(f.key);
      if (!prev) byKey.set(f.key, mine);
      else byKey.set(f.key, { ...(better(mine, prev) ? mine : prev), count: prev.count + f.count });
    }
  }
  const findings = [...byKey.values()].sort((a, b) => cmp(a.group, b.group) || cmp(a.key, b.key));
  return {
    sources: sources.map(({ dir, doc: { findings: _f, ...doc } }) => ({ dir, doc })),
    sequences: sources.reduce((n, s) => n + s.doc.sequences, 0),
    findings,
  };
}

/** Markdown for merged findings: what ran, then one table per group. */
export function renderMergedFindings(m: MergedFindings): string {
  const ran = m.sources.map(({ dir, doc }) => `- \`${dir}\`: seed ${doc.seed}, shard ${doc.shard.index}/${doc.shard.count}, ` +
    `${doc.sequences} sequence(s) of <= ${doc.maxSteps} steps, ${doc.mode}, designs ${doc.designs.join(', ')}`);
  const lines = [`${m.sequences} sequence(s) from ${m.sources.length} finding director${m.sources.length === 1 ? 'y' : 'ies'}:`, '', ...ran, ''];
  if (m.findings.length === 0) return `${[...lines, 'No invariant broken.'].join('\n')}\n`;
  for (const g of [...new Set(m.findings.map((f) => f.group))]) {
    const rows = m.findings.filter((f) => f.group === g).map((f) => [
      f.key, String(f.count), String(f.steps), f.summary, `\`${join(f.dir, `${f.id}.yaml`)}\``, foundBy(`seed ${f.seed}, path ${f.path}`),
    ]);
    lines.push(`**${g}**`, '', table(['key', 'sequences', 'steps', 'evidence', 'reproducer', 'found by'], rows), '');
  }
  return `${lines.join('\n')}`;
}
