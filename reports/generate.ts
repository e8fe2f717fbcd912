// `arena report`: build the comparison, render it, write comparison.md and
// comparison.json atomically; or (--check) compare what would be written with what is
// on disk, for CI's stale-report check.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildComparison, type BuildOptions, type Comparison } from './comparison.ts';
import { writeFilesAtomic } from './atomic.ts';
import { CellCache } from '../scenarios/index.ts';
import { runMistakeMatrix, type MistakeMatrixJsonT } from '../scenarios/mutants/index.ts';
import { renderClaims } from './claims.ts';
import { FUZZ_SECTION_TITLE, mergeFindings, renderFuzzSection, renderMergedFindings } from './fuzz-section.ts';
import { MISTAKES_SECTION_TITLE, renderMistakesSection } from './mistakes-section.ts';
import { ComparisonJson } from './schema.ts';
import { renderComparisonMd, type ExtraSection } from './markdown.ts';
import { VARIANTS_SECTION_TITLE, asPostedView, renderVariantsSection } from './variants-section.ts';

export const REPORT_FILES = { md: 'comparison.md', json: 'comparison.json' } as const;

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

export function renderReport(o: ReportOptions = {}): RenderedReport {
  // The mistake matrix's correct-driver cells are the matrix's own: run once, shared.
  const cache = o.cache ?? new CellCache();
  const built = buildComparison({ ...o, cache });
  const matrix: MistakeMatrixJsonT | null = o.mistakes === false ? null
    : runMistakeMatrix({ seed: built.json.provenance.seed, cache, ...(o.designs ? { designs: o.designs } : {}), ...(o.scenarios ? { scenarios: o.scenarios } : {}) });
  const comparison: Comparison = matrix ? { ...built, json: ComparisonJson.parse({ ...built.json, mistakes: matrix }) } : built;
  const view = asPostedView(comparison.json);
  const claims: ExtraSection = {
    title: 'The seed\'s claims against the simulation',
    body: renderClaims(comparison.cells, view.designs.map((d) => d.design), matrix, comparison.json.claimReadings),
  };
  const sections: ExtraSection[] = [claims];
  sections.push({ title: VARIANTS_SECTION_TITLE, body: renderVariantsSection(comparison.json) });
  if (matrix) sections.push({ title: MISTAKES_SECTION_TITLE, body: renderMistakesSection(matrix) });
  if (o.fuzz !== false) {
    const merged = o.merge && o.merge.length > 0 ? `\n\n### Merged fuzz campaign\n\n${renderMergedFindings(mergeFindings(o.merge))}` : '';
    sections.push({ title: FUZZ_SECTION_TITLE, body: `${renderFuzzSection(o.designs ? { designs: o.designs } : {})}${merged}` });
  }
  const md = renderComparisonMd(view, [...sections, ...(o.extraSections?.(comparison) ?? [])]);
  const json = `${JSON.stringify(comparison.json, null, 2)}\n`;
  return { comparison, files: [[REPORT_FILES.md, md], [REPORT_FILES.json, json]] };
}

/** Writes the report files into `outDir` (all temp files first, then the renames). */
export function writeReport(outDir: string, r: RenderedReport): string[] {
  const paths = r.files.map(([name, text]) => [join(outDir, name), text] as const);
  writeFilesAtomic(paths);
  return paths.map(([p]) => p);
}

export interface StaleFile {
  readonly file: string;
  /** The first differing lines, "-" committed, "+" regenerated. */
  readonly diff: readonly string[];
}

/** Lines that may differ between a full and a shallow clone (the commit hash). */
const VOLATILE = /^- inputs: digest `[0-9a-f]+`(, last changed in commit `[0-9a-f]+`|, git commit unavailable)$|^\s*"commit": /;

function normalise(text: string): string[] {
  return text.split('\n').map((l) => (VOLATILE.test(l) ? l.replace(/commit.*$/, 'commit <ignored>') : l));
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

/** Which report files in `outDir` differ from a fresh rendering (missing counts as stale). */
export function staleFiles(outDir: string, r: RenderedReport): StaleFile[] {
  const stale: StaleFile[] = [];
  for (const [name, text] of r.files) {
    const path = join(outDir, name);
    if (!existsSync(path)) {
      stale.push({ file: path, diff: ['(missing)'] });
      continue;
    }
    const diff = firstDifferences(readFileSync(path, 'utf8'), text);
    if (diff.length > 0) stale.push({ file: path, diff });
  }
  return stale;
}
