// arena bench [--quick] [--out dir] [--suite ids] [--design names]
// Runs the tinybench suites, prints a table per suite and the target lines, and writes
// bench.md and bench.json into --out (reports/ by default). Timings never change the
// exit code.
import { CPU_ID, SPEED_ID, SUITE_IDS, runBench, suiteText, targetsText, writeBenchReports } from '../../bench/index.ts';
import { checkOutputDir, renderReport } from '../../reports/index.ts';
import { JOBS_HELP, parseJobs } from '../args.ts';
import { builtInSubjects, loadSubjects, type Subjects } from '../subjects.ts';
import { EXIT, UsageError, type ExitCode } from '../exit.ts';
import type { Io } from '../io.ts';
import { DEFAULT_BENCH_OUT, SELECTABLE } from './bench.command.ts';
import type { CommandContext } from './types.ts';


/** The full comparison: every scenario on every design, classified and summarised (arena report's core). */
// What `npm start` computes: the matrix, the driver-mistake matrix, the fuzz reproducers
// and the rendering (not the file write).
const FULL_COMPARISON = { what: 'renderReport({ seed: 1 }), what npm start computes', run: () => renderReport({ seed: 1 }) };

export interface BenchCliOptions {
  readonly quick?: boolean;
  readonly out?: string;
  readonly suite?: string;
  readonly design?: string;
  readonly jobs?: string | number;
}


/** "a,b" -> those suite ids (and 'cpu'); undefined (everything) when absent. */
export function parseSuites(list: string | undefined): string[] | undefined {
  if (list === undefined) return undefined;
  const ids = list.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const unknown = ids.filter((id) => !SELECTABLE.includes(id));
  if (unknown.length > 0 || ids.length === 0) {
    throw new UsageError(`unknown suite ${unknown.map((u) => `"${u}"`).join(', ') || '(none given)'}; suites: ${SELECTABLE.join(', ')}`, 'unknown-suite');
  }
  return ids;
}

export function benchCommand(opts: BenchCliOptions, io: Io, subjects: Subjects = builtInSubjects()): ExitCode {
  const only = parseSuites(opts.suite);
  const designs = subjects.designs;
  const jobs = parseJobs(opts.jobs);
  const mode = opts.quick === true ? 'quick' : 'full';
  checkOutputDir('--out', opts.out ?? DEFAULT_BENCH_OUT);
  io.out(`arena bench (${mode})\n\n`);
  const report = runBench({ mode, designs, jobs, comparison: FULL_COMPARISON, ...(only ? { only } : {}), onSuite: (s) => io.out(suiteText(s, io.color)) });
  io.out(targetsText(report.targets, io.color));
  const written = writeBenchReports(opts.out ?? DEFAULT_BENCH_OUT, report);
  io.out(`\nwrote ${written.join(', ')}\n`);
  return EXIT.ok;
}

/** `arena bench`, as registered in bench.command.ts. */
export async function action(ctx: CommandContext, opts: BenchCliOptions): Promise<void> {
  ctx.exit(benchCommand(opts, ctx.io, await loadSubjects(opts)));
}
