// `arena report`: build the comparison, render it, write comparison.md, .json, .txt and
// .html as one atomic set; or (--check) compare what would be written with what is on
// disk, for CI's stale-report check. Every format renders the one ComparisonJson.
import { join } from 'node:path';
import { buildComparison, type BuildOptions, type Comparison } from './comparison.ts';
import { pendingCommit, readSet, writeFileSet, type FileSetHooks } from './atomic.ts';
import { CellCache } from '../scenarios/index.ts';
import { runMistakeMatrix, type MistakeMatrixJsonT } from '../scenarios/mutants/index.ts';
import type { CellResult, OutcomeT } from '../scenarios/index.ts';
import { COUNTER_CLAIMS, OUTCOME_CLAIMS, claimVerdict, measureCounterClaim, renderClaims } from './claims.ts';
import {
  FUZZ_SECTION_TITLE, mergeFindings, renderFuzzSection, renderMergedFindings, reproducerRows, type MergedFindings, type ReproducerRow,
} from './fuzz-section.ts';
import { MISTAKES_SECTION_TITLE, renderMistakesSection } from './mistakes-section.ts';
import { renderComparisonHtml } from './html.ts';
import { ComparisonJson, type ComparisonJsonT } from './schema.ts';
import { renderComparisonMd, type ExtraSection } from './markdown.ts';
import { renderComparisonText } from './text.ts';
import { VARIANTS_SECTION_TITLE, asPostedView, renderVariantsSection } from './variants-section.ts';

export const REPORT_FILES = { md: 'comparison.md', json: 'comparison.json', txt: 'comparison.txt', html: 'comparison.html' } as const;

export interface ReportOptions extends BuildOptions {
  /** Run the driver-mistake matrix and add its section (default true). */
  readonly mistakes?: boolean;
  /** Run the committed fuzz reproducers (scenarios/fuzz/) and add their section (default true). */
  readonly fuzz?: boolean;
  /** `arena fuzz --out` directories (shards) whose findings are folded into the report. */
  readonly merge?: readonly string[];
  /** Sections contributed by other analyses, placed before the per-scenario sections. */
  readonly extraSections?: (c: Comparison) => readonly ExtraSection[];
}

export interface RenderedReport {
  readonly comparison: Comparison;
  readonly files: ReadonlyArray<readonly [name: string, text: string]>;
}

/** The claims check as data, judged by the designs as posted (as the markdown section is). */
function claimsJson(c: Comparison, designs: readonly string[]): NonNullable<ComparisonJsonT['claims']> {
  const cells = c.cells.filter((x) => designs.includes(x.design));
  const judged = (xs: readonly CellResult[]): Array<{ scenario: string; design: string; outcome: OutcomeT }> =>
    xs.map((x) => ({ scenario: x.scenario, design: x.design, outcome: x.outcome }));
  return {
    outcome: OUTCOME_CLAIMS.map((x) => {
      const v = claimVerdict(x, cells);
      return { who: x.who, claim: x.claim, scenarios: [...x.scenarios], predicts: x.predicts, verdict: v.verdict, agree: judged(v.agree), differ: judged(v.differ) };
    }),
    counter: COUNTER_CLAIMS.map((x) => ({ who: x.who, claim: x.claim, scenario: x.scenario, ...measureCounterClaim(x, c.cells, designs) })),
  };
}

function fuzzJson(rows: readonly ReproducerRow[], merged: MergedFindings | null): NonNullable<ComparisonJsonT['fuzz']> {
  return {
    reproducers: rows.map((r) => ({ ...r, outcomes: { ...r.outcomes } })),
    ...(merged ? {
      merged: {
        sequences: merged.sequences,
        sources: merged.sources.map((s) => ({ dir: s.dir, seed: s.doc.seed, shard: `${s.doc.shard.index}/${s.doc.shard.count}`, sequences: s.doc.sequences })),
        findings: merged.findings.map((f) => ({ key: f.key, group: f.group, count: f.count, steps: f.steps, summary: f.summary, reproducer: join(f.dir, `${f.id}.yaml`) })),
      },
    } : {}),
  };
}

