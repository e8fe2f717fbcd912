// arena fuzz [--design d,...] [--runs n] [--seed s] [--max-steps k] [--out dir] [--shard i/n] [--diff]
// Model-based fuzzing of step sequences: runs, shrinks each new failure to a
// reproducer scenario file in --out with findings.json, prints what it found and the
// throughput. A progress line on stderr only when it is a terminal.
import { resolve } from 'node:path';
import { displayPath } from '../../scenarios/load.ts';
import {
  DEFAULT_MAX_FINDINGS, DEFAULT_MAX_STEPS, campaignFiles, parseShard,
  type FindingJsonT, type Progress, type Throughput,
} from '../../scenarios/fuzzer/index.ts';
import { STEP_BUDGET } from '../../scenarios/runner.ts';
import { fuzzInWorkers } from '../../scenarios/parallel/index.ts';
import { checkOutputDir, writeFindings } from '../../reports/index.ts';
import { JOBS_HELP, parseJobs, parseSeed } from '../args.ts';
import { EXIT, UsageError, type ExitCode } from '../exit.ts';
import type { Io } from '../io.ts';
import { builtInSubjects, loadSubjects, type Subjects } from '../subjects.ts';
import { DEFAULT_OUT, DEFAULT_RUNS } from './fuzz.command.ts';
import type { CommandContext } from './types.ts';

/** The throughput issue 10 asks for, printed beside the measured figure. */
export const TARGET_PER_SECOND = 10_000;

export interface FuzzCliOptions {
  readonly design?: string;
  readonly runs?: string | number;
  readonly seed?: string | number;
  readonly maxSteps?: string | number;
  readonly maxFindings?: string | number;
  readonly out?: string;
  readonly shard?: string;
  readonly diff?: boolean;
  readonly failOnUnsafe?: boolean;
  readonly jobs?: string | number;
}

export interface FuzzEnv {
  /** stderr is a terminal: draw a progress line. */
  readonly tty?: boolean;
  /** Monotonic ms clock for the throughput line; none: no throughput line. */
  readonly clock?: () => number;
}

/** A whole number in [min, max] from a flag, or a usage error naming the flag. */
export function parseCount(flag: string, v: string | number | undefined, fallback: number, min: number, max: number): number {
  if (v === undefined) return fallback;
  const n = typeof v === 'number' ? v : /^\d+$/.test(v) ? Number(v) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new UsageError(`${flag} wants a whole number from ${min} to ${max}, got "${v}"`, `bad-${flag.replace(/^--/, '')}`);
  }
  return n;
}

function progressLine(io: Io, p: Progress): void {
  io.err(`\rfuzz: ${p.done}/${p.total} sequences, ${p.failing} failing, ${p.findings} finding(s)\u001b[K`);
}

function findingLines(f: FindingJsonT, io: Io): string[] {
  const outcomes = Object.entries(f.outcomes).map(([d, o]) => `${d} ${o}`).join(', ');
  return [
    `  ${io.color.bold(f.key)} (${f.count} sequence(s); first: sequence ${f.index})`,
    `    ${f.summary}`,
    `    shrunk from ${f.shrunkFrom} to ${f.steps} step(s); outcomes: ${outcomes}`,
    `    replay: ${f.replay}`,
  ];
}

function throughputLines(t: readonly Throughput[], maxSteps: number): string[] {
  return t.map((x) => `throughput: ${x.design} ${Math.round(x.perSecond)} sequences/s of <= ${maxSteps} steps ` +
    `(${x.sequences} in ${x.seconds.toFixed(2)} s; target >= ${TARGET_PER_SECOND})`);
}

export async function fuzzCommand(opts: FuzzCliOptions, io: Io, env: FuzzEnv = {}, subjects: Subjects = builtInSubjects()): Promise<ExitCode> {
  const designs = subjects.designs;
  const jobs = parseJobs(opts.jobs);
  const seed = parseSeed(opts.seed);
  const runs = parseCount('--runs', opts.runs, DEFAULT_RUNS, 1, 100_000_000);
  const maxSteps = parseCount('--max-steps', opts.maxSteps, DEFAULT_MAX_STEPS, 1, STEP_BUDGET);
  const maxFindings = parseCount('--max-findings', opts.maxFindings, DEFAULT_MAX_FINDINGS, 0, 1000);
  const shard = opts.shard === undefined ? undefined : parseShard(opts.shard);
  if (typeof shard === 'string') throw new UsageError(shard, 'bad-shard');
  const mode = opts.diff === true ? 'diff' : 'single';
  if (mode === 'diff' && designs.length < 2) throw new UsageError('--diff wants at least two designs', 'diff-one-design');
  checkOutputDir('--out', opts.out ?? DEFAULT_OUT);
  const out = resolve(opts.out ?? DEFAULT_OUT);

  const r = await fuzzInWorkers({
    designs, runs, seed, maxSteps, mode, maxFindings, ...(shard ? { shard } : {}),
    ...(env.tty === true ? { onProgress: (p: Progress) => progressLine(io, p) } : {}),
    ...(env.clock ? { clock: env.clock } : {}),
  }, jobs);
  if (env.tty === true) io.err('\r\u001b[K');
  const { doc, files } = campaignFiles(r, out);
  writeFindings(out, doc, files);

  const s = doc.shard;
  io.out(`arena fuzz: seed ${seed}, ${doc.sequences} sequence(s) of <= ${maxSteps} steps${s.count > 1 ? ` (shard ${s.index}/${s.count})` : ''}` +
    `, ${mode === 'diff' ? 'differential, ' : ''}designs ${designs.map((d) => d.name).join(', ')}\n`);
  const failing = [...r.counts.values()].reduce((a, b) => a + b, 0);
  io.out(`${failing} failing sequence(s) under ${r.counts.size} key(s); ${doc.findings.length} shrunk to a reproducer\n`);
  const groups = [...new Set(doc.findings.map((f) => f.group))];
  for (const g of groups) {
    io.out(`${mode === 'diff' ? 'disagreement' : 'invariant'}: ${g}\n`);
    for (const f of doc.findings.filter((x) => x.group === g)) io.out(`${findingLines(f, io).join('\n')}\n`);
  }
  const unshrunk = [...r.counts].filter(([k]) => !doc.findings.some((f) => f.key === k));
  for (const [k, n] of unshrunk) io.out(`  ${k}: ${n} sequence(s), not shrunk (--max-findings ${maxFindings})\n`);
  if (doc.firstFailure) io.out(`first failure: sequence ${doc.firstFailure.index} (${doc.firstFailure.key})\n`);
  if (r.throughput) io.out(`${throughputLines(r.throughput, maxSteps).join('\n')}\n`);
  io.out(`wrote ${displayPath(out)}/findings.json${files.length > 0 ? ` and ${files.length} reproducer(s)` : ''}\n`);
  return opts.failOnUnsafe === true && failing > 0 ? EXIT.unsafe : EXIT.ok;
}

/** `arena fuzz`, as registered in fuzz.command.ts. */
export async function action(ctx: CommandContext, opts: FuzzCliOptions): Promise<void> {
  const tty = ctx.io.errIsTTY;
  ctx.exit(await fuzzCommand(opts, ctx.io, { tty, clock: () => performance.now() }, await loadSubjects(opts)));
}
