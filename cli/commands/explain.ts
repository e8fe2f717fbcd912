// arena explain <id> --design d: one cell, step by step, with the vmas, type1's runs,
// the IOMMU entries and the dmesg lines each step printed.
import { formatTrace, traceCell } from '../../scenarios/index.ts';
import type { Design } from '../../core/index.ts';
import { parseSeed } from '../args.ts';
import { EXIT, UsageError, type ExitCode } from '../exit.ts';
import type { Io } from '../io.ts';
import { resolveScenarios } from '../scenario-source.ts';
import { loadOneDesign, loadSubjects } from '../subjects.ts';
import type { CommandContext } from './types.ts';

export interface ExplainOptions {
  readonly design?: string;
  readonly scenarios?: string;
  readonly seed?: string | number;
}

export function explainCommand(target: string, opts: ExplainOptions, io: Io, design: Design, scenarioDirs: readonly string[] = []): ExitCode {
  const seed = parseSeed(opts.seed);
  const [scenario] = resolveScenarios([target], scenarioDirs);
  if (!scenario) throw new UsageError(`no scenario "${target}"`, 'unknown-scenario');
  io.out(`${formatTrace(traceCell(scenario, design, seed))}\n`);
  return EXIT.ok;
}

/** `arena explain`, as registered in explain.command.ts. */
export async function action(ctx: CommandContext, target: string, opts: ExplainOptions): Promise<void> {
  if (opts.design === undefined) throw new UsageError('explain wants --design <name>', 'no-design');
  const design = await loadOneDesign(opts.design);
  const { scenarioDirs } = await loadSubjects({ ...(opts.scenarios !== undefined ? { scenarios: opts.scenarios } : {}) });
  ctx.exit(explainCommand(target, opts, ctx.io, design, scenarioDirs));
}
