// arena run <id-or-file...> [--design a,b] [--format text|json|ktap] [--seed n] [--fail-on-unsafe]
import { isUnsafe, runScenarios, type CellResult } from '../../scenarios/index.ts';
import { parseSeed } from '../args.ts';
import { EXIT, UsageError, type ExitCode } from '../exit.ts';
import { FORMATS, FORMAT_NAMES, type FormatName } from '../formats/index.ts';
import type { Io } from '../io.ts';
import { resolveScenarios } from '../scenario-source.ts';
import { builtInSubjects, loadSubjects, type Subjects } from '../subjects.ts';
import type { CommandContext } from './types.ts';

export interface RunCliOptions {
  readonly design?: string;
  readonly scenarios?: string;
  readonly format?: string;
  readonly seed?: string | number;
  readonly failOnUnsafe?: boolean;
}

function isFormat(s: string): s is FormatName {
  return Object.hasOwn(FORMATS, s);
}

/** Runs the named scenarios (ids, or paths to .yaml files) and prints the cells. */
export function runCommand(targets: readonly string[], opts: RunCliOptions, io: Io, subjects: Subjects = builtInSubjects()): ExitCode {
  const format = opts.format ?? 'text';
  if (!isFormat(format)) throw new UsageError(`--format wants one of ${FORMAT_NAMES.join(', ')}, got "${format}"`, 'bad-format');
  if (targets.length === 0) throw new UsageError('run wants at least one scenario id or .yaml file', 'no-scenario');
  const designs = subjects.designs;
  const seed = parseSeed(opts.seed);
  const scenarios = resolveScenarios(targets, subjects.scenarioDirs);
  const cells: CellResult[] = runScenarios({ scenarios, designs, seed });
  const titles = new Map(scenarios.map((s) => [s.id, s.title]));
  io.out(FORMATS[format](cells, { seed, titles, color: io.color }));
  return opts.failOnUnsafe === true && cells.some((c) => isUnsafe(c.outcome)) ? EXIT.unsafe : EXIT.ok;
}

/** `arena run`, as registered in run.command.ts. */
export async function action(ctx: CommandContext, targets: string[], opts: RunCliOptions): Promise<void> {
  ctx.exit(runCommand(targets, opts, ctx.io, await loadSubjects(opts)));
}
