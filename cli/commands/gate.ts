// arena gate [--baseline reports/baseline.json] [--update] [--junit file] [--strict] [--seed n]
// Runs the matrix and compares every cell with the committed baseline. Exit 1 when a
// cell got worse (or a lookup counter grew); exit 2 on a missing or malformed baseline.
import { appendFileSync } from 'node:fs';
import {
  BaselineError, baselineText, checkAppendFile, checkOutputFile, compareWithBaseline, formatGate, gateFails, gateJunit, gateSummaryMd,
  makeBaseline, OutputError, fsReason, readBaseline, writeFileAtomic, type BaselineT,
} from '../../reports/index.ts';
import { lookupPathCounters } from '../../bench/index.ts';
import { compareMistakes, mistakeClasses, newDesignMistakes } from '../../reports/mistakes-section.ts';
import { runScenarios, type CellResult, type DesignRef, type ScenarioT } from '../../scenarios/index.ts';
import { DESIGN_NAMES } from '../../designs/registry.ts';
import { runMistakeMatrix, type MistakeMatrixJsonT } from '../../scenarios/mutants/index.ts';
import { JOBS_HELP, parseJobs, parseSeed } from '../args.ts';
import { EXIT, UsageError, type ExitCode } from '../exit.ts';
import type { Io } from '../io.ts';
import { prefillReport } from '../prefill.ts';
import { matrixScenarios } from '../scenario-source.ts';
import { loadSubjects } from '../subjects.ts';
import { DEFAULT_BASELINE } from './gate.command.ts';
import type { CommandContext } from './types.ts';

export interface GateCliOptions {
  readonly baseline?: string;
  readonly update?: boolean;
  readonly junit?: string;
  readonly strict?: boolean;
  readonly seed?: string | number;
  readonly design?: string;
  readonly scenarios?: string;
  readonly jobs?: string | number;
}


/** Everything the gate holds, measured once: the cells, the mistake matrix, the lookup-path counters. */
async function measure(seed: number, s: GateSubjects, jobs: number): Promise<{
  cells: CellResult[]; matrix: MistakeMatrixJsonT; counters: Record<string, Record<string, number>>;
}> {
  const designs = s.designs ? { designs: s.designs } : {};
  const scenarios = s.scenarios ? { scenarios: s.scenarios } : {};
  // One cache: the mistake matrix's correct-driver cells are the matrix's own.
  const cache = await prefillReport(seed, jobs, { ...designs, ...scenarios });
  return {
    cells: runScenarios({ seed, cache, ...designs, ...scenarios }),
    matrix: runMistakeMatrix({ seed, cache, ...designs, ...scenarios }),
    counters: Object.fromEntries((s.designs ?? DESIGN_NAMES).map((r) => [typeof r === 'string' ? r : r.name, { ...lookupPathCounters(r, seed) }])),
  };
}

/** What the gate measures; tests swap in weakened designs here. */
export interface GateSubjects {
  readonly designs?: readonly DesignRef[];
  /** The scenarios (default: scenarios/). */
  readonly scenarios?: readonly ScenarioT[];
  /** Environment (GITHUB_STEP_SUMMARY); process.env by default. */
  readonly env?: NodeJS.ProcessEnv;
}

/** A baseline naming a design the gate does not measure would hold nothing for it: refused. */
function checkDesigns(path: string, base: BaselineT, known: readonly string[]): void {
  const where = (d: string): string => {
    if (base.counters && Object.hasOwn(base.counters, d)) return `counters.${d}`;
    const s = Object.keys(base.cells).find((id) => Object.hasOwn(base.cells[id] ?? {}, d));
    return `cells.${s ?? '?'}.${d}`;
  };
  const named = new Set([...Object.values(base.cells).flatMap((c) => Object.keys(c)), ...Object.keys(base.counters ?? {})]);
  const unknown = [...named].filter((d) => !known.includes(d)).sort();
  if (unknown.length > 0) {
    throw new UsageError(`${path}: at ${where(unknown[0] ?? '')}: unknown design "${unknown[0]}"${unknown.length > 1 ? ` (and ${unknown.slice(1).join(', ')})` : ''}; ` +
      `designs: ${known.join(', ')} (a design module is named with --design <path>)`, 'bad-baseline');
  }
}

export async function gateCommand(opts: GateCliOptions, io: Io, subjects: GateSubjects = {}): Promise<ExitCode> {
  const jobs = parseJobs(opts.jobs);
  const path = opts.baseline ?? DEFAULT_BASELINE;
  const env = subjects.env ?? process.env;
  const summary = env.GITHUB_STEP_SUMMARY;
  // Every output is checked before the matrix runs (and before anything says "pass").
  if (opts.update === true) checkOutputFile('--baseline', path);
  checkOutputFile('--junit', opts.junit);
  if (summary !== undefined && summary !== '') checkAppendFile('GITHUB_STEP_SUMMARY', summary);
  if (opts.update === true) {
    const seed = parseSeed(opts.seed);
    const { cells, matrix, counters } = await measure(seed, subjects, jobs);
    const mistakes = mistakeClasses(matrix);
    writeFileAtomic(path, baselineText(makeBaseline({ seed, cells, mistakes, counters, counterTolerance: 0 })));
    io.out(`wrote ${path}: ${cells.length} cells, ${Object.keys(mistakes).length} driver mistakes, seed ${seed}\n`);
    return EXIT.ok;
  }
  let base;
  try {
    base = readBaseline(path);
  } catch (e) {
    if (e instanceof BaselineError) throw new UsageError(e.message, 'bad-baseline');
    throw e;
  }
  checkDesigns(path, base, [...new Set([...DESIGN_NAMES, ...(subjects.designs ?? []).map((r) => (typeof r === 'string' ? r : r.name))])]);
  const seed = opts.seed === undefined ? base.seed : parseSeed(opts.seed);
  const { cells, matrix, counters } = await measure(seed, subjects, jobs);
  // The driver-mistake classes and the counters are held too, when the baseline has them.
  const extra = base.mistakes ? compareMistakes(base.mistakes, matrix) : [];
  const extraAdded = base.mistakes ? newDesignMistakes(base.mistakes, matrix) : [];
  if (!base.mistakes) io.out('note: the baseline has no driver-mistake classes; run --update to hold them\n');
  if (!base.counters) io.out('note: the baseline has no lookup-path counters; run --update to hold them\n');
  const result = compareWithBaseline(base, { cells, extra, extraAdded, counters, strict: opts.strict === true });
  // The files first: a write that fails is exit 2 before any "gate: pass" is printed.
  if (opts.junit !== undefined) writeFileAtomic(opts.junit, gateJunit(cells, result));
  if (summary !== undefined && summary !== '') appendSummary(summary, gateSummaryMd(result));
  io.out(formatGate(result));
  return gateFails(result) ? EXIT.unsafe : EXIT.ok;
}

function appendSummary(file: string, text: string): void {
  try {
    appendFileSync(file, text);
  } catch (e) {
    throw new OutputError(`GITHUB_STEP_SUMMARY ${file}: cannot append: ${fsReason(e)}`, file);
  }
}

/** `arena gate`, as registered in gate.command.ts. */
export async function action(ctx: CommandContext, opts: GateCliOptions): Promise<void> {
  const s = await loadSubjects(opts);
  const scenarios = matrixScenarios(s.scenarioDirs);
  ctx.exit(await gateCommand(opts, ctx.io, { designs: s.designs, ...(scenarios ? { scenarios } : {}) }));
}
