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
import { SCENARIOS_DIR, label, loadScenarioFile, type DesignRef, type OutcomeT } from '../scenarios/index.ts';
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

const refName = (d: DesignRef): string => (typeof d === 'string' ? d : d.name);

/** One committed reproducer as the report states it (markdown row and comparison.json entry). */
export interface ReproducerRow {
  readonly id: string;
  readonly title: string;
  readonly foundBy: string;
  readonly steps: number;
  /** design -> outcome of running the reproducer now. */
  readonly outcomes: Readonly<Record<string, OutcomeT>>;
}

/** Runs every committed reproducer on every design. */
export function reproducerRows(opts: FuzzSectionOptions = {}): ReproducerRow[] {
  const designs = opts.designs ?? DESIGN_NAMES;
  return committedReproducers(opts.dir ?? FUZZ_DIR).map((file) => {
    const s = loadScenarioFile(file);
    return { id: s.id, title: s.title, foundBy: foundBy(s.origin), steps: s.steps.length, outcomes: Object.fromEntries(designs.map((d) => [refName(d), runSequence(s, d).outcome])) };
  });
}

/**
 * The section body (no heading; title FUZZ_SECTION_TITLE): one row per committed
 * reproducer with its origin and each design's outcome, obtained by running it.
 */
export function renderFuzzSection(opts: FuzzSectionOptions = {}, rows: readonly ReproducerRow[] = reproducerRows(opts)): string {
  const designs = opts.designs ?? DESIGN_NAMES;
  const intro = 'Sequences `arena fuzz` generated, shrunk to a minimal reproducer and a developer chose to keep ' +
    '(`scenarios/fuzz/`, outside the main matrix; how the fuzzer works: `docs/fuzzing.md`). Each is run on every design for this report.';
  if (rows.length === 0) return `${intro}\n\nNo committed reproducers.\n`;
  const names = designs.map(refName);
  const cells = rows.map((r) => [`\`${r.id}\``, r.title, r.foundBy, String(r.steps), ...names.map((d) => {
    const o = r.outcomes[d];
    return o === undefined ? '' : label(o);
  })]);
  return `${intro}\n\n${table(['reproducer', 'what', 'found by', 'steps', ...names], cells)}\n`;
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

/** A --merge directory whose findings.json is missing, truncated or of another shape (exit 2). */
export class FindingsError extends Error {
  override readonly name = 'FindingsError';
  constructor(message: string, readonly file: string) {
    super(message);
  }
}

/** The findings.json of an `arena fuzz --out` directory, validated; every problem is one FindingsError line. */
export function readFindings(dir: string): FindingsJsonT {
  const file = join(dir, FINDINGS_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new FindingsError(`${file}: no findings.json there (write one with \`arena fuzz --out ${dir}\`)`, file);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new FindingsError(`${file}: not JSON (truncated?): ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`, file);
  }
  const parsed = FindingsJson.safeParse(data);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    const at = i && i.path.length > 0 ? i.path.map(String).join('.') : '(top level)';
    throw new FindingsError(`${file}: not a findings.json of arena fuzz: at ${at}: ${i?.message ?? 'invalid'}`, file);
  }
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