export function renderReport(o: ReportOptions = {}): RenderedReport {
  // The mistake matrix's correct-driver cells are the matrix's own: run once, shared.
  const cache = o.cache ?? new CellCache();
  const built = buildComparison({ ...o, cache });
  const matrix: MistakeMatrixJsonT | null = o.mistakes === false ? null
    : runMistakeMatrix({ seed: built.json.provenance.seed, cache, ...(o.designs ? { designs: o.designs } : {}), ...(o.scenarios ? { scenarios: o.scenarios } : {}) });
  const withMatrix: Comparison = matrix ? { ...built, json: { ...built.json, mistakes: matrix } } : built;
  const posted = asPostedView(withMatrix.json).designs.map((d) => d.design);
  const fuzzOpts = o.designs ? { designs: o.designs } : {};
  const rows = o.fuzz === false ? null : reproducerRows(fuzzOpts);
  const merged = o.fuzz !== false && o.merge && o.merge.length > 0 ? mergeFindings(o.merge) : null;
  // The JSON holds what the markdown says: the claims check and the fuzz section too.
  const comparison: Comparison = {
    ...withMatrix,
    json: ComparisonJson.parse({ ...withMatrix.json, claims: claimsJson(withMatrix, posted), ...(rows ? { fuzz: fuzzJson(rows, merged) } : {}) }),
  };
  const view = asPostedView(comparison.json);
  const claims: ExtraSection = {
    title: 'The seed\'s claims against the simulation',
    body: renderClaims(comparison.cells, view.designs.map((d) => d.design), matrix, comparison.json.claimReadings),
  };
  const sections: ExtraSection[] = [claims];
  sections.push({ title: VARIANTS_SECTION_TITLE, body: renderVariantsSection(comparison.json) });
  if (matrix) sections.push({ title: MISTAKES_SECTION_TITLE, body: renderMistakesSection(matrix) });
  if (rows) {
    const mergedMd = merged ? `\n\n### Merged fuzz campaign\n\n${renderMergedFindings(merged)}` : '';
    sections.push({ title: FUZZ_SECTION_TITLE, body: `${renderFuzzSection(fuzzOpts, rows)}${mergedMd}` });
  }
  const md = renderComparisonMd(comparison.json, [...sections, ...(o.extraSections?.(comparison) ?? [])]);
  const json = `${JSON.stringify(comparison.json, null, 2)}\n`;
  return {
    comparison,
    files: [
      [REPORT_FILES.md, md], [REPORT_FILES.json, json],
      [REPORT_FILES.txt, renderComparisonText(comparison.json)], [REPORT_FILES.html, renderComparisonHtml(comparison.json)],
    ],
  };
}

/** Writes the report files into `outDir` as one set (atomic.ts: a reader never sees files of two runs). */
export function writeReport(outDir: string, r: RenderedReport, hooks: FileSetHooks = {}): string[] {
  return writeFileSet(outDir, r.files, hooks);
}

export interface StaleFile {
  readonly file: string;
  /** The first differing lines, "-" committed, "+" regenerated. */
  readonly diff: readonly string[];
}

/**
 * What may differ between a full and a shallow clone: the commit that last changed the
 * inputs, on the provenance line of md, txt and html and in the json.
 */
const VOLATILE = /(inputs: digest `?[0-9a-f]+`?)(, last changed in commit `?[0-9a-f]+`?|, git commit unavailable)|^(\s*"commit": ).*$/;

function normalise(text: string): string[] {
  return text.split('\n').map((l) => l.replace(VOLATILE, (_m, inputs: string | undefined, _c, json: string | undefined) =>
    (json !== undefined ? `${json}<ignored>` : `${inputs ?? ''}, commit <ignored>`)));
}

/** A short line diff: the first `limit` lines that differ, with their numbers. */
export function firstDifferences(before: string, after: string, limit = 10): string[] {
  const a = normalise(before);
  const b = normalise(after);
  const out: string[] = [];
  for (let i = 0; i < Math.max(a.length, b.length) && out.length < limit * 2; i++) {
    if (a[i] === b[i]) continue;
    if (a[i] !== undefined) out.push(`${i + 1}- ${a[i]}`);
    if (b[i] !== undefined) out.push(`${i + 1}+ ${b[i]}`);
  }
  return out;
}

/**
 * Which report files in `outDir` differ from a fresh rendering (missing counts as stale).
 * An interrupted write (a commit a killed run left) is stale too, whatever it holds:
 * the set on disk is not the one a reader of the files alone sees.
 */
export function staleFiles(outDir: string, r: Pick<RenderedReport, 'files'>): StaleFile[] {
  const stale: StaleFile[] = [];
  if (pendingCommit(outDir)) stale.push({ file: outDir, diff: ['(an interrupted `arena report` left its files half moved; run it again)'] });
  const onDisk = readSet(outDir, r.files.map(([n]) => n));
  for (const [name, text] of r.files) {
    const path = join(outDir, name);
    const have = onDisk.get(name) ?? null;
    if (have === null) {
      stale.push({ file: path, diff: ['(missing)'] });
      continue;
    }
    const diff = firstDifferences(have, text);
    if (diff.length > 0) stale.push({ file: path, diff });
  }
  return stale;
}
