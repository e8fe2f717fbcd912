// arena report [--out dir] [--seed n] [--timestamp] [--check] [--merge dir...]
// Runs every design on every scenario and writes comparison.md, .json, .txt and .html
// into --out (default reports/), as one atomic set. --check writes nothing: it regenerates in memory
// and exits 1 when the files on disk differ (CI's stale-report check).
import { checkOutputDir, readFindings, renderReport, staleFiles, writeReport, type ReportOptions } from '../../reports/index.ts';
import { JOBS_HELP, parseJobs, parseSeed } from '../args.ts';
import { EXIT, UsageError, type ExitCode } from '../exit.ts';
import type { Io } from '../io.ts';
import { prefillReport } from '../prefill.ts';
import { matrixScenarios } from '../scenario-source.ts';
import { builtInSubjects, loadSubjects, type Subjects } from '../subjects.ts';
import { DEFAULT_REPORT_DIR } from './report.command.ts';
import type { CommandContext } from './types.ts';

export interface ReportCliOptions {
  readonly out?: string;
  readonly seed?: string | number;
  readonly timestamp?: boolean;
  readonly check?: boolean;
  readonly merge?: readonly string[];
  readonly design?: string;
  readonly scenarios?: string;
  readonly jobs?: string | number;
}


export async function reportCommand(
  opts: ReportCliOptions, io: Io, extra: Pick<ReportOptions, 'extraSections'> = {}, subjects: Subjects = builtInSubjects(),
): Promise<ExitCode> {
  const seed = parseSeed(opts.seed);
  const jobs = parseJobs(opts.jobs);
  const out = opts.out ?? DEFAULT_REPORT_DIR;
  if (out.trim() === '') throw new UsageError('--out: empty path; expected a directory', 'bad-out');
  // Everything checked before the matrix runs: the output directory and every shard.
  if (opts.check !== true) checkOutputDir('--out', out);
  for (const dir of opts.merge ?? []) readFindings(dir);
  const scenarios = matrixScenarios(subjects.scenarioDirs);
  const cache = await prefillReport(seed, jobs, { designs: subjects.designs, ...(scenarios ? { scenarios } : {}) });
  const rendered = renderReport({
    seed, cache, designs: subjects.designs, ...(scenarios ? { scenarios } : {}), ...(opts.timestamp === true ? { timestamp: new Date() } : {}), ...(opts.merge ? { merge: opts.merge } : {}), ...extra,
  });
  if (opts.check === true) {
    const stale = staleFiles(out, rendered);
    for (const s of stale) io.err(`stale: ${s.file} differs from a fresh \`arena report\`:\n${s.diff.map((l) => `  ${l}`).join('\n')}\n`);
    if (stale.length > 0) {
      io.err('regenerate with `npm start` and commit the result\n');
      return EXIT.unsafe;
    }
    io.out(`report up to date: ${rendered.files.map(([n]) => n).join(', ')} in ${out}\n`);
    return EXIT.ok;
  }
  const paths = writeReport(out, rendered);
  const j = rendered.comparison.json;
  io.out(`wrote ${paths.join(', ')} (${j.designs.length} designs x ${j.scenarios.length} scenarios, seed ${seed})\n`);
  const width = Math.max(14, ...j.designs.map((d) => d.design.length));
  for (const d of j.designs) {
    const rate = d.misuseDetectionRate === null ? '-' : `${(d.misuseDetectionRate * 100).toFixed(1)}%`;
    io.out(`  ${d.design.padEnd(width)} misuse detection ${rate.padStart(6)}  silent ${String(d.silentFailures).padStart(2)}  ` +
      `crashes ${d.crashes}  false rejects ${d.falseRejects}  blocked removals ${d.blockedRemovals}\n`);
  }
  return EXIT.ok;
}

/** `arena report`, as registered in report.command.ts. */
export async function action(ctx: CommandContext, opts: ReportCliOptions): Promise<void> {
  ctx.exit(await reportCommand(opts, ctx.io, {}, await loadSubjects(opts)));
}
