// arena faults <scenario> [--design d,...] [--seed n]: fail each numbered allocation /
// pin / map point of the scenario in turn (1, 2, 3, ... until a run reaches no point
// to fail) and print, per point per design, what failed, the outcome, and whether the
// kernel unwound cleanly (an errno or nothing, no invariant broken, nothing leaked).
import { sweepFaults, type FaultRow, type FaultSweep } from '../../scenarios/fuzzer/index.ts';
import { parseSeed } from '../args.ts';
import { EXIT, UsageError, type ExitCode } from '../exit.ts';
import type { Io } from '../io.ts';
import { resolveScenarios } from '../scenario-source.ts';
import { builtInSubjects, loadSubjects, type Subjects } from '../subjects.ts';
import type { CommandContext } from './types.ts';

export interface FaultsCliOptions {
  readonly design?: string;
  readonly scenarios?: string;
  readonly seed?: string | number;
  readonly failOnUnclean?: boolean;
}

function rowLine(design: string, r: FaultRow, width: number, io: Io): string {
  const verdict = r.clean ? io.color.green(r.errno ? 'clean' : 'clean (no errno: the failure was absorbed)') : io.color.red(`NOT clean: ${r.summary}`);
  return `${design}  fail-nth ${String(r.nth).padStart(3)}  ${r.point.padEnd(width)}  ${r.outcome.padEnd(8)}  ${(r.errno ?? '-').padEnd(7)}  ${verdict}`;
}

export function faultsLines(sweeps: readonly FaultSweep[], io: Io): string[] {
  const width = Math.max(0, ...sweeps.flatMap((s) => s.rows.map((r) => r.point.length)));
  const dw = Math.max(0, ...sweeps.map((s) => s.design.length));
  return sweeps.flatMap((s) => {
    const clean = s.rows.filter((r) => r.clean).length;
    return [
      ...s.rows.map((r) => rowLine(s.design.padEnd(dw), r, width, io)),
      `${s.design.padEnd(dw)}  ${clean} of ${s.rows.length} fail point(s) unwound cleanly${s.truncated ? ' (sweep truncated)' : ''}`,
    ];
  });
}

export function faultsCommand(target: string, opts: FaultsCliOptions, io: Io, subjects: Subjects = builtInSubjects()): ExitCode {
  const designs = subjects.designs;
  const seed = parseSeed(opts.seed);
  const [scenario] = resolveScenarios([target], subjects.scenarioDirs);
  if (!scenario) throw new UsageError(`no scenario "${target}"`, 'unknown-scenario');
  const sweeps = designs.map((d) => sweepFaults(scenario, d, seed));
  io.out(`${io.color.bold(scenario.id)}: fail-nth sweep from the end of setup, one run per fail point\n`);
  io.out(`${faultsLines(sweeps, io).join('\n')}\n`);
  const unclean = sweeps.some((s) => s.rows.some((r) => !r.clean));
  return opts.failOnUnclean === true && unclean ? EXIT.unsafe : EXIT.ok;
}

/** `arena faults`, as registered in faults.command.ts. */
export async function action(ctx: CommandContext, target: string, opts: FaultsCliOptions): Promise<void> {
  ctx.exit(faultsCommand(target, opts, ctx.io, await loadSubjects(opts)));
}
